// Sorters on a real download from the fake news server: a TV job of a
// category a sorter names lands in the sorted folder with its file renamed;
// mode=eval_sort previews the same, in JSON and XML.
#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabSort : public SabDownloadFixture {
 protected:
  static void SetUpTestSuite() {
    SabDownloadFixture::SetUpTestSuite();
    // %2F is '/', %25 is '%'.
    json("mode=set_config&section=sorters&name=tvsort&order=0&min_size=1K&is_active=1&sort_cats=tv&sort_type=1"
         "&sort_string=%25sn%2FSeason%20%25s%2F%25sn%20-%20S%250sE%250e.%25ext");
  }
  static fs::path complete() { return d().home() / "Downloads" / "complete"; }
};

TEST_F(SabSort, TvJobLandsInTheSortedFolderRenamed) {
  std::string data = random_bytes(300000);
  std::string nzb = nzb_of({post_file("show.name.s01e02.720p.hdtv.mkv", data, 3),
                            post_file("show.name.s01e02.720p.hdtv.nfo", "info text")});
  std::string id = add("Show.Name.S01E02.720p.HDTV.x264-GRP.nzb", nzb, "&cat=tv");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed") << slot.dump();
  fs::path sorted = complete() / "Show Name" / "Season 1";
  EXPECT_EQ(fs::path(slot["storage"].get<std::string>()).lexically_normal(), sorted.lexically_normal());
  fs::path video = sorted / "Show Name - S01E02.mkv";
  ASSERT_TRUE(fs::exists(video)) << slot.dump();
  EXPECT_EQ(fs::file_size(video), data.size());
  EXPECT_EQ(read_text(video), data);
  EXPECT_TRUE(fs::exists(sorted / "Show Name - S01E02.nfo"));  // the small file follows the big one's name
  EXPECT_FALSE(fs::exists(sorted / "show.name.s01e02.720p.hdtv.mkv"));
  EXPECT_FALSE(fs::exists(complete() / "tv" / "Show.Name.S01E02.720p.HDTV.x264-GRP"));
  EXPECT_FALSE(fs::exists(complete() / "Show.Name.S01E02.720p.HDTV.x264-GRP"));

  // The same episode again: the sorted folder is shared and the name made unique.
  std::string again = add("Show.Name.S01E02.720p.HDTV.x264-GRP.nzb", post("show.name.s01e02.repack.mkv", 200000),
                          "&cat=tv");
  ASSERT_EQ(wait_history(again)["status"], "Completed");
  EXPECT_TRUE(fs::exists(sorted / "Show Name - S01E02.1.mkv"));
  EXPECT_EQ(fs::file_size(video), data.size());
}

TEST_F(SabSort, OtherCategoriesAndHostileNamesAreNotSortedOutside) {
  // No sorter for "movies": the job keeps its own folder.
  std::string id = add("Show.Name.S01E03.720p.HDTV.x264-GRP.nzb", post("ep3.mkv", 100000), "&cat=movies");
  OJson slot = wait_history(id);
  ASSERT_EQ(slot["status"], "Completed");
  EXPECT_EQ(fs::path(slot["storage"].get<std::string>()).filename(), "Show.Name.S01E03.720p.HDTV.x264-GRP");
  EXPECT_TRUE(fs::exists(fs::path(slot["storage"].get<std::string>()) / "ep3.mkv"));

  // A job name that tries to climb out still lands under complete_dir.
  std::string bad = add("../../..Evil.S01E01.720p.HDTV.nzb", post("evil.mkv", 100000), "&cat=tv");
  OJson b = wait_history(bad);
  ASSERT_EQ(b["status"], "Completed") << b.dump();
  fs::path storage = fs::path(b["storage"].get<std::string>()).lexically_normal();
  auto rel = storage.lexically_relative(complete().lexically_normal());
  ASSERT_FALSE(rel.empty());
  EXPECT_NE(*rel.begin(), "..") << storage;
  EXPECT_EQ(std::count_if(fs::directory_iterator(storage), fs::directory_iterator(), [](const auto&) { return true; }),
            1) << storage;
}

TEST_F(SabSort, EvalSortInJsonAndXml) {
  std::string q = "mode=eval_sort&job_name=Show.Name.S01E05.The.Title.720p.HDTV-GRP"
                  "&sort_string=%25sn%2FSeason%20%25s%2F%25sn%20-%20%25sx%250e%20-%20%25en.%25ext";
  EXPECT_EQ(json(q), OJson::parse(R"({"result":"Show Name/Season 1/Show Name - 1x05 - The Title.ext"})"));
  EXPECT_EQ(get(q + "&output=xml").body,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<result>Show Name/Season 1/Show Name - 1x05 - The "
            "Title.ext</result>\n");
  // A folder-only sort string ends in '/'; a multi-part label fills %1.
  EXPECT_EQ(json("mode=eval_sort&job_name=Some.Movie.2019.1080p.BluRay.x264-GRP&sort_string=%25t%20(%25y)")["result"],
            "Some Movie (2019)/");
  EXPECT_EQ(json("mode=eval_sort&job_name=Some.Movie.2019.1080p.BluRay.x264-GRP&multipart_label=%20CD%251"
                 "&sort_string=%25t%2F%25fn%251.%25ext")["result"],
            "Some Movie/Original Filename CD1.ext");
  // No job name or no sort string: SABnzbd's "not implemented".
  EXPECT_EQ(json("mode=eval_sort&sort_string=%25sn"), OJson::parse(R"({"status":false,"error":"not implemented"})"));
  EXPECT_EQ(json("mode=eval_sort&job_name=x"), OJson::parse(R"({"status":false,"error":"not implemented"})"));
}

}  // namespace
}  // namespace nzbd::test
