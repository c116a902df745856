#include "config/schema.h"

#include <array>
#include <deque>
#include <string>

namespace nzbd::config {

const std::vector<Option>& server_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"displayname", T::Str, ""}, {"host", T::Str, ""}, {"port", T::Int, "119"},
      {"timeout", T::Int, "60"}, {"username", T::Str, ""}, {"password", T::Password, ""},
      {"connections", T::Int, "8"}, {"ssl", T::Int, "0"}, {"ssl_verify", T::Int, "2"},
      {"ssl_ciphers", T::Str, ""}, {"enable", T::Int, "1"}, {"required", T::Int, "0"},
      {"optional", T::Int, "0"}, {"pipelining_requests", T::Int, "2"}, {"retention", T::Int, "0"},
      {"expire_date", T::Str, ""}, {"quota", T::Str, ""}, {"usage_at_start", T::Int, "0"},
      {"priority", T::Int, "0"}, {"notes", T::Str, ""},
  };
  return opts;
}

const std::vector<Option>& category_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"order", T::Int, "0"}, {"pp", T::Str, ""}, {"script", T::Str, "Default"},
      {"dir", T::Str, ""}, {"newzbin", T::Str, ""}, {"priority", T::Int, "-100"},
  };
  return opts;
}

const std::vector<Option>& rss_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"uri", T::List, ""}, {"cat", T::Str, ""}, {"pp", T::Str, ""},
      // SABnzbd's OptionBool enable defaults to off: a feed added through the
      // API without enable=1 is not read until it is switched on.
      {"script", T::Str, ""}, {"enable", T::Int, "0"}, {"priority", T::Int, "-100", -100, 2},
  };
  return opts;
}

const std::vector<Option>& sorter_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"name", T::Str, ""}, {"order", T::Int, "0"}, {"min_size", T::Str, "50M"},
      {"multipart_label", T::Str, ""}, {"sort_string", T::Str, ""}, {"sort_cats", T::List, ""},
      {"sort_type", T::List, ""}, {"is_active", T::Int, "1"},
  };
  return opts;
}

namespace {

const std::vector<Option>& logging_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"log_level", T::Int, "1", -1, 2}, {"max_log_size", T::Int, "5242880"}, {"log_backups", T::Int, "5", 1, 1024},
      {"enable_cherrypy_logging", T::Int, "0"},
  };
  return opts;
}

// SABnzbd's notification types in its order: every notifier has a
// <notifier>_prio_<type> key for each.
constexpr std::array<std::string_view, 12> kEventTypes = {
    "startup", "download", "pause_resume", "pp", "complete", "failed",
    "disk_full", "new_login", "warning", "error", "queue_done", "other"};
using PrioDefaults = std::array<int, kEventTypes.size()>;
// The on/off notifiers' defaults (desktop ones, Pushbullet, Apprise, the script).
constexpr PrioDefaults kOnOff = {1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1};
// Prowl and Pushover take a priority per type; -3 is "off".
constexpr PrioDefaults kProwl = {-3, -3, -3, -3, 0, 1, 1, -3, -3, -3, 0, 0};
constexpr PrioDefaults kPushover = {-3, -2, -2, -3, -1, -1, 1, -3, 1, 1, -1, -1};

// A notifier's section: its own keys, then a prio key per event type. Option
// holds views, so the built names and defaults are kept beside the options.
struct NotifierSection {
  std::deque<std::string> text;  // a deque: growing it moves no element
  std::vector<Option> options;
};

NotifierSection notifier_section(std::string_view notifier, std::vector<Option> own, const PrioDefaults& prio) {
  NotifierSection s;
  s.options = std::move(own);
  for (size_t i = 0; i < kEventTypes.size(); ++i) {
    const std::string& name = s.text.emplace_back(std::string(notifier) + "_prio_" + std::string(kEventTypes[i]));
    const std::string& value = s.text.emplace_back(std::to_string(prio[i]));
    s.options.push_back(Option{name, Type::Int, value});
  }
  return s;
}

