#include "config/schema.h"

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

const std::vector<Option>& ncenter_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"ncenter_enable", T::Int, "0"}, {"ncenter_cats", T::List, "*"}, {"ncenter_prio_startup", T::Int, "1"},
      {"ncenter_prio_download", T::Int, "0"}, {"ncenter_prio_pause_resume", T::Int, "0"},
      {"ncenter_prio_pp", T::Int, "0"}, {"ncenter_prio_complete", T::Int, "1"},
      {"ncenter_prio_failed", T::Int, "1"}, {"ncenter_prio_disk_full", T::Int, "1"},
      {"ncenter_prio_new_login", T::Int, "0"}, {"ncenter_prio_warning", T::Int, "0"},
      {"ncenter_prio_error", T::Int, "0"}, {"ncenter_prio_queue_done", T::Int, "1"},
      {"ncenter_prio_other", T::Int, "1"},
  };
  return opts;
}

const std::vector<Option>& acenter_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"acenter_enable", T::Int, "0"}, {"acenter_cats", T::List, "*"}, {"acenter_prio_startup", T::Int, "1"},
      {"acenter_prio_download", T::Int, "0"}, {"acenter_prio_pause_resume", T::Int, "0"},
      {"acenter_prio_pp", T::Int, "0"}, {"acenter_prio_complete", T::Int, "1"},
      {"acenter_prio_failed", T::Int, "1"}, {"acenter_prio_disk_full", T::Int, "1"},
      {"acenter_prio_new_login", T::Int, "0"}, {"acenter_prio_warning", T::Int, "0"},
      {"acenter_prio_error", T::Int, "0"}, {"acenter_prio_queue_done", T::Int, "1"},
      {"acenter_prio_other", T::Int, "1"},
  };
  return opts;
}

const std::vector<Option>& ntfosd_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"ntfosd_enable", T::Int, "0"}, {"ntfosd_cats", T::List, "*"}, {"ntfosd_prio_startup", T::Int, "1"},
      {"ntfosd_prio_download", T::Int, "0"}, {"ntfosd_prio_pause_resume", T::Int, "0"},
      {"ntfosd_prio_pp", T::Int, "0"}, {"ntfosd_prio_complete", T::Int, "1"},
      {"ntfosd_prio_failed", T::Int, "1"}, {"ntfosd_prio_disk_full", T::Int, "1"},
      {"ntfosd_prio_new_login", T::Int, "0"}, {"ntfosd_prio_warning", T::Int, "0"},
      {"ntfosd_prio_error", T::Int, "0"}, {"ntfosd_prio_queue_done", T::Int, "1"},
      {"ntfosd_prio_other", T::Int, "1"},
  };
  return opts;
}

const std::vector<Option>& prowl_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"prowl_enable", T::Int, "0"}, {"prowl_cats", T::List, "*"}, {"prowl_apikey", T::Str, ""},
      {"prowl_prio_startup", T::Int, "-3"}, {"prowl_prio_download", T::Int, "-3"},
      {"prowl_prio_pause_resume", T::Int, "-3"}, {"prowl_prio_pp", T::Int, "-3"},
      {"prowl_prio_complete", T::Int, "0"}, {"prowl_prio_failed", T::Int, "1"},
      {"prowl_prio_disk_full", T::Int, "1"}, {"prowl_prio_new_login", T::Int, "-3"},
      {"prowl_prio_warning", T::Int, "-3"}, {"prowl_prio_error", T::Int, "-3"},
      {"prowl_prio_queue_done", T::Int, "0"}, {"prowl_prio_other", T::Int, "0"},
  };
  return opts;
}

const std::vector<Option>& pushover_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"pushover_token", T::Str, ""}, {"pushover_userkey", T::Str, ""}, {"pushover_device", T::Str, ""},
      {"pushover_emergency_expire", T::Int, "3600"}, {"pushover_emergency_retry", T::Int, "60"},
      {"pushover_enable", T::Int, "0"}, {"pushover_cats", T::List, "*"},
      {"pushover_prio_startup", T::Int, "-3"}, {"pushover_prio_download", T::Int, "-2"},
      {"pushover_prio_pause_resume", T::Int, "-2"}, {"pushover_prio_pp", T::Int, "-3"},
      {"pushover_prio_complete", T::Int, "-1"}, {"pushover_prio_failed", T::Int, "-1"},
      {"pushover_prio_disk_full", T::Int, "1"}, {"pushover_prio_new_login", T::Int, "-3"},
      {"pushover_prio_warning", T::Int, "1"}, {"pushover_prio_error", T::Int, "1"},
      {"pushover_prio_queue_done", T::Int, "-1"}, {"pushover_prio_other", T::Int, "-1"},
  };
  return opts;
}

const std::vector<Option>& pushbullet_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"pushbullet_enable", T::Int, "0"}, {"pushbullet_cats", T::List, "*"}, {"pushbullet_apikey", T::Str, ""},
      {"pushbullet_device", T::Str, ""}, {"pushbullet_prio_startup", T::Int, "1"},
      {"pushbullet_prio_download", T::Int, "0"}, {"pushbullet_prio_pause_resume", T::Int, "0"},
      {"pushbullet_prio_pp", T::Int, "0"}, {"pushbullet_prio_complete", T::Int, "1"},
      {"pushbullet_prio_failed", T::Int, "1"}, {"pushbullet_prio_disk_full", T::Int, "1"},
      {"pushbullet_prio_new_login", T::Int, "0"}, {"pushbullet_prio_warning", T::Int, "0"},
      {"pushbullet_prio_error", T::Int, "0"}, {"pushbullet_prio_queue_done", T::Int, "1"},
      {"pushbullet_prio_other", T::Int, "1"},
  };
  return opts;
}

const std::vector<Option>& apprise_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"apprise_enable", T::Int, "0"}, {"apprise_cats", T::List, "*"}, {"apprise_urls", T::Str, ""},
      {"apprise_prio_startup", T::Int, "1"}, {"apprise_prio_download", T::Int, "0"},
      {"apprise_prio_pause_resume", T::Int, "0"}, {"apprise_prio_pp", T::Int, "0"},
      {"apprise_prio_complete", T::Int, "1"}, {"apprise_prio_failed", T::Int, "1"},
      {"apprise_prio_disk_full", T::Int, "1"}, {"apprise_prio_new_login", T::Int, "0"},
      {"apprise_prio_warning", T::Int, "0"}, {"apprise_prio_error", T::Int, "0"},
      {"apprise_prio_queue_done", T::Int, "1"}, {"apprise_prio_other", T::Int, "1"},
  };
  return opts;
}

const std::vector<Option>& nscript_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"nscript_enable", T::Int, "0"}, {"nscript_cats", T::List, "*"}, {"nscript_script", T::Str, ""},
      {"nscript_parameters", T::Str, ""}, {"nscript_prio_startup", T::Int, "1"},
      {"nscript_prio_download", T::Int, "0"}, {"nscript_prio_pause_resume", T::Int, "0"},
      {"nscript_prio_pp", T::Int, "0"}, {"nscript_prio_complete", T::Int, "1"},
      {"nscript_prio_failed", T::Int, "1"}, {"nscript_prio_disk_full", T::Int, "1"},
      {"nscript_prio_new_login", T::Int, "0"}, {"nscript_prio_warning", T::Int, "0"},
      {"nscript_prio_error", T::Int, "0"}, {"nscript_prio_queue_done", T::Int, "1"},
      {"nscript_prio_other", T::Int, "1"},
  };
  return opts;
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
