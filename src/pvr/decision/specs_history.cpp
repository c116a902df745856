// Specifications that read what other parts of the TV side recorded: the
// indexers' back-off and the grab history.
#include "pvr/db.h"
#include "pvr/decision/quality_json.h"
#include "pvr/decision/specs.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {

std::map<int, std::string> read_blocked_indexers(Library& library, std::time_t now) {
  return library.with_db([&](Db& db) {
    std::map<int, std::string> out;
    Stmt s(db, "SELECT indexer_id, disabled_till FROM indexer_status WHERE disabled_till IS NOT NULL");
    while (s.step()) {
      std::string till = s.text(1);
      auto t = parse_utc(till);
      if (t && *t > now) out[s.i32(0)] = format_utc(*t);
    }
    return out;
  });
}

// BlockedIndexerSpecification: an indexer in back-off cannot hand out its
// NZBs now; temporary, the release is tried again later.
std::optional<Rejection> blocked_indexer_spec(const SpecInput& in) {
  auto it = in.blocked_indexers.find(in.remote.release.indexer_id);
  if (it == in.blocked_indexers.end()) return std::nullopt;
  return Rejection{"Indexer " + in.remote.release.indexer + " is blocked till " + it->second +
                       " due to failures, cannot grab release.",
                   true};
}

// RssSync/HistorySpecification: in RSS sync, a grab of the same episodes in
// the last 12 hours (or any grab when completed download handling is off)
// that the new release does not beat stops a second grab.
std::optional<Rejection> history_spec(const SpecInput& in) {
  if (in.target) return std::nullopt;  // searches skip it
  for (const auto& e : in.remote.episodes) {
    struct Latest {
      std::string event, date;
      int quality = 0;
    };
    auto latest = in.library.with_db([&](Db& db) -> std::optional<Latest> {
      Stmt s(db, "SELECT event_type, date, quality_id FROM history WHERE episode_id=?1 ORDER BY date DESC, id DESC LIMIT 1");
      s.bind(1, e.id);
      if (!s.step()) return std::nullopt;
      return Latest{s.text(0), s.text(1), s.i32(2)};
    });
    if (!latest || latest->event != "grabbed") continue;
    auto when = parse_utc(latest->date);
    bool recent = when && *when > in.now - 12 * 3600;
    if (!recent && in.config.completed_download_handling) continue;
    // History keeps the quality id only, so the grab's revision reads as v1.
    QualityModel grabbed = quality_model(latest->quality);
    const std::string subject = recent ? "Recent" : "CDH is disabled and";
    if (!quality_cutoff_not_met(in.profile, grabbed, &in.parsed.quality))
      return Rejection{(recent ? std::string("Recent grab event in history already meets cutoff: ")
                               : std::string("CDH is disabled and grab event in history already meets cutoff: ")) +
                           quality_text(grabbed),
                       false};
    switch (upgrade_reject(in.profile, grabbed, in.parsed.quality, in.config.propers)) {
      case UpgradeReject::BetterQuality:
        return Rejection{subject + " grab event in history is of equal or higher preference: " + quality_text(grabbed)};
      case UpgradeReject::BetterRevision:
        return Rejection{subject + " grab event in history is of equal or higher revision: " + revision_text(grabbed)};
      case UpgradeReject::QualityCutoff:
        return Rejection{subject + " grab event in history meets quality cutoff: " + quality_name(in.profile.cutoff)};
      case UpgradeReject::CustomFormatScore:
        return Rejection{subject + " grab event in history has an equal or higher Custom Format score: 0"};
      case UpgradeReject::None:
      case UpgradeReject::UpgradesNotAllowed:  // Sonarr's switch has no case for it
        continue;
    }
  }
  return std::nullopt;
}

}  // namespace nzbd::pvr
