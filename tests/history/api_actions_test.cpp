// history&name=delete|mark_as_completed, retry, retry_all, server_stats.
#include "history/api_fixture.h"

namespace nzbd::history::test {
namespace {

namespace fs = std::filesystem;

fs::path make_folder(const fs::path& p) {
  fs::create_directories(p);
  nzbd::test::write_text(p / "file.bin", "data");
  return p;
}

TEST_F(SabHistory, DeleteArchivesByDefaultAndArchiveZeroDeletes) {
  put(make_entry("a", "A", "Completed", 2));
  put(make_entry("b", "B", "Completed", 1));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "a"}}), Json::parse(R"({"status":true})"));
  EXPECT_EQ(listed({{"mode", "history"}}), std::vector<std::string>{"b"});
  EXPECT_EQ(listed({{"mode", "history"}, {"archive", "1"}}), std::vector<std::string>{"a"});
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "a,b"}, {"archive", "0"}})["status"], true);
  EXPECT_TRUE(listed({{"mode", "history"}, {"archive", "1"}}).empty());
  EXPECT_TRUE(listed({{"mode", "history"}}).empty());
  EXPECT_FALSE(history->get("a").ok());
}

TEST_F(SabHistory, DeleteUnknownIdIsTrueAndNoValueIsAnError) {
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "nope"}}), Json::parse(R"({"status":true})"));
  auto j = json({{"mode", "history"}, {"name", "delete"}});
  EXPECT_EQ(j["status"], false);
  EXPECT_EQ(j["error"], "expects one parameter");
  auto xml = call({{"mode", "history"}, {"name", "delete"}, {"value", "nope"}, {"output", "xml"}});
  EXPECT_NE(xml.body.find("<result><status>True</status>"), std::string::npos) << xml.body;
}

TEST_F(SabHistory, DeleteSpecialValues) {
  put(make_entry("c", "C", "Completed", 3));
  put(make_entry("f", "F", "Failed", 2));
  put(make_entry("c2", "C2", "Completed", 1));
  auto active = make_entry("pp", "PP", "Repairing", 0);
  active.loaded = true;
  put(active);
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "FAILED"}, {"archive", "0"}})["status"], true);
  EXPECT_EQ(listed({{"mode", "history"}}), (std::vector<std::string>{"pp", "c", "c2"}));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "completed"}})["status"], true);
  EXPECT_EQ(listed({{"mode", "history"}}), (std::vector<std::string>{"pp"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"archive", "1"}}), (std::vector<std::string>{"c", "c2"}));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "all"}, {"archive", "0"}})["status"], true);
  EXPECT_TRUE(listed({{"mode", "history"}, {"archive", "1"}}).empty());
  EXPECT_EQ(json({{"mode", "history"}})["history"]["noofslots"], 1);  // the running job stays
}

TEST_F(SabHistory, DeleteSpecialValueIsNarrowedBySearch) {
  put(make_entry("s1", "Show.One", "Failed", 4));
  put(make_entry("s2", "Show.Two", "Completed", 3));
  put(make_entry("m1", "Movie", "Failed", 2));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "failed"}, {"search", "show"}})["status"],
            true);
  EXPECT_EQ(listed({{"mode", "history"}}), (std::vector<std::string>{"s2", "m1"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"archive", "1"}}), std::vector<std::string>{"s1"});
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "all"}, {"search", "SHOW"}, {"archive", "0"}})
                ["status"],
            true);
  EXPECT_EQ(listed({{"mode", "history"}}), std::vector<std::string>{"m1"});
  EXPECT_TRUE(listed({{"mode", "history"}, {"archive", "1"}}).empty());  // archived match deleted too
}

