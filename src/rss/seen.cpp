#include "rss/seen.h"

#include <nlohmann/json.hpp>

#include "util/files.h"

namespace nzbd::rss {
namespace {

using Json = nlohmann::json;

constexpr int64_t kObsoleteSeconds = 3 * 24 * 3600;

bool known_status(const std::string& s) {
  return s == "G" || s == "G*" || s == "B" || s == "B*" || s == "D" || s == "D-" || s == "X";
}

}  // namespace

Result<SeenState> load_seen(const std::filesystem::path& path) {
  remove_atomic_write_leftovers(path);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return SeenState{};
  auto text = read_file(path);
  if (!text) return text.error();
  SeenState state;
  try {
    Json j = Json::parse(*text);
    for (const auto& [feed, links] : j.at("feeds").items()) {
      FeedLinks& out = state.feeds[feed];
      for (const auto& [link, v] : links.items()) {
        SeenLink s;
        s.status = v.value("status", "X");
        if (!known_status(s.status)) s.status = "X";  // SABnzbd's consistency check does the same
        s.title = v.value("title", "");
        s.size = v.value("size", uint64_t{0});
        s.time = v.value("time", int64_t{0});
        s.published = v.value("published", int64_t{0});
        s.category = v.value("category", "");
        out[link] = std::move(s);
      }
    }
  } catch (const Json::exception& e) {
    return make_error(path.string() + " cannot be read: " + e.what());
  }
  return state;
}

Status save_seen(const std::filesystem::path& path, const SeenState& state) {
  Json feeds = Json::object();
  for (const auto& [feed, links] : state.feeds) {
    Json l = Json::object();
    for (const auto& [link, s] : links)
      l[link] = {{"status", s.status}, {"title", s.title},         {"size", s.size},
                 {"time", s.time},     {"published", s.published}, {"category", s.category}};
    feeds[feed] = std::move(l);
  }
  // Titles come from feeds: never let invalid UTF-8 stop the save.
  std::string text = Json{{"version", 1}, {"feeds", feeds}}.dump(1, ' ', false, Json::error_handler_t::replace);
  return write_file_atomic(path, text + "\n");
}

void remove_obsolete(FeedLinks& links, const std::set<std::string>& current, int64_t now) {
  for (auto it = links.begin(); it != links.end();) {
    SeenLink& s = it->second;
    if (!current.count(it->first) && !s.status.empty() && (s.status[0] == 'G' || s.status[0] == 'B')) s.status = "X";
    if (s.status == "X" && s.time < now - kObsoleteSeconds) it = links.erase(it);
    else ++it;
  }
}

}  // namespace nzbd::rss
