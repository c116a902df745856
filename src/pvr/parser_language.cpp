// Languages named in release names (Sonarr's LanguageParser idea): words in any case, short
// codes only in capitals, a few CJK tags, and "DL"/"ML" for the original audio beside a dub.
#include <array>
#include <utility>

#include "pvr/parser_markers.h"
#include "pvr/parser_name.h"
#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

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
      {44, "Indonesian"},  {45, "Macedonian"}, {46, "Slovenian"}, {47, "Azerbaijani"}, {48, "Uzbek"},
      {49, "Malay"},       {50, "Urdu"},       {51, "Romansh"},   {52, "Georgian"},   {-2, "Original"},
  };
  return kLanguages;
}

int language_id(std::string_view name) {
  for (const auto& l : language_catalogue())
    if (iequals(l.name, name)) return l.id;
  return 0;
}

namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// Words, matched in any case.
constexpr std::array<Pair, 71> kWords = {{
    {"english", "English"},     {"eng", "English"},          {"french", "French"},       {"vostfr", "French"},
    {"vff", "French"},          {"vf", "French"},            {"vf2", "French"},          {"truefrench", "French"},
    {"fre", "French"},          {"german", "German"},        {"ger", "German"},          {"deutsch", "German"},
    {"swissgerman", "German"},  {"spanish", "Spanish"},      {"esp", "Spanish"},         {"castellano", "Spanish"},
    {"spa", "Spanish"},         {"latino", "Spanish (Latino)"}, {"italian", "Italian"},  {"ita", "Italian"},
    {"japanese", "Japanese"},   {"jap", "Japanese"},         {"jpn", "Japanese"},        {"russian", "Russian"},
    {"rus", "Russian"},         {"polish", "Polish"},        {"pldub", "Polish"},        {"lekpl", "Polish"},
    {"dutch", "Dutch"},         {"nlsubs", "Dutch"},         {"flemish", "Flemish"},     {"danish", "Danish"},
    {"swedish", "Swedish"},     {"swesub", "Swedish"},       {"norwegian", "Norwegian"}, {"finnish", "Finnish"},
    {"turkish", "Turkish"},     {"portuguese", "Portuguese"}, {"greek", "Greek"},        {"korean", "Korean"},
    {"kor", "Korean"},          {"hungarian", "Hungarian"},  {"hun", "Hungarian"},       {"hundub", "Hungarian"},
    {"hebrew", "Hebrew"},       {"hebdub", "Hebrew"},        {"czech", "Czech"},         {"arabic", "Arabic"},
    {"hindi", "Hindi"},         {"chinese", "Chinese"},      {"mandarin", "Chinese"},    {"cantonese", "Chinese"},
    {"ukrainian", "Ukrainian"}, {"ukr", "Ukrainian"},        {"thai", "Thai"},           {"romanian", "Romanian"},
    {"vietnamese", "Vietnamese"}, {"icelandic", "Icelandic"}, {"malayalam", "Malayalam"}, {"slovak", "Slovak"},
    {"brazilian", "Portuguese (Brazil)"}, {"dublado", "Portuguese (Brazil)"}, {"latvian", "Latvian"},
    {"catalan", "Catalan"},     {"azerbaijani", "Azerbaijani"}, {"uzbek", "Uzbek"},     {"romansh", "Romansh"},
    {"rumantsch", "Romansh"},   {"georgian", "Georgian"},    {"original", "Original"},   {"fra", "French"},
}};

// Short codes, matched only as written in capitals (or capitalised), since "pl", "cat" and "ing"
// are ordinary words in titles.
constexpr std::array<Pair, 19> kCodes = {{
    {"PL", "Polish"},  {"CZ", "Czech"},   {"SK", "Slovak"},   {"LAV", "Latvian"}, {"LAT", "Latvian"},
    {"CHT", "Chinese"}, {"CHS", "Chinese"}, {"GB", "Chinese"}, {"BIG5", "Chinese"}, {"RU", "Russian"},
    {"KA", "Georgian"}, {"Ing", "English"}, {"ING", "English"}, {"Cat", "Catalan"}, {"CAT", "Catalan"},
    {"FR", "French"},  {"ITA", "Italian"}, {"EN", "English"},  {"NL", "Dutch"},
}};

// CJK tags for Chinese subtitles or audio: 繁 (traditional), 简 (simplified), 国语 (Mandarin), 中文.
constexpr std::array<std::string_view, 5> kChinese = {"\xE7\xB9\x81", "\xE7\xAE\x80", "\xE5\x9B\xBD\xE8\xAF\xAD",
                                                      "\xE4\xB8\xAD\xE6\x96\x87", "\xE7\xB2\xB5"};

}  // namespace

std::vector<std::string> detail::languages_in(std::string_view text) {
  std::vector<std::string> found;
  auto add = [&found](std::string_view name) {
    for (const auto& f : found)
      if (f == name) return;
    found.emplace_back(name);
  };
  bool multi = false, original = false, multilang = false;
  std::string prev;
  for (const auto& raw : split_tokens(text)) {
    std::string tok = to_lower(raw);
    if (tok == "multi" || tok == "dual") multi = true;
    if (raw == "DL" && prev != "web") original = true;  // German "DL": dub plus the original audio
    if (raw == "ML") multilang = true;  // "ML": the original and English besides the dub
    for (const auto& [key, name] : kWords)
      if (tok == key) add(name);
    for (const auto& [key, name] : kCodes)
      if (raw == key) add(name);
    prev = std::move(tok);
  }
  for (auto zh : kChinese)
    if (text.find(zh) != std::string_view::npos) add("Chinese");
  if (original || multilang) add("Original");
  // MULTi / DUAL audio carries the original (English for most TV) besides the dub.
  if (multi || multilang) add("English");
  if (found.empty()) found.emplace_back("English");
  return found;
}

std::vector<std::string> parse_languages(std::string_view text) {
  // A language word before the episode marker belongs to the title ("Title.the.Spanish.Series").
  auto marker = find_marker(text.substr(0, kMaxTitleLength), false);
  if (marker && !marker->invalid) text = text.substr(marker->start);
  return languages_in(text.substr(0, kMaxTitleLength));
}

}  // namespace nzbd::pvr
