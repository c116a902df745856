// get_config, set_config, set_config_default, del_config, get_cats,
// get_scripts, and config&name=set_apikey|set_nzbkey|regenerate_certs.
#include <algorithm>
#include <filesystem>
#include <map>

#include <spdlog/spdlog.h>

#include "http/self_signed.h"
#include "api/sab/call.h"
#include "api/sab/config_json.h"
#include "config/feed_filters.h"
#include "util/random.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

bool is_item_section(std::string_view s) { return config::item_options(s) != nullptr; }

Reply mode_get_config(Call& c) {
  std::string section = c.get("section"), keyword = c.get("keyword");
  return Reply{"config", c.services.config.read([&](const config::Config& cfg) {
                 return config_tree(cfg, section, keyword);
               })};
}

// Parameters that steer the call rather than set an option.
bool is_control_param(const std::string& k) {
  static const char* names[] = {"mode", "apikey", "output", "section", "keyword", "name", "ma_username",
                                "ma_password"};
  return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return k == n; });
}

Reply set_item(Call& c, const std::string& section) {
  std::string name = c.get("name", c.get("keyword"));
  if (name.empty()) return error_reply(kOneParam);
  if (name.find_first_of("[]\r\n") != std::string::npos) return error_reply(kNoConfig);
  const auto* opts = config::item_options(section);
  if (section == "servers") {
    auto count = c.services.config.read([&](const config::Config& cfg) {
      return cfg.items("servers").size() + (cfg.item("servers", name) ? 0 : 1);
    });
    if (auto st = config::check_server_count(count); !st) return error_reply(st.message());
  }
  auto st = c.services.config.write(section, [&](config::Config& cfg) {
    auto& item = cfg.item_or_create(section, name);
    // SABnzbd's OptionFilters.set_dict: the filterN given replace all of the
    // feed's rows, in N order; a call without any keeps them.
    std::map<int64_t, config::FeedFilter> filters;
    for (const auto& [k, v] : c.params.items()) {
      if (is_control_param(k)) continue;
      if (section == "rss" && config::is_filter_key(k)) {
        filters[parse_int(k.substr(6)).value_or(0)] = config::feed_filter_from_text(v);
        continue;
      }
      const config::Option* o = config::find_option(*opts, k);
      if (!o) continue;  // SABnzbd ignores keys an item does not have
      if (o->type == config::Type::Password && v == kPasswordMask) continue;
      item.set(k, normalise_value(o, v));
    }
    if (!filters.empty()) {
      std::vector<config::FeedFilter> rows;
      for (auto& [n, row] : filters) rows.push_back(std::move(row));
      config::set_feed_filters(item, rows);
    }
  });
  if (!st) return error_reply(st.message());
  return Reply{"config", c.services.config.read([&](const config::Config& cfg) {
                 return config_tree(cfg, section, name);
               })};
}

// nzbd.ini must stay loadable: a value that is not UTF-8 is refused.
bool all_values_utf8(const Call& c) {
  for (const auto& [k, v] : c.params.items())
    if (!is_valid_utf8(k) || !is_valid_utf8(v)) return false;
  return true;
}

Reply mode_set_config(Call& c) {
  if (!all_values_utf8(c)) return error_reply("value is not valid UTF-8");
  std::string section = c.get("section");
  if (is_item_section(section)) return set_item(c, section);
  std::string keyword = c.get("keyword");
  // The key belongs to one flat section ([misc], [logging], [nscript], ...).
  // [misc] also takes the others' keys, as nzbd 0.x kept them there.
  const config::FlatSection& home = config::home_of(keyword);
  const config::Option* o = config::find_option(*home.options, keyword);
  if (!o || (section != home.name && section != "misc")) return error_reply(kNoConfig);
  if (!c.has("value")) return error_reply(kOneParam);
  std::string value = c.get("value");
  auto answer = [&] {
    return Reply{"config", c.services.config.read([&](const config::Config& cfg) {
                   return config_tree(cfg, home.name, keyword);
                 })};
  };
  if (o->type == config::Type::Password && value == kPasswordMask) return answer();
  auto st = c.services.config.write("misc", [&](config::Config& cfg) {
    cfg.set_misc(config::Key::at_run_time(keyword), normalise_value(o, value));
  });
  if (!st) return error_reply(st.message());
  return answer();
}

Reply mode_set_config_default(Call& c) {
  auto keywords = c.params.all("keyword");
  auto st = c.services.config.write("misc", [&](config::Config& cfg) {
    for (const auto& k : keywords)
      if (k != "api_key" && k != "nzb_key" && config::flat_option(k))
        cfg.reset_misc(config::Key::at_run_time(k));
  });
  if (!st) return error_reply(st.message());
  return ok_reply();
}

