// Internals shared by the Sonarr handler files: the state a handler reaches
// and the request as a handler sees it (resource path already split off).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/sonarr/command_queue.h"
#include "api/sonarr/refresh_timer.h"
#include "api/sonarr/scheduler.h"
#include "api/sonarr/sonarr_api.h"
#include "pvr/download/client_store.h"
#include "pvr/decision/blocklist.h"
#include "pvr/decision/decision_maker.h"
#include "pvr/download/grab.h"
#include "pvr/download/tracker.h"
#include "pvr/http_get.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/search/search_service.h"
#include "pvr/library.h"
#include "pvr/tvmaze.h"

namespace nzbd::sonarr {

struct SonarrApi::Impl {
  SonarrOptions options;
  std::unique_ptr<pvr::Library> library;
  std::unique_ptr<pvr::TvMazeClient> tvmaze;
  std::string start_time;
  std::unique_ptr<pvr::DownloadClientStore> download_clients;
  std::unique_ptr<pvr::DownloadTracker> tracker;
  std::unique_ptr<pvr::GrabService> grabs;  // after a grab: download_refresh->trigger()
  std::unique_ptr<RefreshTimer> download_refresh;  // RefreshMonitoredDownloads every minute
  // The automation (wire_automation in automation.cpp).
  std::unique_ptr<pvr::IndexerStore> indexers;  // indexer rows, back-off, /config/indexer
  pvr::HttpGet http_get;                        // indexers' HTTP (libcurl)
  std::unique_ptr<pvr::TrackedDownloads> tracked;
  std::unique_ptr<pvr::Blocklist> blocklist;
  std::unique_ptr<pvr::DecisionMaker> decisions;
  std::unique_ptr<pvr::SearchService> search;
  std::unique_ptr<Scheduler> scheduler;  // queues commands: goes before the queue
  std::unique_ptr<CommandQueue> commands;  // last: stops before the rest goes
};
using Context = SonarrApi::Impl;

struct Call {
  const http::Request& req;
  std::string method;          // upper case; HEAD is treated as GET
  std::string resource;        // "series", "wanted/missing", ...
  std::optional<int> id;       // "/series/5" -> 5
  std::string rest;            // anything after the id, or a non-numeric tail
  bool legacy = false;         // /api/<resource> rather than /api/v3/<resource>

  std::string param(std::string_view key) const;  // query/form value, key matched case-insensitively
  std::vector<std::string> params(std::string_view key) const;  // repeated or comma-separated
};

using Handler = http::Response (*)(Context&, const Call&);

http::Response handle_series(Context&, const Call&);
http::Response handle_series_lookup(Context&, const Call&);
http::Response handle_episode(Context&, const Call&);
http::Response handle_episode_monitor(Context&, const Call&);
http::Response handle_episodefile(Context&, const Call&);
http::Response handle_calendar(Context&, const Call&);
http::Response handle_wanted_missing(Context&, const Call&);
http::Response handle_wanted_cutoff(Context&, const Call&);
http::Response handle_release(Context&, const Call&);
http::Response handle_system_task(Context&, const Call&);
http::Response handle_history(Context&, const Call&);
http::Response handle_history_failed(Context&, const Call&);
http::Response handle_rootfolder(Context&, const Call&);
http::Response handle_qualityprofile(Context&, const Call&);
http::Response handle_qualitydefinition(Context&, const Call&);
http::Response handle_languageprofile(Context&, const Call&);
http::Response handle_tag(Context&, const Call&);
http::Response handle_parse(Context&, const Call&);
http::Response handle_command(Context&, const Call&);
http::Response handle_system_status(Context&, const Call&);
http::Response handle_health(Context&, const Call&);
http::Response handle_queue(Context&, const Call&);
http::Response handle_diskspace(Context&, const Call&);
http::Response handle_config_naming(Context&, const Call&);
http::Response handle_config_mediamanagement(Context&, const Call&);
http::Response handle_rename(Context&, const Call&);
// RenameFiles / RenameSeries: (success, message) for the command record.
std::pair<bool, std::string> run_rename_command(Context& ctx, const pvr::CommandRecord& cmd);
http::Response handle_blocklist(Context&, const Call&);
http::Response handle_releaseprofile(Context&, const Call&);
http::Response handle_delayprofile(Context&, const Call&);
http::Response handle_downloadclient(Context&, const Call&);
http::Response handle_config_downloadclient(Context&, const Call&);
http::Response handle_indexer(Context&, const Call&);
http::Response handle_indexer_schema(Context&, const Call&);
http::Response handle_indexer_test(Context&, const Call&);
http::Response handle_indexer_testall(Context&, const Call&);
http::Response handle_config_indexer(Context&, const Call&);
// The indexer entries of /health (IndexerRssCheck, IndexerSearchCheck,
// IndexerStatusCheck, IndexerLongTermStatusCheck).
void append_indexer_health(Context& ctx, nlohmann::json& out);

// Runs one command (on the command thread); fills status/result/message.
void execute_command(Context& ctx, pvr::CommandRecord& cmd);
// Stores a command (trigger "manual", "scheduled" or "unspecified") and queues it.
pvr::CommandRecord queue_command(Context& ctx, const std::string& name, const nlohmann::json& body,
                                 const std::string& trigger);

}  // namespace nzbd::sonarr
