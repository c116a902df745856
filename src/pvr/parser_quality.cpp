// Quality detection: source + resolution + revision, following Sonarr's
// QualityParser decisions, done on word tokens instead of one huge regex.
#include <array>
#include <initializer_list>
#include <unordered_set>

#include "pvr/parser_text.h"
#include "pvr/quality.h"

namespace nzbd::pvr {

namespace {

using detail::is_alnum;
using detail::is_digit;
using detail::lower;

// Sonarr's fallback from the container when the name says nothing: ".mkv" is HD, the rest SD.
int quality_from_extension(std::string_view text) {
  text = detail::trim(text);
  static constexpr std::array<std::pair<std::string_view, int>, 8> kExt = {{
      {".mkv", 4}, {".avi", 1}, {".mp4", 1}, {".wmv", 1}, {".m4v", 1}, {".ts", 1}, {".mpg", 1}, {".divx", 1},
  }};
  for (const auto& [ext, id] : kExt)
    if (ends_with_icase(text, ext)) return id;
  return 0;
}

struct Tokens {
  std::vector<std::string> raw;  // original case (REAL is case-sensitive)
  std::vector<std::string> low;

  explicit Tokens(std::string_view text) : raw(detail::split_tokens(text)) {
    for (const auto& t : raw) {
      low.push_back(to_lower(t));
      // "Bluray720p", "BD1080p", "4Kto1080p": a source glued to a resolution counts as both.
      const std::string& l = low.back();
      for (std::string_view res : {"2160p", "1080p", "720p", "576p", "480p"}) {
        if (l.size() > res.size() && l.compare(l.size() - res.size(), res.size(), res) == 0 &&
            !detail::is_digit(l[l.size() - res.size() - 1])) {
          std::string head = l.substr(0, l.size() - res.size());
          if (head.size() > 2 && head.compare(head.size() - 2, 2, "to") == 0) head.resize(head.size() - 2);
          low.push_back(std::string(res));
          low.push_back(head);
          break;
        }
      }
    }
  }
  bool has(std::string_view t) const {
    for (const auto& x : low)
      if (x == t) return true;
    return false;
  }
  bool any(std::initializer_list<std::string_view> ts) const {
    for (auto t : ts)
      if (has(t)) return true;
    return false;
  }
  // "web" followed directly by "dl" etc.
  bool seq(std::string_view a, std::string_view b) const {
    for (size_t i = 0; i + 1 < low.size(); ++i)
      if (low[i] == a && low[i + 1] == b) return true;
    return false;
  }
};

int resolution_of_token(std::string_view t) {
  static constexpr std::array<std::pair<std::string_view, int>, 24> kRes = {{
      {"2160p", 2160}, {"2160i", 2160}, {"4k", 2160}, {"uhd", 2160}, {"uhdbluray", 2160},
      {"uhdtv", 2160}, {"3840x2160", 2160}, {"1080p", 1080}, {"1080i", 1080}, {"1920x1080", 1080},
      {"fhd", 1080}, {"720p", 720}, {"720i", 720}, {"1280x720", 720}, {"576p", 576},
      {"576i", 576}, {"720x576", 576}, {"480p", 480}, {"480i", 480}, {"640x480", 480},
      {"848x480", 480}, {"720x480", 480}, {"1440p", 1080}, {"360p", 480},
  }};
  for (const auto& [name, res] : kRes)
    if (t == name) return res;
  return 0;
}

int parse_resolution(const Tokens& t) {
  for (const auto& tok : t.low)
    if (int r = resolution_of_token(tok)) return r;
  return 0;
}

// "Remux" names a Blu-ray remux unless it belongs to a group name ("[TMS-Remux]").
bool has_remux(std::string_view text, const Tokens& t) {
  if (t.has("bdremux")) return true;
  const std::string low = to_lower(text);
  for (size_t i = 0; (i = low.find("remux", i)) != std::string::npos; i += 5) {
    // "Hybrid-REMUX", "2160p-REMUX" are tags; "[TMS-Remux]" is a group.
    bool tag_dash = (i >= 2 && detail::lower(text[i - 2]) == 'p') || (i >= 7 && iequals(text.substr(i - 7, 6), "hybrid"));
    if (i > 0 && text[i - 1] == '-' && !tag_dash) continue;
    if (i > 0 && is_alnum(text[i - 1]) && !(i >= 2 && detail::lower(text[i - 2]) == 'b')) continue;
    if (i + 5 < text.size() && is_alnum(text[i + 5])) continue;
    return true;
  }
  return false;
}

QualitySource parse_source(std::string_view text, const Tokens& t, int& resolution, bool& named) {
  named = true;
  const bool rawhd = t.has("rawhd") || t.seq("raw", "hd") || t.has("mpeg2") || t.seq("mpeg", "2");
  const bool remux = has_remux(text, t);
  const bool bluray = t.any({"bluray", "uhdbluray", "hddvd", "bdmux", "bd", "bdiso", "bd25", "bd50", "bd66",
                             "bdlight"}) ||
                      t.seq("blu", "ray") || t.seq("hd", "dvd");
  const bool bdrip = t.any({"bdrip", "brrip", "bluraypr"});
  const bool webdl_explicit = t.any({"webdl", "webhd", "amazonhd", "amazonsd", "ituneshd", "netflixhd", "hbomaxhd",
                                     "disneyhd", "webdlmux", "netflixuhd"}) ||
                              t.seq("web", "dl");
  const bool webrip = t.any({"webrip", "webdlrip", "webcap", "webmux"}) || t.seq("web", "rip");
  const bool plain_web = t.has("web") && !t.seq("web", "rip") && !t.seq("web", "dl");
  const bool hd_tv = t.seq("hd", "tv");  // "HD TV", "HD.TV": Sonarr reads 720p
  const bool hdtv = t.any({"hdtv", "uhdtv", "pdtv", "sdtv", "tvrip", "dsr", "dsrip", "satrip", "dthrip", "dvbrip",
                           "hdtvrip", "ahdtv"}) ||
                    hd_tv || t.seq("sd", "tv");
  const bool dvd = t.any({"dvd", "dvdrip", "dvdr", "dvd5", "dvd9", "ntsc", "pal", "xvidvd", "dvdmux"});
  const bool xvid = t.any({"xvid", "divx"});
  const bool streamer = t.any({"amzn", "nf", "dsnp", "hulu", "atvp", "hmax", "max", "pcok", "pmtp", "itunes"});
  // No resolution named: an MKV holds HD (Sonarr's container rule), "HR" is a 720p-class broadcast.
  if (resolution == 0 && (t.has("mkv") || hd_tv || t.has("hr"))) resolution = 720;

  if (rawhd && !bluray && !remux && !webdl_explicit && !webrip) return QualitySource::TelevisionRaw;
  if (remux && resolution != 720 && resolution != 576 && resolution != 480) return QualitySource::BlurayRaw;
  if (remux || bluray || bdrip) {
    if (resolution == 0 && (bdrip || xvid)) resolution = 480;  // a BDRip without resolution is SD
    return QualitySource::Bluray;
  }
  if (webdl_explicit) return QualitySource::WebDL;
  if (webrip) return QualitySource::WebRip;
  if (plain_web) return QualitySource::WebDL;
  if (hdtv) return QualitySource::Television;
  if (dvd) return QualitySource::DVD;
  if (streamer) return QualitySource::WebDL;
  named = false;
  if (resolution > 0) return QualitySource::Television;  // "Show.S01E01.1080p-GRP" is HDTV in Sonarr
  if (xvid || t.any({"x264", "h264", "x265", "h265", "hevc", "avc"})) return QualitySource::Television;
  return QualitySource::Unknown;
}

// "S01E01v2", "123v3", "[v2]", "01 v2 " -> the digit after v; 0 when absent.
int parse_version(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (lower(s[i]) != 'v' || !is_digit(s[i + 1])) continue;
    if (i + 2 < s.size() && is_alnum(s[i + 2])) continue;
    bool after_number = i > 0 && is_digit(s[i - 1]);
    bool after_sep_number = i > 1 && (s[i - 1] == ' ' || s[i - 1] == '.' || s[i - 1] == '_' || s[i - 1] == '-') &&
                            is_digit(s[i - 2]);
    bool bracketed = i > 0 && s[i - 1] == '[' && i + 2 < s.size() && s[i + 2] == ']';
    if (after_number || after_sep_number || bracketed) return s[i + 1] - '0';
  }
  return 0;
}

void parse_revision(std::string_view text, const Tokens& t, QualityModel& q) {
  int version = parse_version(text);
  for (const auto& tok : t.low) {
    bool repack = tok.rfind("repack", 0) == 0 || tok.rfind("rerip", 0) == 0;
    if (!repack) continue;
    std::string_view rest = std::string_view(tok).substr(tok[1] == 'e' && tok[2] == 'p' ? 6 : 5);
    if (!rest.empty() && !(rest.size() == 1 && is_digit(rest[0]))) continue;  // "repacked..." is not a tag
    q.is_repack = true;
    if (rest.size() == 1 && version == 0) version = rest[0] - '0' + 1;  // REPACK2 is the third version
  }
  bool proper = t.has("proper");
  if (version == 0 && (proper || q.is_repack)) version = 2;
  q.version = version > 0 ? version : 1;
  for (const auto& tok : t.raw)
    if (tok == "REAL") ++q.real;
}

}  // namespace

