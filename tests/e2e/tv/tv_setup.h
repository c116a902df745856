// The TV test setup shared by the TV end-to-end tests and the kill -9
// torture: the series "The Test Show" (tvdb 300101, served by FakeTvMaze)
// with only some episodes wanted, the fake Newznab indexer, and its feed
// items. Each call goes through `Sonarr`, so any daemon handle can use it.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <utility>

#include "e2e/tv/fake_newznab.h"

namespace e2etv {

// method + /api/v3/... path + body (null: none) -> answer; *status gets the HTTP status.
using Sonarr = std::function<nlohmann::json(const std::string&, const std::string&, const nlohmann::json&, long*)>;

// Root folder `root`, series 300101 "The Test Show" (profile `profile_id`,
// season folders), only the episodes in `wanted` ((season, number)) monitored.
// Returns the series id (0 on failure).
int add_test_series(const Sonarr& sonarr, const std::filesystem::path& root, int profile_id,
                    const std::set<std::pair<int, int>>& wanted);

// The Newznab indexer "test-newznab" at `base_url`; true when created (HTTP 201).
bool add_test_indexer(const Sonarr& sonarr, const std::string& base_url, const std::string& api_key,
                      std::string* answer = nullptr);

// A feed item for The Test Show (tvdb 300101).
nzbd::e2e::FakeRelease release(const std::string& title, std::int64_t size, int season, int episode,
                               const std::string& nzb, int tvdb_id = 300101);

}  // namespace e2etv
