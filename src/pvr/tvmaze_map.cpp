// TVMaze JSON -> library records. Every field may be missing or null.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "pvr/release_parser.h"
#include "pvr/time_util.h"
#include "pvr/tvmaze.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {
using nlohmann::json;

const json* field(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string str(const json& j, const char* key) {
  const json* v = field(j, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<std::string> opt_str(const json& j, const char* key) {
  const json* v = field(j, key);
  if (v && v->is_string() && !v->get_ref<const std::string&>().empty()) return v->get<std::string>();
  return std::nullopt;
}

// Out-of-range or fractional numbers from a hostile reply become 0, never UB.
int integer(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v || !v->is_number()) return 0;
  double d = v->get<double>();
  if (!(d >= -2147483648.0 && d <= 2147483647.0)) return 0;
  return static_cast<int>(d);
}

// TVMaze summaries are HTML ("<p><b>Title</b> is ...</p>"); Sonarr's
// overview is plain text.
std::string strip_html(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  auto replace_all = [&](std::string_view from, std::string_view to) {
    for (std::size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size()))
      out.replace(p, from.size(), to);
  };
  replace_all("&amp;", "&");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&lt;", "<");
  replace_all("&gt;", ">");
  replace_all("&nbsp;", " ");
  return out;
}

std::string slug(const std::string& title) {
  std::string out;
  for (unsigned char c : title) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string sort_title(const std::string& title) {
  std::string t = to_lower(title);
  for (std::string_view article : {"the ", "a ", "an "})
    if (t.rfind(article, 0) == 0 && t.size() > article.size()) return t.substr(article.size());
  return t;
}

Series map_show(const json& j) {
  Series s;
  s.tvmaze_id = integer(j, "id");
  s.title = str(j, "name");
  s.sort_title = sort_title(s.title);
  s.clean_title = clean_series_title(s.title);
  s.title_slug = slug(s.title);
  s.status = map_tvmaze_status(str(j, "status"));
  s.overview = strip_html(str(j, "summary"));
  s.runtime = integer(j, "runtime");
  if (s.runtime == 0) s.runtime = integer(j, "averageRuntime");
  if (const json* lang = field(j, "language"); lang && lang->is_string())
    s.original_language = lang->get<std::string>();
  s.first_aired = opt_str(j, "premiered");
  s.last_aired = opt_str(j, "ended");
  if (s.first_aired && s.first_aired->size() >= 4) s.year = std::atoi(s.first_aired->substr(0, 4).c_str());
  if (const json* ext = field(j, "externals")) {
    s.tvdb_id = integer(*ext, "thetvdb");
    s.tvrage_id = integer(*ext, "tvrage");
    s.imdb_id = str(*ext, "imdb");
  }
  // A show airs on a network (broadcast) or a web channel (streaming).
  const json* channel = field(j, "network");
  if (!channel) channel = field(j, "webChannel");
  if (channel) {
    s.network = str(*channel, "name");
    if (const json* country = field(*channel, "country")) s.timezone = str(*country, "timezone");
  }
  if (const json* sched = field(j, "schedule")) s.air_time = str(*sched, "time");
  if (const json* genres = field(j, "genres"); genres && genres->is_array())
    for (const auto& g : *genres)
      if (g.is_string()) s.genres.push_back(g.get<std::string>());
  if (const json* rating = field(j, "rating"); rating && field(*rating, "average") &&
                                               (*rating)["average"].is_number())
    s.rating = (*rating)["average"].get<double>();
  if (const json* image = field(j, "image")) {
    std::string url = str(*image, "original");
    if (url.empty()) url = str(*image, "medium");
    if (!url.empty()) s.images.push_back({"poster", url});
  }
  return s;
}

std::vector<Episode> map_episodes(const json& list) {
  std::vector<Episode> out;
  if (!list.is_array()) return out;
  for (const auto& j : list) {
    if (!j.is_object()) continue;
    const json* season = field(j, "season");
    const json* number = field(j, "number");
    if (!season || !season->is_number_integer()) continue;
    if (!number || !number->is_number_integer()) continue;  // specials carry no number
    Episode e;
    e.tvmaze_id = integer(j, "id");
    e.season_number = integer(j, "season");
    e.episode_number = integer(j, "number");
    if (e.season_number < 0 || e.episode_number < 0) continue;
    e.title = str(j, "name");
    if (e.title.empty()) e.title = "TBA";
    e.overview = strip_html(str(j, "summary"));
    e.runtime = integer(j, "runtime");
    auto airdate = opt_str(j, "airdate");
    if (airdate && is_date(*airdate)) e.air_date = airdate;
    if (auto stamp = opt_str(j, "airstamp")) e.air_date_utc = normalize_utc(*stamp);
    if (!e.air_date_utc && e.air_date) e.air_date_utc = *e.air_date + "T00:00:00Z";
    if (const json* image = field(j, "image")) {
      std::string url = str(*image, "original");
      if (!url.empty()) e.image_url = url;
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Episode& a, const Episode& b) {
    return std::pair(a.season_number, a.episode_number) < std::pair(b.season_number, b.episode_number);
  });
  // One episode per (season, number): TVMaze data occasionally repeats one.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Episode& a, const Episode& b) {
                          return a.season_number == b.season_number &&
                                 a.episode_number == b.episode_number;
                        }),
            out.end());
  int absolute = 0;
  for (auto& e : out)
    if (e.season_number > 0) e.absolute_episode_number = ++absolute;
  return out;
}

