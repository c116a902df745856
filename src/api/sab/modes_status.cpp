// status / fullstatus, unblock_server, and mode=config's speedlimit and
// set_pause.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <ctime>

#include "api/sab/format.h"
#include "api/sab/orphans.h"
#include "api/sab/queue_json.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

const auto kStartTime = std::time(nullptr);

std::string uptime() {
  int64_t s = std::time(nullptr) - kStartTime;
  if (s >= 86400) return std::to_string(s / 86400) + "d";
  if (s >= 3600) return std::to_string(s / 3600) + "h";
  return std::to_string(s / 60) + "m";
}

std::string loadavg() {
  double l[3] = {0, 0, 0};
  if (getloadavg(l, 3) != 3) return "";
  return fmt_fixed(l[0]) + " | " + fmt_fixed(l[1]) + " | " + fmt_fixed(l[2]);
}

Json servers_json(Call& c) {
  Json list = Json::array();
  if (!c.services.queue) return list;
  struct Settings {
    int priority = 0, optional = 0, connections = 0, ssl = 0;
  };
  auto settings = c.services.config.read([](const config::Config& cfg) {
    std::map<std::string, Settings> m;
    for (const auto* it : cfg.items("servers")) {
      auto i = [&](const char* k) { return static_cast<int>(parse_int(cfg.item_value(*it, "servers", k)).value_or(0)); };
      m[it->name] = Settings{i("priority"), i("optional"), i("connections"), i("ssl")};
    }
    return m;
  });
  for (const auto& s : c.services.queue->server_status()) {
    const Settings& set = settings[s.name];
    Json conns = Json::array();
    for (const auto& w : s.working)
      conns.push_back(Json{{"thrdnum", w.connection}, {"art_name", w.article}, {"nzf_name", w.file}, {"nzo_name", w.job}});
    list.push_back(Json{{"servername", s.name}, {"serveractive", s.active},
                        {"serveractiveconn", s.connections_open}, {"servertotalconn", set.connections},
                        {"serverconnections", std::move(conns)}, {"serverssl", set.ssl}, {"serversslinfo", ""},
                        {"serveripaddress", nullptr}, {"servercanonname", nullptr},
                        {"serverwarning", s.blocked ? "Server blocked" : ""}, {"servererror", s.error},
                        {"serverpriority", set.priority}, {"serveroptional", set.optional},
                        {"serverbps", to_units(static_cast<double>(s.bytes_per_second))}});
  }
  return list;
}

// One orphan (value=) or all of them; success only when each was done.
Reply orphan_call(Call& c, const std::string& name) {
  bool add = name.rfind("add_", 0) == 0;
  auto act = [&](const std::string& folder) -> Status {
    if (!add) return delete_orphan(c.services, folder);
    auto id = add_orphan(c.services, folder);
    return id ? ok_status() : Status(id.error());
  };
  if (name.find("_all_") == std::string::npos) {
    auto st = act(c.get("value"));
    return st ? ok_reply() : error_reply(st.message());
  }
  std::vector<std::string> failed;
  for (const auto& folder : orphan_folders(c.services))
    if (auto st = act(folder); !st) failed.push_back(st.message());
  if (failed.empty()) return ok_reply();
  std::string text;
  for (const auto& f : failed) text += (text.empty() ? "" : "; ") + f;
  return error_reply(text);
}

