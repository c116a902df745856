// ISO language codes and subtitle file names ("Show - S01E01.en.forced.srt"), after Sonarr's
// IsoLanguages and LanguageParser subtitle rules.
#include <array>

#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

namespace {

struct Iso {
  std::string_view two, three, alt, name;  // ISO 639-1, 639-2/T, 639-2/B ("" when the same)
};

constexpr std::array<Iso, 49> kIso = {{
    {"en", "eng", "", "English"},      {"fr", "fra", "fre", "French"},     {"es", "spa", "", "Spanish"},
    {"de", "deu", "ger", "German"},    {"it", "ita", "", "Italian"},       {"da", "dan", "", "Danish"},
    {"nl", "nld", "dut", "Dutch"},     {"ja", "jpn", "", "Japanese"},      {"is", "isl", "ice", "Icelandic"},
    {"zh", "zho", "chi", "Chinese"},   {"ru", "rus", "", "Russian"},       {"pl", "pol", "", "Polish"},
    {"vi", "vie", "", "Vietnamese"},   {"sv", "swe", "", "Swedish"},       {"no", "nor", "nob", "Norwegian"},
    {"fi", "fin", "", "Finnish"},      {"tr", "tur", "", "Turkish"},       {"pt", "por", "", "Portuguese"},
    {"el", "ell", "gre", "Greek"},     {"ko", "kor", "", "Korean"},        {"hu", "hun", "", "Hungarian"},
    {"he", "heb", "", "Hebrew"},       {"lt", "lit", "", "Lithuanian"},    {"cs", "ces", "cze", "Czech"},
    {"ar", "ara", "", "Arabic"},       {"hi", "hin", "", "Hindi"},         {"bg", "bul", "", "Bulgarian"},
    {"ml", "mal", "", "Malayalam"},    {"uk", "ukr", "", "Ukrainian"},     {"sk", "slk", "slo", "Slovak"},
    {"th", "tha", "", "Thai"},         {"ro", "ron", "rum", "Romanian"},   {"lv", "lav", "", "Latvian"},
    {"fa", "fas", "per", "Persian"},   {"ca", "cat", "", "Catalan"},       {"hr", "hrv", "", "Croatian"},
    {"sr", "srp", "", "Serbian"},      {"bs", "bos", "", "Bosnian"},       {"et", "est", "", "Estonian"},
    {"ta", "tam", "", "Tamil"},        {"id", "ind", "", "Indonesian"},    {"mk", "mkd", "mac", "Macedonian"},
    {"sl", "slv", "", "Slovenian"},    {"az", "aze", "", "Azerbaijani"},   {"uz", "uzb", "", "Uzbek"},
    {"ms", "msa", "may", "Malay"},     {"ur", "urd", "", "Urdu"},          {"rm", "roh", "", "Romansh"},
    {"ka", "kat", "geo", "Georgian"},
}};

// Language-region pairs that name a language of their own or its home country; other regions
// ("fr-CA") are not a match, as in Sonarr.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kRegions = {{
    {"pt-br", "Portuguese (Brazil)"}, {"es-mx", "Spanish (Latino)"}, {"es-419", "Spanish (Latino)"},
    {"ur-pk", "Urdu"},                {"rm-ch", "Romansh"},           {"ka-ge", "Georgian"},
}};

constexpr std::array<std::string_view, 7> kTags = {"default", "forced", "sdh", "cc", "hi", "foreign", "full"};

bool is_tag(std::string_view s) {
  for (auto t : kTags)
    if (iequals(s, t)) return true;
  return false;
}

// A dotted part that belongs to the video's own name: spaces, brackets or a quality tag.
bool is_name_part(std::string_view s) {
  return s.find_first_of("[]()") != std::string_view::npos || is_quality_word(s) || s.empty();
}

}  // namespace

std::optional<std::string> find_iso_language(std::string_view code) {
  std::string c = to_lower(trim(code));
  if (c.find('-') != std::string::npos) {
    for (const auto& [pair, name] : kRegions)
      if (c == pair) return std::string(name);
    return std::nullopt;
  }
  for (const auto& iso : kIso)
    if (c == iso.two || c == iso.three || (!iso.alt.empty() && c == iso.alt)) return std::string(iso.name);
  return std::nullopt;
}

SubtitleInfo parse_subtitle_info(std::string_view file_name) {
  SubtitleInfo out;
  std::string_view name = last_path_component(file_name);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return out;
  name = name.substr(0, dot);  // ".srt", ".ass", ".sub"
  std::vector<std::string_view> tags;
  std::optional<std::string> language, title;
  // Dotted parts from the right: ISO codes or language words, tags, at most one title.
  for (size_t parts = 0; parts < 6; ++parts) {
    dot = name.rfind('.');
    if (dot == std::string_view::npos) break;
    std::string_view part = name.substr(dot + 1);
    if (is_name_part(part)) break;
    std::string_view head = part.substr(0, part.find('-'));
    if (!language && (language = find_iso_language(part))) {
    } else if (!language && head.size() < part.size() && (language = find_iso_language(head))) {
      title = std::string(part.substr(head.size() + 1));  // "ru-something-else"
    } else if (!language && iequals(part, "english")) {
      language = "English";
    } else if (is_tag(part)) {
      tags.push_back(part);
    } else if (!title) {
      title = std::string(part);
    } else {
      break;
    }
    name = name.substr(0, dot);
  }
  if (!language) return out;  // no language named: tags and titles are guesses, give none
  out.language = *language;
  for (auto t : tags) out.tags.insert(out.tags.begin(), to_lower(t));
  out.title = title;
  return out;
}

std::string parse_subtitle_language(std::string_view file_name) { return parse_subtitle_info(file_name).language; }

}  // namespace nzbd::pvr
