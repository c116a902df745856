// Text helpers of the sort module (not public).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nzbd::sort {

// Words of a release name: split at spaces, dots and underscores; lone "-" dropped.
std::vector<std::string> split_words(std::string_view name);
// The job name with '.' and '_' as spaces, trimmed (SABnzbd's title of last resort).
std::string fallback_title(std::string_view job_name);
// SABnzbd's title casing: str.title(), then small words lower case ("of",
// "the", ...; not the first), "'S" -> "'s", "Iii"/"Ii"/"Iv" upper case.
std::string title_case(std::string_view title);
// "Show Name (US)" -> "Show.Name.US" and "Show_Name_(US)".
std::string dotted(std::string_view title);
std::string underscored(std::string_view title);

// SABnzbd's path_subst: "%key" markers replaced by the first matching entry
// of `map` (so longer keys go first); "%ext" is never taken for "%e"; other
// text is copied as it is.
using Mapping = std::vector<std::pair<std::string, std::string>>;
std::string substitute(std::string_view text, const Mapping& map);
// Text in {braces} lower-cased, then any remaining braces removed.
std::string lowercase_braces(std::string_view text);
// SABnzbd's REPLACE_AFTER: "()" dropped, ".." / "__" / "  " collapsed, " .%ext" -> ".%ext".
std::string tidy(std::string text);
void replace_all(std::string& s, std::string_view from, std::string_view to);

// File name parts: "a/b/Name.part1.mkv" -> stem "Name.part1", ext ".mkv".
std::string base_name(std::string_view path);
std::pair<std::string, std::string> split_ext(std::string_view file_name);

}  // namespace nzbd::sort
