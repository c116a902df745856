// Automation wiring: which indexers a search asks, which client a grab
// uses, what "already in queue" sees, and what a failed download triggers.
#include "api/sonarr/automation.h"

#include <spdlog/spdlog.h>

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
  if (auto added = ctx.blocklist->add(b); !added)
    spdlog::error("blocklist: could not add {}: {}", td.title, added.message());
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
      *ctx.library,
      pvr::DecisionServices{[c] { return pvr::queued_releases(*c->tracked); }, [] { return pvr::now_utc(); }});
  auto grab = [c](const pvr::DownloadDecision& d, pvr::GrabSource source) -> Result<pvr::TrackedDownload> {
    auto grabbed = c->grabs->grab(pvr::GrabRequest{d.remote, pvr::grab_source_name(source), std::nullopt});
    if (grabbed) c->download_refresh->trigger();  // Sonarr looks at the client about 5 s after a grab
    return grabbed;
  };
  ctx.search = std::make_unique<pvr::SearchService>(pvr::SearchDeps{
      *ctx.library, *ctx.decisions, grab,
      [c](bool interactive) {
        return indexers_for(*c, interactive ? pvr::IndexerPurpose::InteractiveSearch
                                            : pvr::IndexerPurpose::AutomaticSearch);
      },
      [c] { return indexers_for(*c, pvr::IndexerPurpose::Rss); }});
  // A grab fetches the NZB through the release's indexer, so its failures
  // and rate limits back that indexer off.
  ctx.grabs->set_indexer_source([c](int id) { return pvr::make_indexer(*c->indexers, c->http_get, id); });
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
