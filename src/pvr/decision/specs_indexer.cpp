// The specifications that follow an indexer's own settings: its tags
// (IndexerTagSpecification) and its season-pack-only age
// (SeasonPackOnlySpecification).
#include <algorithm>

#include "pvr/db.h"
#include "pvr/decision/specs.h"
#include "pvr/library_detail.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {

std::map<int, IndexerRules> read_indexer_rules(Library& library) {
  return library.with_db([](Db& db) {
    std::map<int, IndexerRules> out;
    Stmt s(db, "SELECT id, tags, season_search_maximum_single_episode_age FROM indexers");
    while (s.step()) out[s.i32(0)] = IndexerRules{libdb::split_ints(s.text(1)), s.i32(2)};
    return out;
  });
}

std::optional<Rejection> indexer_tag_spec(const SpecInput& in) {
  auto it = in.indexers.find(in.remote.release.indexer_id);
  if (it == in.indexers.end() || it->second.tags.empty()) return std::nullopt;
  for (int tag : it->second.tags)
    for (int own : in.series.tags)
      if (tag == own) return std::nullopt;
  return Rejection{"Release rejected since the series has none of the tags of indexer " + in.remote.release.indexer, false};
}

// In a season search, an indexer may ask for packs only once the season
// has been out long enough: a single episode is then not what is wanted.
std::optional<Rejection> season_pack_only_spec(const SpecInput& in) {
  if (!in.target || !in.target->season_search || in.parsed.full_season) return std::nullopt;
  if (in.series.series_type != "standard" && !in.series.series_type.empty()) return std::nullopt;
  auto it = in.indexers.find(in.remote.release.indexer_id);
  if (it == in.indexers.end() || it->second.season_pack_only_after_days <= 0 || in.remote.episodes.empty())
    return std::nullopt;
  const int season = in.remote.episodes.front().season_number;
  std::optional<std::time_t> last_aired;
  for (const auto& e : must(in.library.episodes_for_series(in.series.id))) {
    if (e.season_number != season || !e.air_date_utc) continue;
    auto t = parse_utc(*e.air_date_utc);
    if (t && *t <= in.now) last_aired = std::max(last_aired.value_or(*t), *t);
  }
  if (!last_aired || in.now - *last_aired < static_cast<std::time_t>(it->second.season_pack_only_after_days) * 86400)
    return std::nullopt;
  return Rejection{"Episode in a season search older than " + std::to_string(it->second.season_pack_only_after_days) +
                       " days: only season packs are wanted",
                   false};
}

}  // namespace nzbd::pvr
