#include "config/schema.h"

namespace nzbd::config {

const std::vector<Option>& misc_options() {
  using T = Type;
  static const std::vector<Option> opts = {
      {"host", T::Str, "127.0.0.1"}, {"port", T::Str, "8080"}, {"https_port", T::Str, ""},
      {"enable_https", T::Int, "0"}, {"https_cert", T::Str, "server.cert"}, {"https_key", T::Str, "server.key"},
      {"username", T::Str, ""}, {"password", T::Password, ""}, {"api_key", T::Str, ""},
      {"nzb_key", T::Str, ""}, {"url_base", T::Str, "/sabnzbd"}, {"language", T::Str, "en"},
      {"download_dir", T::Str, "Downloads/incomplete"},
      {"complete_dir", T::Str, "Downloads/complete"}, {"script_dir", T::Str, "scripts"},
      {"nzb_backup_dir", T::Str, ""}, {"admin_dir", T::Str, "admin"}, {"log_dir", T::Str, "logs"},
      {"dirscan_dir", T::Str, ""}, {"dirscan_speed", T::Int, "5"},
      {"cache_limit", T::Str, "1G"}, {"bandwidth_max", T::Str, ""}, {"bandwidth_perc", T::Int, "100"},
      {"download_free", T::Str, ""}, {"complete_free", T::Str, ""},
      {"quota_size", T::Str, ""}, {"quota_day", T::Str, ""}, {"quota_resume", T::Int, "0"},
      {"quota_period", T::Str, "m"},
      {"refresh_rate", T::Int, "1"}, {"queue_limit", T::Int, "20"}, {"history_limit", T::Int, "10"},
      {"history_retention", T::Str, ""}, {"history_retention_option", T::Str, "all"},
      {"history_retention_number", T::Int, "1"},
      {"pre_check", T::Int, "0"}, {"max_art_tries", T::Int, "3"}, {"fail_hopeless_jobs", T::Int, "1"},
      {"top_only", T::Int, "0"}, {"no_dupes", T::Int, "0"}, {"no_series_dupes", T::Int, "0"},
      {"no_smart_dupes", T::Int, "0"}, {"dupes_propercheck", T::Int, "1"}, {"size_limit", T::Str, "0"},
      {"propagation_delay", T::Int, "0"}, {"unwanted_extensions_mode", T::Int, "0"}, {"fast_fail", T::Int, "1"},
      {"password_file", T::Str, ""},
      {"pause_on_post_processing", T::Int, "0"}, {"pause_on_pwrar", T::Int, "1"},
      {"enable_unrar", T::Int, "1"}, {"enable_7zip", T::Int, "1"}, {"direct_unpack", T::Int, "0"},
      {"enable_recursive", T::Int, "1"}, {"flat_unpack", T::Int, "0"}, {"enable_par_cleanup", T::Int, "1"},
      {"ignore_samples", T::Int, "0"}, {"folder_rename", T::Int, "1"}, {"replace_spaces", T::Int, "0"},
      {"replace_underscores", T::Int, "0"}, {"replace_dots", T::Int, "0"}, {"sanitize_safe", T::Int, "0"},
      {"safe_postproc", T::Int, "1"}, {"script_can_fail", T::Int, "0"}, {"deobfuscate_final_filenames", T::Int, "1"},
      {"cleanup_list", T::List, ""}, {"unwanted_extensions", T::List, ""}, {"action_on_unwanted_extensions", T::Int, "0"},
      {"quick_check_ext_ignore", T::List, "nfo, sfv, srr"},
      {"enable_tv_sorting", T::Int, "0"}, {"tv_sort_string", T::Str, ""}, {"tv_categories", T::List, "tv"},
      {"enable_movie_sorting", T::Int, "0"}, {"movie_sort_string", T::Str, ""},
      {"movie_categories", T::List, "movies"}, {"enable_date_sorting", T::Int, "0"},
      {"date_sort_string", T::Str, ""}, {"date_categories", T::List, "tv"},
      {"auto_browser", T::Int, "0"}, {"check_new_rel", T::Int, "0"}, {"log_level", T::Int, "1"},
      {"max_log_size", T::Int, "5242880"}, {"log_backups", T::Int, "5"},
      {"req_completion_rate", T::Float, "100.2"}, {"min_user_duration", T::Float, "0.0"},
      {"receive_threads", T::Int, "2"}, {"article_tries", T::Int, "3"},
      {"host_whitelist", T::List, ""}, {"local_ranges", T::List, ""}, {"inet_exposure", T::Int, "0"},
      {"email_server", T::Str, ""}, {"email_to", T::List, ""}, {"email_from", T::Str, ""},
      {"email_account", T::Str, ""}, {"email_pwd", T::Password, ""}, {"email_endjob", T::Int, "0"},
      {"email_full", T::Int, "0"}, {"email_dir", T::Str, ""}, {"email_rss", T::Int, "0"}, {"email_cats", T::List, "*"},
      {"nscript_enable", T::Int, "0"}, {"nscript_cats", T::List, "*"}, {"nscript_script", T::Str, ""},
      {"nscript_parameters", T::Str, ""}, {"nscript_prio_startup", T::Int, "0"}, {"nscript_prio_download", T::Int, "0"},
      {"nscript_prio_pause_resume", T::Int, "0"}, {"nscript_prio_pp", T::Int, "0"},
      {"nscript_prio_complete", T::Int, "1"}, {"nscript_prio_failed", T::Int, "1"},
      {"nscript_prio_disk_full", T::Int, "1"}, {"nscript_prio_new_login", T::Int, "0"},
      {"nscript_prio_warning", T::Int, "0"}, {"nscript_prio_error", T::Int, "0"},
      {"nscript_prio_queue_done", T::Int, "0"}, {"nscript_prio_other", T::Int, "1"},
      {"script_timeout", T::Int, "3600"}, {"schedlines", T::List, ""},
      {"rss_rate", T::Int, "60", 15, 24 * 60},  // minutes between RSS read-outs
      {"tvmaze_url", T::Str, "https://api.tvmaze.com"},
  };
  return opts;
}

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
