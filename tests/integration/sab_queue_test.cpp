// mode=queue listing: header and slot shapes (key order and JSON types as
// real SABnzbd writes them), XML twin, pause state and the filters.
#include <pugixml.hpp>

#include <regex>

#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {

class SabQueue : public SabQueueFixture {};

const std::vector<std::string> kHeaderKeys = {
    "version", "paused", "pause_int", "paused_all", "diskspace1", "diskspace2", "diskspace1_norm",
    "diskspace2_norm", "diskspacetotal1", "diskspacetotal2", "speedlimit", "speedlimit_abs", "have_warnings",
    "finishaction", "quota", "have_quota", "left_quota", "cache_art", "cache_size", "kbpersec", "speed",
    "mbleft", "mb", "sizeleft", "size", "noofslots_total", "noofslots", "start", "limit", "finish", "status",
    "timeleft", "slots"};

const std::vector<std::string> kSlotKeys = {
    "index", "nzo_id", "unpackopts", "priority", "script", "filename", "labels", "password", "cat", "mbleft",
    "mb", "size", "sizeleft", "percentage", "mbmissing", "direct_unpack", "status", "timeleft", "avg_age",
    "time_added"};

std::vector<std::string> keys_of(const OJson& o) {
  std::vector<std::string> k;
  for (const auto& [key, v] : o.items()) k.push_back(key);
  return k;
}

bool is_num_string(const OJson& v, const char* re = R"(^-?\d+(\.\d+)?$)") {
  return v.is_string() && std::regex_match(v.get<std::string>(), std::regex(re));
}

void expect_header_types(const OJson& q) {
  EXPECT_EQ(keys_of(q), kHeaderKeys);
  for (const char* k : {"paused", "paused_all", "have_quota"}) EXPECT_TRUE(q[k].is_boolean()) << k;
  for (const char* k : {"noofslots_total", "noofslots", "start", "limit", "finish"})
    EXPECT_TRUE(q[k].is_number_integer()) << k;
  for (const char* k : {"diskspace1", "diskspace2", "diskspacetotal1", "diskspacetotal2", "kbpersec", "mb", "mbleft"})
    EXPECT_TRUE(is_num_string(q[k], R"(^\d+\.\d\d$)")) << k << "=" << q[k];
  for (const char* k : {"pause_int", "speedlimit", "speedlimit_abs", "have_warnings", "cache_art"})
    EXPECT_TRUE(q[k].is_string()) << k;
  for (const char* k : {"speedlimit", "speedlimit_abs", "have_warnings", "cache_art"})
    EXPECT_TRUE(is_num_string(q[k], R"(^\d+$)")) << k << "=" << q[k];
  for (const char* k : {"version", "diskspace1_norm", "diskspace2_norm", "quota", "left_quota", "cache_size",
                        "speed", "sizeleft", "size", "status", "timeleft"})
    EXPECT_TRUE(q[k].is_string()) << k;
  EXPECT_TRUE(q["finishaction"].is_null() || q["finishaction"].is_string());
  EXPECT_TRUE(q["slots"].is_array());
  EXPECT_TRUE(std::regex_match(q["timeleft"].get<std::string>(), std::regex(R"(^\d+:\d\d:\d\d$)")));
}

TEST_F(SabQueue, EmptyQueueHasEveryHeaderKeyInOrderWithSabTypes) {
  auto q = queue();
  expect_header_types(q);
  EXPECT_EQ(q["version"], "4.5.1");
  EXPECT_EQ(q["paused"], false);
  EXPECT_EQ(q["pause_int"], "0");
  EXPECT_EQ(q["status"], "Idle");
  EXPECT_EQ(q["timeleft"], "0:00:00");
  EXPECT_EQ(q["speedlimit"], "0");
  EXPECT_EQ(q["speedlimit_abs"], "0");
  EXPECT_EQ(q["mb"], "0.00");
  EXPECT_EQ(q["size"], "0 B");
  EXPECT_EQ(q["noofslots"], 0);
  EXPECT_EQ(q["noofslots_total"], 0);
  EXPECT_EQ(q["finish"], 0);
  EXPECT_TRUE(q["finishaction"].is_null());
  EXPECT_TRUE(q["slots"].empty());
  auto r = get("mode=queue");
  EXPECT_EQ(r.headers["pragma"], "no-cache");
  EXPECT_EQ(r.headers["access-control-allow-origin"], "*");
}