namespace detail {

bool is_quality_word(std::string_view token) {
  static const std::unordered_set<std::string> kWords = {
      "2160p", "2160i", "4k", "uhd", "uhdbluray", "uhdtv", "3840x2160", "1080p", "1080i", "1920x1080", "fhd",
      "720p", "720i", "1280x720", "576p", "576i", "720x576", "480p", "480i", "640x480", "848x480", "720x480",
      "rawhd", "remux", "bdremux", "bluray", "hddvd", "bdmux", "bd", "bdiso", "bdrip", "brrip", "webdl", "webhd",
      "webmux", "webrip", "webcap", "web", "hdtv", "pdtv", "sdtv", "tvrip", "dsr", "dsrip", "satrip", "dvbrip",
      "hdtvrip", "dvd", "dvdrip", "dvdr", "dvd5", "dvd9", "ntsc", "pal", "xvid", "divx", "x264", "h264", "x265",
      "h265", "hevc", "avc", "amzn", "nf", "dsnp", "hulu", "atvp", "hmax", "itunes"};
  if (token.size() > 12) return false;
  return kWords.count(to_lower(token)) > 0;
}

}  // namespace detail

QualityModel parse_quality(std::string_view text) {
  Tokens tokens(text);
  int resolution = parse_resolution(tokens);
  const bool resolution_named = resolution > 0;
  bool source_named = false;
  QualitySource source = parse_source(text, tokens, resolution, source_named);
  QualityModel q;
  int id = quality_id_for(source, resolution);
  if (source_named) q.source_detection = "Name";
  if (resolution_named) q.resolution_detection = "Name";
  if (source == QualitySource::Unknown && (id = quality_from_extension(text)) != 0)
    q.source_detection = q.resolution_detection = "Extension";
  if (const QualityDefinition* def = find_quality(id)) {
    q.id = def->id;
    q.name = def->name;
    q.source = def->source;
    q.resolution = def->resolution;
  }
  parse_revision(text, tokens, q);
  return q;
}

}  // namespace nzbd::pvr
