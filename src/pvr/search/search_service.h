// Searching and grabbing (Sonarr's ReleaseSearchService, RssSyncService and
// ProcessDownloadDecisions): ask the indexers, run the decisions, grab one
// release per episode, and remember interactive results for 30 minutes so
// POST /release can grab one by guid.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "pvr/decision/decision_maker.h"
#include "pvr/indexer/indexer.h"
#include "pvr/search/criteria.h"
#include "pvr/download/tracked_download.h"

namespace nzbd::pvr {

using IndexerList = std::vector<std::shared_ptr<Indexer>>;

// Where a grab came from (history's releaseSource).
enum class GrabSource { Rss, Search, UserInvokedSearch, InteractiveSearch, ReleasePush };
const char* grab_source_name(GrabSource source);

struct SearchDeps {
  Library& library;
  DecisionMaker& decisions;
  // Sends one decision's release to a download client (GrabService) and starts tracking it.
  std::function<Result<TrackedDownload>(const DownloadDecision&, GrabSource)> grab;
  // Indexers enabled for automatic (false) or interactive (true) search, minus backed-off ones.
  std::function<IndexerList(bool interactive)> search_indexers;
  std::function<IndexerList()> rss_indexers;
};

struct SearchReport {
  int indexers = 0;  // indexers asked
  int releases = 0;  // results they returned
  int approved = 0;
  int pending = 0;   // temporarily rejected releases held back (delay profile, minimum age)
  std::vector<TrackedDownload> grabbed;
  std::vector<std::string> errors;          // "<indexer>: <reason>", or a grab failure
  std::vector<DownloadDecision> decisions;  // ranked, rejected ones included
  // One line for a command's message.
  std::string summary() const;
  // Every indexer failed (or there were none): nothing could be searched.
  bool failed() const { return indexers == 0 || (releases == 0 && static_cast<int>(errors.size()) >= indexers); }
};

class SearchService {
 public:
  explicit SearchService(SearchDeps deps) : deps_(std::move(deps)) {}

  // Automatic (or user-invoked) search: each request in turn, grabbing the
  // best approved releases before the next request starts.
  SearchReport search_and_grab(const std::vector<SearchRequest>& requests, GrabSource source);

  // Interactive search (GET /release): decisions only, ranked, cached.
  SearchReport interactive(const SearchRequest& request);

  // RSS sync: every RSS-enabled indexer's recent releases, no target; grabs.
  SearchReport rss_sync();
  // The same feed's decisions without grabbing (GET /release with no parameters), cached.
  SearchReport rss_preview();

  // A release pushed from outside (POST /release/push): decided like RSS, grabbed when approved.
  SearchReport push(const ReleaseInfo& release);

  // The decision behind an interactive result ("<indexerId>_<guid>"), if still cached.
  std::optional<DownloadDecision> cached(int indexer_id, const std::string& guid);

  // POST /queue/grab/{id}: grabs a pending release now, whatever its
  // delay says, and forgets it.
  Result<TrackedDownload> grab_pending(int pending_id);

  // Grabs whatever a decision says (POST /release grabs rejected ones too).
  Result<TrackedDownload> grab(const DownloadDecision& decision, GrabSource source) {
    return deps_.grab(decision, source);
  }

  // Indexer queries (searches and RSS reads) since start, and how many failed: for /metrics.
  struct QueryCounts {
    uint64_t asked = 0, failed = 0;
  };
  QueryCounts query_counts() const { return {queries_asked_.load(), queries_failed_.load()}; }

 private:
  std::vector<ReleaseInfo> query(const IndexerList& indexers, const SearchCriteria* criteria, SearchReport& report);
  void process(std::vector<DownloadDecision> decisions, GrabSource source, SearchReport& report,
               std::vector<int>& grabbed_episodes);
  void remember(const std::vector<DownloadDecision>& decisions);
  // Stores the temporarily rejected decisions as pending releases (pending.cpp).
  // grabbed_ranks: the positions in `ranked` of the releases grabbed.
  void hold_back(const std::vector<DownloadDecision>& ranked, const std::vector<std::size_t>& grabbed_ranks,
                 SearchReport& report);
  // Drops pending releases a grab made pointless.
  void forget_pending_for(const DownloadDecision& grabbed);

  SearchDeps deps_;
  std::atomic<uint64_t> queries_asked_{0}, queries_failed_{0};
  std::mutex cache_mu_;
  struct Cached {
    DownloadDecision decision;
    std::chrono::steady_clock::time_point stored;
  };
  std::map<std::string, Cached> cache_;
};

}  // namespace nzbd::pvr
