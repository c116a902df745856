#include "api/sab/history_list.h"

#include <stdexcept>

#include "api/sab/format.h"

namespace nzbd::api::sab {

// Rows still post-processing show "" for storage/series/md5sum, as
// SABnzbd's active-history slots do.
void write_history_slot(Out& out, const history::Entry& e) {
  const bool active = e.loaded;
  out.begin_object("");
  out.num("completed", e.completed);
  out.str("name", e.name);
  out.str("nzb_name", e.nzb_name);
  out.str("category", e.category.empty() ? "*" : e.category);
  out.str("pp", e.pp);
  out.str("script", e.script);
  out.str("report", e.report);
  out.str_or_null("url", e.url);
  out.str("status", history::status_text(e.status));
  out.str("nzo_id", e.nzo_id);
  out.str("storage", active ? std::string() : e.storage);
  out.str("path", e.path);
  out.str("script_line", e.script_line);
  // Not in SABnzbd's list output (it serves the log separately); the issue
  // asks for the script's output in the slot, and clients ignore extra keys.
  out.str("script_log", e.script_log);
  out.num("download_time", e.download_time);
  out.num("postproc_time", e.postproc_time);
  out.begin_array("stage_log");
  for (const auto& stage : e.stage_log) {
    out.begin_object("");
    out.str("name", stage.name);
    out.strings("actions", stage.actions);
    out.end_object();
  }
  out.end_array();
  out.num("downloaded", e.downloaded);
  out.null("completeness");
  out.str("fail_message", e.fail_message);
  out.str("url_info", e.url_info);
  out.num("bytes", e.bytes);
  out.null("meta");
  active ? out.str("series", "") : out.null("series");
  active ? out.str("md5sum", "") : out.null("md5sum");
  out.str_or_null("password", e.password);
  out.str_or_null("duplicate_key", e.duplicate_key);
  out.boolean("archive", e.archive);
  out.num("time_added", e.time_added);
  out.str("size", to_units(static_cast<double>(e.bytes), "B"));
  out.str("action_line", e.action_line);
  out.boolean("loaded", e.loaded);
  out.boolean("retry", e.retry && e.status == history::JobStatus::Failed);
  out.end_object();
}

std::string history_text(Call& c, const history::Query& q, int64_t counter, bool xml) {
  history::History* h = c.services.history;
  // A history that cannot be read fails the whole mode, answered at the
  // API's border (sab_api.cpp) in SABnzbd's error shape with a 500.
  auto readable = [](auto r) {
    if (!r) throw std::runtime_error(r.message());
    return std::move(r).value();
  };
  history::Page page = h ? readable(h->query(q)) : history::Page{};
  history::Totals totals = h ? readable(h->totals()) : history::Totals{};
  std::string text;
  if (xml) text = kXmlProlog;
  text.reserve(text.size() + 400 + 1200 * page.entries.size());
  auto write = [&](Out& out) {
    out.begin_object("history");
    // Home Assistant parses every top-level key ending in "size": keep exactly these four.
    out.str("total_size", to_units(static_cast<double>(totals.total)));
    out.str("month_size", to_units(static_cast<double>(totals.month)));
    out.str("week_size", to_units(static_cast<double>(totals.week)));
    out.str("day_size", to_units(static_cast<double>(totals.day)));
    out.begin_array("slots");
    for (const auto& e : page.entries) write_history_slot(out, e);
    out.end_array();
    out.num("ppslots", page.loaded);
    out.num("noofslots", page.total);
    out.num("last_history_update", counter);
    out.str("version", kApiVersion);
    out.end_object();
  };
  write_answer(text, xml, write);
  return text;
}

}  // namespace nzbd::api::sab
