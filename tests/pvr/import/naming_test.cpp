#include "pvr/import/naming.h"

#include <gtest/gtest.h>

namespace nzbd::pvr {
namespace {

Series show(std::string title = "The Series Title's!") {
  Series s;
  s.title = std::move(title);
  s.year = 2010;
  s.tvdb_id = 12345;
  return s;
}

Episode ep(int season, int number, std::string title, std::optional<int> absolute = {}) {
  Episode e;
  e.season_number = season;
  e.episode_number = number;
  e.title = std::move(title);
  e.absolute_episode_number = absolute;
  e.air_date = "2013-10-30";
  return e;
}

NamingFile hdtv(int version = 1) {
  NamingFile f;
  f.quality.id = 4;  // HDTV-720p
  f.quality.version = version;
  f.scene_name = "Series.Title.S01E01.720p.HDTV.x264-EVOLVE";
  f.original_file_name = "Series.Title.S01E01.720p.HDTV.x264-EVOLVE.mkv";
  f.release_group = "RlsGrp";
  return f;
}

NamingConfig renaming() {
  NamingConfig c;
  c.rename_episodes = true;
  return c;
}

TEST(Naming, DefaultStandardFormat) {
  EXPECT_EQ(build_file_name(renaming(), show(), {ep(1, 1, "Episode Title (1)")}, hdtv()),
            "The Series Title's! - S01E01 - Episode Title (1) HDTV-720p");
  EXPECT_EQ(build_file_name(renaming(), show(), {ep(1, 1, "Pilot")}, hdtv(2)),
            "The Series Title's! - S01E01 - Pilot HDTV-720p Proper");
  // An empty title leaves no double separators behind.
  EXPECT_EQ(build_file_name(renaming(), show("Show"), {ep(1, 2, "")}, hdtv()), "Show - S01E02 - HDTV-720p");
}

TEST(Naming, RenamingOffKeepsTheSceneNameOrTheFileName) {
  NamingConfig off;
  EXPECT_EQ(name_for_file(off, show(), {ep(1, 1, "x")}, hdtv()), "Series.Title.S01E01.720p.HDTV.x264-EVOLVE");
  NamingFile f = hdtv();
  f.scene_name.clear();
  f.original_file_name = "Season 1/abc.def.mkv";
  EXPECT_EQ(name_for_file(off, show(), {ep(1, 1, "x")}, f), "abc.def");
}

TEST(Naming, SeparatorAndCaseVariants) {
  NamingConfig c = renaming();
  c.standard_episode_format = "{Series.Title}.S{season:00}E{episode:00}.{Episode.Title}";
  EXPECT_EQ(build_file_name(c, show("Show Name"), {ep(1, 3, "The End")}, hdtv()), "Show.Name.S01E03.The.End");
  c.standard_episode_format = "{series_title}_{season:0}x{episode:00}_{EPISODE TITLE}";
  EXPECT_EQ(build_file_name(c, show("Show Name"), {ep(2, 3, "The End")}, hdtv()), "show_name_2x03_THE END");
  c.standard_episode_format = "{Series CleanTitle} {Series TitleYear} [{Quality Title}] {Release Group} {Air-Date} {Air Date}";
  EXPECT_EQ(build_file_name(c, show("Law & Order: SVU"), {ep(1, 1, "x")}, hdtv()),
            "Law and Order SVU Law & Order - SVU (2010) [HDTV-720p] RlsGrp 2013-10-30 2013 10 30");
}

TEST(Naming, OtherTokens) {
  NamingConfig c = renaming();
  c.standard_episode_format = "{Original Title}|{Original Filename}|{Episode CleanTitle}|{MediaInfo Simple}|{TvdbId}";
  // Illegal characters are cleaned in token values; literal text is the user's own.
  std::string name = build_file_name(c, show(), {ep(1, 1, "What's Up?")}, hdtv());
  EXPECT_EQ(name, "Series.Title.S01E01.720p.HDTV.x264-EVOLVE|Series.Title.S01E01.720p.HDTV.x264-EVOLVE|Whats Up||12345");
  NamingFile nogroup = hdtv();
  nogroup.release_group.clear();
  c.standard_episode_format = "{Release Group}{ [Release Group]}";
  EXPECT_EQ(build_file_name(c, show(), {ep(1, 1, "x")}, nogroup), "Sonarr");
  c.standard_episode_format = "{{literal}} S{season:00}E{episode:00}";
  EXPECT_EQ(build_file_name(c, show(), {ep(1, 1, "x")}, nogroup), "{literal} S01E01");
}

TEST(Naming, MultiEpisodeStyles) {
  NamingConfig c = renaming();
  c.standard_episode_format = "{Series Title} - S{season:00}E{episode:00} - {Episode Title}";
  std::vector<Episode> eps = {ep(1, 1, "Part (1)"), ep(1, 2, "Part (2)"), ep(1, 3, "Part (3)")};
  auto name = [&](MultiEpisodeStyle s) {
    c.multi_episode_style = s;
    return build_file_name(c, show("Show"), eps, hdtv());
  };
  EXPECT_EQ(name(MultiEpisodeStyle::Extend), "Show - S01E01-02-03 - Part");
  EXPECT_EQ(name(MultiEpisodeStyle::Duplicate), "Show - S01E01 - S01E02 - S01E03 - Part");
  EXPECT_EQ(name(MultiEpisodeStyle::Repeat), "Show - S01E01E02E03 - Part");
  EXPECT_EQ(name(MultiEpisodeStyle::Scene), "Show - S01E01-E02-E03 - Part");
  EXPECT_EQ(name(MultiEpisodeStyle::Range), "Show - S01E01-03 - Part");
  EXPECT_EQ(name(MultiEpisodeStyle::PrefixedRange), "Show - S01E01-E03 - Part");
  // Different titles are joined with " + ".
  eps = {ep(1, 2, "B"), ep(1, 1, "A")};
  c.multi_episode_style = MultiEpisodeStyle::PrefixedRange;
  EXPECT_EQ(build_file_name(c, show("Show"), eps, hdtv()), "Show - S01E01-E02 - A + B");
}

TEST(Naming, DailyAndAnime) {
  Series daily = show("Daily Show");
  daily.series_type = "daily";
  EXPECT_EQ(build_file_name(renaming(), daily, {ep(2013, 5, "Guest")}, hdtv()), "Daily Show - 2013-10-30 - Guest HDTV-720p");
  Series anime = show("Anime");
  anime.series_type = "anime";
  NamingConfig c = renaming();
  c.anime_episode_format = "{Series Title} - {absolute:000} - {Episode Title}";
  EXPECT_EQ(build_file_name(c, anime, {ep(1, 1, "A", 1), ep(1, 2, "B", 2)}, hdtv()), "Anime - 001-002 - A + B");
  // Without absolute numbers the standard format is used; {absolute} in a
  // standard series is dropped.
  EXPECT_EQ(build_file_name(c, anime, {ep(1, 1, "A")}, hdtv()), "Anime - S01E01 - A HDTV-720p");
  c.standard_episode_format = "{Series Title} {absolute:000} S{season:00}E{episode:00}";
  EXPECT_EQ(build_file_name(c, show("Show"), {ep(1, 1, "A", 7)}, hdtv()), "Show S01E01");
}

TEST(Naming, ColonReplacement) {
  NamingConfig c = renaming();
  c.standard_episode_format = "{Episode Title}";
  auto name = [&](ColonReplacement r) {
    c.colon_replacement = r;
    return build_file_name(c, show(), {ep(1, 1, "A: B:C")}, hdtv());
  };
  EXPECT_EQ(name(ColonReplacement::Smart), "A - B-C");
  EXPECT_EQ(name(ColonReplacement::Delete), "A BC");
  EXPECT_EQ(name(ColonReplacement::Dash), "A- B-C");
  EXPECT_EQ(name(ColonReplacement::SpaceDash), "A - B -C");
  EXPECT_EQ(name(ColonReplacement::SpaceDashSpace), "A - B - C");
  c.custom_colon_replacement = "~";
  EXPECT_EQ(name(ColonReplacement::Custom), "A~ B~C");
}

TEST(Naming, IllegalCharactersAreCleaned) {
  NamingConfig c = renaming();
  c.standard_episode_format = "{Episode Title}";
  EXPECT_EQ(build_file_name(c, show(), {ep(1, 1, R"(a\b/c<d>e?f*g|h"i)")}, hdtv()), "a+b+cde!f-ghi");
  c.replace_illegal_characters = false;
  EXPECT_EQ(build_file_name(c, show(), {ep(1, 1, R"(a\b/c<d>e?f*g|h"i:j)")}, hdtv()), "abcdefghij");
}

TEST(Naming, HostileTitlesStayOneComponent) {
  NamingConfig c = renaming();
  Series s = show("../../etc");
  s.season_folder = true;
  NamingFile f = hdtv();
  auto rel = episode_relative_path(c, s, {ep(1, 1, "../../../passwd")}, f, ".mkv");
  for (const auto& part : rel) {
    EXPECT_NE(part, "..");
    EXPECT_NE(part, ".");
  }
  EXPECT_FALSE(rel.is_absolute());
  EXPECT_EQ(rel.begin()->string(), "Season 1");
  EXPECT_EQ(std::distance(rel.begin(), rel.end()), 2);
  // Renaming off: the scene name is hostile.
  NamingConfig off;
  f.scene_name = "../../x";
  rel = episode_relative_path(off, s, {ep(1, 1, "x")}, f, ".mkv");
  EXPECT_EQ(rel.string(), "Season 1/+..+x.mkv");
  f.scene_name = "..";
  f.original_file_name = "..";
  EXPECT_EQ(episode_relative_path(off, s, {ep(1, 1, "x")}, f, ".mkv").string(), "Season 1/episode.mkv");
  f.scene_name = std::string(400, 'a') + "\n";
  auto long_name = episode_relative_path(off, s, {ep(1, 1, "x")}, f, ".mkv").filename().string();
  EXPECT_EQ(long_name.size(), 255u);
  EXPECT_EQ(long_name.substr(251), ".mkv");
  // A format with ".." literally cannot climb either.
  c.standard_episode_format = "../../{Series Title}/../S{season:00}E{episode:00}";
  rel = episode_relative_path(c, show("Show"), {ep(1, 1, "x")}, f, ".mkv");
  for (const auto& part : rel) EXPECT_NE(part, "..");
  EXPECT_EQ(safe_path_component(" .. "), "_");
  EXPECT_EQ(safe_path_component("a/b\\c\x01"), "a+b+c");
}

TEST(Naming, Folders) {
  NamingConfig c;
  EXPECT_EQ(series_folder_name(c, show("Show: Name?")), "Show - Name!");
  EXPECT_EQ(season_folder_name(c, show(), 3), "Season 3");
  EXPECT_EQ(season_folder_name(c, show(), 0), "Specials");
  c.season_folder_format = "Season {season:00}";
  EXPECT_EQ(season_folder_name(c, show(), 3), "Season 03");
  c.series_folder_format = "{Series TitleYear} [{TvdbId}]";
  EXPECT_EQ(series_folder_name(c, show("Show")), "Show (2010) [12345]");
  EXPECT_EQ(series_folder_name(c, show("Show (2009)")), "Show (2009) [12345]");
  c.series_folder_format = "{Series Title}";
  EXPECT_EQ(series_folder_name(c, show("..")), "Series");
  Series flat = show("Show");
  flat.season_folder = false;
  EXPECT_EQ(episode_relative_path(renaming(), flat, {ep(1, 1, "x")}, hdtv(), ".mkv").string(),
            "Show - S01E01 - x HDTV-720p.mkv");
}

TEST(Naming, FormatChecks) {
  EXPECT_TRUE(format_has_season_episode("{Series Title} - S{season:00}E{episode:00}"));
  EXPECT_TRUE(format_has_season_episode("{season}x{episode:00}"));
  EXPECT_FALSE(format_has_season_episode("{Series Title} - {Episode Title}"));
  EXPECT_TRUE(format_has_air_date("{Air.Date}"));
  EXPECT_TRUE(format_has_original("{Original Filename}"));
  EXPECT_TRUE(format_has_series_title("{Series.CleanTitleYear}"));
  EXPECT_FALSE(format_has_series_title("{Series TitleFirstCharacter}"));
  EXPECT_TRUE(format_has_season("Season {season:00}"));
  EXPECT_TRUE(format_has_absolute("{absolute:000}"));
}

}  // namespace
}  // namespace nzbd::pvr
