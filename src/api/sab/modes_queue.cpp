// mode=queue (listing and its name= actions), pause, resume, and the
// job-changing modes: switch, change_cat, change_script, change_opts,
// get_files, move_nzf_bulk.
#include <spdlog/spdlog.h>

#include "api/sab/format.h"
#include "api/sab/queue_json.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

queue::Queue* q(Call& c) { return c.services.queue; }

Reply no_queue() { return error_reply("the download queue is not running"); }

Reply ids_reply(bool status, const std::vector<std::string>& ids) {
  return Reply{"", Json{{"status", status}, {"nzo_ids", ids}}};
}

Reply queue_pause_resume(Call& c, bool pause) {
  if (!c.has("value") || c.get("value").empty()) return Reply{"", Json{{"status", false}, {"nzo_ids", false}}};
  auto ids = split_list(c.get("value"));
  auto done = pause ? q(c)->pause_jobs(ids) : q(c)->resume_jobs(ids);
  return ids_reply(true, done);
}

Reply queue_delete(Call& c) {
  std::string value = c.get("value");
  bool del_files = c.get("del_files") == "1";
  if (value.empty()) return error_reply(kOneParam);
  auto removed = value == "all" ? q(c)->delete_all(c.get("search"), del_files)
                                : q(c)->delete_jobs(split_list(value), del_files);
  return ids_reply(!removed.empty(), removed);
}

