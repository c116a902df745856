// Text helpers of the Newznab client: numbers, URLs, dates, titles.
#include "pvr/indexer/newznab_text.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <vector>

#include "pvr/indexer/newznab_feed.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool istarts(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && to_lower(s.substr(0, prefix.size())) == prefix;
}

// "http://host:port" of an absolute URL, or "".
std::string origin(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  auto path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

std::optional<int> small_int(std::string_view s) {
  int v = 0;
  if (s.empty() || s.size() > 4) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int> month_of(std::string_view name) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return std::nullopt;
  std::string m = to_lower(name.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (m == kMonths[i]) return i + 1;
  return std::nullopt;
}

// Offset east of UTC in seconds for an RFC 822 zone.
std::optional<long> zone_offset(std::string_view z) {
  if (z.empty()) return 0L;
  if ((z[0] == '+' || z[0] == '-') && z.size() >= 3) {
    std::string digits;
    for (char c : z.substr(1))
      if (c != ':') digits += c;
    if (digits.size() != 4 && digits.size() != 2) return std::nullopt;
    auto hh = small_int(digits.substr(0, 2));
    auto mm = digits.size() == 4 ? small_int(digits.substr(2, 2)) : std::optional<int>(0);
    if (!hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    long off = *hh * 3600L + *mm * 60L;
    return z[0] == '-' ? -off : off;
  }
  static const std::pair<const char*, int> kZones[] = {{"gmt", 0},  {"ut", 0},   {"utc", 0},  {"z", 0},
                                                       {"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
                                                       {"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7}};
  std::string lower = to_lower(z);
  for (const auto& [name, hours] : kZones)
    if (lower == name) return hours * 3600L;
  return std::nullopt;
}

std::optional<std::time_t> parse_rfc822(std::string_view text) {
  std::vector<std::string_view> tok;
  std::size_t i = 0;
  while (i < text.size() && tok.size() < 8) {
    while (i < text.size() && (is_space(text[i]) || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_space(text[i]) && text[i] != ',') ++i;
    if (i > start) tok.push_back(text.substr(start, i - start));
  }
  std::size_t k = 0;
  if (k < tok.size() && std::isalpha(static_cast<unsigned char>(tok[k][0])) && !month_of(tok[k])) ++k;  // weekday
  if (tok.size() < k + 4) return std::nullopt;
  auto day = small_int(tok[k]);
  auto month = month_of(tok[k + 1]);
  auto year = small_int(tok[k + 2]);
  if (!day || !month || !year || *day < 1 || *day > 31) return std::nullopt;
  if (tok[k + 2].size() == 2) *year += *year < 50 ? 2000 : 1900;
  if (*year < 1970 || *year > 2200) return std::nullopt;
  std::string_view clock = tok[k + 3];
  int hms[3] = {0, 0, 0};
  int parts = 0;
  std::size_t pos = 0;
  while (parts < 3 && pos <= clock.size()) {
    auto colon = clock.find(':', pos);
    auto v = small_int(clock.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos));
    if (!v) return std::nullopt;
    hms[parts++] = *v;
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  if (parts < 2 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60) return std::nullopt;
  auto offset = zone_offset(tok.size() > k + 4 ? tok[k + 4] : std::string_view());
  if (!offset) return std::nullopt;
  std::tm tm{};
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = hms[0];
  tm.tm_min = hms[1];
  tm.tm_sec = hms[2];
  return timegm(&tm) - *offset;
}

}  // namespace


std::string clean_text(std::string_view s, std::size_t max_bytes) {
  s = trim_view(s);
  std::string out(s.substr(0, max_bytes));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

std::optional<std::int64_t> parse_i64(std::string_view s) {
  s = trim_view(s);
  if (s.empty()) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string resolve_url(const std::string& base, std::string_view value) {
  value = trim_view(value);
  if (value.empty() || value.size() > 4096) return {};
  std::string v;
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return {};
    if (c == ' ') v += "%20";
    else v += c;
  }
  if (istarts(v, "http://") || istarts(v, "https://")) return v;
  if (v.rfind("//", 0) == 0) {
    auto scheme = base.find("://");
    return scheme == std::string::npos ? std::string() : base.substr(0, scheme + 1) + v;
  }
  // Another scheme (file:, javascript:, ...) is never followed.
  auto colon = v.find(':');
  if (colon != std::string::npos && v.find_first_of("/?#") > colon) return {};
  std::string root = origin(base);
  if (root.empty()) return {};
  if (v[0] == '/') return root + v;
  std::string dir = base.substr(0, base.find_first_of("?#"));
  auto slash = dir.rfind('/');
  if (slash == std::string::npos || slash < root.size()) return root + "/" + v;
  return dir.substr(0, slash + 1) + v;
}

bool has_api_key(std::string_view url) { return to_lower(url).find("apikey=") != std::string::npos; }

std::string redact_api_key(std::string text) {
  std::string lower = to_lower(text);
  std::size_t pos = 0;
  while ((pos = lower.find("apikey=", pos)) != std::string::npos) {
    std::size_t start = pos + 7;
    std::size_t end = start;
    while (end < text.size() && text[end] != '&' && !is_space(text[end]) && text[end] != '"') ++end;
    text.replace(start, end - start, "(removed)");
    lower.replace(start, end - start, "(removed)");
    pos = start;
  }
  return text;
}

std::optional<std::time_t> parse_feed_date(std::string_view text) {
  text = trim_view(text);
  if (text.empty() || text.size() > 100) return std::nullopt;
  if (auto t = parse_rfc822(text)) return t;
  std::string iso(text);
  if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
  return parse_utc(iso);
}

std::string clean_scene_title(std::string_view title) {
  std::string t(trim_view(title));
  if (istarts(t, "the ")) t = t.substr(4);
  std::string out;
  for (char c : t) {
    auto u = static_cast<unsigned char>(c);
    if (c == '&') out += "and";
    else if (c == '`' || c == '\'' || c == '.') continue;
    else if (std::isalnum(u) || c == '_' || u >= 0x80) out += c;  // UTF-8 letters stay
    else if (!out.empty() && out.back() != '+') out += '+';
  }
  while (!out.empty() && out.back() == '+') out.pop_back();
  return out;
}

}  // namespace nzbd::pvr
