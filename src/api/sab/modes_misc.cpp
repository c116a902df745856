// version, auth, warnings, translate, shutdown, restart, eval_sort and the other small modes.
#include <spdlog/spdlog.h>

#include "api/sab/call.h"
#include "api/sab/orphans.h"
#include "queue/queue.h"
#include "sort/sort.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

Reply mode_version(Call&) { return Reply{"version", kApiVersion}; }

Reply mode_auth(Call& c) {
  std::string key = c.get("key");
  auto [api_key, nzb_key] = c.services.config.read([](const config::Config& cfg) {
    return std::make_pair(cfg.misc("api_key"), cfg.misc("nzb_key"));
  });
  if (key.empty() || constant_time_equals(key, api_key)) return Reply{"auth", "apikey"};
  if (constant_time_equals(key, nzb_key)) return Reply{"auth", "nzbkey"};
  return Reply{"auth", "badkey"};
}

Reply mode_warnings(Call& c) {
  std::string name = c.get("name");
  if (name == "clear") {
    c.services.warnings.clear();
    return ok_reply();
  }
  if (!name.empty() && name != "show") return error_reply(kNotImplemented);
  Json list = Json::array();
  for (const auto& w : c.services.warnings.list())
    list.push_back(Json{{"type", w.type}, {"text", w.text}, {"time", w.time}, {"origin", w.origin}});
  return Reply{"warnings", list};
}

// No translations yet: SABnzbd echoes text it has no translation for.
Reply mode_translate(Call& c) { return Reply{"value", c.get("value")}; }

Reply mode_shutdown(Call& c) {
  if (c.services.shutdown) c.services.shutdown();
  return ok_reply();
}

Reply mode_restart(Call& c) {
  if (c.services.restart) c.services.restart();
  return ok_reply();
}

// SABnzbd's queue repair: every job folder in the incomplete folder that no
// queued job owns and that keeps its NZB is queued again (reusing the folder),
// then the daemon restarts and reloads the queue from disk. Folders without
// an NZB stay orphans (mode=status lists them).
Reply mode_restart_repair(Call& c) {
  size_t readded = 0;
  for (const auto& folder : orphan_folders(c.services))
    if (add_orphan(c.services, folder)) ++readded;
  spdlog::info("queue repair: {} orphaned job folders queued again; restarting", readded);
  if (c.services.restart) c.services.restart();
  return ok_reply();
}

Reply notifier_test(const std::function<Status()>& test) {
  if (!test) return error_reply("notifications are not running");
  auto st = test();
  return st ? ok_reply() : error_reply(st.message());
}
Reply mode_test_nscript(Call& c) { return notifier_test(c.services.test_nscript); }
Reply mode_test_email(Call& c) { return notifier_test(c.services.test_email); }

// Notifiers nzbd has no sender for. SABnzbd answers a desktop notifier the
// platform lacks with "Not available", and a push service whose key is
// missing (in the call, as its settings page sends it, or in the config)
// with "Cannot send, missing required data". nzbd sends to none of them, so
// a push service with its key gets "Not available" too, never a success.
Reply unavailable_notifier(Call& c, std::initializer_list<const char*> required) {
  for (const char* key : required) {
    std::string value = c.has(key) ? c.get(key) : c.services.config.read([&](const config::Config& cfg) {
      return cfg.misc(config::Key::at_run_time(key));
    });
    if (value.empty()) return error_reply("Cannot send, missing required data");
  }
  return error_reply("Not available");
}
Reply mode_test_desktop(Call& c) { return unavailable_notifier(c, {}); }
Reply mode_test_prowl(Call& c) { return unavailable_notifier(c, {"prowl_apikey"}); }
Reply mode_test_pushover(Call& c) { return unavailable_notifier(c, {"pushover_token", "pushover_userkey"}); }
Reply mode_test_pushbullet(Call& c) { return unavailable_notifier(c, {"pushbullet_apikey"}); }
Reply mode_test_apprise(Call& c) { return unavailable_notifier(c, {"apprise_urls"}); }

// SABnzbd's cancel_pp: value is one nzo_id or a comma list.
Reply mode_cancel_pp(Call& c) {
  if (!c.services.cancel_pp) return error_reply("post-processing is not running");
  bool any = false;
  for (const auto& id : split_list(c.get("value")))
    if (c.services.cancel_pp(id)) any = true;
  return status_reply(any);
}

Reply mode_disconnect(Call& c) {
  if (c.services.queue) c.services.queue->disconnect();
  return ok_reply();
}

Reply mode_pause_pp(Call& c) {
  if (c.services.pause_postproc) c.services.pause_postproc(true);
  return ok_reply();
}

Reply mode_resume_pp(Call& c) {
  if (c.services.pause_postproc) c.services.pause_postproc(false);
  return ok_reply();
}

// SABnzbd answers {"status":true} also when no folder is watched.
Reply mode_watched_now(Call& c) {
  if (c.services.watched_now) c.services.watched_now();
  return ok_reply();
}

// SABnzbd's BPSMeter.reset_quota(force=True): the period's count starts again.
Reply mode_reset_quota(Call& c) {
  if (c.services.reset_quota) c.services.reset_quota();
  return ok_reply();
}

// Answered as a download by SabApi::handle (showlog.cpp); never reached.
Reply mode_noop(Call&) { return ok_reply(); }

// SABnzbd's force_rss: every enabled feed is read as at the scheduled time
// (a new feed's first read only marks what it holds as seen). The answer
// waits until the reader has started; without a reader it would be a lie.
Reply mode_rss_now(Call& c) {
  if (!c.services.rss_now || !c.services.rss_now()) return error_reply("The RSS reader is not running");
  return ok_reply();
}

// SABnzbd's eval_sort: the path a sort string gives a job name (the sorter
// settings page's preview). No job name or no sort string: "not implemented".
Reply mode_eval_sort(Call& c) {
  auto path = sort::eval_sort(c.get("sort_string"), c.get("job_name"), c.get("multipart_label"));
  if (!path) return error_reply(kNotImplemented);
  return Reply{"result", *path};
}

}  // namespace

void register_misc_modes(ModeTable& t) {
  t["version"] = mode_version;
  t["auth"] = mode_auth;
  t["warnings"] = mode_warnings;
  t["translate"] = mode_translate;
  t["shutdown"] = mode_shutdown;
  t["showlog"] = mode_noop;  // answered as a download by SabApi::handle (showlog.cpp)
  t["restart"] = mode_restart;
  t["restart_repair"] = mode_restart_repair;
  t["test_nscript"] = mode_test_nscript;
  t["test_email"] = mode_test_email;
  for (const char* desktop : {"test_windows", "test_notif", "test_osd"}) t[desktop] = mode_test_desktop;
  t["test_prowl"] = mode_test_prowl;
  t["test_pushover"] = mode_test_pushover;
  t["test_pushbullet"] = mode_test_pushbullet;
  t["test_apprise"] = mode_test_apprise;
  t["cancel_pp"] = mode_cancel_pp;
  t["disconnect"] = mode_disconnect;
  t["pause_pp"] = mode_pause_pp;
  t["resume_pp"] = mode_resume_pp;
  t["rss_now"] = mode_rss_now;
  t["watched_now"] = mode_watched_now;
  t["reset_quota"] = mode_reset_quota;
  t["eval_sort"] = mode_eval_sort;
}

}  // namespace nzbd::api::sab
