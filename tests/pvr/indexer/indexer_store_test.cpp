// IndexerStore rows, Sonarr's escalating back-off, /config/indexer, and the
// factory: which indexers a search gets and how their outcomes are recorded.
#include "pvr/indexer/indexer_store.h"

#include <gtest/gtest.h>

#include "fake_http.h"
#include "pvr/indexer/indexer_factory.h"
#include "pvr/library.h"
#include "pvr/time_util.h"
#include "../test_util.h"

namespace nzbd::pvr {
namespace {
using namespace testing;

constexpr std::time_t kStart = 1780000000;  // "process start" long before the failures below

class IndexerStoreTest : public ::testing::Test {
 protected:
  IndexerStoreTest() {
    lib_ = std::move(Library::open(dir_.path() / "tv.db")).value();
    store_ = std::make_unique<IndexerStore>(*lib_, kStart);
  }
  IndexerDefinition add(const std::string& name) {
    IndexerDefinition d;
    d.name = name;
    d.settings.base_url = "http://" + name;
    auto r = store_->add(d);
    EXPECT_TRUE(r.ok());
    return *r;
  }
  TempDir dir_;
  std::unique_ptr<Library> lib_;
  std::unique_ptr<IndexerStore> store_;
};

TEST_F(IndexerStoreTest, RowsRoundTripAndListSortsByName) {
  IndexerDefinition d;
  d.name = "zeta";
  d.settings = {"http://z", "/nabapi", "K", {5040}, {5070}, true, "&a=b", {2}, {0, 1}};
  d.enable_rss = false;
  d.enable_interactive_search = false;
  d.priority = 3;
  d.season_search_maximum_single_episode_age = 14;
  d.download_client_id = 2;
  d.tags = {1, 4};
  auto saved = store_->add(d);
  ASSERT_TRUE(saved.ok());
  add("Alpha");
  auto got = store_->get(saved->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->settings, d.settings);
  EXPECT_FALSE(got->enable_rss);
  EXPECT_TRUE(got->enable_automatic_search);
  EXPECT_FALSE(got->enable_interactive_search);
  EXPECT_EQ(got->priority, 3);
  EXPECT_EQ(got->season_search_maximum_single_episode_age, 14);
  EXPECT_EQ(got->download_client_id, 2);
  EXPECT_EQ(got->tags, (std::vector<int>{1, 4}));
  auto all = store_->list();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Alpha");
  got->name = "Zed";
  ASSERT_TRUE(store_->update(*got).ok());
  EXPECT_EQ(store_->get(saved->id)->name, "Zed");
  store_->record_failure(saved->id, "boom", {}, true, kStart + 10000);
  ASSERT_TRUE(store_->remove(saved->id).ok());
  EXPECT_FALSE(store_->get(saved->id));
  EXPECT_TRUE(store_->statuses().empty());
  EXPECT_FALSE(store_->remove(saved->id).ok());
  IndexerDefinition missing = *got;
  EXPECT_FALSE(store_->update(missing).ok());
}

TEST_F(IndexerStoreTest, FailuresEscalateThroughSonarrsBackOffAndSuccessStepsDown) {
  int id = add("a").id;
  std::time_t now = kStart + 100000;
  const int expected[] = {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600, 24 * 3600};
  for (int period : expected) {
    store_->record_failure(id, "HTTP 503", {}, true, now);
    IndexerStatus st = store_->status(id);
    EXPECT_EQ(parse_utc(*st.disabled_till), now + period) << st.escalation_level;
    EXPECT_TRUE(st.is_disabled(now + period - 1));
    EXPECT_FALSE(st.is_disabled(now + period));
    now += period;
  }
  EXPECT_EQ(store_->status(id).initial_failure, format_utc(kStart + 100000));
  EXPECT_EQ(store_->status(id).last_error, "HTTP 503");
  store_->record_success(id);
  EXPECT_EQ(store_->status(id).escalation_level, 8);
  EXPECT_FALSE(store_->is_disabled(id, now));
}

TEST_F(IndexerStoreTest, ConnectionFailuresDoNotEscalateAndRateLimitsCoverRetryAfter) {
  int id = add("a").id;
  std::time_t now = kStart + 100000;
  store_->record_failure(id, "refused", {}, false, now);
  store_->record_failure(id, "refused", {}, false, now + 100);
  EXPECT_EQ(store_->status(id).escalation_level, 1);
  store_->record_failure(id, "API Request Limit reached", std::chrono::seconds(3600), true, now + 200);
  IndexerStatus st = store_->status(id);
  EXPECT_EQ(st.escalation_level, 5);  // the first period of at least an hour
  EXPECT_EQ(parse_utc(*st.disabled_till), now + 200 + 3600);
}

TEST_F(IndexerStoreTest, DuringStartupABackOffIsAtMostFiveMinutes) {
  std::time_t boot = std::time(nullptr);
  IndexerStore fresh(*lib_, boot);
  int id = add("a").id;
  for (int i = 0; i < 6; ++i) fresh.record_failure(id, "x", {}, true, boot + 10 * i);
  IndexerStatus st = fresh.status(id);
  EXPECT_EQ(st.escalation_level, 1);  // no climbing in the grace period
  EXPECT_LE(parse_utc(*st.disabled_till), boot + 50 + 300);
  fresh.record_failure(id, "limit", std::chrono::seconds(3600), true, boot + 60);
  EXPECT_EQ(parse_utc(*fresh.status(id).disabled_till), boot + 60 + 3600);  // asked-for pauses are kept
}

TEST_F(IndexerStoreTest, ConfigDefaultsAndSave) {
  IndexerConfig c = store_->config();
  EXPECT_EQ(c.minimum_age, 0);
  EXPECT_EQ(c.retention, 0);
  EXPECT_EQ(c.maximum_size, 0);
  EXPECT_EQ(c.rss_sync_interval, 15);
  c.retention = 1500;
  c.rss_sync_interval = 30;
  store_->save_config(c);
  EXPECT_EQ(store_->config().retention, 1500);
  EXPECT_EQ(store_->config().rss_sync_interval, 30);
}

TEST_F(IndexerStoreTest, FactoryPicksEnabledUntaggedOrSharedAndNotBackedOff) {
  IndexerDefinition rss_only = add("rss");
  rss_only.enable_automatic_search = rss_only.enable_interactive_search = false;
  ASSERT_TRUE(store_->update(rss_only).ok());
  IndexerDefinition tagged = add("tagged");
  tagged.tags = {5};
  ASSERT_TRUE(store_->update(tagged).ok());
  IndexerDefinition broken = add("broken");
  std::time_t now = std::time(nullptr);
  store_->record_failure(broken.id, "down", {}, true, now);
  FakeHttp http;
  http.handler = [](const std::string&) -> Result<HttpReply> { return ok(""); };
  auto names = [](const std::vector<std::unique_ptr<Indexer>>& v) {
    std::vector<std::string> out;
    for (const auto& i : v) out.push_back(i->name());
    return out;
  };
  EXPECT_EQ(names(make_enabled_indexers(*store_, http.get(), IndexerPurpose::Rss, nullptr, {}, now)),
            (std::vector<std::string>{"rss", "tagged"}));
  std::vector<int> other_tags = {1};
  EXPECT_TRUE(names(make_enabled_indexers(*store_, http.get(), IndexerPurpose::AutomaticSearch, &other_tags, {}, now))
                  .empty());
  std::vector<int> shared = {5};
  EXPECT_EQ(names(make_enabled_indexers(*store_, http.get(), IndexerPurpose::InteractiveSearch, &shared, {}, now)),
            (std::vector<std::string>{"tagged"}));
  EXPECT_EQ(names(make_enabled_indexers(*store_, http.get(), IndexerPurpose::Rss, nullptr, {}, now + 3600)).size(), 3u);
  EXPECT_TRUE(make_indexer(*store_, http.get(), broken.id));  // a grab ignores the back-off
  EXPECT_FALSE(make_indexer(*store_, http.get(), 999));
}

TEST_F(IndexerStoreTest, TrackedIndexersRecordFailuresAndSuccess) {
  IndexerDefinition d = add("idx");
  FakeHttp http;
  bool up = false;
  http.handler = [&](const std::string& url) -> Result<HttpReply> {
    if (!up) return status(429, "", 7200);
    if (url.find("t=caps") != std::string::npos) return ok(caps_xml());
    return ok(feed_xml(numbered("X", 1)));
  };
  NewznabOptions o;
  o.min_interval = std::chrono::milliseconds(0);
  auto idx = make_indexer(*store_, http.get(), d.id, o);
  ASSERT_FALSE(idx->fetch_recent().ok());
  IndexerStatus st = store_->status(d.id);
  EXPECT_EQ(st.escalation_level, 6);  // 3 h covers Retry-After: 7200
  EXPECT_NE(st.last_error.find("429"), std::string::npos);
  EXPECT_TRUE(make_enabled_indexers(*store_, http.get(), IndexerPurpose::Rss, nullptr, o).empty());
  up = true;
  auto again = make_indexer(*store_, http.get(), d.id, o);
  ASSERT_TRUE(again->fetch_recent().ok());
  st = store_->status(d.id);
  EXPECT_EQ(st.escalation_level, 5);
  EXPECT_FALSE(st.is_disabled(std::time(nullptr)));
}

}  // namespace
}  // namespace nzbd::pvr