// The sections a desktop notifier has: on/off and categories only.
NotifierSection desktop_section(std::string_view notifier, std::string_view enable, std::string_view cats) {
  return notifier_section(notifier, {{enable, Type::Int, "0"}, {cats, Type::List, "*"}}, kOnOff);
}

const std::vector<Option>& ncenter_options() {
  static const NotifierSection s = desktop_section("ncenter", "ncenter_enable", "ncenter_cats");
  return s.options;
}

const std::vector<Option>& acenter_options() {
  static const NotifierSection s = desktop_section("acenter", "acenter_enable", "acenter_cats");
  return s.options;
}

const std::vector<Option>& ntfosd_options() {
  static const NotifierSection s = desktop_section("ntfosd", "ntfosd_enable", "ntfosd_cats");
  return s.options;
}

const std::vector<Option>& prowl_options() {
  using T = Type;
  static const NotifierSection s = notifier_section(
      "prowl", {{"prowl_enable", T::Int, "0"}, {"prowl_cats", T::List, "*"}, {"prowl_apikey", T::Str, ""}}, kProwl);
  return s.options;
}

const std::vector<Option>& pushover_options() {
  using T = Type;
  static const NotifierSection s = notifier_section(
      "pushover",
      {{"pushover_token", T::Str, ""}, {"pushover_userkey", T::Str, ""}, {"pushover_device", T::Str, ""},
       {"pushover_emergency_expire", T::Int, "3600"}, {"pushover_emergency_retry", T::Int, "60"},
       {"pushover_enable", T::Int, "0"}, {"pushover_cats", T::List, "*"}},
      kPushover);
  return s.options;
}

const std::vector<Option>& pushbullet_options() {
  using T = Type;
  static const NotifierSection s = notifier_section(
      "pushbullet",
      {{"pushbullet_enable", T::Int, "0"}, {"pushbullet_cats", T::List, "*"}, {"pushbullet_apikey", T::Str, ""},
       {"pushbullet_device", T::Str, ""}},
      kOnOff);
  return s.options;
}

const std::vector<Option>& apprise_options() {
  using T = Type;
  static const NotifierSection s = notifier_section(
      "apprise", {{"apprise_enable", T::Int, "0"}, {"apprise_cats", T::List, "*"}, {"apprise_urls", T::Str, ""}},
      kOnOff);
  return s.options;
}

const std::vector<Option>& nscript_options() {
  using T = Type;
  static const NotifierSection s = notifier_section(
      "nscript",
      {{"nscript_enable", T::Int, "0"}, {"nscript_cats", T::List, "*"}, {"nscript_script", T::Str, ""},
       {"nscript_parameters", T::Str, ""}},
      kOnOff);
  return s.options;
}

}  // namespace

const std::vector<FlatSection>& flat_sections() {
  static const std::vector<FlatSection> sections = {
      {"misc", &misc_options()},       {"logging", &logging_options()},   {"ncenter", &ncenter_options()},
      {"acenter", &acenter_options()}, {"ntfosd", &ntfosd_options()},     {"prowl", &prowl_options()},
      {"pushover", &pushover_options()}, {"pushbullet", &pushbullet_options()}, {"apprise", &apprise_options()},
      {"nscript", &nscript_options()},
  };
  return sections;
}

const FlatSection* flat_section(std::string_view name) {
  for (const auto& s : flat_sections())
    if (s.name == name) return &s;
  return nullptr;
}

const FlatSection& home_of(std::string_view key) {
  for (const auto& s : flat_sections())
    if (find_option(*s.options, key)) return s;
  return flat_sections().front();
}

const Option* flat_option(std::string_view key) { return find_option(*home_of(key).options, key); }

const std::vector<Option>* item_options(std::string_view section) {
  if (section == "servers") return &server_options();
  if (section == "categories") return &category_options();
  if (section == "rss") return &rss_options();
  if (section == "sorters") return &sorter_options();
  return nullptr;
}

const Option* find_option(const std::vector<Option>& options, std::string_view name) {
  for (const auto& o : options)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace nzbd::config
