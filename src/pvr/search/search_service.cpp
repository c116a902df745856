// Search dispatch, decision processing and the interactive cache.
#include "pvr/search/search_service.h"

#include <algorithm>
#include <functional>
#include <future>
#include <map>
#include <set>

#include "pvr/decision/pending_releases.h"

namespace nzbd::pvr {
namespace {

constexpr auto kCacheLifetime = std::chrono::minutes(30);
constexpr std::size_t kMaxCached = 5000;

std::string cache_key(int indexer_id, const std::string& guid) { return std::to_string(indexer_id) + "_" + guid; }

bool overlaps(const DownloadDecision& d, const std::vector<int>& taken) {
  return std::any_of(d.remote.episodes.begin(), d.remote.episodes.end(), [&](const Episode& e) {
    return std::find(taken.begin(), taken.end(), e.id) != taken.end();
  });
}

}  // namespace

const char* grab_source_name(GrabSource source) {
  switch (source) {
    case GrabSource::Rss: return "Rss";
    case GrabSource::Search: return "Search";
    case GrabSource::UserInvokedSearch: return "UserInvokedSearch";
    case GrabSource::InteractiveSearch: return "InteractiveSearch";
    case GrabSource::ReleasePush: return "ReleasePush";
  }
  return "Search";
}

std::string SearchReport::summary() const {
  std::string msg;
  if (indexers == 0) {
    msg = "No indexers available: add a Newznab indexer (Settings > Indexers) with search enabled";
  } else {
    msg = std::to_string(releases) + " releases from " + std::to_string(indexers) + " indexer" +
          (indexers == 1 ? "" : "s") + ", " + std::to_string(approved) + " approved, " + std::to_string(grabbed.size()) +
          " grabbed";
    if (pending > 0) msg += ", " + std::to_string(pending) + " pending";
  }
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i) msg += (i ? "; " : ". ") + errors[i];
  if (errors.size() > 5) msg += "; and " + std::to_string(errors.size() - 5) + " more";
  return msg;
}

std::vector<ReleaseInfo> SearchService::query(const IndexerList& indexers, const SearchCriteria* criteria,
                                              SearchReport& report) {
  // Every indexer at once, as Sonarr's Task.WhenAll: one slow indexer costs
  // its own time, not the sum. Results are read back in the list's order, so
  // messages and ties come out the same as one by one.
  auto ask = [criteria](Indexer& indexer) -> Result<std::vector<ReleaseInfo>> {
    try {
      return criteria ? indexer.search(*criteria) : indexer.fetch_recent();
    } catch (const std::exception& e) {  // a database or parser fault must not end the search
      return make_error(e.what());
    }
  };
  std::vector<std::future<Result<std::vector<ReleaseInfo>>>> pending;
  for (const auto& indexer : indexers) {
    Indexer* i = indexer.get();
    pending.push_back(indexers.size() == 1 ? std::async(std::launch::deferred, ask, std::ref(*i))
                                           : std::async(std::launch::async, ask, std::ref(*i)));
  }
  std::vector<ReleaseInfo> all;
  for (std::size_t n = 0; n < indexers.size(); ++n) {
    ++report.indexers;
    ++queries_asked_;
    auto found = pending[n].get();
    if (!found) {
      ++queries_failed_;
      report.errors.push_back(indexers[n]->name() + ": " + found.message());
      continue;
    }
    for (auto& r : *found) all.push_back(std::move(r));
  }
  // The same guid from two indexers: keep the one of the better (lower) priority.
  std::stable_sort(all.begin(), all.end(),
                   [](const ReleaseInfo& a, const ReleaseInfo& b) { return a.indexer_priority < b.indexer_priority; });
  std::set<std::string> seen;
  std::vector<ReleaseInfo> unique;
  for (auto& r : all)
    if (r.guid.empty() || seen.insert(r.guid).second) unique.push_back(std::move(r));
  report.releases += static_cast<int>(unique.size());
  return unique;
}

