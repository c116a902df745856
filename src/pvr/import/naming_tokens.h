// The token grammar of Sonarr's naming formats, shared by the builder and
// the validators: `{[prefix]Word[sep Word][:format][suffix]}`. Internal to
// pvr/import.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "pvr/import/naming_config.h"
#include "pvr/model.h"

namespace nzbd::pvr::naming_detail {

struct Token {
  std::size_t begin = 0, end = 0;  // [begin, end) in the format, braces included
  std::string prefix, words, separator, format, suffix;  // words: "Series Title" as written
  std::string key;  // lower case, separators dropped: "seriestitle"
};

// The token starting at format[pos] == '{', or nullopt when the text there
// is not a token (it is then copied literally).
std::optional<Token> token_at(std::string_view format, std::size_t pos);

// `{name}` or `{name:0...}` (any case) at pos; its end and zero count.
struct NumberToken {
  std::size_t end = 0;
  int width = 1;
};
std::optional<NumberToken> number_token_at(std::string_view format, std::size_t pos, std::string_view name);

// Token key -> value. Values are computed on use (some depend on the token).
using Handlers = std::map<std::string, std::function<std::string(const Token&)>>;

// `value` zero-padded to `width` digits (capped at 10).
std::string pad(int value, int width);
// The zero count of a ":00" format; 1 for anything else.
int format_width(const std::string& format);

// Renders the season/episode and absolute numbering patterns of `pattern`
// by the multi-episode style into placeholder tokens (added to `h`), and
// adds {season} and {episode}. Returns the rewritten pattern.
std::string add_numbering(std::string pattern, Handlers& h, const Series& series, const std::vector<Episode>& eps,
                          const NamingConfig& config);

bool has_season_episode_pattern(std::string_view format);

// Titles (naming_titles.cpp).
std::string clean_title(std::string_view title);
std::string title_year(const std::string& title, int year);
std::string title_without_year(const std::string& title);
std::string title_the(const std::string& title);
// One title, or the distinct titles without "(1)"/"Part 1" joined by " <joiner> ".
std::string episode_title(const std::vector<Episode>& eps, std::string_view joiner);

inline bool is_sep(char c) { return c == '-' || c == ' ' || c == '.' || c == '_'; }

}  // namespace nzbd::pvr::naming_detail
