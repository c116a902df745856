#include "daemon/scheduled_actions.h"

#include <initializer_list>
#include <string>
#include <utility>

namespace nzbd::daemon {
namespace {

http::Params call(std::initializer_list<std::pair<const char*, std::string>> kv) {
  http::Params p;
  for (const auto& [k, v] : kv) p.add(k, v);
  return p;
}

http::Params server_switch(const std::string& server, bool on) {
  return call({{"mode", "set_config"}, {"section", "servers"}, {"keyword", server}, {"enable", on ? "1" : "0"}});
}

}  // namespace

std::vector<http::Params> sab_calls_for(const schedule::Line& l) {
  const std::string& a = l.action;
  if (a == "pause") return {call({{"mode", "pause"}})};
  if (a == "resume") return {call({{"mode", "resume"}})};
  if (a == "pause_all") return {call({{"mode", "pause"}}), call({{"mode", "pause_pp"}})};
  if (a == "pause_post") return {call({{"mode", "pause_pp"}})};
  if (a == "resume_post") return {call({{"mode", "resume_pp"}})};
  if (a == "shutdown") return {call({{"mode", "shutdown"}})};
  if (a == "restart") return {call({{"mode", "restart"}})};
  if (a == "speedlimit") return {call({{"mode", "config"}, {"name", "speedlimit"}, {"value", l.argument}})};
  if (a == "enable_server") return {server_switch(l.argument, true)};
  if (a == "disable_server") return {server_switch(l.argument, false)};
  if (a == "scan_folder") return {call({{"mode", "watched_now"}})};
  if (a == "rss_scan") return {call({{"mode", "rss_now"}})};
  if (a == "remove_failed") return {call({{"mode", "history"}, {"name", "delete"}, {"value", "failed"}})};
  if (a == "remove_completed") return {call({{"mode", "history"}, {"name", "delete"}, {"value", "completed"}})};
  // quotas, priority and category pauses: not in nzbd yet.
  return {};
}

std::vector<http::Params> sab_calls_for(const schedule::State& s) {
  std::vector<http::Params> out;
  if (s.paused) out.push_back(call({{"mode", *s.paused ? "pause" : "resume"}}));
  if (s.post_paused) out.push_back(call({{"mode", *s.post_paused ? "pause_pp" : "resume_pp"}}));
  if (s.speed_limit) out.push_back(call({{"mode", "config"}, {"name", "speedlimit"}, {"value", *s.speed_limit}}));
  for (const auto& [server, on] : s.servers) out.push_back(server_switch(server, on));
  return out;
}

}  // namespace nzbd::daemon
