// mode=history listings: shapes, JSON types, filters, XML.
#include "history/api_fixture.h"

namespace nzbd::history::test {
namespace {

const std::vector<std::string> kSlotKeys = {
    "completed", "name", "nzb_name", "category", "pp", "script", "report", "url", "status", "nzo_id",
    "storage", "path", "script_line", "script_log", "download_time", "postproc_time", "stage_log", "downloaded",
    "completeness", "fail_message", "url_info", "bytes", "meta", "series", "md5sum", "password",
    "duplicate_key", "archive", "time_added", "size", "action_line", "loaded", "retry"};

void expect_empty_history(const Json& j) {
  ASSERT_TRUE(j.contains("history")) << j.dump();
  const Json& h = j["history"];
  std::vector<std::string> keys;
  for (const auto& [k, v] : h.items()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"day_size", "last_history_update", "month_size", "noofslots",
                                            "ppslots", "slots", "total_size", "version", "week_size"}));
  for (const char* k : {"total_size", "month_size", "week_size", "day_size"}) EXPECT_EQ(h[k], "0") << k;
  EXPECT_TRUE(h["slots"].is_array() && h["slots"].empty());
  EXPECT_TRUE(h["ppslots"].is_number_integer());
  EXPECT_TRUE(h["noofslots"].is_number_integer());
  EXPECT_EQ(h["noofslots"], 0);
  EXPECT_TRUE(h["last_history_update"].is_number_integer());
  EXPECT_EQ(h["version"], api::sab::kApiVersion);
}

TEST_F(SabHistory, EmptyHistoryWithAndWithoutAStore) {
  expect_empty_history(json({{"mode", "history"}}));
  make_api(nullptr);
  expect_empty_history(json({{"mode", "history"}}));
}

