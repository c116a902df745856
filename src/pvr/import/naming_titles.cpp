// Title helpers of the file-name builder (Sonarr's CleanTitle, TitleThe,
// TitleYear and the multi-episode title join).
#include <algorithm>
#include <cctype>

#include "pvr/import/naming_tokens.h"
#include "util/strings.h"

namespace nzbd::pvr::naming_detail {
namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(' ');
  return std::string(s.substr(b, e - b + 1));
}

bool ends_with_year(std::string_view t) {
  return t.size() >= 6 && t.back() == ')' && t[t.size() - 6] == '(' &&
         std::all_of(t.end() - 5, t.end() - 1, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// "(1)", "Part 1", "Pt. 1" at the end of a multi-part title.
std::string drop_part_suffix(std::string t) {
  t = trim(t);
  auto digits_end = t.size();
  auto p = digits_end;
  while (p > 0 && std::isdigit(static_cast<unsigned char>(t[p - 1]))) --p;
  if (p == digits_end) return t;
  if (p >= 1 && t[p - 1] == '(') return t;  // "(1" without ')' is not ours
  std::string head = t.substr(0, p);
  std::string lower = to_lower(head);
  for (std::string_view marker : {"part ", "part", "pt. ", "pt.", "pt ", "pt"})
    if (lower.size() >= marker.size() && lower.compare(lower.size() - marker.size(), marker.size(), marker) == 0)
      return trim(head.substr(0, head.size() - marker.size()));
  return t;
}

std::string drop_paren_number(std::string t) {
  t = trim(t);
  if (t.size() >= 3 && t.back() == ')') {
    auto open = t.rfind('(');
    if (open != std::string::npos && open + 2 < t.size() &&
        std::all_of(t.begin() + static_cast<long>(open) + 1, t.end() - 1,
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return trim(t.substr(0, open));
  }
  return drop_part_suffix(t);
}

}  // namespace

// Sonarr's CleanTitle ("scenify"): & -> and, / -> space, lone punctuation
// between spaces, apostrophes/colons/question marks/commas before a space or
// "s "/"m " or the end, and all brackets dropped.
std::string clean_title(std::string_view in) {
  std::string t = replace_all(std::string(in), "&", "and");
  std::replace(t.begin(), t.end(), '/', ' ');
  std::string out;
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (std::string_view("()[]{}").find(c) != std::string_view::npos) continue;
    bool lone = i > 0 && space(t[i - 1]) && i + 1 < t.size() && space(t[i + 1]) &&
                std::string_view(",<>\\;:'\"|`~!?@%*-_=").find(c) != std::string_view::npos;
    if (lone) continue;
    if (c == '\'' || c == ':' || c == '?' || c == ',') {
      bool end = i + 1 >= t.size();
      bool before_space = !end && space(t[i + 1]);
      bool before_sm = i + 2 < t.size() && (t[i + 1] == 's' || t[i + 1] == 'm') && space(t[i + 2]);
      if (end || before_space || before_sm) continue;
    }
    out += c;
  }
  return out;
}


std::string title_year(const std::string& title, int year) {
  if (ends_with_year(title) || year <= 0) return title;
  return title + " (" + std::to_string(year) + ")";
}

std::string title_without_year(const std::string& title) {
  return ends_with_year(title) ? trim(std::string_view(title).substr(0, title.size() - 6)) : title;
}

// "The Title (US)" -> "Title, The (US)".
std::string title_the(const std::string& title) {
  for (std::string_view article : {"The ", "An ", "A "}) {
    if (title.size() <= article.size()) continue;
    if (!starts_with_icase(title, article)) continue;
    std::string rest = title.substr(article.size()), tail;
    while (!rest.empty() && rest.back() == ')') {  // keep trailing "(US)" groups at the end
      auto open = rest.rfind('(');
      if (open == std::string::npos) break;
      tail = rest.substr(open) + tail;
      rest = trim(rest.substr(0, open));
    }
    return rest + ", " + title.substr(0, article.size() - 1) + (tail.empty() ? "" : " " + tail);
  }
  return title;
}



std::string episode_title(const std::vector<Episode>& eps, std::string_view joiner) {
  auto trimmed = [](const std::string& t) {
    std::string s = t;
    while (!s.empty() && (s.back() == ' ' || s.back() == '.' || s.back() == '?')) s.pop_back();
    return s;
  };
  if (eps.size() == 1) return trimmed(eps.front().title);
  std::vector<std::string> titles;
  auto add = [&](const std::string& t) {
    if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
  };
  for (const auto& e : eps) add(drop_paren_number(trimmed(e.title)));
  if (std::all_of(titles.begin(), titles.end(), [](const std::string& t) { return trim(t).empty(); })) {
    titles.clear();
    for (const auto& e : eps) add(trimmed(e.title));
  }
  std::string out;
  for (std::size_t i = 0; i < titles.size(); ++i) out += (i ? " " + std::string(joiner) + " " : "") + titles[i];
  return out;
}

}  // namespace nzbd::pvr::naming_detail
