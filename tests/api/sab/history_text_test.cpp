// mode=history's text writer (history_list.cpp) against the tree builder it
// replaced (tree_reference.cpp): the same bytes, JSON and XML, for rows of
// every kind and for the queries pollers send.
#include <gtest/gtest.h>

#include "api/sab/call.h"
#include "api/sab/history_list.h"
#include "config/store.h"
#include "history/history.h"
#include "support/temp_dir.h"
#include "tree_reference.h"
#include "util/warnings.h"

namespace nzbd::api::sab {
namespace {

class HistoryText : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir.path() / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    auto h = history::History::open(dir.path() / "history.db");
    ASSERT_TRUE(h.ok()) << h.message();
    hist = std::move(*h);
    services = std::make_unique<Services>(Services{*config, warnings, "test", {}, {}, nullptr, hist.get(), {}});
  }

  history::Entry row(const std::string& id, const std::string& name, const std::string& status) {
    history::Entry e;
    e.nzo_id = id;
    e.name = name;
    e.nzb_name = name + ".nzb";
    e.status = history::parse_job_status(status).value();
    e.completed = 1767225600 + static_cast<int64_t>(++serial);
    e.time_added = e.completed - 100;
    e.bytes = 1000 * serial;
    e.downloaded = e.bytes;
    e.download_time = 7;
    e.postproc_time = 3;
    e.storage = "/done/" + name;
    e.path = "/incomplete/" + name;
    return e;
  }
  void put(const history::Entry& e) { ASSERT_TRUE(hist->put(e).ok()); }

  // Both writers for one query; returns the JSON text after checking it and
  // the XML against the reference tree.
  std::string both(const history::Query& q) {
    http::Request req;
    Call call{req, req.params, *services};
    int64_t counter = hist->last_update();
    std::string text = history_text(call, q, counter, false);
    std::string xml = history_text(call, q, counter, true);
    Json tree = reference::history_tree(call, q, counter);
    Json expected = Json{{"history", tree}};
    EXPECT_EQ(Json::parse(text), expected);  // ordered: keys, order, values and types
    EXPECT_EQ(text, expected.dump(-1, ' ', false, Json::error_handler_t::replace));
    EXPECT_EQ(xml, render_xml(Reply{"history", tree}));
    return text;
  }

  int serial = 0;
  test::TempDir dir;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<history::History> hist;
  std::unique_ptr<Services> services;
};

TEST_F(HistoryText, EmptyHistory) {
  std::string text = both(history::Query{});
  EXPECT_NE(text.find(R"("slots":[])"), std::string::npos) << text;
}

TEST_F(HistoryText, SameBytesAsTheTreeForEveryKindOfRow) {
  auto done = row("SABnzbd_nzo_done", "Plain.Done", "Completed");
  done.category = "tv";
  done.stage_log = {{"Source", {"plain.nzb"}}, {"Repair", {"[x] Quick Check OK", "<b>&'\"</b>"}}, {"Unpack", {}}};
  put(done);
  auto failed = row("SABnzbd_nzo_fail", "Ünïcødé \"Quoted\" \\ Name", "Failed");
  failed.fail_message = "Download failed\tbadly\x01";
  failed.retry = true;
  failed.password = "se\"cret";
  failed.duplicate_key = "show/1x02";
  failed.url = "https://indexer.example/get?id=1&x=<2>";
  failed.url_info = "info";
  failed.report = "future";
  put(failed);
  auto active = row("SABnzbd_nzo_busy", "Still.Running", "Extracting");
  active.loaded = true;
  active.action_line = "Unpacking 3/7";
  active.script_log = "line one\nline two";
  active.script_line = "line two";
  active.category = "";
  put(active);
  auto archived = row("SABnzbd_nzo_arch", "Archived.One", "Completed");
  archived.archive = true;
  put(archived);
  for (int i = 0; i < 60; ++i) put(row("SABnzbd_nzo_f" + std::to_string(i), "Filler." + std::to_string(i),
                                       i % 5 ? "Completed" : "Failed"));

  both(history::Query{});
  history::Query q;
  q.limit = 50;
  both(q);
  q.start = 10;
  q.limit = 5;
  both(q);
  q.start = 1000;
  both(q);
  history::Query search;
  search.search = "filler.1";
  both(search);
  history::Query failed_only;
  failed_only.failed_only = true;
  both(failed_only);
  history::Query arch;
  arch.archived = true;
  both(arch);
  history::Query ids;
  ids.nzo_ids = {"SABnzbd_nzo_fail", "SABnzbd_nzo_busy"};
  std::string text = both(ids);
  EXPECT_NE(text.find(R"("series":"")"), std::string::npos) << "an active row shows \"\"";
  EXPECT_NE(text.find(R"("retry":true)"), std::string::npos) << text;
  history::Query cats;
  cats.categories = {"tv"};
  cats.statuses = {"Completed"};
  both(cats);
}

}  // namespace
}  // namespace nzbd::api::sab