TEST_F(SabQueue, PauseAndResumeSetPausedFlagAndStatus) {
  EXPECT_EQ(json("mode=pause"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(json("mode=pause"), OJson::parse(R"({"status":true})"));  // a repeat is harmless
  auto q = queue("&limit=1");
  expect_header_types(q);
  EXPECT_EQ(q["paused"], true);
  EXPECT_EQ(q["paused_all"], true);
  EXPECT_EQ(q["status"], "Paused");
  EXPECT_EQ(q["timeleft"], "0:00:00");
  EXPECT_EQ(q["pause_int"], "0");
  EXPECT_EQ(json("mode=resume"), OJson::parse(R"({"status":true})"));
  json("mode=resume");
  EXPECT_EQ(queue()["paused"], false);
  EXPECT_EQ(queue()["status"], "Idle");
}

TEST_F(SabQueue, TimedPauseCountsDownMinutes) {
  EXPECT_EQ(json("mode=config&name=set_pause&value=5"), OJson::parse(R"({"status":true})"));
  auto q = queue();
  EXPECT_EQ(q["paused"], true);
  std::string left = q["pause_int"];
  EXPECT_TRUE(left == "5:00" || left == "4:59" || left == "4:58") << left;
  EXPECT_EQ(json("mode=config&name=set_pause&value=x")["error"], "expects integer value");
  json("mode=resume");
  EXPECT_EQ(queue()["pause_int"], "0");
}

TEST_F(SabQueue, XmlHasTheSameTagsInTheSameOrder) {
  std::string id = add("Xml.Job.nzb", simple_nzb("xmljob"));
  auto r = get("mode=queue&output=xml&limit=1");
  EXPECT_EQ(r.content_type, "text/xml;charset=utf-8");
  EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<queue>", 0), 0u) << r.body;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(r.body.c_str()));
  auto root = doc.child("queue");
  std::vector<std::string> tags;
  for (auto c : root.children()) tags.push_back(c.name());
  EXPECT_EQ(tags, kHeaderKeys);
  EXPECT_STREQ(root.child_value("paused"), "False");
  EXPECT_STREQ(root.child_value("have_quota"), "False");
  EXPECT_STREQ(root.child_value("finishaction"), "");
  auto slot = root.child("slots").child("slot");
  ASSERT_TRUE(slot);
  std::vector<std::string> slot_tags;
  for (auto c : slot.children()) slot_tags.push_back(c.name());
  EXPECT_EQ(slot_tags, kSlotKeys);
  EXPECT_EQ(std::string(slot.child_value("nzo_id")), id);
  EXPECT_STREQ(slot.child_value("index"), "0");
}

TEST_F(SabQueue, SlotHasEveryFieldWithSabTypes) {
  int64_t week_ago = static_cast<int64_t>(std::time(nullptr)) - 7 * 86400 - 60;
  // 3 files x 2 segments x 262144 bytes = 1.50 MiB
  std::string nzb = make_nzb({{"a.rar", 2, 262144, week_ago}, {"b.rar", 2, 262144, week_ago},
                              {"c.rar", 2, 262144, week_ago}}, "tv");
  int64_t before = std::time(nullptr);
  std::string id = add("Slot.Shape.S01E01.nzb", nzb);
  auto q = queue();
  expect_header_types(q);
  ASSERT_EQ(q["slots"].size(), 1u);
  auto s = q["slots"][0];
  EXPECT_EQ(keys_of(s), kSlotKeys);
  EXPECT_EQ(s["index"], 0);
  EXPECT_EQ(s["nzo_id"], id);
  EXPECT_TRUE(std::regex_match(id, std::regex("^SABnzbd_nzo_[a-z0-9]+$"))) << id;
  EXPECT_EQ(s["unpackopts"], "3");
  EXPECT_EQ(s["priority"], "Normal");
  EXPECT_EQ(s["script"], "None");
  EXPECT_EQ(s["filename"], "Slot.Shape.S01E01");
  EXPECT_TRUE(s["labels"].is_array());
  EXPECT_EQ(s["password"], "");
  EXPECT_EQ(s["cat"], "tv");  // from the NZB's meta category
  EXPECT_EQ(s["mb"], "1.50");
  EXPECT_EQ(s["mbleft"], "1.50");
  EXPECT_EQ(s["size"], "1.5 MB");
  EXPECT_EQ(s["sizeleft"], "1.5 MB");
  EXPECT_EQ(s["percentage"], "0");
  EXPECT_EQ(s["mbmissing"], "0.00");
  EXPECT_TRUE(s["direct_unpack"].is_null());
  EXPECT_EQ(s["status"], "Queued");
  EXPECT_EQ(s["timeleft"], "0:00:00");
  EXPECT_EQ(s["avg_age"], "7d");
  ASSERT_TRUE(s["time_added"].is_number_integer());
  EXPECT_GE(s["time_added"].get<int64_t>(), before - 1);
  EXPECT_LE(s["time_added"].get<int64_t>(), before + 30);
  EXPECT_EQ(q["mb"], "1.50");
  EXPECT_EQ(q["mbleft"], "1.50");
  EXPECT_EQ(q["noofslots_total"], 1);
  EXPECT_EQ(q["noofslots"], 1);
  EXPECT_EQ(q["status"], "Idle");  // no server, no speed
}

TEST_F(SabQueue, PausedJobsAreLeftOutOfTotalsButNotOfNoofslots) {
  std::string a = add("Counted.nzb", simple_nzb("counted", 1));
  std::string b = add("Paused.nzb", simple_nzb("paused", 3), "&priority=-2");
  auto q = queue();
  EXPECT_EQ(q["noofslots"], 2);
  EXPECT_EQ(q["noofslots_total"], 1);
  EXPECT_EQ(q["mb"], "0.19");  // 200000 bytes of the unpaused job only
  auto paused = slot_of(b);
  EXPECT_EQ(paused["status"], "Paused");
  EXPECT_EQ(paused["priority"], "Normal");
  EXPECT_EQ(slot_of(a)["status"], "Queued");
}

class SabQueueFilters : public SabQueueFixture {
 protected:
  void SetUp() override {
    SabQueueFixture::SetUp();
    ids_.push_back(add("Alpha.Show.S01E01.nzb", simple_nzb("a"), "&cat=tv"));
    ids_.push_back(add("Beta.Movie.2020.nzb", simple_nzb("b"), "&cat=movies&priority=1"));
    ids_.push_back(add("Gamma.Show.S01E02.nzb", simple_nzb("c"), "&cat=tv&priority=-2"));
    ids_.push_back(add("Delta.Album.nzb", simple_nzb("d"), "&priority=-1"));
    // Priority order: High (Beta), Normal (Alpha, Gamma), Low (Delta).
    ASSERT_EQ(queue_ids(), (std::vector<std::string>{ids_[1], ids_[0], ids_[2], ids_[3]}));
  }
  std::vector<std::string> ids_;
};

TEST_F(SabQueueFilters, StartAndLimitPageWithIndexFromStart) {
  auto q = queue("&start=1&limit=2");
  ASSERT_EQ(q["slots"].size(), 2u);
  EXPECT_EQ(q["slots"][0]["index"], 1);
  EXPECT_EQ(q["slots"][1]["index"], 2);
  EXPECT_EQ(q["slots"][0]["nzo_id"], ids_[0]);
  EXPECT_EQ(q["start"], 1);
  EXPECT_EQ(q["limit"], 2);
  EXPECT_EQ(q["finish"], 3);
  EXPECT_EQ(q["noofslots"], 4);
  EXPECT_EQ(q["noofslots_total"], 3);  // Gamma is paused
  EXPECT_EQ(queue("&start=0&limit=0")["slots"].size(), 4u);  // Sonarr: limit=0 is all
  EXPECT_TRUE(queue("&start=10")["slots"].empty());
}

TEST_F(SabQueueFilters, SearchAndNzoIdsNarrowNoofslots) {
  auto q = queue("&search=show");
  ASSERT_EQ(q["slots"].size(), 2u);
  EXPECT_EQ(q["noofslots"], 2);
  EXPECT_EQ(q["slots"][1]["index"], 1);
  q = queue("&nzo_ids=" + ids_[3] + "," + ids_[1]);
  ASSERT_EQ(q["slots"].size(), 2u);
  EXPECT_EQ(q["noofslots"], 2);
  q = queue("&search=show&nzo_ids=" + ids_[0] + "," + ids_[1]);
  ASSERT_EQ(q["slots"].size(), 1u);
  EXPECT_EQ(q["slots"][0]["nzo_id"], ids_[0]);
  EXPECT_EQ(queue("&search=no_such_job")["noofslots"], 0);
  EXPECT_TRUE(queue("&nzo_ids=SABnzbd_nzo_fake")["slots"].empty());
}

TEST_F(SabQueueFilters, CategoryPriorityAndStatusFiltersKeepNoofslots) {
  auto q = queue("&category=tv");
  ASSERT_EQ(q["slots"].size(), 2u);
  for (const auto& s : q["slots"]) EXPECT_EQ(s["cat"], "tv");
  EXPECT_EQ(q["noofslots"], 4);
  EXPECT_EQ(queue("&cat=movies,tv")["slots"].size(), 3u);
  auto star = queue("&cat=*")["slots"];
  ASSERT_EQ(star.size(), 1u);
  EXPECT_EQ(star[0]["nzo_id"], ids_[3]);
  EXPECT_EQ(star[0]["cat"], "*");
  auto high = queue("&priority=1")["slots"];
  ASSERT_EQ(high.size(), 1u);
  EXPECT_EQ(high[0]["nzo_id"], ids_[1]);
  EXPECT_EQ(queue("&priority=1,-1")["slots"].size(), 2u);
  auto paused = queue("&status=Paused");
  ASSERT_EQ(paused["slots"].size(), 1u);
  EXPECT_EQ(paused["slots"][0]["nzo_id"], ids_[2]);
  EXPECT_EQ(paused["noofslots"], 4);
  EXPECT_EQ(queue("&status=Queued")["slots"].size(), 3u);  // the internal status
  EXPECT_TRUE(queue("&cat=no_such_cat")["slots"].empty());
}

TEST_F(SabQueueFilters, UnknownNameListsTheQueue) {
  // sabnzbd-api's changePriority sends name=<number>: real SABnzbd lists the queue.
  auto j = json("mode=queue&name=2&value=" + ids_[0] + "&value2=2");
  ASSERT_TRUE(j.contains("queue"));
  EXPECT_EQ(j["queue"]["slots"].size(), 4u);
  EXPECT_EQ(slot_of(ids_[0])["priority"], "Normal");
}

}  // namespace
}  // namespace nzbd::test
