#include "pvr/library_detail.h"

#include <charconv>

namespace nzbd::pvr::libdb {

std::string join(const std::vector<std::string>& parts, char sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    auto pos = text.find(sep, start);
    out.emplace_back(text.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string join_ints(const std::vector<int>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(v[i]);
  }
  return out;
}

std::vector<int> split_ints(std::string_view text) {
  std::vector<int> out;
  for (const auto& part : split(text, ',')) {
    int v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec == std::errc()) out.push_back(v);
  }
  return out;
}

const char* const kSeriesColumns =
    "id, tvdb_id, tvmaze_id, tvrage_id, tmdb_id, imdb_id, title, sort_title, clean_title, "
    "title_slug, status, overview, network, air_time, timezone, runtime, year, first_aired, "
    "last_aired, path, root_folder_path, quality_profile_id, season_folder, monitored, "
    "monitor_new_items, series_type, use_scene_numbering, certification, original_language, "
    "genres, images, tags, added, last_info_sync, rating, rating_votes";

namespace {
std::string encode_images(const std::vector<Image>& images) {
  std::vector<std::string> lines;
  for (const auto& i : images) lines.push_back(i.cover_type + '\t' + i.url);
  return join(lines, '\n');
}

std::vector<Image> decode_images(std::string_view text) {
  std::vector<Image> out;
  for (const auto& line : split(text, '\n')) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}
}  // namespace

Series read_series(const Stmt& s) {
  Series v;
  int c = 0;
  v.id = s.i32(c++);
  v.tvdb_id = s.i32(c++);
  v.tvmaze_id = s.i32(c++);
  v.tvrage_id = s.i32(c++);
  v.tmdb_id = s.i32(c++);
  v.imdb_id = s.text(c++);
  v.title = s.text(c++);
  v.sort_title = s.text(c++);
  v.clean_title = s.text(c++);
  v.title_slug = s.text(c++);
  v.status = s.text(c++);
  v.overview = s.text(c++);
  v.network = s.text(c++);
  v.air_time = s.text(c++);
  v.timezone = s.text(c++);
  v.runtime = s.i32(c++);
  v.year = s.i32(c++);
  v.first_aired = s.opt_text(c++);
  v.last_aired = s.opt_text(c++);
  v.path = s.text(c++);
  v.root_folder_path = s.text(c++);
  v.quality_profile_id = s.i32(c++);
  v.season_folder = s.boolean(c++);
  v.monitored = s.boolean(c++);
  v.monitor_new_items = s.text(c++);
  v.series_type = s.text(c++);
  v.use_scene_numbering = s.boolean(c++);
  v.certification = s.text(c++);
  v.original_language = s.text(c++);
  v.genres = split(s.text(c++), '\n');
  v.images = decode_images(s.text(c++));
  v.tags = split_ints(s.text(c++));
  v.added = s.text(c++);
  v.last_info_sync = s.opt_text(c++);
  v.rating = s.real(c++);
  v.rating_votes = s.i32(c++);
  return v;
}

void bind_series(Stmt& s, const Series& v) {
  int c = 1;
  auto b = [&](const auto& value) { s.bind(c++, value); };
  b(v.tvdb_id); b(v.tvmaze_id); b(v.tvrage_id); b(v.tmdb_id); b(v.imdb_id); b(v.title);
  b(v.sort_title); b(v.clean_title); b(v.title_slug); b(v.status); b(v.overview); b(v.network);
  b(v.air_time); b(v.timezone); b(v.runtime); b(v.year); b(v.first_aired); b(v.last_aired);
  b(v.path); b(v.root_folder_path); b(v.quality_profile_id); b(v.season_folder); b(v.monitored);
  b(v.monitor_new_items); b(v.series_type); b(v.use_scene_numbering); b(v.certification);
  b(v.original_language); b(join(v.genres, '\n')); b(encode_images(v.images));
  b(join_ints(v.tags)); b(v.added); b(v.last_info_sync); b(v.rating); b(v.rating_votes);
}

std::vector<Season> load_seasons(Db& db, int series_id) {
  Stmt s(db, "SELECT season_number, monitored FROM seasons WHERE series_id=?1 ORDER BY season_number");
  s.bind(1, series_id);
  std::vector<Season> out;
  while (s.step()) out.push_back({s.i32(0), s.boolean(1)});
  return out;
}

void save_seasons(Db& db, int series_id, const std::vector<Season>& seasons) {
  Stmt del(db, "DELETE FROM seasons WHERE series_id=?1");
  del.bind(1, series_id).run();
  Stmt ins(db, "INSERT OR REPLACE INTO seasons (series_id, season_number, monitored) VALUES (?1,?2,?3)");
  for (const auto& se : seasons) {
    ins.reset();
    ins.bind(1, series_id).bind(2, se.season_number).bind(3, se.monitored).run();
  }
}

const char* const kEpisodeColumns =
    "e.id, e.series_id, e.tvmaze_id, e.tvdb_id, e.season_number, e.episode_number, "
    "e.absolute_episode_number, e.title, e.overview, e.air_date, e.air_date_utc, e.runtime, "
    "e.monitored, e.episode_file_id, e.finale_type, e.image_url";

Episode read_episode(const Stmt& s) {
  Episode e;
  int c = 0;
  e.id = s.i32(c++);
  e.series_id = s.i32(c++);
  e.tvmaze_id = s.i32(c++);
  e.tvdb_id = s.i32(c++);
  e.season_number = s.i32(c++);
  e.episode_number = s.i32(c++);
  e.absolute_episode_number = s.opt_int(c++);
  e.title = s.text(c++);
  e.overview = s.text(c++);
  e.air_date = s.opt_text(c++);
  e.air_date_utc = s.opt_text(c++);
  e.runtime = s.i32(c++);
  e.monitored = s.boolean(c++);
  e.episode_file_id = s.i32(c++);
  e.finale_type = s.opt_text(c++);
  e.image_url = s.opt_text(c++);
  return e;
}

void insert_episode(Db& db, int series_id, const Episode& e) {
  Stmt s(db,
         "INSERT INTO episodes (series_id, tvmaze_id, tvdb_id, season_number, episode_number, "
         "absolute_episode_number, title, overview, air_date, air_date_utc, runtime, monitored, "
         "episode_file_id, finale_type, image_url) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)");
  s.bind(1, series_id).bind(2, e.tvmaze_id).bind(3, e.tvdb_id).bind(4, e.season_number);
  s.bind(5, e.episode_number).bind(6, e.absolute_episode_number).bind(7, e.title).bind(8, e.overview);
  s.bind(9, e.air_date).bind(10, e.air_date_utc).bind(11, e.runtime).bind(12, e.monitored);
  s.bind(13, e.episode_file_id).bind(14, e.finale_type).bind(15, e.image_url);
  s.run();
}

const char* const kFileColumns =
    "id, series_id, season_number, relative_path, path, size, date_added, scene_name, "
    "release_group, quality_id, quality_version, quality_real, quality_repack, languages";

EpisodeFile read_file(const Stmt& s) {
  EpisodeFile f;
  int c = 0;
  f.id = s.i32(c++);
  f.series_id = s.i32(c++);
  f.season_number = s.i32(c++);
  f.relative_path = s.text(c++);
  f.path = s.text(c++);
  f.size = s.i64(c++);
  f.date_added = s.text(c++);
  f.scene_name = s.text(c++);
  f.release_group = s.text(c++);
  f.quality_id = s.i32(c++);
  f.quality_version = s.i32(c++);
  f.quality_real = s.boolean(c++);
  f.quality_repack = s.boolean(c++);
  f.languages = split(s.text(c++), ',');
  return f;
}

}  // namespace nzbd::pvr::libdb
