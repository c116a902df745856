// Release group extraction (Sonarr's ParseReleaseGroup idea).
#include <array>

#include "pvr/parser_text.h"
#include "pvr/release_parser.h"

namespace nzbd::pvr {

using namespace detail;

namespace {

bool is_website(std::string_view s) {
  s = trim(s);
  if (starts_with_icase(s, "www.")) return true;
  size_t dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view tld = s.substr(dot + 1);
  return tld.size() >= 2 && tld.size() <= 6 && split_tokens(tld).size() == 1 && is_alpha(tld[0]);
}

// Bracketed words that describe the file rather than name a group.
bool is_tag_word(std::string_view w) {
  static constexpr std::array<std::string_view, 22> kTags = {
      "x264", "x265", "h264", "h265", "hevc", "avc", "10bit", "8bit", "aac", "flac", "multi", "dual",
      "eng", "english", "vostfr", "subbed", "dubbed", "proper", "repack", "internal", "hdr", "uncensored"};
  for (auto t : kTags)
    if (iequals(w, t)) return true;
  return parse_quality(w).id != 0;
}

// "[rartv]", "[eztv.re]", "[TGx]" at the end name the uploader, not the group.
bool strip_torrent_tag(std::string_view& name) {
  static constexpr std::array<std::string_view, 9> kTags = {"rartv", "rarbg", "ettv", "eztv", "cttv",
                                                            "publichd", "tgx", "eztvx", "ethd"};
  if (name.empty() || name.back() != ']') return false;
  size_t open = name.rfind('[');
  if (open == std::string_view::npos) return false;
  std::string_view inner = name.substr(open + 1, name.size() - open - 2);
  bool known = false;
  for (auto t : kTags) known = known || iequals(trim(inner), t);
  if (!known && !is_website(inner) && !is_tag_word(trim(inner))) return false;
  name = trim(name.substr(0, open), " ._-");
  return true;
}

// " (1)" that download tools append to duplicate names.
bool strip_copy_number(std::string_view& name) {
  if (name.size() < 4 || name.back() != ')') return false;
  size_t open = name.rfind('(');
  if (open == std::string_view::npos || open + 2 >= name.size()) return false;
  for (size_t i = open + 1; i + 1 < name.size(); ++i)
    if (!is_digit(name[i])) return false;
  name = trim(name.substr(0, open));
  return true;
}

// Suffixes posting tools append after the real group ("-GROUP-postbot").
bool rejected_group(std::string_view before, std::string_view g);

bool strip_poster_suffix(std::string_view& name) {
  static constexpr std::array<std::string_view, 20> kSuffixes = {
      "-RP",        "-1",     "-NZBGeek",  "-Obfuscated", "-Scrambled", "-sample",
      "-Pre",       "-postbot", "-xpost",  "-Rakuten",    "-Chamele0n", "-BUYMORE",
      "-AsRequested", "-AlternativeToRequested", "-GEROV", "-Z0iDS3N", "-Chr0nicK", "-4P", "-4Planet",
      "-RePACKPOST"};
  for (auto s : kSuffixes) {
    if (name.size() > s.size() && ends_with_icase(name, s)) {
      // Only a suffix after a real group: "x264-NZBgeek" alone is the group.
      std::string_view before = name.substr(0, name.size() - s.size());
      size_t dash = before.rfind('-');
      size_t sep = before.find_last_of(". _");
      if (dash == std::string_view::npos || (sep != std::string_view::npos && sep > dash)) return false;
      if (rejected_group(before.substr(0, dash), before.substr(dash + 1))) return false;
      name = before;
      return true;
    }
  }
  // "-Rakuv02": a re-poster's tag with a counter.
  size_t dash = name.rfind('-');
  if (dash != std::string_view::npos && dash > 0 && starts_with_icase(name.substr(dash), "-Rakuv")) {
    std::string_view rest = name.substr(dash + 6);
    bool digits = true;
    for (char c : rest) digits = digits && is_digit(c);
    if (digits) {
      name = name.substr(0, dash);
      return true;
    }
  }
  return false;
}

bool is_hex8(std::string_view s) {
  if (s.size() != 8) return false;
  for (char c : s)
    if (!is_digit(c) && !(lower(c) >= 'a' && lower(c) <= 'f')) return false;
  return true;
}

// "x264-GROUP English": a language word after the group.
bool strip_language_suffix(std::string_view& name) {
  static constexpr std::array<std::string_view, 6> kWords = {"english", "french", "german", "spanish", "italian",
                                                             "multi"};
  for (auto w : kWords) {
    if (name.size() <= w.size() + 1 || !ends_with_icase(name, w)) continue;
    char sep = name[name.size() - w.size() - 1];
    if (sep != ' ' && sep != '.') continue;
    name = name.substr(0, name.size() - w.size() - 1);
    return true;
  }
  return false;
}

// Groups whose names hold separators or that Sonarr knows to sit in trailing tags
// ("(1080p ... x265 Kappa)", "-TheSickle[TAoE]").
std::string_view known_group(std::string_view name) {
  static constexpr std::array<std::string_view, 36> kKnown = {
      "Erai-raws", "E.N.D",     "D-Z0N3",   "Fight-BB",  "VARYG-SPARKS", "KRaLiMaRKo", "Koten_Gars", "BluDragon",
      "HQMUX",     "YIFY",      "TMd",      "LMain",     "DarQ",         "TAoE",       "QxR",        "126811",
      "Joy",       "ImE",       "UTR",      "t3nzin",    "Anime Time",   "Project Angel", "Hakata Ramen", "HONE",
      "Vyndros",   "SEV",       "Garshasp", "Kappa",     "Natty",        "RCVR",       "SAMPA",      "YOGI",
      "r00t",      "EDGE2020",  "RZeroX",   "BEN THE MEN"};
  std::string_view n = name;
  while (!n.empty() && (n.back() == ']' || n.back() == ')')) n.remove_suffix(1);
  for (auto g : kKnown) {
    if (n.size() <= g.size() || !ends_with_icase(n, g)) continue;
    char before = n[n.size() - g.size() - 1];
    if (before == '.' || before == '_' || before == ' ' || before == '[' || before == '(' || before == '-')
      return n.substr(n.size() - g.size());
  }
  return {};
}

bool is_plain_word(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!is_alnum(c)) return false;
  return true;
}

// Tokens after a '-' that are part of a tag ("WEB-DL", "Blu-Ray", "DTS-HD")
// or a number, not a group.
bool rejected_group(std::string_view before, std::string_view g) {
  static constexpr std::array<std::string_view, 16> kNot = {"dl", "ray", "hd", "x", "ma", "es", "en", "eng",
                                                            "cat", "jap", "ger", "fra", "fre", "ita", "rip", "tv"};
  for (auto n : kNot)
    if (iequals(g, n)) return true;
  bool digits = true;
  for (char c : g) digits = digits && is_digit(c);
  if (digits) return true;
  std::string low = to_lower(g);
  if (low == "480p" || low == "576p" || low == "720p" || low == "1080p" || low == "2160p" || low == "1080i") return true;
  // "Show.Name-S01E01" or "Show-1x01": an episode marker is not a group.
  if ((low[0] == 's' && low.size() > 1 && is_digit(low[1])) || (is_digit(low[0]) && low.find('x') != std::string::npos))
    return true;
  (void)before;
  return false;
}


}  // namespace

