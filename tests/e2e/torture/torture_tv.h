// The TV side of the torture (phase tv-import): the series "The Test Show"
// (fake TVMaze) with S01E01 wanted, the fake Newznab indexer serving each
// trial's release (an NZB of the torture's own news server) and the Sonarr
// API calls that grab it, start the import and read what came of it.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/sonarr/fake_tvmaze.h"
#include "e2e/tv/fake_newznab.h"
#include "support/daemon_process.h"

namespace nzbd::test::torture {

class TvSide {
 public:
  explicit TvSide(std::filesystem::path root);
  ~TvSide();
  std::string tvmaze_url() const { return tvmaze_.base_url(); }
  std::filesystem::path season_dir() const { return root_ / "The Test Show" / "Season 1"; }
  const std::filesystem::path& root() const { return root_; }

  // Root folder, series and indexer, once per run (the indexer test wants a
  // release offered); false (and why) on failure.
  bool ready(DaemonProcess& d, std::string& why);
  // S01E01 wanted again: an earlier trial's file deleted through the API.
  bool clear_episode(DaemonProcess& d, std::string& why);
  // The indexer serves only `title` (its NZB) from now on.
  void offer(const std::string& title, const std::string& nzb);
  // An EpisodeSearch for S01E01 (it grabs what the indexer offers).
  bool search(DaemonProcess& d);
  // RefreshMonitoredDownloads: the tracker sees the Completed job and imports it.
  bool refresh(DaemonProcess& d);
  bool has_file(DaemonProcess& d);
  // S01E01's history records of `type` (grabbed, downloadFolderImported) for
  // `download_id` ("": any); null when unanswered.
  nlohmann::json events(DaemonProcess& d, const std::string& type, const std::string& download_id = "");
  int nzb_downloads() const { return newznab_.nzb_downloads(); }

 private:
  nlohmann::json sonarr(DaemonProcess& d, const std::string& method, const std::string& path,
                        const nlohmann::json& body = nullptr, long* status = nullptr);
  std::filesystem::path root_;
  nzbd::sonarr::testing::FakeTvMaze tvmaze_;
  nzbd::e2e::FakeNewznab newznab_;
  int series_id_ = 0, episode_id_ = 0;
};

// A release title for S01E01 that the decision takes and that is unique in a run.
std::string tv_release_title(const std::string& stem);

}  // namespace nzbd::test::torture
