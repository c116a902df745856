// The watched folder (SABnzbd's "dirscan"): NZB files (.nzb, .nzb.gz,
// .nzb.bz2, or a .zip of NZBs) dropped into dirscan_dir, or into a sub-folder
// named after a category, become queue jobs. A file is taken once its size and
// time are the same at two scans in a row (so a file still being written is
// left alone), and removed only after the queue has stored the job. A file
// the intake rejects is reported once and skipped until it changes.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/store.h"
#include "util/result.h"

namespace nzbd::watch {

// Stores the NZB file at `path` as queue jobs of `category` ("" = the NZB's
// own or the default); returns the new nzo_ids or why nothing was added.
using AddFile =
    std::function<Result<std::vector<std::string>>(const std::filesystem::path& path, const std::string& category)>;

struct ScanReport {
  std::vector<std::string> added;   // nzo_ids
  std::vector<std::string> rejected;  // files the intake refused this scan
};

class DirScanner {
 public:
  // Scans go on while downloading is paused (SABnzbd skips them only for its
  // scheduler's pause_all, which nzbd does not have).
  DirScanner(config::ConfigStore& config, AddFile add);
  ~DirScanner();

  // A thread that scans every dirscan_speed seconds (0 = only on request);
  // dirscan_dir and dirscan_speed are read before each scan, so set_config
  // changes apply without a restart.
  void start();
  void stop();
  // mode=watched_now: a scan now and a second one a second later, so a file
  // dropped just before is taken without waiting for the next period.
  void scan_soon();
  // One scan, on the caller's thread (the scanner thread; tests call it too).
  ScanReport scan_once();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::watch