TEST_F(SabHistory, DelFilesRemovesOnlyFailedJobFoldersInsideTheConfiguredDirs) {
  nzbd::test::TempDir outside;
  fs::path failed_dir = make_folder(dir / "incomplete" / "Failed.Job");
  fs::path done_dir = make_folder(dir / "complete" / "Done.Job");
  fs::path outside_dir = make_folder(outside / "Elsewhere");
  fs::create_directories(dir / "incomplete");
  fs::create_directory_symlink(outside_dir, dir / "incomplete" / "link");

  auto failed = make_entry("f", "Failed.Job", "Failed", 3);
  failed.path = failed_dir.string();
  auto done = make_entry("d", "Done.Job", "Completed", 2);
  done.storage = done_dir.string();
  auto evil = make_entry("e", "Evil", "Failed", 1);
  evil.path = outside_dir.string();
  evil.storage = (dir / "incomplete" / "link").string();
  for (const auto& e : {failed, done, evil}) put(e);

  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "f,d,e"}, {"del_files", "1"}})["status"], true);
  EXPECT_FALSE(fs::exists(failed_dir));
  EXPECT_TRUE(fs::exists(done_dir / "file.bin"));     // completed jobs keep their files
  EXPECT_TRUE(fs::exists(outside_dir / "file.bin"));  // outside the configured folders
  EXPECT_TRUE(fs::exists(dir / "incomplete"));        // never the root itself
}

TEST_F(SabHistory, DelFilesWithFailedSpecialValue) {
  fs::path failed_dir = make_folder(dir / "incomplete" / "F");
  auto failed = make_entry("f", "F", "Failed", 1);
  failed.path = failed_dir.string();
  put(failed);
  EXPECT_EQ(json({{"mode", "history"}, {"name", "delete"}, {"value", "failed"}, {"del_files", "1"}})["status"],
            true);
  EXPECT_FALSE(fs::exists(failed_dir));
  EXPECT_TRUE(history->get("f")->archive);
}

TEST_F(SabHistory, MarkAsCompletedClearsTheFailureAndIncompleteFiles) {
  nzbd::test::TempDir outside;
  fs::path inc = make_folder(dir / "incomplete" / "F");
  fs::path out = make_folder(outside / "X");
  auto f = make_entry("f", "F", "Failed", 2);
  f.path = inc.string();
  f.retry = true;
  auto g = make_entry("g", "G", "Failed", 1);
  g.path = out.string();
  put(f);
  put(g);
  put(make_entry("c", "C", "Completed", 0));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "mark_as_completed"}, {"value", "f,g,c,unknown"}}),
            Json::parse(R"({"status":true})"));
  for (const char* id : {"f", "g"}) {
    auto e = history->get(id);
    EXPECT_EQ(e->status, JobStatus::Completed);
    EXPECT_EQ(e->fail_message, "");
    EXPECT_FALSE(e->retry);
  }
  EXPECT_FALSE(fs::exists(inc));
  EXPECT_TRUE(fs::exists(out / "file.bin"));
  EXPECT_EQ(json({{"mode", "history"}, {"name", "mark_as_completed"}})["error"], "expects one parameter");
}

TEST_F(SabHistory, RetryWithoutHandlerOrUnknownJobFails) {
  put(make_entry("f", "F", "Failed", 1));
  put(make_entry("c", "C", "Completed", 1));
  auto j = json({{"mode", "retry"}, {"value", "f"}});
  EXPECT_EQ(j["status"], false);
  EXPECT_TRUE(j["error"].is_string());
  set_retry([](const Entry&, std::string, const http::FormFile*) -> Result<std::string> {
    return std::string("new");
  });
  EXPECT_EQ(json({{"mode", "retry"}, {"value", "nope"}})["error"], "item does not exist");
  EXPECT_EQ(json({{"mode", "retry"}, {"value", "c"}})["error"], "item does not exist");
  EXPECT_EQ(json({{"mode", "retry"}})["error"], "expects one parameter");
}

TEST_F(SabHistory, RetryPassesPasswordAndNzbAndDropsTheOldRow) {
  put(make_entry("f", "F", "Failed", 1));
  std::string seen_id, seen_pw, seen_nzb;
  set_retry([&](const Entry& e, std::string pw, const http::FormFile* nzb) -> Result<std::string> {
    seen_id = e.nzo_id;
    seen_pw = pw;
    seen_nzb = nzb ? nzb->data : "";
    return std::string("SABnzbd_nzo_new");
  });
  http::FormFile file{"nzbfile", "extra.nzb", "application/x-nzb", "<nzb/>"};
  auto j = json({{"mode", "retry"}, {"value", "f"}, {"password", "pw1"}}, &file);
  EXPECT_EQ(j, Json::parse(R"({"status":true,"nzo_id":"SABnzbd_nzo_new"})"));
  EXPECT_EQ(seen_id, "f");
  EXPECT_EQ(seen_pw, "pw1");
  EXPECT_EQ(seen_nzb, "<nzb/>");
  EXPECT_FALSE(history->get("f").ok());
}