Reply mode_status(Call& c) {
  std::string name = c.get("name");
  if (name == "unblock_server") {
    if (c.services.queue) c.services.queue->unblock_server(c.get("value"));
    return ok_reply();
  }
  if (name == "delete_orphan" || name == "delete_all_orphan" || name == "add_orphan" || name == "add_all_orphan")
    return orphan_call(c, name);
  auto [home, dl, done, cfg_path, key] = c.services.config.read([](const config::Config& cfg) {
    return std::make_tuple(cfg.home().string(), cfg.resolve_dir("download_dir").string(),
                           cfg.resolve_dir("complete_dir").string(), cfg.path().string(), cfg.misc("api_key"));
  });
  Json s = Json::object();
  s["uptime"] = uptime();
  s["color_scheme"] = "Default";
  s["confighelpuri"] = "";
  s["pid"] = static_cast<int>(getpid());
  s["active_lang"] = "en";
  s["rtl"] = false;
  s["my_lcldata"] = home;
  s["my_home"] = home;
  s["webdir"] = "";
  s["url_base"] = "/sabnzbd";
  s["windows"] = false;
  s["macos"] = false;
  s["power_options"] = false;
  s["pp_pause_event"] = false;
  s["apikey"] = key;
  s["new_release"] = nullptr;
  s["new_rel_url"] = nullptr;
  queue::QueueStatus st;
  if (c.services.queue) st = c.services.queue->status();
  TreeOut header(s);
  write_queue_header(c, header, st);
  s["logfile"] = home + "/logs/nzbd.log";
  s["weblogfile"] = nullptr;
  s["loglevel"] = "1";
  s["folders"] = orphan_folders(c.services);
  s["configfn"] = cfg_path;
  Json warnings = Json::array();
  for (const auto& w : c.services.warnings.list())
    warnings.push_back(Json{{"type", w.type}, {"text", w.text}, {"time", w.time}, {"origin", w.origin}});
  s["warnings"] = warnings;
  s["delayed_assembler"] = 0;
  s["loadavg"] = loadavg();
  s["pystone"] = 0;
  s["downloaddir"] = dl;
  s["downloaddirspeed"] = 0;
  s["completedir"] = done;
  s["completedirspeed"] = 0;
  s["internetbandwidth"] = 0;
  s["servers"] = servers_json(c);
  if (c.get("skip_dashboard") != "1") {
    s["active_socks5_proxy"] = nullptr;
    s["localipv4"] = "127.0.0.1";
    s["publicipv4"] = nullptr;
    s["ipv6"] = nullptr;
    s["dnslookup"] = false;
  }
  return Reply{"status", s};
}

// SABnzbd: 1-100 (or "N%") is a percentage of bandwidth_max; "400K"/"4M" is absolute.
Reply set_speedlimit(Call& c) {
  if (!c.services.queue) return error_reply("the download queue is not running");
  std::string v = trim(c.get("value"));
  auto max = c.services.config.read([](const config::Config& cfg) {
    return config::parse_size(cfg.misc("bandwidth_max")).value_or(0);
  });
  if (v.empty() || v == "0") {
    c.services.queue->set_speed_limit(0, 0);
    return ok_reply();
  }
  bool absolute = std::isalpha(static_cast<unsigned char>(v.back())) && v.back() != '%';
  if (absolute) {
    auto bps = config::parse_size(v);
    if (!bps) return error_reply(kIntValue);
    double pct = max > 0 ? std::round(double(*bps) * 100.0 / double(max)) : 100.0;
    c.services.queue->set_speed_limit(*bps, pct);
    return ok_reply();
  }
  auto pct = parse_double(v.back() == '%' ? v.substr(0, v.size() - 1) : v);
  if (!pct || *pct < 0) return error_reply(kIntValue);
  if (max == 0)
    spdlog::warn("You must set a maximum bandwidth before you can set a bandwidth limit");
  c.services.queue->set_speed_limit(max > 0 ? static_cast<uint64_t>(*pct / 100.0 * double(max)) : 0, *pct);
  return ok_reply();
}

}  // namespace

// mode=config names other than the key resets (see modes_config.cpp).
Reply queue_config_call(Call& c) {
  std::string name = c.get("name");
  if (name == "speedlimit") return set_speedlimit(c);
  if (name == "set_pause") {
    if (!c.services.queue) return error_reply("the download queue is not running");
    auto minutes = parse_int(c.get("value"));
    if (!minutes) return error_reply(kIntValue);
    c.services.queue->pause_all(*minutes);
    return ok_reply();
  }
  return error_reply(kNotImplemented);
}

void register_status_modes(ModeTable& t) {
  t["status"] = mode_status;
  t["fullstatus"] = mode_status;
}

}  // namespace nzbd::api::sab
