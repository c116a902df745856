// Grabbing one approved release (Sonarr's DownloadService): fetch its NZB,
// hand it to the download client with the series' category and a priority
// by episode age, record `grabbed` history per episode and start tracking
// the download so a restart finds it again.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <variant>

#include "pvr/decision/decision.h"
#include "pvr/download/download_client.h"
#include "pvr/download/tracked_download.h"
#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

// The client a grab goes to, with the settings the grab needs.
struct ClientChoice {
  std::shared_ptr<DownloadClient> client;
  int id = 0;
  std::string name;            // the user's name for it, e.g. "nzbd"
  std::string implementation;  // e.g. "Sabnzbd" (history's downloadClient)
  std::string category = "tv";
  int recent_priority = -100;  // SABnzbd priorities; -100 is "the category's default"
  int older_priority = -100;
};

// Where a grab came from (history's releaseSource).
enum class GrabSource { Rss, Search, UserInvokedSearch, InteractiveSearch, ReleasePush };
const char* grab_source_name(GrabSource source);

enum class GrabFailure { None, ReleaseUnavailable, ClientUnavailable, Other };

struct GrabError {
  GrabFailure kind = GrabFailure::Other;
  std::string message;
};

struct GrabDeps {
  Library& library;
  TrackedDownloads& tracked;
  std::function<Result<ClientChoice>(const Series&)> choose_client;
  // The NZB behind a release: its indexer's download, or a plain GET for pushes.
  // An error starting "404" means the release is gone (ReleaseUnavailable).
  std::function<Result<std::string>(const ReleaseInfo&)> fetch_nzb;
  std::function<std::string()> now_utc;
  // After a successful grab (the tracker looks at the client soon after).
  std::function<void()> after_grab = {};
};

class Grabber {
 public:
  explicit Grabber(GrabDeps deps) : deps_(std::move(deps)) {}
  // The tracked download on success, or why it failed and what kind of failure.
  std::variant<TrackedDownload, GrabError> grab(const DownloadDecision& decision, GrabSource source);

 private:
  GrabDeps deps_;
};

}  // namespace nzbd::pvr
