#include "rss/filter.h"

#include <algorithm>

#include "config/config.h"
#include "util/strings.h"

namespace nzbd::rss {
namespace {

constexpr auto kFlags = std::regex::ECMAScript | std::regex::icase;

bool not_default(std::string_view v) {
  std::string low = to_lower(trim(v));
  return !low.empty() && low != "default" && low != "*" && low != "-100";
}

bool found(const std::optional<std::regex>& re, const std::string& text) {
  return re && std::regex_search(text, *re);
}

// SABnzbd's ep_match: true when (season, episode) is at or past the SxxEyy
// (or NNxNN) in expr, and, with a title, the show named before it is in the
// title (its dots, underscores and spaces match any of them). An expr
// without an episode matches everything.
bool ep_match(int season, int episode, const std::string& expr, const std::string* title) {
  static const std::regex sp("s*(\\d{1,9})[ex](\\d{1,9})", kFlags);
  std::smatch m;
  if (!std::regex_search(expr, m, sp)) return true;
  int want_season = std::stoi(m[1].str()), want_episode = std::stoi(m[2].str());
  if (!(season > want_season || (season == want_season && episode >= want_episode))) return false;
  if (!title) return true;
  std::string show = trim(expr.substr(0, static_cast<std::size_t>(m.position(0))));
  // Words of the show name, quoted, joined by any separator.
  std::string pattern;
  bool sep = false;
  for (char c : show) {
    if (c == '.' || c == '_' || c == ' ') {
      sep = !pattern.empty();
      continue;
    }
    if (sep) pattern += "[._ ]+";
    sep = false;
    pattern += wildcard_to_regex(std::string(1, c));
  }
  try {
    return std::regex_search(*title, std::regex(pattern, kFlags));
  } catch (const std::regex_error&) {
    return false;
  }
}

}  // namespace

std::string wildcard_to_regex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '*') out += ".*";
    else if (c == '?') out += '.';
    else if (std::string_view("\\^$.[]()+|{}").find(c) != std::string_view::npos) out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

std::optional<std::pair<int, int>> season_episode(std::string_view title) {
  static const std::regex sxe("(?:^|[^a-z0-9])s(\\d{1,4})[ ._-]?e(\\d{1,4})", kFlags);
  static const std::regex nxn("(?:^|[^0-9a-z])(\\d{1,2})x(\\d{1,3})(?:[^0-9]|$)", kFlags);
  std::string t(title.substr(0, kMaxTitle));
  std::smatch m;
  if (std::regex_search(t, m, sxe) || std::regex_search(t, m, nxn))
    return std::make_pair(std::stoi(m[1].str()), std::stoi(m[2].str()));
  return std::nullopt;
}

FilterSet::FilterSet(const std::vector<config::FeedFilter>& rows) : rows_(rows) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    Rule r;
    r.enabled = trim(row.enabled) != "0";
    std::string type = trim(row.type);
    r.type = type.size() == 1 ? type[0] : '?';
    std::string text = trim(row.text);
    switch (r.type) {
      case '<':
      case '>':
        r.bytes = config::parse_size(text).value_or(0);  // SABnzbd's from_units: 0 when unreadable
        break;
      case 'F':
      case 'S':
        r.text = text;
        break;
      case 'A':
      case 'R':
      case 'M':
      case 'C': {
        std::string pattern = starts_with_icase(text, "re:") ? trim(text.substr(3)) : wildcard_to_regex(text);
        try {
          r.re.emplace(pattern, kFlags);
        } catch (const std::regex_error&) {
          problems_.push_back("filter " + std::to_string(i) + " \"" + text + "\" is not a valid regular expression");
        }
        break;
      }
      default:
        problems_.push_back("filter " + std::to_string(i) + " has the unknown type \"" + type + "\"");
    }
    rules_.push_back(std::move(r));
  }
}

FilterSet::Verdict FilterSet::judge(const FeedItem& item) const {
  int season = item.season, episode = item.episode;
  bool episode_read = season && episode;
  auto read_episode = [&] {
    if (episode_read) return;
    episode_read = true;
    if (auto se = season_episode(item.title)) std::tie(season, episode) = *se;
  };
  for (std::size_t n = 0; n < rules_.size(); ++n) {
    const Rule& r = rules_[n];
    if (!r.enabled) continue;
    switch (r.type) {
      case 'C':
        if (!item.category.empty() && !found(r.re, item.category)) return {false, n};
        break;
      case '<':
        if (item.size && r.bytes < item.size) return {false, n};
        break;
      case '>':
        if (item.size && r.bytes > item.size) return {false, n};
        break;
      case 'F':
        read_episode();
        if (!ep_match(season, episode, r.text, nullptr)) return {false, n};
        break;
      case 'S':
        read_episode();
        if (season && episode && ep_match(season, episode, r.text, &item.title)) return {true, n};
        break;
      case 'A':
        if (found(r.re, item.title)) return {true, n};
        break;
      case 'R':
        if (found(r.re, item.title)) return {false, n};
        break;
      case 'M':
        if (!found(r.re, item.title)) return {false, n};
        break;
      default:
        break;
    }
  }
  return {false, rules_.empty() ? 0 : rules_.size() - 1};
}

std::string convert_category(std::string_view indexer_category, const std::vector<UserCategory>& categories) {
  std::string cat = trim(indexer_category);
  if (cat.empty() || iequals(cat, "none")) return {};
  for (const auto& uc : categories)
    for (const auto& name : uc.indexer_names) {
      try {
        if (std::regex_match(cat, std::regex(wildcard_to_regex(name), kFlags))) return uc.name;
      } catch (const std::regex_error&) {
      }
    }
  for (const auto& uc : categories)
    if (iequals(cat, uc.name)) return uc.name;
  for (const auto& uc : categories)
    if (starts_with_icase(cat, uc.name)) return uc.name;
  return {};
}

JobOptions choose_options(const FilterSet::Verdict& verdict, const FilterSet& filters, const FeedDefaults& feed,
                          const FeedItem& item, const std::vector<UserCategory>& categories) {
  static const config::FeedFilter kNone{"", "", "", "A", "*", "", "1"};
  const config::FeedFilter& row = filters.rows().empty() ? kNone : filters.rows()[verdict.row];
  JobOptions o;
  // The feed's category counts only when it exists (SABnzbd's list_cats check).
  std::string feed_cat;
  if (not_default(feed.category))
    for (const auto& uc : categories)
      if (iequals(uc.name, trim(feed.category))) feed_cat = uc.name;
  if (not_default(row.cat)) o.category = trim(row.cat);
  else if (!feed_cat.empty()) o.category = feed_cat;
  else if (!item.category.empty()) o.category = convert_category(item.category, categories);
  auto pick = [](const std::string& from_row, const std::string& from_feed) {
    if (not_default(from_row)) return trim(from_row);
    if (not_default(from_feed)) return trim(from_feed);
    return std::string();
  };
  o.pp = pick(row.pp, feed.pp);
  o.script = pick(row.script, feed.script);
  std::string prio = pick(row.priority, feed.priority);
  o.priority = static_cast<int>(parse_int(prio).value_or(-100));
  return o;
}

}  // namespace nzbd::rss
