// SABnzbd's RSS reader: every enabled [[feed]] under [rss] is read on
// rss_rate minutes (and at once on mode=rss_now), its items judged by the
// feed's filter rows (rss/filter.h), and the accepted ones handed to the
// queue as URL jobs — each link once, remembered across restarts in a
// small file under admin_dir.
//
// As in SABnzbd, the first read-out of a feed only marks what it holds as
// seen (nothing is downloaded, also on rss_now); items that appear later
// are judged and downloaded. A feed that cannot be read (network, HTTP
// status, too large, not a feed) gives a warning and changes nothing.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/store.h"
#include "pvr/http_get.h"

namespace nzbd::rss {

// One accepted item, for the queue's add_url. Empty / -100 values leave the
// choice to the category.
struct UrlJob {
  std::string url;
  std::string title;  // the job name (SABnzbd passes nzbname=title)
  std::string category, pp, script;
  int priority = -100;
};
// Returns the new job's nzo_id.
using AddUrl = std::function<std::string(const UrlJob&)>;

struct ReaderOptions {
  std::filesystem::path state_file;  // the links seen, per feed (JSON)
  pvr::HttpGet fetch;                // default: libcurl, kMaxFeedBytes, 30 s
  // SABnzbd waits between feeds "else sites may get irritated".
  std::chrono::milliseconds pause_between_feeds{15000};
  // The first scheduled read-out after start() (SABnzbd: 15 s).
  std::chrono::milliseconds first_read_after{15000};
  // False while scheduled lines do the reading (SABnzbd: an rss_scan line
  // replaces the rss_rate timer).
  std::function<bool()> periodic;
};

// What one read-out did (tests and logs).
struct ReadReport {
  std::vector<std::string> feeds_read;   // names of feeds whose items were judged
  std::vector<std::string> added;        // nzo_ids
  std::vector<std::string> warnings;     // everything warned about in this read-out
};

class Reader {
 public:
  Reader(config::ConfigStore& config, AddUrl add, ReaderOptions options);
  ~Reader();  // stops the thread
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  void start();
  void stop();
  // mode=rss_now: asks the thread for a read-out of every enabled feed and
  // returns once it has started one (or, when one is under way, after a
  // few seconds with the request queued behind it). False when the thread
  // does not run.
  bool read_now();
  // One read-out on the caller's thread (tests; the thread calls it too).
  ReadReport read_once();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // shared with the config listener, which holds it weakly
};

}  // namespace nzbd::rss
