// NewznabIndexer, request side: which t=tvsearch / t=search URLs a search
// turns into (Sonarr's NewznabRequestGenerator).
#include <algorithm>
#include <set>

#include "pvr/indexer/newznab.h"
#include "pvr/indexer/newznab_text.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

std::string trim_right(std::string s, char c) {
  while (!s.empty() && s.back() == c) s.pop_back();
  return s;
}

// NNTmux reads season=0 as "no season"; "00" works everywhere.
std::string season_param(int season) { return season == 0 ? "00" : std::to_string(season); }

std::string two_digits(int n) { return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n); }

// Sonarr's NewsnabifyTitle: '+' becomes a space, then percent-encoding.
std::string newznabify(std::string_view title) {
  std::string t(title);
  std::replace(t.begin(), t.end(), '+', ' ');
  return url_escape(t);
}

std::string join_categories(const std::vector<int>& cats) {
  std::string out;
  std::set<int> seen;
  for (int c : cats) {
    if (!seen.insert(c).second) continue;
    if (!out.empty()) out += ',';
    out += std::to_string(c);
  }
  return out;
}

std::vector<int> concat(const std::vector<int>& a, const std::vector<int>& b) {
  std::vector<int> out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

// The titles for q=: cleaned unless the engine is "raw".
std::vector<std::string> query_titles(const SearchCriteria& c, const std::string& engine) {
  std::vector<std::string> out;
  for (const auto& t : c.scene_titles) {
    std::string q = engine == "raw" ? clean_text(t, 300) : clean_scene_title(t);
    if (!q.empty() && std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
  }
  return out;
}

}  // namespace

std::string NewznabIndexer::api_url() const {
  return trim_right(def_.settings.base_url, '/') + trim_right(def_.settings.api_path, '/');
}

std::string NewznabIndexer::page_url(const Request& r, int offset, int limit) const {
  std::string url = api_url() + "?t=" + r.type + "&cat=" + join_categories(r.categories) + "&extended=1" +
                    def_.settings.additional_parameters;
  if (!def_.settings.api_key.empty()) url += "&apikey=" + url_escape(def_.settings.api_key);
  url += "&offset=" + std::to_string(offset) + "&limit=" + std::to_string(limit) + r.params;
  return url;
}

void NewznabIndexer::add_id_requests(Tier& tier, const std::vector<int>& cats, const SearchCriteria& c,
                                     const std::string& params, const NewznabCaps& caps) const {
  if (cats.empty()) return;
  // An id counts only when the indexer can combine it with season and ep.
  auto supports = [&](const char* p) {
    return caps.tv_search_supports(p) && caps.tv_search_supports("season") && caps.tv_search_supports("ep");
  };
  const bool tvdb = supports("tvdbid") && c.tvdb_id > 0;
  const bool imdb = supports("imdbid") && !c.imdb_id.empty();
  const bool rage = supports("rid") && c.tvrage_id > 0;
  const bool maze = supports("tvmazeid") && c.tvmaze_id > 0;
  std::string ids;
  if (caps.aggregate_id_search && (tvdb || rage || maze)) {
    if (tvdb) ids += "&tvdbid=" + std::to_string(c.tvdb_id);
    if (imdb) ids += "&imdbid=" + url_escape(c.imdb_id);
    if (rage) ids += "&rid=" + std::to_string(c.tvrage_id);
    if (maze) ids += "&tvmazeid=" + std::to_string(c.tvmaze_id);
  } else if (tvdb) {
    ids = "&tvdbid=" + std::to_string(c.tvdb_id);
  } else if (imdb) {
    ids = "&imdbid=" + url_escape(c.imdb_id);
  } else if (rage) {
    ids = "&rid=" + std::to_string(c.tvrage_id);
  } else if (maze) {
    ids = "&tvmazeid=" + std::to_string(c.tvmaze_id);
  } else {
    return;
  }
  tier.push_back({"tvsearch", cats, ids + params});
}

void NewznabIndexer::add_title_requests(Tier& tier, const SearchCriteria& c, const std::string& params,
                                        const NewznabCaps& caps) const {
  const auto& cats = def_.settings.categories;
  if (cats.empty()) return;
  const bool season_ep = caps.tv_search_supports("season") && caps.tv_search_supports("ep");
  if (season_ep && caps.tv_search_supports("title")) {
    for (const auto& t : c.scene_titles) {
      std::string title = clean_text(t, 300);
      if (!title.empty()) tier.push_back({"tvsearch", cats, "&title=" + url_escape(title) + params});
    }
  } else if (season_ep && caps.tv_search_supports("q")) {
    for (const auto& q : query_titles(c, caps.tv_text_search_engine))
      tier.push_back({"tvsearch", cats, "&q=" + newznabify(q) + params});
  }
}

std::vector<std::vector<NewznabIndexer::Tier>> NewznabIndexer::build_chains(const SearchCriteria& c,
                                                                             const NewznabCaps& caps) const {
  using Kind = SearchCriteria::Kind;
  const auto& cats = def_.settings.categories;
  const auto& anime = def_.settings.anime_categories;
  std::vector<std::vector<Tier>> chains;
  // The standard chain: ids first, then titles only if the ids found nothing.
  auto standard = [&](const std::string& params) {
    std::vector<Tier> chain(2);
    add_id_requests(chain[0], cats, c, params, caps);
    add_title_requests(chain[1], c, params, caps);
    chains.push_back(std::move(chain));
  };
  switch (c.kind) {
    case Kind::SingleEpisode:
      for (int ep : c.episodes) standard("&season=" + season_param(c.season) + "&ep=" + std::to_string(ep));
      break;
    case Kind::Season:
      standard("&season=" + season_param(c.season));
      break;
    case Kind::Daily:
      if (c.air_date && is_date(*c.air_date))
        standard("&season=" + c.air_date->substr(0, 4) + "&ep=" + c.air_date->substr(5, 2) + "/" +
                 c.air_date->substr(8, 2));
      break;
    case Kind::Anime: {
      if (!caps.search_supports("q") || anime.empty()) break;
      std::vector<Tier> chain(1);
      for (const auto& title : query_titles(c, caps.text_search_engine)) {
        for (int abs : c.absolute_episodes) {
          add_id_requests(chain[0], anime, c, "&q=" + two_digits(abs), caps);
          chain[0].push_back({"search", anime, "&q=" + newznabify(title) + "+" + two_digits(abs)});
        }
        if (def_.settings.anime_standard_format_search && c.season > 0 && !c.episodes.empty() && c.episodes[0] > 0) {
          std::string se = "&season=" + season_param(c.season) + "&ep=" + std::to_string(c.episodes[0]);
          add_id_requests(chain[0], anime, c, se, caps);
          chain[0].push_back({"tvsearch", anime, "&q=" + newznabify(title) + se});
        }
      }
      chains.push_back(std::move(chain));
      break;
    }
    case Kind::Special: {
      if (!caps.search_supports("q")) break;
      std::vector<Tier> chain(1);
      for (const auto& t : c.scene_titles) {
        std::string query = clean_text(t, 300);
        std::replace(query.begin(), query.end(), '+', ' ');
        if (query.empty()) continue;
        std::string q = url_escape(query);  // HttpUtility.UrlEncode writes spaces as '+'
        for (std::size_t p = 0; (p = q.find("%20", p)) != std::string::npos;) q.replace(p, 3, "+");
        chain[0].push_back({"search", concat(cats, anime), "&q=" + q});
      }
      chains.push_back(std::move(chain));
      break;
    }
  }
  // The same request twice in a tier (several titles, one id search) is sent once.
  for (auto& chain : chains)
    for (auto& tier : chain) {
      std::vector<Request> unique;
      for (auto& r : tier) {
        bool dup = std::any_of(unique.begin(), unique.end(), [&](const Request& u) {
          return u.type == r.type && u.params == r.params && u.categories == r.categories;
        });
        if (!dup && !r.categories.empty()) unique.push_back(std::move(r));
      }
      tier = std::move(unique);
    }
  return chains;
}

std::optional<NewznabIndexer::Request> NewznabIndexer::recent_request(const NewznabCaps& caps) const {
  std::optional<Request> r;
  if (caps.tv_search_params)
    r = Request{"tvsearch", concat(def_.settings.categories, def_.settings.anime_categories), ""};
  else if (caps.search_params)
    r = Request{"search", def_.settings.anime_categories, ""};
  if (r && r->categories.empty()) r.reset();
  return r;
}

}  // namespace nzbd::pvr
