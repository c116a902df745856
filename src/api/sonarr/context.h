// Internals shared by the Sonarr handler files: the state a handler reaches
// and the request as a handler sees it (resource path already split off).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

#include "api/sonarr/command_queue.h"
#include "api/sonarr/sonarr_api.h"
#include "pvr/http_get.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/library.h"
#include "pvr/tvmaze.h"

namespace nzbd::sonarr {

struct SonarrApi::Impl {
  SonarrOptions options;
  std::unique_ptr<pvr::Library> library;
  std::unique_ptr<pvr::TvMazeClient> tvmaze;
  std::string start_time;
  std::unique_ptr<pvr::IndexerStore> indexers;  // indexer rows, back-off, /config/indexer
  pvr::HttpGet http_get;                        // indexers' HTTP (libcurl)
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
http::Response handle_history(Context&, const Call&);
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

}  // namespace nzbd::sonarr
