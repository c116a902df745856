// /command and the commands themselves (run on the command thread).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/automation.h"
#include "api/sonarr/search_commands.h"
#include "api/sonarr/series_ops.h"
#include "pvr/importer.h"
#include "pvr/scanner.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

enum class Kind { Refresh, Rescan, Rename, Search, DownloadScan, RefreshDownloads, Housekeeping };

struct KnownCommand {
  const char* name;
  Kind kind;
};

constexpr KnownCommand kCommands[] = {
    {"RefreshSeries", Kind::Refresh},       {"RescanSeries", Kind::Rescan},
    {"RenameSeries", Kind::Rename},         {"RenameFiles", Kind::Rename},
    {"MissingEpisodeSearch", Kind::Search}, {"CutoffUnmetEpisodeSearch", Kind::Search},
    {"EpisodeSearch", Kind::Search},        {"SeasonSearch", Kind::Search},
    {"SeriesSearch", Kind::Search},         {"RssSync", Kind::Search},
    {"DownloadedEpisodesScan", Kind::DownloadScan},
    {"RefreshMonitoredDownloads", Kind::RefreshDownloads}, {"Housekeeping", Kind::Housekeeping},
};

const KnownCommand* find_command(std::string_view name) {
  for (const auto& c : kCommands) {
    std::string_view n = c.name;
    if (iequals(n, name)) return &c;
  }
  return nullptr;
}

// "RescanSeries" -> "Rescan Series".
std::string split_camel(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (i && std::isupper(static_cast<unsigned char>(name[i]))) out += ' ';
    out += name[i];
  }
  return out;
}

std::string duration(const std::string& from, const std::string& to) {
  auto a = pvr::parse_utc(from), b = pvr::parse_utc(to);
  long secs = (a && b && *b >= *a) ? static_cast<long>(*b - *a) : 0;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld:%02ld", secs / 3600, (secs / 60) % 60, secs % 60);
  return buf;
}

void finish(Context& ctx, pvr::CommandRecord& c, bool ok, std::string message) {
  c.status = ok ? "completed" : "failed";
  c.result = ok ? "successful" : "unsuccessful";
  c.message = std::move(message);
  if (!ok) c.exception = c.message;
  c.ended = pvr::now_utc();
  pvr::must(ctx.library->update_command(c));
  if (ctx.scheduler) ctx.scheduler->finished(c.name, c.started.value_or(*c.ended), *c.ended);
}

// seriesIds, or the legacy seriesId; empty means every series.
std::vector<pvr::Series> target_series(Context& ctx, const json& body, std::string& error) {
  auto ids = as_int_list(member(body, "seriesIds"));
  if (auto one = as_int(member(body, "seriesId"))) ids.push_back(*one);
  if (ids.empty()) return pvr::must(ctx.library->list_series());
  std::vector<pvr::Series> out;
  for (int id : ids) {
    auto s = pvr::found(ctx.library->get_series(id));
    if (!s) {
      error = "Series with ID " + std::to_string(id) + " does not exist";
      return {};
    }
    out.push_back(*s);
  }
  return out;
}

void run_scan(Context& ctx, pvr::CommandRecord& c, const std::vector<pvr::Series>& series, bool refresh) {
  int added = 0, removed = 0, unmatched = 0, missing_folders = 0;
  for (const auto& s : series) {
    if (refresh) {
      if (auto st = refresh_series(ctx, s); !st) return finish(ctx, c, false, "Refreshing " + s.title + " failed: " + st.message());
    }
    auto fresh = pvr::found(ctx.library->get_series(s.id));
    if (!fresh) continue;  // deleted meanwhile
    auto r = pvr::rescan_series(*ctx.library, *fresh);
    if (!r) return finish(ctx, c, false, "Scanning " + s.title + " failed: " + r.message());
    added += r->added;
    removed += r->removed;
    unmatched += static_cast<int>(r->unmatched.size());
    missing_folders += r->folder_missing ? 1 : 0;
  }
  std::string msg = "Completed: " + std::to_string(series.size()) + " series, " + std::to_string(added) +
                    " files added, " + std::to_string(removed) + " removed, " + std::to_string(unmatched) +
                    " not matched";
  if (missing_folders) msg += ", " + std::to_string(missing_folders) + " series folders missing";
  finish(ctx, c, true, msg);
}

void run_import(Context& ctx, pvr::CommandRecord& c, const json& body) {
  auto path = as_string(member(body, "path"));
  if (!path || path->empty()) return finish(ctx, c, false, "DownloadedEpisodesScan needs a path");
  pvr::ImportOptions options;
  std::string mode = to_lower(as_string(member(body, "importMode")).value_or("auto"));
  options.copy = mode == "copy" || mode == "2";
  options.download_id = as_string(member(body, "downloadClientId")).value_or("");
  auto r = pvr::import_downloads(*ctx.library, *path, options);
  if (!r) return finish(ctx, c, false, "Import failed: " + r.message());
  std::string msg = "Completed: " + std::to_string(r->imported) + " imported, " +
                    std::to_string(r->skipped.size()) + " skipped";
  for (std::size_t i = 0; i < r->skipped.size() && i < 3; ++i) msg += (i ? "; " : " (") + r->skipped[i];
  if (!r->skipped.empty()) msg += ")";
  finish(ctx, c, true, msg);
}

