// SABnzbd's sort strings expanded for TV, date and movie jobs; the files a
// sorted job renames; and names that try to leave the sorted folder.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/config.h"
#include "sort/sort.h"

namespace nzbd::sort {
namespace {

Plan plan_for(const std::string& sort_string, const std::string& job, const std::string& label = "") {
  SorterConfig s;
  s.sort_string = sort_string;
  s.multipart_label = label;
  return plan(s, analyse(job));
}

std::string to_of(const std::vector<Move>& moves, const std::string& from) {
  for (const auto& m : moves)
    if (m.from == from) return m.to;
  return "<missing>";
}

TEST(SortAnalyse, EpisodeDateMovieAndOther) {
  auto tv = analyse("Show.Name.S01E05.The.Big.Day.720p.HDTV.x264-GRP");
  EXPECT_EQ(tv.kind, Kind::Tv);
  EXPECT_EQ(tv.title, "Show Name");
  EXPECT_EQ(tv.seasons, std::vector<int>{1});
  EXPECT_EQ(tv.episodes, std::vector<int>{5});
  EXPECT_EQ(tv.episode_name, "The Big Day");
  EXPECT_EQ(tv.resolution, "720p");
  EXPECT_FALSE(tv.season_pack);

  auto date = analyse("Daily.Show.2024.03.05.Guest.Name.1080p.WEB.h264-GRP");
  EXPECT_EQ(date.kind, Kind::Date);
  EXPECT_EQ(date.year, "2024");
  EXPECT_EQ(date.month, 3);
  EXPECT_EQ(date.day, 5);

  auto movie = analyse("Some.Movie.Title.2019.1080p.BluRay.x264-GRP");
  EXPECT_EQ(movie.kind, Kind::Movie);
  EXPECT_EQ(movie.title, "Some Movie Title");
  EXPECT_EQ(movie.year, "2019");
  EXPECT_EQ(movie.resolution, "1080p");

  EXPECT_EQ(analyse("Setup.Installer.Tool").kind, Kind::Other);
  EXPECT_EQ(analyse("Setup.Installer.Tool").title, "Setup Installer Tool");

  auto pack = analyse("Show.Name.S02.1080p.WEB-DL-GRP");
  EXPECT_EQ(pack.kind, Kind::Tv);
  EXPECT_TRUE(pack.season_pack);
  EXPECT_EQ(pack.seasons, std::vector<int>{2});
  EXPECT_TRUE(analyse("Show.Name.S02E01E02.1080p.WEB-DL-GRP").season_pack);

  auto with_year = analyse("Show.Name.2019.S01E03.Episode.Title.[720p].HDTV-GRP");
  EXPECT_EQ(with_year.title, "Show Name");
  EXPECT_EQ(with_year.year, "2019");
  EXPECT_EQ(with_year.episode_name, "Episode Title");
}

TEST(SortExpand, TvTokens) {
  auto p = plan_for("%sn/Season %s/%sn - S%0sE%0e - %en.%ext", "show.name.of.the.year.S01E05.the.big.day.720p.HDTV-GRP");
  EXPECT_EQ(p.folder, "Show Name of the Year/Season 1");
  EXPECT_TRUE(p.rename_files);
  EXPECT_EQ(p.file_set, "Show Name of the Year - S01E05 - the big day");
  auto dots = plan_for("%s.n/%sN/%s_n/%e.n/%0e/%e/%r/%dn/", "Show.Name.S03E12.Two.Words.1080p.WEB-GRP");
  EXPECT_EQ(dots.folder, "Show.Name/Show Name/Show_Name/Two.Words/12/12/1080p/Show.Name.S03E12.Two.Words.1080p.WEB-GRP");
  EXPECT_FALSE(dots.rename_files);
}

TEST(SortExpand, MovieDateAndDecade) {
  auto m = plan_for("%title (%y)/%decade/%0decade/%.t.%r.%ext", "Some.Movie.Title.2019.1080p.BluRay.x264-GRP");
  EXPECT_EQ(m.folder, "Some Movie Title (2019)/10/2010");
  EXPECT_EQ(m.file_set, "Some.Movie.Title.1080p");
  auto d = plan_for("%t/%y-%0m-%0d/%m.%d", "Daily.Show.2024.03.05.Guest.1080p.WEB-GRP");
  EXPECT_EQ(d.folder, "Daily Show/2024-03-05/3.5");
  // An empty marker leaves no "()" or doubled separators.
  auto none = plan_for("%t (%y)/%fn", "Some.Movie.1080p.BluRay.x264");
  EXPECT_EQ(none.folder, "Some Movie");
  EXPECT_EQ(none.file_set, "%fn");
}

TEST(SortExpand, LowercaseBracesAndGuessMarkers) {
  auto p = plan_for("{%sn}/{Season %s}/%GI<title> %G.I<screen_size> %G_I<title>.%ext", "Show.Name.S01E02.720p.HDTV-GRP");
  EXPECT_EQ(p.folder, "show name/season 1");
  EXPECT_EQ(p.file_set, "Show Name 720p Show_Name");
}

TEST(SortExpand, HostileNamesStayInside) {
  for (const std::string& job : std::vector<std::string>{"..%2F..%2Fetc.S01E01.720p", "../../etc/passwd.S01E01.720p.HDTV", "a/../../b.S01E01",
                          std::string("Show\x01\x7f.Na\nme.S01E01.720p"), "..", "/abs/olute.S01E01"}) {
    auto p = plan_for("%sn/%en/%dn/Season %s/%fn.%ext", job);
    EXPECT_FALSE(p.folder.starts_with("/")) << job;
    for (size_t at = 0; at <= p.folder.size();) {
      size_t slash = p.folder.find('/', at);
      std::string part = p.folder.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
      EXPECT_NE(part, "..") << job << " -> " << p.folder;
      EXPECT_NE(part, ".") << job << " -> " << p.folder;
      EXPECT_FALSE(part.empty()) << job << " -> " << p.folder;
      EXPECT_TRUE(std::none_of(part.begin(), part.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
          << job;
      if (slash == std::string::npos) break;
      at = slash + 1;
    }
  }
  // The sort string's own "../" and leading "/" do not climb out either.
  EXPECT_EQ(plan_for("/../../%sn/../x", "Show.S01E01.720p").folder, "Show/x");
  EXPECT_EQ(sanitize_component("a/b:c\"d\\e"), "a+b-c'd+e");
  EXPECT_EQ(sanitize_component("a/b:c", false), "abc");
  EXPECT_EQ(sanitize_component(".."), "");
  // Without replace_illegal the characters are dropped, in folders and file names alike.
  SorterConfig colon;
  colon.sort_string = "%sn: x/%sn: %0e.%ext";
  Options keep;
  keep.replace_illegal = false;
  Plan dropped = plan(colon, analyse("Show.S01E01.720p.HDTV"), keep);
  EXPECT_EQ(dropped.folder, "Show x");
  EXPECT_EQ(to_of(arrange(dropped, {{"a.mkv", 1}}), "a.mkv"), "Show 01.mkv");
  EXPECT_EQ(to_of(arrange(plan(colon, analyse("Show.S01E01.720p.HDTV")), {{"a.mkv", 1}}), "a.mkv"), "Show- 01.mkv");
  EXPECT_EQ(sanitize_component(std::string(300, 'x')).size(), 246u);
  // A file name from a hostile file part is a single component.
  Plan p = plan_for("%sn/..%fn.%ext", "Show.S01E01.720p");
  auto moves = arrange(p, {{"sub/../../x.mkv", 100}});
  EXPECT_EQ(to_of(moves, "sub/../../x.mkv").find('/'), std::string::npos);
}

TEST(SortRename, LargestFileAndFilesBesideIt) {
  Plan p = plan_for("%sn/Season %s/%sn - %sx%0e.%ext", "Show.Name.S01E02.720p.HDTV-GRP");
  p.min_size = 1000;
  auto moves = arrange(p, {{"sub/show.s01e02.720p.mkv", 5000},
                           {"sub/show.s01e02.720p.srt", 10},
                           {"sample/show-sample.mkv", 2000},
                           {"small.nfo", 5}});
  EXPECT_EQ(to_of(moves, "sub/show.s01e02.720p.mkv"), "Show Name - 1x02.mkv");
  EXPECT_EQ(to_of(moves, "sub/show.s01e02.720p.srt"), "Show Name - 1x02.srt");
  EXPECT_EQ(to_of(moves, "sample/show-sample.mkv"), "show-sample.mkv");  // same extension: moved, not renamed
  EXPECT_EQ(to_of(moves, "small.nfo"), "Show Name - 1x02.nfo");
  // %fn keeps the file's own name (as SABnzbd, braces around it are gone
  // before the name is known); lower-casing reaches the rest of the file part.
  Plan fn = plan_for("%sn/{%sn} - {%fn}.%ext", "Show.Name.S01E02.720p.HDTV-GRP");
  EXPECT_EQ(to_of(arrange(fn, {{"Big.File.MKV", 1}}), "Big.File.MKV"), "show name - Big.File.MKV");
  // Without a file part nothing is renamed.
  Plan folder_only = plan_for("%sn/Season %s", "Show.Name.S01E02.720p.HDTV-GRP");
  EXPECT_EQ(to_of(arrange(folder_only, {{"a/b.mkv", 1}}), "a/b.mkv"), "a/b.mkv");
  // Files under min_size keep their names.
  p.min_size = 1u << 30;
  EXPECT_EQ(to_of(arrange(p, {{"x.mkv", 5000}}), "x.mkv"), "x.mkv");
}

TEST(SortRename, MultipartLabel) {
  Plan p = plan_for("%title (%y)/%title.%ext", "Some.Movie.2001.720p.BluRay.x264-GRP", " CD%1");
  auto moves = arrange(p, {{"movie.cd1.avi", 700}, {"movie.cd2.avi", 690}, {"movie.nfo", 1}});
  EXPECT_EQ(p.folder, "Some Movie (2001)");
  EXPECT_EQ(to_of(moves, "movie.cd1.avi"), "Some Movie CD1.avi");
  EXPECT_EQ(to_of(moves, "movie.cd2.avi"), "Some Movie CD2.avi");
  EXPECT_EQ(to_of(moves, "movie.nfo"), "Some Movie.nfo");
  // A broken run is no multi-part set: only the largest is renamed.
  auto broken = arrange(p, {{"movie.cd1.avi", 700}, {"movie.cd3.avi", 690}});
  EXPECT_EQ(to_of(broken, "movie.cd1.avi"), "Some Movie.avi");
  EXPECT_EQ(to_of(broken, "movie.cd3.avi"), "movie.cd3.avi");
}

TEST(SortRename, SeasonPackRenamesEachEpisode) {
  Plan p = plan_for("%sn/Season %s/%sn - S%0sE%0e.%ext", "Show.Name.S01.1080p.WEB-DL-GRP");
  EXPECT_TRUE(p.season_pack);
  EXPECT_EQ(p.folder, "Show Name/Season 1");
  p.min_size = 100;
  auto moves = arrange(p, {{"Show.Name.S01E01.1080p.mkv", 900},
                           {"Show.Name.S01E02.1080p.mkv", 800},
                           {"Show.Name.S01E02.1080p.en.srt", 1},
                           {"extras/notes.txt", 1}});
  EXPECT_EQ(to_of(moves, "Show.Name.S01E01.1080p.mkv"), "Show Name - S01E01.mkv");
  EXPECT_EQ(to_of(moves, "Show.Name.S01E02.1080p.mkv"), "Show Name - S01E02.mkv");
  EXPECT_EQ(to_of(moves, "Show.Name.S01E02.1080p.en.srt"), "Show Name - S01E02.en.srt");
  EXPECT_EQ(to_of(moves, "extras/notes.txt"), "extras/notes.txt");
  // Without an episode marker in the file part there is no season pack handling.
  EXPECT_FALSE(plan_for("%sn/Season %s/%sn.%ext", "Show.Name.S01.1080p.WEB-DL-GRP").season_pack);
}

TEST(SortPick, CategoriesTypesOrderAndActive) {
  SorterConfig tv{"tv", 1, 0, "", "%sn/%fn", {"tv"}, {1}, true};
  SorterConfig movies{"movies", 0, 0, "", "%t/%fn", {"movies", "TV"}, {3}, true};
  SorterConfig off{"off", 0, 0, "", "%t/%fn", {"tv"}, {}, false};
  SorterConfig all{"all", 2, 0, "", "%t", {"tv"}, {0}, true};
  std::vector<SorterConfig> list = {off, movies, tv, all};
  EXPECT_EQ(pick(list, "tv", Kind::Tv)->name, "tv");
  EXPECT_EQ(pick(list, "tv", Kind::Movie)->name, "movies");  // sort_cats compare without case
  EXPECT_EQ(pick(list, "tv", Kind::Other)->name, "all");
  EXPECT_EQ(pick(list, "audio", Kind::Tv), nullptr);
  EXPECT_EQ(pick(list, "", Kind::Tv), nullptr);
}

TEST(SortConfig, SortersFromConfigInOrderAndLegacyConversion) {
  auto cfg = config::Config::defaults("/nonexistent/nzbd.ini");
  auto& b = cfg.item_or_create("sorters", "b");
  b.set("order", "2");
  b.set("sort_string", "%sn/%fn");
  b.set("sort_cats", "tv, anime");
  b.set("sort_type", "1, 2");
  b.set("min_size", "20M");
  auto& a = cfg.item_or_create("sorters", "a");
  a.set("order", "1");
  a.set("is_active", "0");
  auto list = sorters_from(cfg);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "a");
  EXPECT_FALSE(list[0].active);
  EXPECT_EQ(list[1].cats, (std::vector<std::string>{"tv", "anime"}));
  EXPECT_EQ(list[1].types, (std::vector<int>{1, 2}));
  EXPECT_EQ(list[1].min_size, 20u << 20);
  auto d = decide(cfg, "Show.S01E01.720p.HDTV-GRP", "anime");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->sorter, "b");
  EXPECT_EQ(d->plan.folder, "Show");
  EXPECT_FALSE(decide(cfg, "Some.Movie.2019.1080p.BluRay.x264", "anime"));

  auto old = config::Config::defaults("/nonexistent/nzbd.ini");
  old.set_misc("enable_tv_sorting", "1");
  old.set_misc("tv_sort_string", "%sn/Season %s/%fn.%ext");
  EXPECT_TRUE(convert_legacy_sorters(old));
  EXPECT_FALSE(convert_legacy_sorters(old));  // once
  auto converted = sorters_from(old);
  ASSERT_EQ(converted.size(), 1u);
  EXPECT_EQ(converted[0].name, "Series Sorting");
  EXPECT_EQ(converted[0].cats, std::vector<std::string>{"tv"});
  EXPECT_EQ(converted[0].types, std::vector<int>{1});
  EXPECT_TRUE(converted[0].active);
  EXPECT_EQ(converted[0].min_size, 20u << 20);
}

TEST(SortEval, AsSabnzbdPreviewsIt) {
  EXPECT_EQ(eval_sort("%sn/Season %s/%sn - S%0sE%0e - %en.%ext", "Show.Name.S01E05.The.Title.720p.HDTV-GRP", ""),
            "Show Name/Season 1/Show Name - S01E05 - The Title.ext");
  EXPECT_EQ(eval_sort("%sn/Season %s", "Show.Name.S01E05.720p.HDTV-GRP", ""), "Show Name/Season 1/");
  EXPECT_EQ(eval_sort("%t (%y)/%fn%1.%ext", "Some.Movie.2019.1080p.BluRay.x264-GRP", " CD%1"),
            "Some Movie (2019)/Original Filename CD1.ext");
  EXPECT_FALSE(eval_sort("", "Show.S01E01", ""));
  EXPECT_FALSE(eval_sort("%sn", "", ""));
  EXPECT_FALSE(eval_sort("%sn", " .. ", ""));
}

}  // namespace
}  // namespace nzbd::sort