void SearchService::process(std::vector<DownloadDecision> decisions, GrabSource source, SearchReport& report,
                            std::vector<int>& grabbed_episodes) {
  auto ranked = deps_.decisions.rank(std::move(decisions));
  for (const auto& d : ranked) report.approved += d.approved() ? 1 : 0;
  // pick_grabs' choices first; then the other approved ones in rank order,
  // so an episode whose first choice fails (NZB gone) gets the next best.
  auto candidates = deps_.decisions.pick_grabs(ranked);
  for (const auto& d : ranked)
    if (d.approved()) candidates.push_back(d);
  std::set<std::string> tried;
  std::map<std::string, std::size_t> rank_of;
  for (std::size_t i = 0; i < ranked.size(); ++i)
    rank_of.emplace(cache_key(ranked[i].remote.release.indexer_id, ranked[i].remote.release.guid + ranked[i].remote.release.title), i);
  std::vector<std::size_t> grabbed_ranks;
  for (const auto& d : candidates) {
    if (d.remote.episodes.empty() || overlaps(d, grabbed_episodes)) continue;
    if (!tried.insert(cache_key(d.remote.release.indexer_id, d.remote.release.guid + d.remote.release.title)).second)
      continue;
    auto result = deps_.grab(d, source);
    if (!result) {
      // A vanished NZB or a refusing client: the next-best release gets its turn.
      report.errors.push_back("Grabbing " + d.remote.release.title + " failed: " + result.message());
      continue;
    }
    for (const auto& e : d.remote.episodes) grabbed_episodes.push_back(e.id);
    report.grabbed.push_back(std::move(*result));
    grabbed_ranks.push_back(rank_of[cache_key(d.remote.release.indexer_id, d.remote.release.guid + d.remote.release.title)]);
    forget_pending_for(d);
  }
  hold_back(ranked, grabbed_ranks, report);
  report.decisions.insert(report.decisions.end(), ranked.begin(), ranked.end());
}

SearchReport SearchService::search_and_grab(const std::vector<SearchRequest>& requests, GrabSource source) {
  SearchReport report;
  auto indexers = deps_.search_indexers(false);
  if (indexers.empty()) return report;
  std::vector<int> grabbed_episodes;
  for (const auto& request : requests) {
    SearchReport one;
    auto releases = query(indexers, &request.criteria, one);
    report.releases += one.releases;
    report.errors.insert(report.errors.end(), one.errors.begin(), one.errors.end());
    if (!releases.empty())
      process(deps_.decisions.decide(releases, request.target), source, report, grabbed_episodes);
  }
  report.indexers = static_cast<int>(indexers.size());
  return report;
}

SearchReport SearchService::interactive(const SearchRequest& request) {
  SearchReport report;
  auto indexers = deps_.search_indexers(true);
  auto releases = query(indexers, &request.criteria, report);
  SearchTarget target = request.target;
  target.user_invoked = true;
  report.decisions = deps_.decisions.rank(deps_.decisions.decide(releases, target));
  for (const auto& d : report.decisions) report.approved += d.approved() ? 1 : 0;
  remember(report.decisions);
  return report;
}

SearchReport SearchService::rss_sync() {
  SearchReport report;
  auto indexers = deps_.rss_indexers();
  auto releases = query(indexers, nullptr, report);
  // Releases a delay held back are judged again with the new ones.
  PendingReleases pending(deps_.library);
  std::set<std::string> seen;
  for (const auto& r : releases) seen.insert(cache_key(r.indexer_id, r.guid));
  for (auto& r : pending.to_retry())
    if (seen.insert(cache_key(r.indexer_id, r.guid)).second) releases.push_back(std::move(r));
  std::vector<int> grabbed_episodes;
  if (!releases.empty()) process(deps_.decisions.decide(releases, std::nullopt), GrabSource::Rss, report, grabbed_episodes);
  pending.remove_rejected(report.decisions);
  return report;
}

SearchReport SearchService::rss_preview() {
  SearchReport report;
  auto releases = query(deps_.rss_indexers(), nullptr, report);
  report.decisions = deps_.decisions.rank(deps_.decisions.decide(releases, std::nullopt));
  for (const auto& d : report.decisions) report.approved += d.approved() ? 1 : 0;
  remember(report.decisions);
  return report;
}

SearchReport SearchService::push(const ReleaseInfo& release) {
  SearchReport report;
  report.releases = 1;
  std::vector<int> grabbed_episodes;
  process(deps_.decisions.decide({release}, std::nullopt), GrabSource::ReleasePush, report, grabbed_episodes);
  return report;
}

void SearchService::remember(const std::vector<DownloadDecision>& decisions) {
  std::lock_guard lock(cache_mu_);
  auto now = std::chrono::steady_clock::now();
  for (auto it = cache_.begin(); it != cache_.end();)
    it = now - it->second.stored > kCacheLifetime ? cache_.erase(it) : std::next(it);
  for (const auto& d : decisions) {
    if (cache_.size() >= kMaxCached) break;
    cache_[cache_key(d.remote.release.indexer_id, d.remote.release.guid)] = {d, now};
  }
}

std::optional<DownloadDecision> SearchService::cached(int indexer_id, const std::string& guid) {
  std::lock_guard lock(cache_mu_);
  auto it = cache_.find(cache_key(indexer_id, guid));
  if (it == cache_.end() || std::chrono::steady_clock::now() - it->second.stored > kCacheLifetime) return std::nullopt;
  return it->second.decision;
}

}  // namespace nzbd::pvr
