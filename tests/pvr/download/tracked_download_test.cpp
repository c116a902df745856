#include "pvr/download/tracked_download.h"

#include <gtest/gtest.h>

#include "pvr/db.h"
#include "pvr/test_util.h"

namespace nzbd::pvr {
namespace {

class TrackedDownloadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok()) << lib.message();
    library = std::move(*lib);
    store = std::make_unique<TrackedDownloads>(*library);
  }
  TrackedDownload sample(const std::string& id) {
    TrackedDownload d;
    d.download_client_id = 1;
    d.download_id = id;
    d.series_id = 7;
    d.episode_ids = {11, 12};
    d.title = "Show.S01E01E02.1080p.WEB-DL-GRP";
    d.quality.id = 3;
    d.quality.name = "WEBDL-1080p";
    d.quality.version = 2;
    d.indexer = "Local";
    d.release.guid = "guid-1";
    d.release.size = 123456789;
    d.release.publish_date = "2026-01-01T00:00:00Z";
    d.release.grabs = 4;
    return d;
  }
  testing::TempDir dir;
  std::unique_ptr<Library> library;
  std::unique_ptr<TrackedDownloads> store;
};

TEST_F(TrackedDownloadsTest, RoundTripsEveryField) {
  auto added = store->add(sample("nzo_a"));
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_GT(added->id, 0);
  auto got = store->find(1, "nzo_a");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, added->id);
  EXPECT_EQ(got->series_id, 7);
  EXPECT_EQ(got->episode_ids, (std::vector<int>{11, 12}));
  EXPECT_EQ(got->quality.id, 3);
  EXPECT_EQ(got->quality.name, "WEBDL-1080p");
  EXPECT_EQ(got->quality.version, 2);
  EXPECT_EQ(got->release.guid, "guid-1");
  EXPECT_EQ(got->release.size, 123456789);
  ASSERT_TRUE(got->release.grabs);
  EXPECT_EQ(*got->release.grabs, 4);
  EXPECT_EQ(got->state, "downloading");
  EXPECT_FALSE(got->grabbed.empty());
  EXPECT_FALSE(store->find(2, "nzo_a"));
}

TEST_F(TrackedDownloadsTest, SameDownloadTwiceIsAnError) {
  ASSERT_TRUE(store->add(sample("nzo_a")).ok());
  auto again = store->add(sample("nzo_a"));
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.message().find("already tracked"), std::string::npos);
  EXPECT_FALSE(store->add(sample("")).ok());
}

TEST_F(TrackedDownloadsTest, ActiveLeavesOutFinishedStates) {
  auto a = *store->add(sample("a"));
  auto b = *store->add(sample("b"));
  auto c = *store->add(sample("c"));
  b.state = "imported";
  c.state = "failed";
  c.status_messages = {"Failed download detected"};
  ASSERT_TRUE(store->update(b).ok());
  ASSERT_TRUE(store->update(c).ok());
  auto active = store->active();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, a.id);
  EXPECT_EQ(store->all().size(), 3u);
  EXPECT_EQ(store->get(c.id)->status_messages, std::vector<std::string>{"Failed download detected"});
  ASSERT_TRUE(store->remove(a.id).ok());
  EXPECT_FALSE(store->get(a.id));
  EXPECT_FALSE(store->remove(a.id).ok());
  TrackedDownload ghost = a;
  EXPECT_FALSE(store->update(ghost).ok());
}

TEST_F(TrackedDownloadsTest, CorruptJsonColumnsReadAsEmpty) {
  auto a = *store->add(sample("a"));
  auto corrupted = library->with_db([&](Db& db) {
    return db.exec(
        "UPDATE tracked_downloads SET episode_ids='[1,\"x\"', quality='nope', release='[]', "
        "status_messages='{\"a\":1}'");
  });
  ASSERT_TRUE(corrupted.ok()) << corrupted.message();
  auto got = store->get(a.id);
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->episode_ids.empty());
  EXPECT_EQ(got->quality.name, "Unknown");
  EXPECT_TRUE(got->release.guid.empty());
  EXPECT_TRUE(got->status_messages.empty());
}

}  // namespace
}  // namespace nzbd::pvr