template <typename F>
auto parse_json(std::string_view text, F&& f) -> decltype(f(json())) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return make_error("TVMaze sent invalid JSON");
  return f(j);
}

}  // namespace

std::string map_tvmaze_status(std::string_view status) {
  std::string s = to_lower(status);
  if (s == "ended") return "ended";
  if (s == "in development") return "upcoming";
  return "continuing";  // Running, To Be Determined, anything new
}

Result<Series> map_tvmaze_show(std::string_view text) {
  return parse_json(text, [](const json& j) -> Result<Series> {
    if (!j.is_object() || integer(j, "id") <= 0) return make_error("TVMaze show has no id");
    return map_show(j);
  });
}

Result<ShowInfo> map_tvmaze_show_with_episodes(std::string_view text) {
  return parse_json(text, [](const json& j) -> Result<ShowInfo> {
    if (!j.is_object() || integer(j, "id") <= 0) return make_error("TVMaze show has no id");
    ShowInfo info{map_show(j), {}};
    if (const json* emb = field(j, "_embedded")) {
      if (const json* eps = field(*emb, "episodes")) info.episodes = map_episodes(*eps);
    }
    for (const auto& e : info.episodes) {
      auto& seasons = info.series.seasons;
      if (std::none_of(seasons.begin(), seasons.end(),
                       [&](const Season& s) { return s.season_number == e.season_number; }))
        seasons.push_back({e.season_number, true});
    }
    return info;
  });
}

Result<std::vector<Series>> map_tvmaze_search(std::string_view text) {
  return parse_json(text, [](const json& j) -> Result<std::vector<Series>> {
    if (!j.is_array()) return make_error("TVMaze search reply is not a list");
    std::vector<Series> out;
    for (const auto& hit : j)
      if (const json* show = field(hit, "show"); show && integer(*show, "id") > 0)
        out.push_back(map_show(*show));
    return out;
  });
}

Result<std::vector<Series>> map_tvmaze_show_list(std::string_view text) {
  return parse_json(text, [](const json& j) -> Result<std::vector<Series>> {
    if (!j.is_array()) return make_error("TVMaze show list is not a list");
    std::vector<Series> out;
    for (const auto& show : j)
      if (integer(show, "id") > 0) out.push_back(map_show(show));
    return out;
  });
}

}  // namespace nzbd::pvr
