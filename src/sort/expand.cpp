// A sort string expanded for one job: SABnzbd's markers replaced by what the
// job name says, {lower-cased} parts, and every folder made a safe component.
#include <algorithm>

#include "pvr/release_parser.h"
#include "sort/sort.h"
#include "sort/text.h"
#include "util/strings.h"

namespace nzbd::sort {
namespace {

std::string numbers(const std::vector<int>& nums, bool pad) {
  std::string out;
  for (int n : nums) {
    std::string s = std::to_string(n);
    if (pad && s.size() < 2) s = "0" + s;
    out += (out.empty() ? "" : "-") + s;
  }
  return out;
}

std::string two(int n) { return n <= 0 ? "" : (n < 10 ? "0" : "") + std::to_string(n); }
std::string one(int n) { return n <= 0 ? "" : std::to_string(n); }

// SABnzbd's get_descriptions: separators of the episode name, three ways.
struct Names {
  std::string plain, dots, underscores;
};
Names episode_names(std::string ep) {
  size_t b = ep.find_first_not_of("- _."), e = ep.find_last_not_of("- _.");
  ep = b == std::string::npos ? "" : ep.substr(b, e - b + 1);
  if (ep.find('.') != std::string::npos && ep.find(' ') == std::string::npos) std::replace(ep.begin(), ep.end(), '.', ' ');
  Names n{ep, ep, ep};
  std::replace(n.plain.begin(), n.plain.end(), '_', ' ');
  replace_all(n.dots, " - ", "-");
  std::replace(n.dots.begin(), n.dots.end(), ' ', '.');
  std::replace(n.underscores.begin(), n.underscores.end(), ' ', '_');
  return n;
}

// %GI<property>: the guessit properties nzbd knows; others are empty.
std::string guess_property(const JobInfo& info, std::string_view prop) {
  if (prop == "title") return info.title;
  if (prop == "year") return info.year;
  if (prop == "screen_size") return info.resolution;
  if (prop == "season") return numbers(info.seasons, false);
  if (prop == "episode_title") return info.episode_name;
  if (prop == "release_group") return info.release_group;
  if (prop == "type") return info.kind == Kind::Movie ? "movie" : (info.kind == Kind::Other ? "unknown" : "episode");
  return "";
}

// Every %G[._]I<property> marker of the sort string but the episode's.
void add_guess_markers(Mapping& map, std::string_view s, const JobInfo& info) {
  for (size_t at = s.find("%G"); at != std::string_view::npos; at = s.find("%G", at + 2)) {
    size_t i = at + 2;
    char spacer = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == '_')) spacer = s[i++];
    if (s.substr(i, 2) != "I<") continue;
    size_t close = s.find('>', i + 2);
    if (close == std::string_view::npos) continue;
    std::string prop(s.substr(i + 2, close - i - 2));
    if (prop.empty() || prop == "episode") continue;
    std::string value = guess_property(info, prop);
    if (spacer) std::replace(value.begin(), value.end(), ' ', spacer);
    map.emplace_back(std::string(s.substr(at, close + 1 - at)), value);
  }
}

bool ends_in_file(std::string_view s) {
  std::string l = to_lower(s);
  if (!l.empty() && l.back() == '}') l.pop_back();
  return l.ends_with(".%ext") || l.ends_with("%fn");
}

bool has_episode_marker(std::string_view s) {
  for (std::string_view m : {"%e", "%0e", "%GI<episode>", "%G.I<episode>", "%G_I<episode>"})
    for (size_t at = s.find(m); at != std::string_view::npos; at = s.find(m, at + 1))
      if (m != "%e" || s.substr(at, 4) != "%ext") return true;
  return false;
}

// Values from the job name never carry a path separator into the path.
std::string no_separators(std::string v) {
  for (char& c : v)
    if (c == '/' || c == '\\') c = '+';
  return v;
}

// Parts of a path at '/', empty ones kept (a file part may expand to nothing).
std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out(1);
  for (char c : path) {
    if (c == '/') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// SABnzbd's strip_path_elements: white space and '_' off both ends of a part.
std::string strip_element(std::string_view part) {
  size_t b = part.find_first_not_of(" \t\r\n_"), e = part.find_last_not_of(" \t\r\n_");
  return b == std::string_view::npos ? "" : std::string(part.substr(b, e - b + 1));
}

}  // namespace

