// TvMazeClient: the HTTP side (URLs, retries). JSON mapping is in tvmaze_map.cpp.
#include "pvr/tvmaze.h"

#include <algorithm>
#include <thread>

namespace nzbd::pvr {

TvMazeClient::TvMazeClient(std::string base_url, HttpGet get, RetryPolicy retry, Sleep sleep)
    : base_(std::move(base_url)), get_(std::move(get)), retry_(retry), sleep_(std::move(sleep)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
  if (!sleep_) sleep_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

Result<HttpReply> TvMazeClient::fetch(const std::string& path_and_query) {
  const std::string url = base_ + path_and_query;
  auto delay = retry_.first_delay;
  for (int attempt = 1;; ++attempt) {
    auto reply = get_(url);
    if (!reply) return reply.error();
    if (reply->status == 429 && attempt < retry_.max_attempts) {
      // TVMaze allows ~20 calls per 10 s; wait as told, or back off doubling.
      auto wait = reply->retry_after_seconds
                      ? std::chrono::milliseconds(std::min(*reply->retry_after_seconds, 60) * 1000)
                      : delay;
      sleep_(wait);
      delay = std::min(delay * 2, retry_.max_delay);
      continue;
    }
    if (reply->status == 429)
      return make_error("TVMaze is rate limiting us (HTTP 429) after " + std::to_string(attempt) +
                        " attempts");
    if (reply->status == 404 || (reply->status >= 200 && reply->status < 300)) return reply;
    return make_error("TVMaze answered HTTP " + std::to_string(reply->status) + " for " + url);
  }
}

Result<std::vector<Series>> TvMazeClient::search(std::string_view term) {
  auto reply = fetch("/search/shows?q=" + url_escape(term));
  if (!reply) return reply.error();
  if (reply->status == 404) return std::vector<Series>{};
  return map_tvmaze_search(reply->body);
}

Result<std::optional<Series>> TvMazeClient::lookup_tvdb(int tvdb_id) {
  auto reply = fetch("/lookup/shows?thetvdb=" + std::to_string(tvdb_id));
  if (!reply) return reply.error();
  if (reply->status == 404) return std::optional<Series>{};
  auto show = map_tvmaze_show(reply->body);
  if (!show) return show.error();
  return std::optional<Series>(std::move(*show));
}

Result<ShowInfo> TvMazeClient::show(int tvmaze_id) {
  auto reply = fetch("/shows/" + std::to_string(tvmaze_id) + "?embed=episodes");
  if (!reply) return reply.error();
  if (reply->status == 404) return make_error("TVMaze has no show " + std::to_string(tvmaze_id));
  return map_tvmaze_show_with_episodes(reply->body);
}

Result<std::vector<Series>> TvMazeClient::shows_page(int page) {
  auto reply = fetch("/shows?page=" + std::to_string(page));
  if (!reply) return reply.error();
  if (reply->status == 404) return std::vector<Series>{};  // past the last page
  return map_tvmaze_show_list(reply->body);
}

}  // namespace nzbd::pvr