// The command's own work; failures it expects end in finish(..., false, ...).
void run_command(Context& ctx, pvr::CommandRecord& c) {
  const auto* known = find_command(c.name);
  auto body = parse_body(c.body).value_or(json::object());
  std::string error;
  switch (known ? known->kind : Kind::Search) {
    case Kind::Refresh:
    case Kind::Rescan: {
      auto series = target_series(ctx, body, error);
      if (!error.empty()) return finish(ctx, c, false, error);
      return run_scan(ctx, c, series, known->kind == Kind::Refresh);
    }
    case Kind::Rename: {
      auto [ok, message] = run_rename_command(ctx, c);
      return finish(ctx, c, ok, message);
    }
    case Kind::Search: {
      auto outcome = run_search_command(ctx, c, body);
      return finish(ctx, c, outcome.ok, outcome.message);
    }
    case Kind::DownloadScan:
      return run_import(ctx, c, body);
    case Kind::RefreshDownloads: {
      auto st = ctx.tracker->refresh();
      return finish(ctx, c, st.ok(), st ? "Completed" : st.message());
    }
    case Kind::Housekeeping:
      return finish(ctx, c, true, run_housekeeping(ctx));
  }
}

// Marks the command failed after an exception. The write that failed may
// have been the command's own status row, so this one may fail too: then
// the log is all that is left (the row stays "started" until the next start
// marks it interrupted).
void fail_command(Context& ctx, pvr::CommandRecord& c, const std::string& what) {
  spdlog::error("command {} ({}) failed: {}", c.id, c.name, what);
  try {
    finish(ctx, c, false, "Command failed: " + what);
  } catch (const std::exception& e) {
    spdlog::error("command {} ({}): cannot record its failure: {}", c.id, c.name, e.what());
  } catch (...) {
    spdlog::error("command {} ({}): cannot record its failure", c.id, c.name);
  }
}

}  // namespace

// Nothing may leave here: an exception would end the command thread, and
// with it every later command.
void execute_command(Context& ctx, pvr::CommandRecord& c) {
  try {
    c.status = "started";
    c.started = pvr::now_utc();
    pvr::must(ctx.library->update_command(c));
    run_command(ctx, c);
  } catch (const std::exception& e) {
    fail_command(ctx, c, e.what());
  } catch (...) {
    fail_command(ctx, c, "unknown exception");
  }
}

json command_json(const pvr::CommandRecord& c, bool legacy) {
  json body = parse_body(c.body).value_or(json::object());
  if (!body.is_object()) body = json::object();
  body["name"] = c.name;
  body["sendUpdatesToClient"] = true;
  body["updateScheduledTask"] = true;
  body["completionMessage"] = "Completed";
  body["requiresDiskAccess"] = false;
  body["isExclusive"] = false;
  body["isLongRunning"] = false;
  body["trigger"] = c.trigger;
  body["suppressMessages"] = false;
  json j = {{"id", c.id},
            {"name", c.name},
            {"commandName", split_camel(c.name)},
            {"body", body},
            {"priority", "normal"},
            {"status", c.status},
            {"result", c.result},
            {"queued", c.queued},
            {"trigger", c.trigger},
            {"stateChangeTime", c.ended ? *c.ended : c.started ? *c.started : c.queued},
            {"sendUpdatesToClient", true},
            {"updateScheduledTask", true}};
  if (!c.message.empty()) j["message"] = c.message;
  if (c.started) j["started"] = *c.started;
  if (c.ended) j["ended"] = *c.ended;
  if (c.started && c.ended) j["duration"] = duration(*c.started, *c.ended);
  if (c.exception) j["exception"] = *c.exception;
  if (legacy) {
    j["state"] = c.status;
    j["manual"] = c.trigger == "manual";
    j["startedOn"] = c.queued;
  }
  return j;
}

pvr::CommandRecord queue_command(Context& ctx, const std::string& name, const json& body, const std::string& trigger) {
  pvr::CommandRecord c;
  c.name = name;
  c.trigger = trigger;
  c.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  c = pvr::must(ctx.library->add_command(c));
  ctx.commands->push(c.id);
  return c;
}

http::Response handle_command(Context& ctx, const Call& call) {
  if (call.method == "GET") {
    if (call.id) {
      auto c = pvr::found(ctx.library->get_command(*call.id));
      if (!c) return not_found("Command with ID " + std::to_string(*call.id) + " does not exist");
      return reply(command_json(*c, call.legacy));
    }
    json out = json::array();
    for (const auto& c : pvr::must(ctx.library->list_commands())) out.push_back(command_json(c, call.legacy));
    return reply(out);
  }
  if (call.method == "DELETE" && call.id) {
    auto c = pvr::found(ctx.library->get_command(*call.id));
    if (!c) return not_found();
    if (!ctx.commands->cancel(c->id)) return bad_request("Command " + std::to_string(c->id) + " is not queued");
    c->status = "cancelled";
    c->ended = pvr::now_utc();
    pvr::must(ctx.library->update_command(*c));
    return empty_ok();
  }
  if (call.method != "POST" || call.id) return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Name", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  auto name = as_string(member(*body, "name"));
  if (!name || name->empty()) return validation_error({{"Name", "'Name' must not be empty.", json(), "NotEmptyValidator"}});
  const auto* known = find_command(*name);
  if (!known) return bad_request("Unknown command: " + *name);
  body->erase("name");
  pvr::CommandRecord c = queue_command(ctx, known->name, *body, "manual");
  auto resp = reply(command_json(c, call.legacy), 201);
  resp.headers.emplace_back("Location", std::string(call.legacy ? "/api/command/" : "/api/v3/command/") + std::to_string(c.id));
  return resp;
}

}  // namespace nzbd::sonarr
