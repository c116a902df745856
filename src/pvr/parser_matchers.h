// Matchers for episode markers, shared by parser_markers*.cpp (internal to the parser).
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "pvr/parser_markers.h"
#include "pvr/parser_text.h"

namespace nzbd::pvr::detail {

using Matcher = std::optional<Marker> (*)(std::string_view, size_t, bool);

inline bool is_space_sep(char c) { return c == '.' || c == ' ' || c == '_'; }
inline char at(std::string_view s, size_t i) { return i < s.size() ? s[i] : '\0'; }

// End of a marker: end of word, or a "v2" version tag then end of word.
inline bool marker_end(std::string_view s, size_t& j) {
  if (word_end(s, j)) return true;
  if (lower(at(s, j)) == 'v' && is_digit(at(s, j + 1)) && word_end(s, j + 2)) {
    j += 2;
    return true;
  }
  return false;
}

// first..last as a list (Sonarr expands E01E03 to 1,2,3); empty if invalid.
inline std::vector<int> expand(int first, int last) {
  std::vector<int> out;
  if (first > last || last - first >= kMaxEpisodeRange) return out;
  for (int e = first; e <= last; ++e) out.push_back(e);
  return out;
}

// Matches one of `words` (case-insensitive, whole word) at i; returns its end or npos.
template <class Words>
size_t match_words_of(std::string_view s, size_t i, const Words& words) {
  if (!word_start(s, i)) return std::string_view::npos;
  for (auto w : words)
    if (starts_with_icase(s.substr(i), w) && word_end(s, i + w.size())) return i + w.size();
  return std::string_view::npos;
}

inline size_t match_word(std::string_view s, size_t i, std::initializer_list<std::string_view> words) {
  return match_words_of(s, i, words);
}

inline size_t skip_seps(std::string_view s, size_t j) {
  while (j < s.size() && (is_space_sep(s[j]) || s[j] == '-')) ++j;
  return j;
}

// Reads "E<digits>" or "Ep<digits>" at j (up to 5 digits: daily talk shows count past 9999); advances j.
inline bool read_e_number(std::string_view s, size_t& j, int& value) {
  if (lower(at(s, j)) != 'e') return false;
  size_t p = j + 1;
  if (lower(at(s, p)) == 'p' && is_digit(at(s, p + 1))) ++p;
  size_t n = read_number(s, p, 5, value);
  if (n == 0) return false;
  j = p + n;
  return true;
}

// S01E02, S01E02E03, S01E02-E04, S01E02-04, S01.E02, S2024E05, S01E02-S01E03.

inline constexpr std::array<std::string_view, 6> kSeasonWords = {"seasons", "season", "series", "saison", "staffel",
                                                                 "temporada"};
// Season packs leave out "series": "The.Series.110" is a title word and an episode number.
inline constexpr std::array<std::string_view, 5> kPackSeasonWords = {"seasons", "season", "saison", "staffel",
                                                                     "temporada"};

// Each matcher tries one position i of the name and returns the marker that starts there.
std::optional<Marker> match_standard(std::string_view s, size_t i, bool anime);
std::optional<Marker> match_nxm(std::string_view s, size_t i, bool anime);
std::optional<Marker> match_words(std::string_view s, size_t i, bool anime);
std::optional<Marker> match_date(std::string_view s, size_t i, bool anime);
std::optional<Marker> match_season_pack(std::string_view s, size_t i, bool anime);
bool valid_date(int y, int m, int d);

}  // namespace nzbd::pvr::detail
