// One name through the parser, for release_parser.cpp and parser_path.cpp (internal).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/release_parser.h"

namespace nzbd::pvr::detail {

// Parses one name; the series title may come out empty ("S01E02.mkv").
std::optional<ParsedEpisodeInfo> parse_name(std::string_view raw);

// "Show.Name.2019" -> "Show Name 2019"; the separators and brackets around the marker dropped.
std::string normalize_title(std::string_view t);

// Fills title_without_year and year from series_title ("Show (2019)", "Show 2019", "Show-2019").
void split_year(ParsedEpisodeInfo& info);

// Languages named anywhere in `text` ({"English"} when none): parse_languages without skipping a title.
std::vector<std::string> languages_in(std::string_view text);

}  // namespace nzbd::pvr::detail
