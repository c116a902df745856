// The blocklist and release profile stores.
#include "pvr/decision/blocklist.h"

#include "decision_fixture.h"
#include "pvr/decision/release_profiles.h"

namespace nzbd::pvr::testing {
namespace {

BlocklistEntry entry(int series_id, const std::string& title, const std::string& date, const std::string& indexer) {
  BlocklistEntry e;
  e.series_id = series_id;
  e.episode_ids = {1, 2};
  e.source_title = title;
  e.date = date;
  e.published_date = "2026-06-01T10:00:00Z";
  e.size = 1000 * kMiB;
  e.indexer = indexer;
  e.message = "Failed download detected";
  e.quality.id = 3;
  e.quality.name = "WEBDL-1080p";
  e.quality.version = 2;
  e.languages = {"English"};
  return e;
}

TEST_F(DecisionTest, BlocklistStoresPagesSortsAndRemoves) {
  Blocklist bl(*library);
  auto a = bl.add(entry(series.id, "B.Release", "2026-05-01T00:00:00Z", "Zed"));
  auto b = bl.add(entry(series.id, "A.Release", "2026-05-03T00:00:00Z", "Alpha"));
  auto c = bl.add(entry(series.id, "C.Release", "2026-05-02T00:00:00Z", "Mid"));
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto got = bl.get(a->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->episode_ids, (std::vector<int>{1, 2}));
  EXPECT_EQ(got->quality.id, 3);
  EXPECT_EQ(got->quality.version, 2);
  EXPECT_EQ(got->quality.name, "WEBDL-1080p");
  EXPECT_EQ(got->languages, std::vector<std::string>{"English"});
  EXPECT_EQ(got->size, 1000 * kMiB);

  PageRequest page;
  page.page_size = 2;
  auto first = bl.list(page);  // date descending
  EXPECT_EQ(first.total, 3);
  ASSERT_EQ(first.records.size(), 2u);
  EXPECT_EQ(first.records[0].source_title, "A.Release");
  EXPECT_EQ(first.records[1].source_title, "C.Release");
  page.page = 2;
  EXPECT_EQ(bl.list(page).records.size(), 1u);
  page = {1, 10, "sourceTitle", true};
  EXPECT_EQ(bl.list(page).records.front().source_title, "A.Release");
  page = {1, 10, "indexer", false};
  EXPECT_EQ(bl.list(page).records.front().indexer, "Zed");
  page = {1, 10, "date; DROP TABLE blocklist", true};  // unknown keys sort by date
  EXPECT_EQ(bl.list(page).records.front().source_title, "B.Release");
  EXPECT_EQ(bl.list({}, {{series.id + 1}, {}}).total, 0);
  EXPECT_EQ(bl.list({}, {{series.id}, {"usenet"}}).total, 3);
  EXPECT_EQ(bl.list({}, {{}, {"torrent"}}).total, 0);

  EXPECT_TRUE(bl.remove(a->id).ok());
  EXPECT_FALSE(bl.remove(a->id).ok());
  EXPECT_EQ(bl.remove_many({b->id, c->id, 999}), 2);
  EXPECT_EQ(bl.list({}).total, 0);
}

TEST_F(DecisionTest, BlocklistMatchesTheSameNzbAsSonarr) {
  Blocklist bl(*library);
  ASSERT_TRUE(bl.add(entry(series.id, "Show.S01E01.720p-GRP", "", "Local")).ok());
  ReleaseInfo r;
  r.title = "Show.S01E01.720p-GRP";
  r.indexer = "Local";
  r.publish_date = "2026-06-01T10:00:00Z";
  r.size = 1000 * kMiB;
  EXPECT_TRUE(bl.contains(series.id, r));
  EXPECT_FALSE(bl.contains(series.id + 1, r));  // another series
  r.title = "show.s01e01.720p-grp";
  EXPECT_TRUE(bl.contains(series.id, r));  // case-insensitive
  r.publish_date = "2026-06-01T10:01:30Z";
  EXPECT_FALSE(bl.contains(series.id, r));  // same indexer, another date: another post
  r.indexer = "Other";
  EXPECT_TRUE(bl.contains(series.id, r));  // another indexer, within 2 min and 2 MiB
  r.size = 1003 * kMiB;
  EXPECT_FALSE(bl.contains(series.id, r));
  r.size = 1000 * kMiB;
  r.publish_date = "2026-06-01T10:03:00Z";
  EXPECT_FALSE(bl.contains(series.id, r));
  r.title = "%";  // no LIKE wildcards
  r.publish_date = "2026-06-01T10:00:00Z";
  EXPECT_FALSE(bl.contains(series.id, r));
}

TEST_F(DecisionTest, ReleaseProfilesCrudAndSelection) {
  ReleaseProfiles store(*library);
  ReleaseProfile p;
  p.name = "German";
  p.required = {"german", "/\\bDL\\b/i"};
  p.ignored = {"dubbed"};
  p.indexer_id = 3;
  p.tags = {1, 2};
  auto added = store.add(p);
  ASSERT_TRUE(added.ok());
  auto got = store.get(added->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->required, p.required);
  EXPECT_EQ(got->ignored, p.ignored);
  EXPECT_EQ(got->tags, p.tags);
  EXPECT_EQ(got->indexer_id, 3);
  EXPECT_EQ(store.enabled_for({2}, 3).size(), 1u);
  EXPECT_EQ(store.enabled_for({2}, 4).size(), 0u);
  EXPECT_EQ(store.enabled_for({9}, 3).size(), 0u);
  got->enabled = false;
  ASSERT_TRUE(store.update(*got).ok());
  EXPECT_EQ(store.enabled_for({2}, 3).size(), 0u);
  EXPECT_TRUE(store.remove(got->id).ok());
  EXPECT_FALSE(store.remove(got->id).ok());
  EXPECT_TRUE(store.list().empty());
}

TEST(TermMatching, PlainTermsAndRegexes) {
  EXPECT_TRUE(term_matches("x265", "Show.S01E01.X265-GRP"));
  EXPECT_FALSE(term_matches("x264", "Show.S01E01.X265-GRP"));
  EXPECT_TRUE(term_matches("/s01e0[1-3]/", "Show.S01E02.X265-GRP"));
  EXPECT_FALSE(term_matches("/s01e0[4-6]/", "Show.S01E02.X265-GRP"));
  EXPECT_FALSE(term_matches("/([/", "anything"));  // broken regex matches nothing
  EXPECT_TRUE(term_error("/([/"));
  EXPECT_FALSE(term_error("/ok/i"));
  EXPECT_FALSE(term_error("plain"));
  EXPECT_FALSE(term_matches("", "anything"));
}

}  // namespace
}  // namespace nzbd::pvr::testing

namespace nzbd::pvr::testing {
namespace {

TEST_F(DecisionTest, AFailedDecisionBlocklistsItselfForItsSeries) {
  auto r = release("The.Test.Show.S01E01.1080p.WEB-DL.H.264-GRP", 2500 * kMiB);
  auto d = decide_one(r);
  ASSERT_TRUE(d.approved());
  Blocklist bl(*library);
  auto added = bl.add(blocklist_entry_for(d.remote, "Failed download detected"));
  ASSERT_TRUE(added.ok()) << added.message();
  EXPECT_EQ(added->series_id, series.id);
  EXPECT_EQ(added->episode_ids, std::vector<int>{e1.id});
  EXPECT_EQ(added->quality.id, 3);
  EXPECT_EQ(added->indexer, "Local");
  EXPECT_TRUE(bl.contains(series.id, r.title, r.publish_date));
  EXPECT_FALSE(bl.contains(series.id, r.title, "2026-05-01T00:00:00Z", "Local", r.size));
  EXPECT_EQ(reasons(decide_one(r)), std::vector<std::string>{"Release is blocklisted"});
  bl.clear();
  EXPECT_TRUE(decide_one(r).approved());
}

}  // namespace
}  // namespace nzbd::pvr::testing
