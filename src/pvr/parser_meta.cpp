// Title cleaning, languages and release groups.
#include <algorithm>
#include <array>

#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

namespace {

// ASCII replacement for the Latin-1 letters U+00C0..U+00FF (UTF-8 C3 80..C3 BF).
std::string_view unaccent_latin1(unsigned char second) {
  static constexpr std::array<std::string_view, 64> kMap = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  return kMap[(second - 0x80) & 0x3f];
}

bool is_word_byte(char c) { return is_alnum(c) || static_cast<unsigned char>(c) >= 0x80; }

}  // namespace

std::string clean_series_title(std::string_view title) {
  title = title.substr(0, kMaxTitleLength);
  if (!title.empty() && title.find_first_not_of("0123456789") == std::string_view::npos) return std::string(title);
  // Lower-case, fold accents, and turn '%' into a word ("3%" -> "3percent").
  std::string folded;
  for (size_t i = 0; i < title.size(); ++i) {
    auto c = static_cast<unsigned char>(title[i]);
    if (c == 0xC3 && i + 1 < title.size() && (static_cast<unsigned char>(title[i + 1]) & 0xC0) == 0x80) {
      folded += unaccent_latin1(static_cast<unsigned char>(title[++i]));
    } else if (c == '%') {
      folded += "percent";
    } else {
      folded.push_back(lower(static_cast<char>(c)));
    }
  }
  std::vector<std::string_view> words;
  std::string_view f = folded;
  for (size_t i = 0; i < f.size();) {
    while (i < f.size() && !is_word_byte(f[i])) ++i;
    size_t b = i;
    while (i < f.size() && is_word_byte(f[i])) ++i;
    if (i > b) words.push_back(f.substr(b, i - b));
  }
  static constexpr std::array<std::string_view, 6> kSmall = {"a", "an", "the", "and", "or", "of"};
  std::string out;
  for (size_t w = 0; w < words.size(); ++w) {
    bool edge = w == 0 || w + 1 == words.size();
    bool small = false;
    for (auto s : kSmall) small = small || words[w] == s;
    if (small && !edge) continue;
    out += words[w];
  }
  return out;
}

const std::vector<Language>& language_catalogue() {
  static const std::vector<Language> kLanguages = {
      {0, "Unknown"},      {1, "English"},     {2, "French"},     {3, "Spanish"},     {4, "German"},
      {5, "Italian"},      {6, "Danish"},      {7, "Dutch"},      {8, "Japanese"},    {9, "Icelandic"},
      {10, "Chinese"},     {11, "Russian"},    {12, "Polish"},    {13, "Vietnamese"}, {14, "Swedish"},
      {15, "Norwegian"},   {16, "Finnish"},    {17, "Turkish"},   {18, "Portuguese"}, {19, "Flemish"},
      {20, "Greek"},       {21, "Korean"},     {22, "Hungarian"}, {23, "Hebrew"},     {24, "Lithuanian"},
      {25, "Czech"},       {26, "Arabic"},     {27, "Hindi"},     {28, "Bulgarian"},  {29, "Malayalam"},
      {30, "Ukrainian"},   {31, "Slovak"},     {32, "Thai"},      {33, "Portuguese (Brazil)"},
      {34, "Spanish (Latino)"}, {35, "Romanian"}, {36, "Latvian"}, {37, "Persian"}, {38, "Catalan"},
      {39, "Croatian"},    {40, "Serbian"},    {41, "Bosnian"},   {42, "Estonian"},   {43, "Tamil"},
      {44, "Indonesian"},  {45, "Macedonian"}, {46, "Slovenian"},
  };
  return kLanguages;
}

int language_id(std::string_view name) {
  for (const auto& l : language_catalogue())
    if (iequals(l.name, name)) return l.id;
  return 0;
}

std::vector<std::string> parse_languages(std::string_view text) {
  // Tokens that name a language in release names. Short codes only where
  // scene rules use them; the series title is not passed in here.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 52> kTokens = {{
      {"english", "English"},   {"eng", "English"},      {"french", "French"},     {"vostfr", "French"},
      {"vff", "French"},        {"vf", "French"},        {"vf2", "French"},        {"truefrench", "French"},
      {"fr", "French"},         {"fre", "French"},       {"german", "German"},     {"ger", "German"},
      {"deutsch", "German"},    {"spanish", "Spanish"},  {"esp", "Spanish"},      {"castellano", "Spanish"},
      {"spa", "Spanish"},       {"latino", "Spanish (Latino)"}, {"italian", "Italian"}, {"ita", "Italian"},
      {"japanese", "Japanese"}, {"jap", "Japanese"},     {"jpn", "Japanese"},     {"russian", "Russian"},
      {"rus", "Russian"},       {"polish", "Polish"},    {"pldub", "Polish"},     {"dutch", "Dutch"},
      {"nlsubs", "Dutch"},      {"flemish", "Flemish"},  {"danish", "Danish"},    {"swedish", "Swedish"},
      {"swesub", "Swedish"},    {"norwegian", "Norwegian"}, {"finnish", "Finnish"}, {"turkish", "Turkish"},
      {"portuguese", "Portuguese"}, {"greek", "Greek"},  {"korean", "Korean"},    {"kor", "Korean"},
      {"hungarian", "Hungarian"}, {"hun", "Hungarian"},  {"hebrew", "Hebrew"},    {"czech", "Czech"},
      {"arabic", "Arabic"},     {"hindi", "Hindi"},      {"chinese", "Chinese"},  {"ukrainian", "Ukrainian"},
      {"ukr", "Ukrainian"},     {"thai", "Thai"},        {"romanian", "Romanian"}, {"vietnamese", "Vietnamese"},
  }};
  std::vector<std::string> found;
  auto add = [&found](std::string_view name) {
    for (const auto& f : found)
      if (f == name) return;
    found.emplace_back(name);
  };
  bool multi = false;
  for (const auto& raw : split_tokens(text)) {
    std::string tok = to_lower(raw);
    if (tok == "multi" || tok == "dual") multi = true;
    for (const auto& [key, name] : kTokens)
      if (tok == key) add(name);
  }
  // MULTi / DUAL audio carries the original (English for most TV) besides the dub.
  if (multi) add("English");
  if (found.empty()) found.emplace_back("English");
  return found;
}

}  // namespace nzbd::pvr

namespace nzbd::pvr {

bool is_possible_special_episode(const ParsedEpisodeInfo& info) {
  // No episode numbers (or season 0) and not a date: the release may be a special named by its title.
  bool titled = !info.series_title.empty();
  bool no_numbers = info.episodes.empty() || info.season == 0 ||
                    std::find(info.episodes.begin(), info.episodes.end(), 0) != info.episodes.end();  // "S11E00"
  return ((!info.air_date && titled && no_numbers) || (titled && info.special)) && !info.full_season;
}

bool is_scene_title(std::string_view title) {
  // Scene names are dotted, never spaced, and carry a group and a known quality.
  if (title.find('.') == std::string_view::npos || title.find(' ') != std::string_view::npos) return false;
  auto p = parse_release(title);
  return p && !p->release_group.empty() && p->quality.id != 0 && !p->series_title.empty();
}

}  // namespace nzbd::pvr
