// The TV end-to-end fixture: a real nzbd (rig server configured), a fake
// TVMaze for the series and a fake Newznab indexer whose NZBs are real
// posts on INN2; helpers to call the Sonarr API and to post a release as a
// 7z set with PAR2, the way scene releases arrive.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/sonarr/fake_tvmaze.h"
#include "e2e/postproc/pp_util.h"
#include "e2e/tv/fake_newznab.h"
#include "e2e/tv/tv_setup.h"

namespace e2etv {

using e2epp::fs::path;
using Json = nlohmann::json;
using namespace std::chrono_literals;

class TvE2E : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // method + /api/v3/... path; null Json on transport failure; *status gets the HTTP status.
  Json sonarr(const std::string& method, const std::string& path, const Json& body = nullptr, long* status = nullptr);
  // Root folder, series 300101 "The Test Show" (profile `profile_id`, season folders), only
  // S01E01 and S01E02 monitored. Returns the series id (0 on failure).
  int add_series(int profile_id = 6);
  int episode_id(int season, int number);
  Json episode(int id) { return sonarr("GET", "/api/v3/episode/" + std::to_string(id)); }
  bool add_indexer();
  // Writes <release>.mkv (random bytes), packs it into a 7z volume set with PAR2, posts it;
  // returns the NZB text ("" on failure). *mkv gets the source file.
  std::string post_release(const std::string& release, path* mkv = nullptr, size_t bytes = 600'000);
  // The seed's exact request, by curl; returns the command id (0 on failure).
  int seed_missing_search();
  // Waits for the command to finish; returns it.
  Json wait_command(int id, std::chrono::seconds timeout = 120s);
  Json run_command(const Json& body);
  // Polls until pred() or timeout; true when pred held.
  bool wait_until(const std::function<bool()>& pred, std::chrono::seconds timeout);
  Json history_of(int episode_id);  // records for one episode, newest first
  std::vector<std::string> history_events(int episode_id);
  path tv_root() const { return tmp_->path() / "tv"; }
  path complete_dir() const { return daemon_->home() / "Downloads" / "complete"; }
  e2epp::fs::path data_dir(const std::string& name);
  Sonarr sonarr_call();  // sonarr() for the shared setup in tv_setup.h
  std::string debug_state();

  std::unique_ptr<nzbd::test::TempDir> tmp_;
  std::unique_ptr<e2epp::Daemon> daemon_;
  std::unique_ptr<nzbd::sonarr::testing::FakeTvMaze> tvmaze_;
  std::unique_ptr<nzbd::e2e::FakeNewznab> newznab_;
  int series_id_ = 0;
};

}  // namespace e2etv
