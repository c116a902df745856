// Grab: NZB fetch, hand-off to the download client, history and tracking.
#include "pvr/search/grabber.h"

#include <algorithm>
#include <ctime>

#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

constexpr std::time_t kRecentSeconds = 14 * 86400;

// Sonarr sends "<clean title>.nzb": no path separators or control bytes.
std::string clean_file_name(const std::string& title) {
  std::string out;
  for (unsigned char c : title) {
    if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
        c == '>' || c == '|')
      continue;
    out += static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.empty() ? "release" : out;
}

bool is_recent(const std::vector<Episode>& episodes, std::time_t now) {
  return std::any_of(episodes.begin(), episodes.end(), [&](const Episode& e) {
    if (!e.air_date_utc) return false;
    auto aired = parse_utc(*e.air_date_utc);
    return aired && *aired >= now - kRecentSeconds;
  });
}

// The release's age in whole minutes (0 when the indexer gave no date).
long age_minutes(const ReleaseInfo& r, std::time_t now) {
  auto published = parse_utc(r.publish_date);
  if (!published || *published > now) return 0;
  return static_cast<long>((now - *published) / 60);
}

std::vector<std::pair<std::string, std::string>> grabbed_data(const DownloadDecision& d, const ClientChoice& client,
                                                              GrabSource source, std::time_t now) {
  const auto& r = d.remote.release;
  long minutes = age_minutes(r, now);
  std::string group = d.remote.parsed ? d.remote.parsed->release_group : "";
  return {{"indexer", r.indexer},
          {"nzbInfoUrl", r.info_url},
          {"releaseGroup", group},
          {"age", std::to_string(minutes / 1440)},
          {"ageHours", std::to_string(minutes / 60)},
          {"ageMinutes", std::to_string(minutes)},
          {"publishedDate", r.publish_date},
          {"downloadClient", client.implementation},
          {"downloadClientName", client.name},
          {"size", std::to_string(r.size)},
          {"downloadUrl", r.download_url},
          {"guid", r.guid},
          {"tvdbId", std::to_string(d.remote.series ? d.remote.series->tvdb_id : r.tvdb_id)},
          {"tvRageId", std::to_string(r.tvrage_id)},
          {"imdbId", r.imdb_id},
          {"protocol", "1"},
          {"customFormatScore", "0"},
          {"seriesMatchType", r.tvdb_id ? "Id" : "Title"},
          {"releaseSource", grab_source_name(source)},
          {"indexerFlags", "0"},
          {"releaseType", d.remote.episodes.size() > 1 ? "MultiEpisode" : "SingleEpisode"}};
}

}  // namespace

const char* grab_source_name(GrabSource source) {
  switch (source) {
    case GrabSource::Rss: return "Rss";
    case GrabSource::Search: return "Search";
    case GrabSource::UserInvokedSearch: return "UserInvokedSearch";
    case GrabSource::InteractiveSearch: return "InteractiveSearch";
    case GrabSource::ReleasePush: return "ReleasePush";
  }
  return "Unknown";
}

std::variant<TrackedDownload, GrabError> Grabber::grab(const DownloadDecision& d, GrabSource source) {
  const auto& remote = d.remote;
  if (!remote.series || remote.episodes.empty())
    return GrabError{GrabFailure::Other, "Release " + remote.release.title + " is not mapped to any episode"};
  auto client = deps_.choose_client(*remote.series);
  if (!client) return GrabError{GrabFailure::ClientUnavailable, client.message()};
  auto nzb = deps_.fetch_nzb(remote.release);
  if (!nzb) {
    bool gone = nzb.message().rfind("404", 0) == 0 || nzb.message().find("404 Not Found") != std::string::npos;
    return GrabError{gone ? GrabFailure::ReleaseUnavailable : GrabFailure::Other, nzb.message()};
  }
  std::time_t now = parse_utc(deps_.now_utc()).value_or(std::time(nullptr));
  AddNzbRequest add;
  add.nzb = std::move(*nzb);
  add.name = clean_file_name(remote.release.title) + ".nzb";
  add.category = client->category;
  add.priority = is_recent(remote.episodes, now) ? client->recent_priority : client->older_priority;
  auto id = client->client->add_nzb(add);
  if (!id) return GrabError{GrabFailure::ClientUnavailable, "Download client " + client->name + ": " + id.message()};
  if (id->empty())
    return GrabError{GrabFailure::Other, "Download client " + client->name + " did not return a download id"};

  TrackedDownload t;
  t.download_client_id = client->id;
  t.download_id = *id;
  t.series_id = remote.series->id;
  for (const auto& e : remote.episodes) t.episode_ids.push_back(e.id);
  t.title = remote.release.title;
  if (remote.parsed) t.quality = remote.parsed->quality;
  t.indexer = remote.release.indexer;
  t.release = remote.release;
  t.grabbed = t.updated = format_utc(now);
  auto stored = deps_.tracked.add(t);
  // The job is in the client already; a tracking failure must not hide that.
  if (!stored) return GrabError{GrabFailure::Other, "Grabbed, but could not record the download: " + stored.message()};

  auto data = grabbed_data(d, *client, source, now);
  for (const auto& e : remote.episodes)
    deps_.library.add_history({0, remote.series->id, e.id, remote.release.title, t.quality.id, t.grabbed, "grabbed",
                               *id, data});
  if (deps_.after_grab) deps_.after_grab();
  return *stored;
}

}  // namespace nzbd::pvr