TEST_F(SabHistory, RetryHandlerErrorKeepsTheRow) {
  put(make_entry("f", "F", "Failed", 1));
  set_retry([](const Entry&, std::string, const http::FormFile*) -> Result<std::string> {
    return make_error("NZB is gone");
  });
  auto j = json({{"mode", "retry"}, {"value", "f"}});
  EXPECT_EQ(j, Json::parse(R"({"status":false,"error":"NZB is gone"})"));
  EXPECT_TRUE(history->get("f").ok());
}

TEST_F(SabHistory, RetryAllRetriesEveryFailedJob) {
  EXPECT_EQ(json({{"mode", "retry_all"}}), Json::parse(R"({"status":[]})"));
  put(make_entry("f1", "F1", "Failed", 2));
  put(make_entry("f2", "F2", "Failed", 1));
  put(make_entry("c", "C", "Completed", 3));
  EXPECT_EQ(json({{"mode", "retry_all"}}), Json::parse(R"({"status":[]})"));  // no handler yet
  set_retry([](const Entry& e, std::string pw, const http::FormFile* nzb) -> Result<std::string> {
    if (!pw.empty() || nzb) return make_error("unexpected");
    return "new_" + e.nzo_id;
  });
  EXPECT_EQ(json({{"mode", "retry_all"}}), Json::parse(R"({"status":["new_f1","new_f2"]})"));
  EXPECT_EQ(listed({{"mode", "history"}}), std::vector<std::string>{"c"});
}

TEST_F(SabHistory, ServerStatsShapeForConfiguredServers) {
  (void)store->write("servers", [](config::Config& c) {
    c.item_or_create("servers", "news.example.com").set("host", "news.example.com");
    c.item_or_create("servers", "idle.example.com").set("host", "idle.example.com");
  });
  EXPECT_TRUE(history->add_server_bytes("news.example.com", 3000, 3, 2));
  EXPECT_TRUE(history->add_server_bytes("removed.example.com", 5, 1, 1));
  auto j = json({{"mode", "server_stats"}});
  for (const char* k : {"total", "month", "week", "day"}) {
    EXPECT_TRUE(j[k].is_number_integer()) << k;
    EXPECT_EQ(j[k], 3005) << k;
  }
  ASSERT_TRUE(j["servers"].is_object());
  EXPECT_EQ(j["servers"].size(), 2u);
  const Json& s = j["servers"]["news.example.com"];
  EXPECT_EQ(s["total"], 3000);
  EXPECT_EQ(s["day"], 3000);
  ASSERT_EQ(s["daily"].size(), 1u);
  std::string date = s["daily"].begin().key();
  EXPECT_EQ(date.size(), 10u);
  EXPECT_EQ(s["daily"][date], 3000);
  EXPECT_EQ(s["articles_tried"][date], 3);
  EXPECT_EQ(s["articles_success"][date], 2);
  const Json& idle = j["servers"]["idle.example.com"];
  EXPECT_EQ(idle["total"], 0);
  EXPECT_TRUE(idle["daily"].is_object() && idle["daily"].empty());
  auto xml = call({{"mode", "server_stats"}, {"output", "xml"}});
  EXPECT_NE(xml.body.find("\n<result><total>3005</total>"), std::string::npos) << xml.body;
}

TEST_F(SabHistory, ServerStatsWithoutAStoreIsZeros) {
  make_api(nullptr);
  EXPECT_EQ(json({{"mode", "server_stats"}}),
            Json::parse(R"({"total":0,"month":0,"week":0,"day":0,"servers":{}})"));
}

}  // namespace
}  // namespace nzbd::history::test