TEST_F(SabHistory, FinishedSlotHasEveryKeyWithSabnzbdTypes) {
  Entry e = make_entry("SABnzbd_nzo_x", "Show.S01E01", "Completed", 1700000000, 57042534);
  e.category = "tv";
  e.storage = (dir / "complete" / "tv" / "Show.S01E01").string();
  e.download_time = 95;
  e.stage_log = {{"Unpack", {"Unpacked 1 file"}}};
  put(e);
  auto j = json({{"mode", "history"}});
  const Json& h = j["history"];
  ASSERT_EQ(h["slots"].size(), 1u);
  const Json& s = h["slots"][0];
  std::vector<std::string> keys;
  for (const auto& [k, v] : s.items()) keys.push_back(k);
  std::vector<std::string> want = kSlotKeys;
  std::sort(keys.begin(), keys.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(keys, want);
  for (const char* k : {"completed", "download_time", "postproc_time", "downloaded", "bytes", "time_added"})
    EXPECT_TRUE(s[k].is_number_integer()) << k;
  for (const char* k : {"name", "nzb_name", "category", "pp", "script", "report", "status", "nzo_id", "storage",
                        "path", "script_line", "script_log", "fail_message", "url_info", "size", "action_line"})
    EXPECT_TRUE(s[k].is_string()) << k;
  for (const char* k : {"url", "completeness", "meta", "series", "md5sum", "password", "duplicate_key"})
    EXPECT_TRUE(s[k].is_null()) << k;
  for (const char* k : {"archive", "loaded", "retry"}) EXPECT_TRUE(s[k].is_boolean()) << k;
  EXPECT_EQ(s["size"], "54.4 MB");
  EXPECT_EQ(s["bytes"], 57042534);
  EXPECT_EQ(s["download_time"], 95);
  EXPECT_EQ(s["category"], "tv");
  EXPECT_EQ(s["storage"], e.storage);
  EXPECT_EQ(s["stage_log"], Json::parse(R"([{"name":"Unpack","actions":["Unpacked 1 file"]}])"));
  EXPECT_EQ(h["total_size"], "54.4 M");
  EXPECT_EQ(h["day_size"], "0");  // completed in 2023
  EXPECT_EQ(h["noofslots"], 1);
  // Exactly four top-level keys end in "size" (Home Assistant parses each one).
  int size_keys = 0;
  for (const auto& [k, v] : h.items()) size_keys += k.size() >= 4 && k.substr(k.size() - 4) == "size";
  EXPECT_EQ(size_keys, 4);
}

TEST_F(SabHistory, OptionalStringsAppearWhenSet) {
  Entry e = make_entry("a", "A", "Failed", 1);
  e.password = "pw";
  e.duplicate_key = "show/1/2";
  e.url = "http://x/y.nzb";
  e.retry = true;
  put(e);
  const Json s = json({{"mode", "history"}})["history"]["slots"][0];
  EXPECT_EQ(s["password"], "pw");
  EXPECT_EQ(s["duplicate_key"], "show/1/2");
  EXPECT_EQ(s["url"], "http://x/y.nzb");
  EXPECT_EQ(s["retry"], true);
  EXPECT_EQ(s["fail_message"], "Unpacking failed");
}

TEST_F(SabHistory, PostProcessingSlotIsFirstWithActiveShape) {
  put(make_entry("done", "Done", "Completed", 100));
  Entry e = make_entry("pp", "Running", "Extracting", 0);
  e.loaded = true;
  e.storage = "/should/not/show";
  e.action_line = "Unpacking: Running";
  put(e);
  auto h = json({{"mode", "history"}})["history"];
  EXPECT_EQ(h["ppslots"], 1);
  EXPECT_EQ(h["noofslots"], 2);
  const Json& s = h["slots"][0];
  EXPECT_EQ(s["nzo_id"], "pp");
  EXPECT_EQ(s["status"], "Extracting");
  EXPECT_EQ(s["storage"], "");
  EXPECT_EQ(s["series"], "");
  EXPECT_EQ(s["md5sum"], "");
  EXPECT_EQ(s["loaded"], true);
  EXPECT_EQ(s["action_line"], "Unpacking: Running");
  EXPECT_TRUE(h["slots"][1]["series"].is_null());
}

class SabHistoryFilters : public SabHistory {
 protected:
  void SetUp() override {
    SabHistory::SetUp();
    auto a = make_entry("a", "Show.Alpha", "Completed", 5);
    a.category = "tv";
    auto b = make_entry("b", "Movie_Beta", "Failed", 4);
    b.category = "movies";
    auto c = make_entry("c", "show.gamma", "Completed", 3);
    auto d = make_entry("d", "Other", "Failed", 2);
    d.category = "tv";
    for (const auto& e : {a, b, c, d}) put(e);
  }
  using V = std::vector<std::string>;
};

TEST_F(SabHistoryFilters, StartAndLimit) {
  EXPECT_EQ(listed({{"mode", "history"}, {"start", "1"}, {"limit", "2"}}), (V{"b", "c"}));
  auto h = json({{"mode", "history"}, {"limit", "1"}})["history"];
  EXPECT_EQ(h["slots"].size(), 1u);
  EXPECT_EQ(h["noofslots"], 4);
  EXPECT_EQ(listed({{"mode", "history"}, {"start", "x"}, {"limit", "junk"}}).size(), 4u);
}

TEST_F(SabHistoryFilters, LimitZeroMeansTheConfiguredHistoryLimit) {
  EXPECT_EQ(listed({{"mode", "history"}, {"limit", "0"}}).size(), 4u);  // history_limit=0: all
  (void)store->write("misc", [](config::Config& c) { c.set_misc("history_limit", "3"); });
  EXPECT_EQ(listed({{"mode", "history"}, {"limit", "0"}}), (V{"a", "b", "c"}));
  EXPECT_EQ(listed({{"mode", "history"}}).size(), 3u);
  EXPECT_EQ(listed({{"mode", "history"}, {"limit", "4"}}).size(), 4u);
}

TEST_F(SabHistoryFilters, SearchCategoryStatusIdsAndFailedOnly) {
  EXPECT_EQ(listed({{"mode", "history"}, {"search", "SHOW"}}), (V{"a", "c"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"search", "e_b"}}), (V{"b"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"cat", "tv"}}), (V{"a", "d"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"category", "movies, *"}}), (V{"b", "c"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"category", "nosuch"}}), V{});
  EXPECT_EQ(listed({{"mode", "history"}, {"status", "Failed"}}), (V{"b", "d"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"status", "Completed,Failed"}}).size(), 4u);
  EXPECT_EQ(listed({{"mode", "history"}, {"nzo_ids", "d,a,zz"}}), (V{"a", "d"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"failed_only", "1"}}), (V{"b", "d"}));
  EXPECT_EQ(listed({{"mode", "history"}, {"failed_only", "1"}, {"cat", "tv"}}), (V{"d"}));
  auto h = json({{"mode", "history"}, {"cat", "tv"}, {"limit", "1"}})["history"];
  EXPECT_EQ(h["noofslots"], 2);
}