std::string sanitize_component(std::string_view name, bool replace_illegal, size_t max_bytes) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) continue;
    const char* legal = nullptr;
    switch (c) {
      case '/': case '\\': legal = "+"; break;
      case ':': legal = "-"; break;
      case '"': legal = "'"; break;
      default: break;
    }
    if (legal) {
      if (replace_illegal) out += legal;
    } else {
      out += static_cast<char>(c);
    }
  }
  size_t b = out.find_first_not_of(" \t"), e = out.find_last_not_of(" \t");
  out = b == std::string::npos ? "" : out.substr(b, e - b + 1);
  if (out.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // a UTF-8 boundary
    out.resize(cut);
  }
  if (out == "." || out == "..") return "";
  return out;
}

Plan plan(const SorterConfig& sorter, const JobInfo& info, const Options& opt) {
  Plan p;
  p.multipart_label = sorter.multipart_label;
  p.min_size = sorter.min_size;
  p.replace_illegal = opt.replace_illegal;
  std::string s = sorter.sort_string;
  std::replace(s.begin(), s.end(), '\\', '/');
  p.rename_files = ends_in_file(s);
  p.season_pack = opt.season_sorting && info.kind == Kind::Tv && info.season_pack && p.rename_files;
  std::string set_part;
  if (p.rename_files) {
    if (s.ends_with(".%ext")) s.resize(s.size() - 5);
    set_part = base_name(s);
    if (!has_episode_marker(set_part)) p.season_pack = false;
  }

  Names t{no_separators(info.title), no_separators(dotted(info.title)), no_separators(underscored(info.title))};
  std::string tc = title_case(info.title);
  Names tt{no_separators(tc), no_separators(dotted(tc)), no_separators(underscored(tc))};
  Names en = episode_names(no_separators(info.episode_name));
  std::string decade = info.year.size() == 4 ? info.year.substr(2, 1) + "0" : "";
  std::string decade2 = info.year.size() == 4 ? info.year.substr(0, 3) + "0" : "";
  Mapping map = {
      {"%title", t.plain}, {"%.title", t.dots}, {"%_title", t.underscores},
      {"%t", t.plain}, {"%.t", t.dots}, {"%_t", t.underscores},
      {"%sN", t.plain}, {"%s.N", t.dots}, {"%s_N", t.underscores},
      {"%sn", tt.plain}, {"%s.n", tt.dots}, {"%s_n", tt.underscores},
      {"%dn", no_separators(info.job_name)},
      {"%r", info.resolution}, {"%year", info.year}, {"%y", info.year},
      {"%decade", decade}, {"%0decade", decade2},
      {"%en", en.plain}, {"%e.n", en.dots}, {"%e_n", en.underscores},
      {"%desc", info.kind == Kind::Date ? en.plain : ""},
      {"%s", numbers(info.seasons, false)}, {"%0s", numbers(info.seasons, true)},
      {"%m", one(info.month)}, {"%0m", two(info.month)},
      {"%d", one(info.day)}, {"%0d", two(info.day)},
  };
  add_guess_markers(map, s, info);
  if (p.season_pack) p.season_set = tidy(substitute(set_part, map));
  std::string ep = numbers(info.episodes, false), ep2 = numbers(info.episodes, true);
  for (auto [k, v] : {std::pair{"%e", ep}, {"%0e", ep2}, {"%GI<episode>", ep}, {"%G.I<episode>", ep},
                      {"%G_I<episode>", ep}})
    map.emplace_back(k, v);

  std::string path = lowercase_braces(tidy(substitute(s, map)));
  std::vector<std::string> parts = split_path(path);
  if (p.rename_files) {
    p.file_set = parts.empty() ? "" : parts.back();
    if (!parts.empty()) parts.pop_back();
    p.file_set = sanitize_component(strip_element(p.file_set), opt.replace_illegal, 255);
  }
  for (auto& part : parts) {
    std::string c = sanitize_component(strip_element(part), opt.replace_illegal, opt.max_folder_length);
    if (!c.empty()) p.folder += (p.folder.empty() ? "" : "/") + c;
  }
  return p;
}

}  // namespace nzbd::sort
