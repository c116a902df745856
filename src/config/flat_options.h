// The single-level sections' options as constant data: schema.cpp serves them
// at run time, and config::Key checks a key named in the code against them at
// compile time, so both read one table.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "config/option.h"

namespace nzbd::config::tables {

inline constexpr Option kMisc[] = {
      {"host", Type::Str, "127.0.0.1"}, {"port", Type::Str, "8080"}, {"https_port", Type::Str, ""},
      {"enable_https", Type::Int, "0"}, {"https_cert", Type::Str, "server.cert"}, {"https_key", Type::Str, "server.key"},
      {"username", Type::Str, ""}, {"password", Type::Password, ""}, {"api_key", Type::Str, ""},
      {"nzb_key", Type::Str, ""}, {"url_base", Type::Str, "/sabnzbd"}, {"language", Type::Str, "en"},
      {"download_dir", Type::Str, "Downloads/incomplete"},
      {"complete_dir", Type::Str, "Downloads/complete"}, {"script_dir", Type::Str, "scripts"},
      {"nzb_backup_dir", Type::Str, ""}, {"admin_dir", Type::Str, "admin"}, {"log_dir", Type::Str, "logs"},
      {"dirscan_dir", Type::Str, ""}, {"dirscan_speed", Type::Int, "5"},
      {"cache_limit", Type::Str, "1G"}, {"bandwidth_max", Type::Str, ""}, {"bandwidth_perc", Type::Int, "100"},
      {"download_free", Type::Str, ""}, {"complete_free", Type::Str, ""},
      {"quota_size", Type::Str, ""}, {"quota_day", Type::Str, ""}, {"quota_resume", Type::Int, "0"},
      {"quota_period", Type::Str, "m"},
      {"refresh_rate", Type::Int, "1"}, {"queue_limit", Type::Int, "20"}, {"history_limit", Type::Int, "10"},
      {"history_retention", Type::Str, ""}, {"history_retention_option", Type::Str, "all"},
      {"history_retention_number", Type::Int, "1"},
      {"pre_check", Type::Int, "0"}, {"max_art_tries", Type::Int, "3"}, {"fail_hopeless_jobs", Type::Int, "1"},
      {"top_only", Type::Int, "0"}, {"no_dupes", Type::Int, "0"}, {"no_series_dupes", Type::Int, "0"},
      {"no_smart_dupes", Type::Int, "0"}, {"dupes_propercheck", Type::Int, "1"}, {"size_limit", Type::Str, "0"},
      {"propagation_delay", Type::Int, "0"}, {"unwanted_extensions_mode", Type::Int, "0"}, {"fast_fail", Type::Int, "1"},
      {"password_file", Type::Str, ""},
      {"pause_on_post_processing", Type::Int, "0"}, {"pause_on_pwrar", Type::Int, "1"},
      {"enable_unrar", Type::Int, "1"}, {"enable_7zip", Type::Int, "1"}, {"direct_unpack", Type::Int, "0"},
      {"enable_recursive", Type::Int, "1"}, {"flat_unpack", Type::Int, "0"}, {"enable_par_cleanup", Type::Int, "1"},
      {"ignore_samples", Type::Int, "0"}, {"folder_rename", Type::Int, "1"}, {"replace_spaces", Type::Int, "0"},
      {"replace_underscores", Type::Int, "0"}, {"replace_dots", Type::Int, "0"}, {"sanitize_safe", Type::Int, "0"},
      {"safe_postproc", Type::Int, "1"}, {"script_can_fail", Type::Int, "0"}, {"deobfuscate_final_filenames", Type::Int, "1"},
      {"cleanup_list", Type::List, ""}, {"unwanted_extensions", Type::List, ""}, {"action_on_unwanted_extensions", Type::Int, "0"},
      {"quick_check_ext_ignore", Type::List, "nfo, sfv, srr"},
      {"enable_tv_sorting", Type::Int, "0"}, {"tv_sort_string", Type::Str, ""}, {"tv_categories", Type::List, "tv"},
      {"enable_movie_sorting", Type::Int, "0"}, {"movie_sort_string", Type::Str, ""},
      {"movie_categories", Type::List, "movies"}, {"enable_date_sorting", Type::Int, "0"},
      {"date_sort_string", Type::Str, ""}, {"date_categories", Type::List, "tv"},
      {"auto_browser", Type::Int, "0"}, {"check_new_rel", Type::Int, "0"},
      {"req_completion_rate", Type::Float, "100.2"}, {"min_user_duration", Type::Float, "0.0"},
      {"receive_threads", Type::Int, "2"}, {"article_tries", Type::Int, "3"},
      {"host_whitelist", Type::List, ""}, {"local_ranges", Type::List, ""}, {"inet_exposure", Type::Int, "0"},
      {"email_server", Type::Str, ""}, {"email_to", Type::List, ""}, {"email_from", Type::Str, ""},
      {"email_account", Type::Str, ""}, {"email_pwd", Type::Password, ""}, {"email_endjob", Type::Int, "0"},
      {"email_full", Type::Int, "0"}, {"email_dir", Type::Str, ""}, {"email_rss", Type::Int, "0"}, {"email_cats", Type::List, "*"},
      {"script_timeout", Type::Int, "3600"}, {"schedlines", Type::List, ""},
      {"rss_rate", Type::Int, "60", 15, 24 * 60},  // minutes between RSS read-outs
      {"tvmaze_url", Type::Str, "https://api.tvmaze.com"},
      // SABnzbd's remaining [misc] keys: stored and shown with SABnzbd's
      // defaults so a migrated sabnzbd.ini and the tools that read get_config
      // keep them, but nzbd does not act on them (see ARCHITECTURE.md).
      {"pre_script", Type::Str, "None"}, {"queue_complete", Type::Str, ""}, {"queue_complete_pers", Type::Int, "0"},
      {"interface_settings", Type::Str, ""}, {"config_lock", Type::Int, "0"}, {"sched_converted", Type::Int, "0"},
      {"notified_new_skin", Type::Int, "0"}, {"direct_unpack_tested", Type::Int, "0"}, {"sorters_converted", Type::Int, "0"},
      {"config_conversion_version", Type::Int, "0"}, {"enable_https_verification", Type::Int, "1"},
      {"web_dir", Type::Str, "Glitter"}, {"web_color", Type::Str, "Auto"}, {"https_chain", Type::Str, ""},
      {"permissions", Type::Str, ""}, {"fulldisk_autoresume", Type::Int, "0"}, {"backup_dir", Type::Str, ""},
      {"load_balancing", Type::Int, "2"}, {"sfv_check", Type::Int, "1"}, {"par_option", Type::Str, ""},
      {"nice", Type::Str, ""}, {"win_process_prio", Type::Int, "3"}, {"ionice", Type::Str, ""},
      {"auto_disconnect", Type::Int, "1"}, {"auto_sort", Type::Str, ""}, {"direct_unpack_threads", Type::Int, "3"},
      {"new_nzb_on_failure", Type::Int, "0"}, {"process_unpacked_par2", Type::Int, "1"}, {"ext_rename_ignore", Type::List, ""},
      {"tv_sort_countries", Type::Int, "1"}, {"movie_sort_extra", Type::Str, "-cd%1"}, {"movie_extra_folder", Type::Int, "0"},
      {"ampm", Type::Int, "0"}, {"replace_illegal", Type::Int, "1"}, {"start_paused", Type::Int, "0"},
      {"preserve_paused_state", Type::Int, "0"}, {"enable_all_par", Type::Int, "0"}, {"enable_unzip", Type::Int, "1"},
      {"enable_filejoin", Type::Int, "1"}, {"enable_tsjoin", Type::Int, "1"}, {"overwrite_files", Type::Int, "0"},
      {"ignore_unrar_dates", Type::Int, "0"}, {"backup_for_duplicates", Type::Int, "0"}, {"empty_postproc", Type::Int, "0"},
      {"wait_for_dfolder", Type::Int, "0"}, {"rss_filenames", Type::Int, "0"}, {"api_logging", Type::Int, "1"},
      {"html_login", Type::Int, "1"}, {"disable_archive", Type::Int, "0"}, {"warn_dupl_jobs", Type::Int, "0"},
      {"helpful_warnings", Type::Int, "1"}, {"keep_awake", Type::Int, "1"}, {"tray_icon", Type::Int, "1"},
      {"allow_incomplete_nzb", Type::Int, "0"}, {"enable_broadcast", Type::Int, "1"}, {"ipv6_hosting", Type::Int, "0"},
      {"ipv6_staging", Type::Int, "0"}, {"api_warnings", Type::Int, "1"}, {"no_penalties", Type::Int, "0"},
      {"x_frame_options", Type::Int, "1"}, {"allow_old_ssl_tls", Type::Int, "0"}, {"enable_season_sorting", Type::Int, "1"},
      {"verify_xff_header", Type::Int, "0"}, {"num_decoders", Type::Int, "3"}, {"num_simd_decoders", Type::Int, "2"},
      {"ignore_empty_files", Type::Int, "0"}, {"rss_odd_titles", Type::List, "nzbindex.nl/, nzbindex.com/, nzbclub.com/"},
      {"selftest_host", Type::Str, "self-test.sabnzbd.org"}, {"movie_rename_limit", Type::Str, "100M"},
      {"episode_rename_limit", Type::Str, "20M"}, {"show_sysload", Type::Int, "2"}, {"wait_ext_drive", Type::Int, "5"},
      {"max_foldername_length", Type::Int, "246"}, {"nomedia_marker", Type::Str, ""}, {"ipv6_servers", Type::Int, "1"},
      {"max_url_retries", Type::Int, "10"}, {"downloader_sleep_time", Type::Int, "10"},
      {"ssdp_broadcast_interval", Type::Int, "15"}, {"socks5_proxy_url", Type::Str, ""}, {"switchinterval", Type::Float, "0.005"},
      {"unrar_parameters", Type::Str, ""}, {"end_queue_script", Type::Str, "None"},
};

inline constexpr Option kLogging[] = {
    {"log_level", Type::Int, "1", -1, 2}, {"max_log_size", Type::Int, "5242880"}, {"log_backups", Type::Int, "5", 1, 1024},
    {"enable_cherrypy_logging", Type::Int, "0"},
};

// SABnzbd's notification types in its order: every notifier has a
// <notifier>_prio_<type> key for each.
inline constexpr std::array<std::string_view, 12> kEventTypes = {
    "startup", "download", "pause_resume", "pp", "complete", "failed",
    "disk_full", "new_login", "warning", "error", "queue_done", "other"};
using PrioDefaults = std::array<int, kEventTypes.size()>;
// The on/off notifiers' defaults (desktop ones, Pushbullet, Apprise, the script).
inline constexpr PrioDefaults kOnOff = {1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1};
// Prowl and Pushover take a priority per type; -3 is "off".
inline constexpr PrioDefaults kProwl = {-3, -3, -3, -3, 0, 1, 1, -3, -3, -3, 0, 0};
inline constexpr PrioDefaults kPushover = {-3, -2, -2, -3, -1, -1, 1, -3, 1, 1, -1, -1};

inline constexpr Option kNcenterOwn[] = {{"ncenter_enable", Type::Int, "0"}, {"ncenter_cats", Type::List, "*"}};
inline constexpr Option kAcenterOwn[] = {{"acenter_enable", Type::Int, "0"}, {"acenter_cats", Type::List, "*"}};
inline constexpr Option kNtfosdOwn[] = {{"ntfosd_enable", Type::Int, "0"}, {"ntfosd_cats", Type::List, "*"}};
inline constexpr Option kProwlOwn[] = {
    {"prowl_enable", Type::Int, "0"}, {"prowl_cats", Type::List, "*"}, {"prowl_apikey", Type::Str, ""}};
inline constexpr Option kPushoverOwn[] = {
    {"pushover_token", Type::Str, ""}, {"pushover_userkey", Type::Str, ""}, {"pushover_device", Type::Str, ""},
    {"pushover_emergency_expire", Type::Int, "3600"}, {"pushover_emergency_retry", Type::Int, "60"},
    {"pushover_enable", Type::Int, "0"}, {"pushover_cats", Type::List, "*"}};
inline constexpr Option kPushbulletOwn[] = {
    {"pushbullet_enable", Type::Int, "0"}, {"pushbullet_cats", Type::List, "*"}, {"pushbullet_apikey", Type::Str, ""},
    {"pushbullet_device", Type::Str, ""}};
inline constexpr Option kAppriseOwn[] = {
    {"apprise_enable", Type::Int, "0"}, {"apprise_cats", Type::List, "*"}, {"apprise_urls", Type::Str, ""}};
inline constexpr Option kNscriptOwn[] = {
    {"nscript_enable", Type::Int, "0"}, {"nscript_cats", Type::List, "*"}, {"nscript_script", Type::Str, ""},
    {"nscript_parameters", Type::Str, ""}};

// A notifier's section: its own keys, then a prio key per event type.
struct Notifier {
  std::string_view name;
  std::span<const Option> own;
  const PrioDefaults* prio;
};
inline constexpr Notifier kNotifiers[] = {
    {"ncenter", kNcenterOwn, &kOnOff},       {"acenter", kAcenterOwn, &kOnOff},
    {"ntfosd", kNtfosdOwn, &kOnOff},         {"prowl", kProwlOwn, &kProwl},
    {"pushover", kPushoverOwn, &kPushover},  {"pushbullet", kPushbulletOwn, &kOnOff},
    {"apprise", kAppriseOwn, &kOnOff},       {"nscript", kNscriptOwn, &kOnOff},
};

constexpr bool has_option(std::span<const Option> options, std::string_view key) {
  for (const auto& o : options)
    if (o.name == key) return true;
  return false;
}

// Whether `key` is an option of [misc], [logging] or a notifier's section
// (including the built <notifier>_prio_<type> keys).
constexpr bool is_flat_key(std::string_view key) {
  if (has_option(kMisc, key) || has_option(kLogging, key)) return true;
  for (const auto& n : kNotifiers) {
    if (has_option(n.own, key)) return true;
    if (key.size() <= n.name.size() || !key.starts_with(n.name)) continue;
    std::string_view rest = key.substr(n.name.size());
    if (!rest.starts_with("_prio_")) continue;
    rest.remove_prefix(6);
    for (auto e : kEventTypes)
      if (rest == e) return true;
  }
  return false;
}

}  // namespace nzbd::config::tables