Reply mode_del_config(Call& c) {
  std::string section = c.get("section"), keyword = c.get("keyword");
  if (!is_item_section(section)) return error_reply(kNotImplemented);
  auto st = c.services.config.write(section, [&](config::Config& cfg) {
    if (section == "categories" && keyword == "*") cfg.restore_default_categories();
    else cfg.delete_item(section, keyword);
  });
  if (!st) return error_reply(st.message());
  return ok_reply();
}

Reply mode_get_cats(Call& c) {
  Json cats = Json::array({"*"});
  c.services.config.read([&](const config::Config& cfg) {
    auto items = cfg.items("categories");
    std::stable_sort(items.begin(), items.end(), [&](auto* a, auto* b) {
      auto oa = parse_int(cfg.item_value(*a, "categories", "order")).value_or(0);
      auto ob = parse_int(cfg.item_value(*b, "categories", "order")).value_or(0);
      return oa != ob ? oa < ob : a->name < b->name;
    });
    for (const auto* it : items)
      if (it->name != "*") cats.push_back(it->name);
    return 0;
  });
  return Reply{"categories", cats};
}

Reply mode_get_scripts(Call& c) {
  auto dir = c.services.config.read([](const config::Config& cfg) { return cfg.resolve_dir("script_dir"); });
  Json scripts = Json::array();
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return Reply{"scripts", scripts};
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (!n.empty() && n[0] != '.' && e.is_regular_file(ec)) names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  scripts.push_back("None");
  for (auto& n : names) scripts.push_back(n);
  return Reply{"scripts", scripts};
}

Reply new_key(Call& c, config::Key misc_key, const char* reply_key) {
  std::string key = random_hex(32);
  auto st = c.services.config.write("misc", [&](config::Config& cfg) { cfg.set_misc(misc_key, key); });
  if (!st) return error_reply(st.message());
  return Reply{reply_key, key};
}

// SABnzbd's regenerate_certs: a new self-signed pair at the configured
// paths; the HTTPS listener uses it from the next start.
Reply regenerate_certs(Call& c) {
  auto files = c.services.config.read([](const config::Config& cfg) { return config::https_files(cfg); });
  if (auto st = http::write_self_signed_certificate(files.cert, files.key); !st) return error_reply(st.message());
  return ok_reply();
}

}  // namespace

// mode=config: key resets here; speed limit and timed pause in modes_queue.cpp;
// test_server in server_test.cpp.
Reply queue_config_call(Call& c);
Reply server_test_call(Call& c);
Reply create_backup_call(Call& c);
Reply restore_backup_call(Call& c);

namespace {
// SABnzbd's purge_log_files: the rotated copies go (nzbd.1.log, nzbd.2.log,
// ... as the rotating log names them); the log being written stays.
Reply purge_log_files(Call& c) {
  auto dir = c.services.config.read([](const config::Config& cfg) { return cfg.resolve_dir("log_dir"); });
  std::error_code ec;
  std::vector<std::string> failed;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    bool rotated = name.size() > 9 && name.rfind("nzbd.", 0) == 0 && name.ends_with(".log") &&
                   std::all_of(name.begin() + 5, name.end() - 4, [](char ch) { return ch >= '0' && ch <= '9'; });
    if (!rotated || !entry.is_regular_file(ec)) continue;
    if (!std::filesystem::remove(entry.path(), ec)) failed.push_back(name + ": " + ec.message());
  }
  if (!failed.empty()) return error_reply("could not remove " + join(failed, ", "));
  spdlog::info("purged the rotated log files in {}", dir.string());
  return ok_reply();
}

Reply mode_config(Call& c) {
  std::string name = c.get("name");
  if (name == "set_apikey") return new_key(c, "api_key", "apikey");
  if (name == "set_nzbkey") return new_key(c, "nzb_key", "nzbkey");
  if (name == "regenerate_certs") return regenerate_certs(c);
  if (name == "test_server") return server_test_call(c);
  if (name == "purge_log_files") return purge_log_files(c);
  if (name == "create_backup") return create_backup_call(c);
  if (name == "restore_backup") return restore_backup_call(c);
  return queue_config_call(c);
}
}  // namespace

void register_config_modes(ModeTable& t) {
  t["get_config"] = mode_get_config;
  t["set_config"] = mode_set_config;
  t["set_config_default"] = mode_set_config_default;
  t["del_config"] = mode_del_config;
  t["get_cats"] = mode_get_cats;
  t["get_scripts"] = mode_get_scripts;
  t["config"] = mode_config;
}

}  // namespace nzbd::api::sab
