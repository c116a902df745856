// Row mapping shared by the library_*.cpp files. Internal to pvr.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pvr/db.h"
#include "pvr/model.h"

namespace nzbd::pvr::libdb {

std::string join(const std::vector<std::string>& parts, char sep);
std::vector<std::string> split(std::string_view text, char sep);
std::string join_ints(const std::vector<int>& v);
std::vector<int> split_ints(std::string_view text);

extern const char* const kSeriesColumns;
Series read_series(const Stmt& s);
void bind_series(Stmt& s, const Series& v);  // binds ?1..?34 in kSeriesColumns order, id excluded
std::vector<Season> load_seasons(Db& db, int series_id);
void save_seasons(Db& db, int series_id, const std::vector<Season>& seasons);

extern const char* const kEpisodeColumns;
Episode read_episode(const Stmt& s);
void insert_episode(Db& db, int series_id, const Episode& e);

extern const char* const kFileColumns;
EpisodeFile read_file(const Stmt& s);

}  // namespace nzbd::pvr::libdb