TEST_F(SabHistoryFilters, ArchiveListsArchivedItems) {
  ASSERT_TRUE(history->remove({"a"}, true).ok());
  EXPECT_EQ(listed({{"mode", "history"}, {"archive", "1"}}), (V{"a"}));
  auto s = json({{"mode", "history"}, {"archive", "1"}})["history"]["slots"][0];
  EXPECT_EQ(s["archive"], true);
  EXPECT_EQ(listed({{"mode", "history"}}), (V{"b", "c", "d"}));
}

TEST_F(SabHistoryFilters, UnchangedLastHistoryUpdateAnswersFalse) {
  int64_t counter = json({{"mode", "history"}})["history"]["last_history_update"];
  EXPECT_EQ(json({{"mode", "history"}, {"last_history_update", std::to_string(counter)}}),
            Json::parse(R"({"history":false})"));
  auto xml = call({{"mode", "history"}, {"last_history_update", std::to_string(counter)}, {"output", "xml"}});
  EXPECT_NE(xml.body.find("<history>False</history>"), std::string::npos) << xml.body;
  auto older = json({{"mode", "history"}, {"last_history_update", std::to_string(counter - 1)}});
  EXPECT_EQ(older["history"]["noofslots"], 4);
  ASSERT_TRUE(history->remove({"a"}, true).ok());
  auto changed = json({{"mode", "history"}, {"last_history_update", std::to_string(counter)}});
  EXPECT_EQ(changed["history"]["noofslots"], 3);
  EXPECT_NE(changed["history"]["last_history_update"], counter);
}

TEST_F(SabHistoryFilters, UnknownNameFallsBackToTheListing) {
  EXPECT_EQ(listed({{"mode", "history"}, {"name", "bogus"}}).size(), 4u);
}

TEST_F(SabHistory, XmlUsesSlotStageAndItemElements) {
  Entry e = make_entry("x1", "A&B", "Completed", 1, 2048);
  e.stage_log = {{"Unpack", {"one", "two"}}};
  put(e);
  auto r = call({{"mode", "history"}, {"output", "xml"}});
  EXPECT_EQ(r.content_type, "text/xml;charset=utf-8");
  const std::string& b = r.body;
  EXPECT_EQ(b.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<history>", 0), 0u) << b;
  EXPECT_NE(b.find("<slots><slot><completed>1</completed>"), std::string::npos) << b;
  EXPECT_NE(b.find("<name>A&amp;B</name>"), std::string::npos);
  EXPECT_NE(b.find("<stage_log><stage><name>Unpack</name>\n<actions><item>one</item>\n<item>two</item>"),
            std::string::npos)
      << b;
  EXPECT_NE(b.find("<url></url>"), std::string::npos);
  EXPECT_NE(b.find("<loaded>False</loaded>"), std::string::npos);
  EXPECT_NE(b.find("<size>2.0 KB</size>"), std::string::npos);
  EXPECT_NE(b.find("<noofslots>1</noofslots>"), std::string::npos);
}

}  // namespace
}  // namespace nzbd::history::test
