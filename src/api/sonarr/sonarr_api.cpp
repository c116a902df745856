// SonarrApi: construction, authentication and routing to the resources.
#include "api/sonarr/sonarr_api.h"

#include <spdlog/spdlog.h>

#include "pvr/db.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "api/sonarr/automation.h"
#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

struct Route {
  const char* resource;
  Handler handler;
};

// Longer paths first so "series/lookup" wins over "series".
constexpr Route kRoutes[] = {
    {"series/lookup", handle_series_lookup},
    {"series", handle_series},
    {"episode/monitor", handle_episode_monitor},
    {"episodefile", handle_episodefile},
    {"episode", handle_episode},
    {"calendar", handle_calendar},
    {"wanted/missing", handle_wanted_missing},
    {"wanted/cutoff", handle_wanted_cutoff},
    {"release", handle_release},
    {"missing", handle_wanted_missing},  // Sonarr 3 redirect
    {"history/failed", handle_history_failed},
    {"history", handle_history},
    {"rootfolder", handle_rootfolder},
    {"qualityprofile", handle_qualityprofile},
    {"profile", handle_qualityprofile},  // Sonarr 2/3 name
    {"qualitydefinition", handle_qualitydefinition},
    {"languageprofile", handle_languageprofile},
    {"tag", handle_tag},
    {"parse", handle_parse},
    {"command", handle_command},
    {"system/status", handle_system_status},
    {"system/task", handle_system_task},
    {"health", handle_health},
    {"queue", handle_queue},
    {"diskspace", handle_diskspace},
    {"config/naming", handle_config_naming},
    {"config/mediamanagement", handle_config_mediamanagement},
    {"rename", handle_rename},
    {"blocklist", handle_blocklist},
    {"releaseprofile", handle_releaseprofile},
    {"delayprofile", handle_delayprofile},
    {"downloadclient", handle_downloadclient},
    {"config/downloadclient", handle_config_downloadclient},
    {"indexer/schema", handle_indexer_schema},
    {"indexer/testall", handle_indexer_testall},
    {"indexer/test", handle_indexer_test},
    {"indexer", handle_indexer},
    {"config/indexer", handle_config_indexer},
};

bool authorized(const Context& ctx, const http::Request& req) {
  return http::carries_api_key(req, ctx.options.api_key ? ctx.options.api_key() : std::string());
}

}  // namespace

std::string Call::param(std::string_view key) const { return req.params.get_icase(key); }

