// TVMaze metadata (https://www.tvmaze.com/api): search, lookup by TheTVDB
// id, show with episodes, and the paged show index. HTTP 429 is retried with
// exponential back-off (honouring Retry-After); missing fields get defaults.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/http_get.h"
#include "pvr/model.h"
#include "util/result.h"

namespace nzbd::pvr {

struct ShowInfo {
  Series series;  // id 0; metadata fields only
  std::vector<Episode> episodes;
};

// Pure mappers from TVMaze JSON to library records (tested on canned JSON).
Result<Series> map_tvmaze_show(std::string_view json);
Result<ShowInfo> map_tvmaze_show_with_episodes(std::string_view json);
Result<std::vector<Series>> map_tvmaze_search(std::string_view json);
Result<std::vector<Series>> map_tvmaze_show_list(std::string_view json);
// Maps one TVMaze status to Sonarr's (continuing, ended, upcoming).
std::string map_tvmaze_status(std::string_view status);

struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds first_delay{1000};
  std::chrono::milliseconds max_delay{20000};
};

class TvMazeClient {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  explicit TvMazeClient(std::string base_url, HttpGet get = curl_http_get(), RetryPolicy retry = {},
                        Sleep sleep = {});

  Result<std::vector<Series>> search(std::string_view term);
  // nullopt when TVMaze does not know the TheTVDB id (HTTP 404).
  Result<std::optional<Series>> lookup_tvdb(int tvdb_id);
  Result<ShowInfo> show(int tvmaze_id);
  // One page of /shows?page=N (250 shows each); an empty list past the end.
  Result<std::vector<Series>> shows_page(int page);

 private:
  // GET with 429 back-off; a 404 is returned as a reply, other non-2xx fail.
  Result<HttpReply> fetch(const std::string& path_and_query);

  std::string base_;
  HttpGet get_;
  RetryPolicy retry_;
  Sleep sleep_;
};

}  // namespace nzbd::pvr
