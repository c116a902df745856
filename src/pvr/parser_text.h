// Small text helpers shared by the release-name parser's files (internal).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/strings.h"

namespace nzbd::pvr::detail {

// ASCII-only classification: names are byte strings, UTF-8 bytes >= 0x80 are
// never letters or digits here, so no locale or signed-char pitfalls.
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-folding is util's (to_lower, iequals, starts_with_icase, ends_with_icase).
std::string_view trim(std::string_view s, std::string_view chars = " \t");

// Splits on every non-alphanumeric byte; keeps the original case.
std::vector<std::string> split_tokens(std::string_view s);

// Reads up to max_digits digits at s[pos]; returns the count read (0 = none)
// and stores the value. Stops early on the first non-digit.
size_t read_number(std::string_view s, size_t pos, size_t max_digits, int& value);

// True when s[pos] starts a word: at the start or after a non-alphanumeric byte.
inline bool word_start(std::string_view s, size_t pos) { return pos == 0 || !is_alnum(s[pos - 1]); }
// True when a word ends before s[pos]: at the end or at a non-alphanumeric byte.
inline bool word_end(std::string_view s, size_t pos) { return pos >= s.size() || !is_alnum(s[pos]); }

// Name without directories: the part after the last '/' or '\'.
std::string_view last_path_component(std::string_view path);
// Parent directory's name ("" when there is none).
std::string_view parent_component(std::string_view path);
// Strips one known video extension (.mkv .mp4 .avi .m4v .ts .wmv ...).
std::string_view strip_video_extension(std::string_view name);

// True for a word that is a quality tag ("720p", "HDTV", "x264", "WEB"); any case.
bool is_quality_word(std::string_view token);

// True for names that are hashes or random strings and must not be parsed.
bool looks_obfuscated(std::string_view name);

}  // namespace nzbd::pvr::detail
