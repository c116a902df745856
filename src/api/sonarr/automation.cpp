// Automation wiring: which indexers a search asks, which client a grab
// uses, what "already in queue" sees, and what a failed download triggers.
#include "api/sonarr/automation.h"

#include "api/sonarr/json_io.h"
#include "pvr/indexer/indexer_factory.h"
#include "pvr/time_util.h"

namespace nzbd::sonarr {
namespace {

pvr::IndexerList indexers_for(Context& ctx, pvr::IndexerPurpose purpose) {
  pvr::IndexerList out;
  for (auto& i : pvr::make_enabled_indexers(*ctx.indexers, ctx.http_get, purpose)) out.push_back(std::move(i));
  return out;
}

// The release's own indexer, or (a push without one) a plain GET of its URL.
Result<std::string> fetch_nzb(Context& ctx, const pvr::ReleaseInfo& release) {
  if (release.indexer_id > 0)
    if (auto indexer = pvr::make_indexer(*ctx.indexers, ctx.http_get, release.indexer_id))
      return indexer->download_nzb(release);
  auto reply = ctx.http_get(release.download_url);
  if (!reply) return reply.error();
  if (reply->status == 404) return make_error("404 Not Found: the release is no longer available");
  if (reply->status != 200) return make_error("NZB download failed: HTTP " + std::to_string(reply->status));
  if (reply->body.find("<nzb") == std::string::npos) return make_error("NZB download failed: the answer is not an NZB");
  return std::move(reply->body);
}

// Sonarr's client choice: enabled clients, lowest priority value first.
Result<pvr::ClientChoice> choose_client(Context& ctx) {
  std::optional<pvr::DownloadClientDefinition> best;
  for (auto& d : ctx.download_clients->list())
    if (d.enable && (!best || d.priority < best->priority)) best = d;
  if (!best) return make_error("No download client is available: enable one under Settings > Download Clients");
  auto client = pvr::make_download_client(*best, ctx.tracker->builtin());
  if (!client) return make_error("Download client " + best->name + " cannot be used by this nzbd");
  pvr::ClientChoice c;
  c.client = std::move(client);
  c.id = best->id;
  c.name = best->name;
  c.implementation = pvr::implementation_name(best->implementation);
  c.category = best->settings.tv_category;
  c.recent_priority = best->settings.recent_tv_priority;
  c.older_priority = best->settings.older_tv_priority;
  return c;
}

std::vector<pvr::QueuedRelease> queued_releases(Context& ctx) {
  std::vector<pvr::QueuedRelease> out;
  for (const auto& t : ctx.tracked->active()) out.push_back({t.series_id, t.episode_ids, t.quality, t.title});
  return out;
}

void on_failed(Context& ctx, const pvr::TrackedDownload& td, const std::string& message, bool skip_redownload) {
  pvr::BlocklistEntry b;
  b.series_id = td.series_id;
  b.episode_ids = td.episode_ids;
  b.source_title = td.title;
  b.quality = td.quality;
  if (!td.release.publish_date.empty()) b.published_date = td.release.publish_date;
  if (td.release.size > 0) b.size = td.release.size;
  b.indexer = td.indexer;
  b.message = message;
  (void)ctx.blocklist->add(b);
  if (skip_redownload || !ctx.download_clients->config().auto_redownload_failed || td.episode_ids.empty()) return;
  queue_command(ctx, "EpisodeSearch", json{{"episodeIds", td.episode_ids}}, "unspecified");
}

}  // namespace

void wire_automation(Context& ctx) {
  if (!ctx.http_get) ctx.http_get = pvr::curl_http_get();
  if (!ctx.indexers) ctx.indexers = std::make_unique<pvr::IndexerStore>(*ctx.library);
  ctx.tracked = std::make_unique<pvr::TrackedDownloads>(*ctx.library);
  ctx.blocklist = std::make_unique<pvr::Blocklist>(*ctx.library);
  Context* c = &ctx;
  ctx.decisions = std::make_unique<pvr::DecisionMaker>(
      *ctx.library, pvr::DecisionServices{[c] { return queued_releases(*c); }, [] { return pvr::now_utc(); }});
  ctx.grabber = std::make_unique<pvr::Grabber>(pvr::GrabDeps{
      *ctx.library, *ctx.tracked, [c](const pvr::Series&) { return choose_client(*c); },
      [c](const pvr::ReleaseInfo& r) { return fetch_nzb(*c, r); }, [] { return pvr::now_utc(); },
      [c] { c->download_refresh->trigger(); }});
  ctx.search = std::make_unique<pvr::SearchService>(pvr::SearchDeps{
      *ctx.library, *ctx.decisions, *ctx.grabber,
      [c](bool interactive) {
        return indexers_for(*c, interactive ? pvr::IndexerPurpose::InteractiveSearch
                                            : pvr::IndexerPurpose::AutomaticSearch);
      },
      [c] { return indexers_for(*c, pvr::IndexerPurpose::Rss); }});
  ctx.tracker->set_on_failed([c](const pvr::TrackedDownload& td, const std::string& message, bool skip) {
    on_failed(*c, td, message, skip);
  });
}

}  // namespace nzbd::sonarr

namespace nzbd::sonarr {

int task_interval(Context& ctx, const std::string& command, int default_minutes) {
  if (command != "RssSync") return default_minutes;
  return ctx.indexers->config().rss_sync_interval;
}

std::string run_housekeeping(Context& ctx) {
  const auto cutoff = pvr::format_utc(std::time(nullptr) - 14 * 86400);
  int removed = 0;
  for (const auto& t : ctx.tracked->all()) {
    bool ended = t.state == "imported" || t.state == "failed" || t.state == "ignored";
    if (ended && t.updated < cutoff && ctx.tracked->remove(t.id)) ++removed;
  }
  return "Completed: " + std::to_string(removed) + " finished downloads forgotten";
}

}  // namespace nzbd::sonarr