std::vector<std::string> Call::params(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : req.params.items()) {
    if (to_lower(k) != to_lower(key)) continue;
    std::size_t start = 0;
    while (start <= v.size()) {
      auto comma = v.find(',', start);
      std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

SonarrApi::SonarrApi(SonarrOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  std::error_code ec;
  std::filesystem::create_directories(impl_->options.data_dir, ec);
  auto lib = pvr::Library::open(impl_->options.data_dir / "tv.db");
  if (!lib) throw std::runtime_error(lib.message());
  impl_->library = std::move(*lib);
  pvr::must(impl_->library->mark_interrupted_commands());
  impl_->tvmaze = std::make_unique<pvr::TvMazeClient>(impl_->options.tvmaze_base_url);
  impl_->start_time = pvr::now_utc();
  impl_->download_clients = std::make_unique<pvr::DownloadClientStore>(*impl_->library);
  impl_->tracker = std::make_unique<pvr::DownloadTracker>(*impl_->library, *impl_->download_clients,
                                                          impl_->options.builtin_download_client);
  impl_->grabs = std::make_unique<pvr::GrabService>(*impl_->library, *impl_->download_clients,
                                                    impl_->options.builtin_download_client);
  pvr::DownloadTracker* tracker = impl_->tracker.get();
  impl_->download_refresh = std::make_unique<RefreshTimer>(std::chrono::minutes(1), [tracker] {
    try {
      // A client that cannot be reached (or a busy library) is tried again next minute.
      if (auto st = tracker->refresh(); !st) spdlog::warn("download refresh: {}", st.message());
    } catch (const std::exception& e) {  // a database error must not end the timer thread
      spdlog::error("download refresh failed: {}", e.what());
    }
  });
  impl_->indexers = std::make_unique<pvr::IndexerStore>(*impl_->library);
  impl_->http_get = pvr::curl_http_get();
  Impl* ctx = impl_.get();
  impl_->commands = std::make_unique<CommandQueue>([ctx](int id) {
    std::optional<pvr::CommandRecord> cmd;
    try {
      cmd = pvr::found(ctx->library->get_command(id));
    } catch (const std::exception& e) {  // a database error costs this command, not the thread
      spdlog::error("command {} cannot be read: {}", id, e.what());
      return;
    }
    if (cmd) execute_command(*ctx, *cmd);  // records its own failures
  });
  wire_automation(*impl_);
  impl_->scheduler = std::make_unique<Scheduler>(
      [ctx](const std::string& name) {
        // The scheduler's thread has no catch: a locked library costs this
        // run of the task (it is due again next interval), not the daemon.
        try {
          return queue_command(*ctx, name, json::object(), "scheduled").id;
        } catch (const std::exception& e) {
          spdlog::error("scheduled {} could not be queued: {}", name, e.what());
          return 0;
        }
      },
      [ctx](const std::string& name, int default_minutes) { return task_interval(*ctx, name, default_minutes); });
}

// The threads call each other (a search triggers a download refresh, a
// failed download queues a search): stop them all before anything goes.
SonarrApi::~SonarrApi() {
  impl_->scheduler.reset();
  impl_->commands->stop();
  impl_->download_refresh.reset();
  impl_->commands.reset();
}

void SonarrApi::wait_idle() { impl_->commands->wait_idle(); }

pvr::DownloadTracker& SonarrApi::tracker() { return *impl_->tracker; }
pvr::DownloadClientStore& SonarrApi::download_clients() { return *impl_->download_clients; }
void SonarrApi::refresh_downloads_soon(std::chrono::milliseconds after) { impl_->download_refresh->trigger(after); }
pvr::GrabService& SonarrApi::grab_service() { return *impl_->grabs; }

std::map<std::string, long long> SonarrApi::history_counts() {
  return impl_->library->with_db([](pvr::Db& db) {
    std::map<std::string, long long> out;
    pvr::Stmt s(db, "SELECT event_type, COUNT(*) FROM history GROUP BY event_type");
    while (s.step()) out[s.text(0)] = s.i64(1);
    return out;
  });
}

std::map<std::string, uint64_t> SonarrApi::indexer_query_counts() const {
  auto c = impl_->search->query_counts();
  return {{"ok", c.asked - c.failed}, {"failed", c.failed}};
}

http::Response SonarrApi::handle(const http::Request& req) {
  std::string path = to_lower(req.path);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string method = req.method;
  std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
  if (method == "HEAD") method = "GET";

  if (path == "/ping") return reply(json{{"status", "OK"}});
  if (!authorized(*impl_, req)) return http::Response::json("", 401);
  if (path == "/api" || path == "/api/v3") return reply(json{{"current", "v3"}, {"deprecated", json::array()}});

  bool legacy = true;
  std::string rest;
  if (path.rfind("/api/v3/", 0) == 0) {
    legacy = false;
    rest = path.substr(8);
  } else if (path.rfind("/api/", 0) == 0) {
    rest = path.substr(5);
  } else {
    return not_found();
  }
  for (const auto& route : kRoutes) {
    std::string_view r = route.resource;
    if (rest.compare(0, r.size(), r) != 0 || (rest.size() > r.size() && rest[r.size()] != '/')) continue;
    Call call{req, method, std::string(r), std::nullopt, {}, legacy};
    if (rest.size() > r.size() + 1) {
      std::string tail = rest.substr(r.size() + 1);
      auto slash = tail.find('/');
      std::string first = tail.substr(0, slash);
      if (auto id = parse_int(first)) {
        call.id = id;
        if (slash != std::string::npos) call.rest = tail.substr(slash + 1);
      } else {
        call.rest = tail;
      }
    }
    try {
      http::Response resp = route.handler(*impl_, call);
      resp.headers.emplace_back("X-Application-Version", impl_->options.version);
      return resp;
    } catch (const pvr::DbError& e) {  // a Library Result a handler unwrapped with pvr::must/found
      return error_reply(e.error);
    } catch (const std::exception& e) {
      return reply(json{{"message", e.what()}, {"description", "internal error"}}, 500);
    }
  }
  return not_found();
}

}  // namespace nzbd::sonarr
