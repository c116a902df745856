#include "api/sonarr/queue_pending.h"

#include <algorithm>
#include <ctime>

#include "pvr/db.h"
#include "pvr/decision/blocklist.h"
#include "pvr/decision/delay_profiles.h"
#include "pvr/decision/pending_releases.h"
#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {
namespace {

// Sonarr's estimate: the delay ends at publish + delay (not before it was
// added); the release is judged at the RSS sync after that.
int seconds_left(const pvr::PendingRelease& p, int delay_minutes, int rss_minutes, std::time_t now) {
  std::time_t ect = now;
  if (auto published = pvr::parse_utc(p.release.publish_date)) ect = *published + delay_minutes * 60;
  if (auto added = pvr::parse_utc(p.added)) ect = std::max(ect, *added);
  ect = ect < now ? now + rss_minutes * 60 : ect + rss_minutes * 60;
  return static_cast<int>(std::max<std::time_t>(0, ect - now));
}

}  // namespace

std::vector<pvr::QueueEntry> pending_queue_entries(Context& ctx) {
  std::vector<pvr::QueueEntry> out;
  auto pending = pvr::PendingReleases(*ctx.library).list();
  if (pending.empty()) return out;
  const auto profiles = pvr::DelayProfiles(*ctx.library).list();
  const int rss_minutes = std::max(ctx.indexers->config().rss_sync_interval, 1);
  const std::time_t now = std::time(nullptr);
  for (const auto& p : pending) {
    auto series = pvr::found(ctx.library->get_series(p.series_id));
    if (!series) continue;  // the series went; the next sync drops the release
    pvr::QueueEntry e;
    e.download.id = -p.id;
    e.download.series_id = p.series_id;
    e.download.episode_ids = p.episode_ids;
    e.download.title = p.title;
    e.download.quality = p.quality;
    e.download.indexer = p.release.indexer;
    e.download.release = p.release;
    e.download.grabbed = p.added;
    e.download.state.clear();  // Sonarr shows no tracked state for pending items
    e.status = p.reason;
    e.tracked_status.clear();
    e.size = p.release.size;
    e.size_left = p.release.size;
    const int delay = pvr::best_delay_profile(profiles, series->tags).delay_for(p.release.download_protocol);
    e.time_left_seconds = seconds_left(p, delay, rss_minutes, now);
    out.push_back(std::move(e));
  }
  return out;
}

Status remove_pending(Context& ctx, int id, bool blocklist) {
  pvr::PendingReleases store(*ctx.library);
  auto p = store.get(id);
  if (!p) return make_error("Queue item does not exist");
  if (blocklist) {
    pvr::RemoteEpisode remote;
    remote.release = p->release;
    remote.parsed = pvr::parse_release(p->title);
    remote.series = pvr::found(ctx.library->get_series(p->series_id));
    remote.episodes = pvr::must(ctx.library->episodes_by_ids(p->episode_ids));
    auto entry = pvr::blocklist_entry_for(remote, "Pending release manually blocklisted");
    entry.series_id = p->series_id;
    if (auto added = pvr::Blocklist(*ctx.library).add(entry); !added) return make_error(added.message());
  }
  return store.remove(id);
}

}  // namespace nzbd::sonarr