std::string strip_dots_spaces(const std::string& s) {
  size_t b = s.find_first_not_of(". "), e = s.find_last_not_of(". ");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// SABnzbd's scan_password forms other than "name{{pw}}" (the queue splits
// that one): "name / pw", "name/pw" ('/' before any "{{") and "name password=pw".
std::optional<std::string> scan_password(std::string& name) {
  size_t braces = name.size() > 1 ? name.find("{{", 1) : std::string::npos;
  if (braces == std::string::npos) braces = name.size();
  size_t slash = name.find('/');
  if (slash != std::string::npos && slash > 0 && slash < braces && name.back() != '/') {
    if (slash == name.find(" / ") + 1 && !strip_dots_spaces(name.substr(0, slash - 1)).empty()) {
      std::string pw = name.substr(slash + 2);
      name = strip_dots_spaces(name.substr(0, slash - 1));
      return pw;
    }
    if (!strip_dots_spaces(name.substr(0, slash)).empty()) {
      std::string pw = name.substr(slash + 1);
      name = strip_dots_spaces(name.substr(0, slash));
      return pw;
    }
  }
  size_t pw = name.find("password=");
  if (pw != std::string::npos && pw > 0 && !strip_dots_spaces(name.substr(0, pw)).empty()) {
    std::string password = name.substr(pw + 9);
    name = strip_dots_spaces(name.substr(0, pw));
    return password;
  }
  return std::nullopt;
}

Reply queue_rename(Call& c) {
  std::string id = c.get("value"), name = c.get("value2");
  if (id.empty() || name.empty()) return error_reply(kTwoParams);
  std::optional<std::string> password;
  if (c.has("value3") && !c.get("value3").empty()) password = c.get("value3");
  else if (c.has("password")) password = c.get("password");
  if (!password) password = scan_password(name);
  if (!name.empty() && name.front() == '/') name.front() = '_';
  return status_reply(q(c)->rename(id, name, password));
}

Reply queue_priority(Call& c) {
  auto p = parse_int(c.get("value2"));
  if (!p) return error_reply(kIntValue);
  return Reply{"position", q(c)->set_priority(split_list(c.get("value")), static_cast<int>(*p))};
}

Reply queue_sort(Call& c) {
  if (!c.has("sort")) return error_reply(kTwoParams);
  q(c)->sort(c.get("sort"), c.get("dir") == "desc");
  return ok_reply();
}

// A script name as SABnzbd's is_valid_script takes it: a plain, non-hidden
// file in script_dir.
bool is_script(Call& c, const std::string& name) {
  if (name.empty() || name.front() == '.' || name.find('/') != std::string::npos || name == "None") return false;
  auto dir = c.services.config.read([](const config::Config& cfg) { return cfg.resolve_dir("script_dir"); });
  std::error_code ec;
  return !dir.empty() && std::filesystem::is_regular_file(dir / name, ec);
}

// Anything SABnzbd would not carry out clears the action, as SABnzbd does;
// the daemon runs it when the queue is done (daemon/queue_complete.cpp).
Reply queue_complete_action(Call& c) {
  std::string v = c.get("value");
  bool known = v == "hibernate_pc" || v == "standby_pc" || v == "shutdown_pc" || v == "shutdown_program" ||
               (v.rfind("script_", 0) == 0 && is_script(c, v.substr(7)));
  q(c)->set_finish_action(known ? v : "");
  return ok_reply();
}

Reply queue_delete_nzf(Call& c) {
  auto removed = q(c)->delete_files(c.get("value"), split_list(c.get("value2")));
  return Reply{"", Json{{"status", !removed.empty()}, {"nzf_ids", removed}}};
}

Reply mode_queue(Call& c) {
  if (!q(c)) return no_queue();
  std::string name = c.get("name");
  if (name == "pause") return queue_pause_resume(c, true);
  if (name == "resume") return queue_pause_resume(c, false);
  if (name == "delete") return queue_delete(c);
  if (name == "purge") {
    auto removed = q(c)->delete_all(c.get("search"), c.get("del_files") == "1");
    return ids_reply(!removed.empty(), removed);
  }
  if (name == "rename") return queue_rename(c);
  if (name == "priority") return queue_priority(c);
  if (name == "sort") return queue_sort(c);
  if (name == "change_complete_action") return queue_complete_action(c);
  if (name == "delete_nzf") return queue_delete_nzf(c);
  if (c.get("output") == "xml") return Reply::xml_written(queue_text(c, queue_filter_from(c), true));
  return Reply::json_written(queue_text(c, queue_filter_from(c), false));
}

Reply mode_pause(Call& c) {
  if (!q(c)) return no_queue();
  q(c)->pause_all();
  return ok_reply();
}

Reply mode_resume(Call& c) {
  if (!q(c)) return no_queue();
  q(c)->resume_all();
  return ok_reply();
}

Reply mode_switch(Call& c) {
  if (!q(c)) return no_queue();
  std::string id = c.get("value"), other = c.get("value2");
  if (id.empty() || other.empty()) return error_reply(kTwoParams);
  auto index = parse_int(other);
  auto r = index ? q(c)->move_job(id, static_cast<int>(*index)) : q(c)->move_before(id, other);
  if (!r) return Reply{"result", Json{{"position", -1}, {"priority", -1}}};
  return Reply{"result", Json{{"position", r->first}, {"priority", r->second}}};
}

Reply mode_change_cat(Call& c) {
  if (!q(c)) return no_queue();
  std::string cat = c.get("value2");
  return status_reply(q(c)->change_category(split_list(c.get("value")), cat));
}

Reply mode_change_script(Call& c) {
  if (!q(c)) return no_queue();
  std::string script = c.get("value2");
  if (script.empty() || (script.front() == '.' )) return status_reply(false);
  if (script != "None") {
    auto dir = c.services.config.read([](const config::Config& cfg) { return cfg.resolve_dir("script_dir"); });
    std::error_code ec;
    if (script.find('/') != std::string::npos || !std::filesystem::is_regular_file(dir / script, ec))
      return status_reply(false);
  }
  return status_reply(q(c)->change_script(split_list(c.get("value")), script));
}

Reply mode_change_opts(Call& c) {
  if (!q(c)) return no_queue();
  auto pp = parse_int(c.get("value2"));
  if (!pp) return error_reply(kNoItem);
  return status_reply(q(c)->change_pp(split_list(c.get("value")), static_cast<int>(*pp)));
}

Reply mode_get_files(Call& c) {
  Json files = Json::array();
  if (!q(c)) return Reply{"files", files};
  std::string id = c.get("value");
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  // The job's file list is copied under the queue's lock; the JSON is built after it.
  std::vector<queue::JobFile> job_files;
  q(c)->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus&) {
    for (const auto* j : jobs)
      if (j->nzo_id == id) job_files.insert(job_files.end(), j->files.begin(), j->files.end());
    return 0;
  });
  Json finished = Json::array(), active = Json::array(), queued = Json::array();
  for (const auto& f : job_files) {
    if (f.removed) continue;
    uint64_t left = f.bytes > f.bytes_done ? f.bytes - f.bytes_done : 0;
    const char* status = f.held_back ? "queued" : f.finished() ? "finished" : "active";
    Json e{{"filename", f.name}, {"mbleft", format_mb(f.finished() ? 0 : left)}, {"mb", format_mb(f.bytes)},
           {"bytes", fmt_fixed(static_cast<double>(f.bytes))},
           {"age", f.date > 0 ? format_age(now - f.date) : "-"}, {"nzf_id", f.nzf_id}, {"status", status}};
    (f.held_back ? queued : f.finished() ? finished : active).push_back(std::move(e));
  }
  for (auto* list : {&finished, &active, &queued})
    for (auto& e : *list) files.push_back(std::move(e));
  return Reply{"files", files};
}

Reply mode_move_nzf_bulk(Call& c) {
  if (!q(c)) return no_queue();
  int size = static_cast<int>(parse_int(c.get("size")).value_or(0));
  return status_reply(q(c)->move_files(c.get("value"), split_list(c.get("nzf_ids")), c.get("name"), size));
}

}  // namespace

void register_queue_modes(ModeTable& t) {
  t["queue"] = mode_queue;
  t["pause"] = mode_pause;
  t["resume"] = mode_resume;
  t["switch"] = mode_switch;
  t["change_cat"] = mode_change_cat;
  t["change_script"] = mode_change_script;
  t["change_opts"] = mode_change_opts;
  t["get_files"] = mode_get_files;
  t["move_nzf_bulk"] = mode_move_nzf_bulk;
  register_add_modes(t);
  register_status_modes(t);
}

}  // namespace nzbd::api::sab