std::string parse_release_group(std::string_view name) {
  name = trim(strip_video_extension(trim(name.substr(0, kMaxTitleLength))));
  // Anime: the fansub group leads in brackets ("[Group]", Chinese "【Group】").
  static constexpr std::string_view kOpen = "\xE3\x80\x90", kClose = "\xE3\x80\x91";
  size_t close = std::string_view::npos, open = 1;
  if (!name.empty() && name.front() == '[') close = name.find(']');
  else if (name.substr(0, kOpen.size()) == kOpen) close = name.find(kClose), open = kOpen.size();
  if (close != std::string_view::npos && close > open) {
    std::string_view inner = name.substr(open, close - open);
    bool spaced = inner.front() == ' ' || inner.back() == ' ';
    bool website = inner.find(' ') == std::string_view::npos && is_website(inner);
    bool foreign = static_cast<unsigned char>(inner.back()) >= 0x80;
    if (!spaced && !website && !is_hex8(inner) && (split_tokens(inner).size() > 0 || foreign) &&
        inner.find("1080") == std::string_view::npos && inner.find("720") == std::string_view::npos) {
      // "OPFans楓雪動漫": the Latin name, without its translation.
      size_t latin = 0;
      while (latin < inner.size() && static_cast<unsigned char>(inner[latin]) < 0x80) ++latin;
      if (open == 1 && latin > 0 && latin < inner.size() && is_alpha(inner[0])) inner = inner.substr(0, latin);
      return std::string(inner);
    }
  }
  while (strip_torrent_tag(name) || strip_poster_suffix(name) || strip_copy_number(name) ||
         strip_language_suffix(name))
    name = trim(name, " ._");
  if (auto g = known_group(name); !g.empty()) return std::string(g);
  // "-Qman[UTR]": a tag glued to the group names the releaser.
  if (!name.empty() && name.back() == ']') {
    size_t bracket = name.rfind('[');
    if (bracket != std::string_view::npos && bracket > 0 && is_alnum(name[bracket - 1]) && name.rfind('-') < bracket) {
      std::string_view inner = name.substr(bracket + 1, name.size() - bracket - 2);
      if (is_plain_word(inner) && !is_tag_word(inner) && !is_hex8(inner)) return std::string(inner);
    }
  }
  // "(1080p AMZN WEB-DL x265 Celdra)", "(... English - HONE)": the last word of trailing tags.
  if (!name.empty() && name.back() == ')') {
    size_t bracket = name.rfind('(');
    std::string_view inner =
        bracket == std::string_view::npos ? std::string_view{} : name.substr(bracket + 1, name.size() - bracket - 2);
    size_t sp = inner.find_last_of(" -");
    if (sp != std::string_view::npos && parse_quality(inner).id != 0) {
      std::string_view last = inner.substr(sp + 1);
      if (is_plain_word(last) && !is_tag_word(last) && !rejected_group({}, last) && parse_quality(last).id == 0 &&
          parse_languages(last).front() == "English" && !iequals(last, "english") && !is_digit(last[0]))
        return std::string(last);
    }
  }
  // "Show S01 1080p Blu-ray Remux - BluDragon", "(1080p BDRip x265) - Vialle".
  if (size_t sd = name.rfind(" - "); sd != std::string_view::npos && parse_quality(name.substr(0, sd)).id != 0) {
    std::string_view last = name.substr(sd + 3);
    if (is_plain_word(last) && !is_tag_word(last) && !rejected_group({}, last)) return std::string(last);
  }
  size_t dash = name.rfind('-');
  if (dash != std::string_view::npos && dash + 1 < name.size()) {
    std::string_view tail = name.substr(dash + 1);
    bool alnum = true;
    for (char c : tail) alnum = alnum && is_alnum(c);
    if (alnum && !rejected_group(name.substr(0, dash), tail)) return std::string(tail);
  }
  // "Show.S01E01.720p.HDTV [GROUP]"
  if (!name.empty() && name.back() == ']') {
    size_t bracket = name.rfind('[');
    if (bracket != std::string_view::npos && bracket > 0 && !is_alnum(name[bracket - 1])) {
      std::string_view inner = name.substr(bracket + 1, name.size() - bracket - 2);
      bool alnum = !inner.empty();
      for (char c : inner) alnum = alnum && is_alnum(c);
      if (alnum && !is_hex8(inner) && !rejected_group({}, inner) && !is_tag_word(inner)) return std::string(inner);
    }
  }
  return {};
}

}  // namespace nzbd::pvr
