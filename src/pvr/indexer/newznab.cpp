// NewznabIndexer, fetch side: caps, paging through request chains, RSS
// marker, NZB download and Sonarr's indexer test.
#include "pvr/indexer/newznab.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "pvr/indexer/newznab_text.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

using Kind = IndexerError::Kind;

IndexerError transport_error(const std::string& curl_message, const std::string& prefix) {
  std::string lower = to_lower(curl_message);
  bool connection = lower.find("resolve") != std::string::npos || lower.find("connect to server") != std::string::npos ||
                    lower.find("could not connect") != std::string::npos;
  return {connection ? Kind::Connection : Kind::Transport, prefix + redact_api_key(curl_message), {}};
}

// Sonarr's per-indexer rate limit, shared by every object for that indexer.
std::mutex g_turn_mu;
std::map<std::string, std::chrono::steady_clock::time_point> g_next_turn;

}  // namespace

NewznabIndexer::NewznabIndexer(IndexerDefinition definition, HttpGet http, NewznabOptions options)
    : def_(std::move(definition)), http_(std::move(http)), options_(options) {}

Result<std::vector<ReleaseInfo>> NewznabIndexer::fail(IndexerError e) {
  std::string message = e.message;
  last_error_ = std::move(e);
  return make_error(std::move(message));
}

void NewznabIndexer::wait_turn() {
  if (options_.min_interval.count() <= 0) return;
  std::string key = std::to_string(def_.id) + " " + api_url();
  std::chrono::steady_clock::time_point wake;
  {
    std::lock_guard lock(g_turn_mu);
    auto now = std::chrono::steady_clock::now();
    auto& next = g_next_turn[key];
    wake = std::max(next, now);
    next = wake + options_.min_interval;
  }
  std::this_thread::sleep_until(wake);
}

Result<NewznabCaps> NewznabIndexer::capabilities() {
  if (caps_) return *caps_;
  const bool keyed = !def_.settings.api_key.empty();
  if (options_.store) {
    if (auto xml = options_.store->cached_caps(def_.id)) {
      CapsParse cached = parse_caps(*xml, keyed);
      if (!cached.error && cached.usable) return *(caps_ = cached.caps);
    }
  }
  std::string url = api_url() + "?t=caps";
  if (keyed) url += "&apikey=" + url_escape(def_.settings.api_key);
  auto reply = http_(url);
  if (!reply) {
    last_error_ = transport_error(reply.message(), "Unable to connect to indexer: ");
    return make_error(last_error_->message);
  }
  if (auto e = check_http_reply(*reply, "Indexer capabilities request")) {
    last_error_ = e;
    return make_error(e->message);
  }
  CapsParse parsed = parse_caps(reply->body, keyed);
  if (parsed.error) {
    last_error_ = parsed.error;
    return make_error(parsed.error->message);
  }
  // Unusable caps: Sonarr's defaults, not cached, so a fixed server is seen.
  if (parsed.usable && options_.store) options_.store->store_caps(def_.id, reply->body);
  caps_ = parsed.caps;
  return *caps_;
}

FeedPage NewznabIndexer::fetch_page(const std::string& url) {
  wait_turn();
  FeedPage page;
  auto reply = http_(url);
  if (!reply) {
    page.error = transport_error(reply.message(), "Unable to connect to indexer: ");
    return page;
  }
  if (auto e = check_http_reply(*reply, "Indexer API call")) {
    page.error = e;
    return page;
  }
  return parse_feed(reply->body, url);
}

void NewznabIndexer::stamp(std::vector<ReleaseInfo>& releases) const {
  std::set<std::string> seen;
  std::vector<ReleaseInfo> out;
  for (auto& r : releases) {
    if (!seen.insert(r.guid).second) continue;
    r.indexer_id = def_.id;
    r.indexer = def_.name;
    r.indexer_priority = def_.priority;
    r.download_protocol = "usenet";
    out.push_back(std::move(r));
  }
  releases = std::move(out);
}

Result<std::vector<ReleaseInfo>> NewznabIndexer::fetch_chain(const std::vector<Tier>& chain, int page_size, bool rss) {
  std::vector<ReleaseInfo> releases;
  std::optional<RssMarker> marker;
  if (rss && options_.store) marker = options_.store->rss_marker(def_.id);
  auto marker_time = marker ? parse_utc(marker->publish_date) : std::nullopt;
  const std::time_t now = std::time(nullptr);
  for (const Tier& tier : chain) {
    for (const Request& request : tier) {
      std::vector<ReleaseInfo> paged;
      for (int page = 0; page < options_.max_pages; ++page) {
        FeedPage fp = fetch_page(page_url(request, page * page_size, page_size));
        if (fp.error) return fail(*fp.error);
        bool any = !fp.releases.empty();
        std::optional<std::time_t> oldest;
        for (const auto& r : fp.releases) {
          auto t = parse_utc(r.publish_date);
          if (t && (!oldest || *t < *oldest)) oldest = t;
        }
        bool reached_marker = false;
        if (rss && any && marker) {
          for (const auto& r : fp.releases) reached_marker |= r.download_url == marker->download_url;
          reached_marker |= oldest && marker_time && *oldest < *marker_time;
        }
        paged.insert(paged.end(), std::make_move_iterator(fp.releases.begin()),
                     std::make_move_iterator(fp.releases.end()));
        if (rss && any) {
          // Without a previous sync only the first page is read.
          if (!marker || reached_marker) break;
          if (static_cast<int>(paged.size()) >= options_.max_results && oldest && *oldest < now - 24 * 3600) break;
        } else if (static_cast<int>(paged.size()) >= options_.max_results) {
          break;
        }
        if (fp.items < page_size) break;
      }
      releases.insert(releases.end(), std::make_move_iterator(paged.begin()), std::make_move_iterator(paged.end()));
    }
    if (!releases.empty()) break;  // later tiers only when nothing was found
  }
  if (rss && !releases.empty() && options_.store) {
    auto newest = std::max_element(releases.begin(), releases.end(), [](const auto& a, const auto& b) {
      return a.publish_date < b.publish_date;  // same fixed format: text order is time order
    });
    options_.store->store_rss_marker(def_.id, {newest->download_url, newest->publish_date});
  }
  stamp(releases);
  last_error_.reset();
  return releases;
}

Result<std::vector<ReleaseInfo>> NewznabIndexer::search(const SearchCriteria& criteria) {
  auto caps = capabilities();
  if (!caps) return make_error(caps.message());
  std::vector<ReleaseInfo> all;
  for (const auto& chain : build_chains(criteria, *caps)) {
    auto found = fetch_chain(chain, caps->page_size(), false);
    if (!found) return found;
    all.insert(all.end(), std::make_move_iterator(found->begin()), std::make_move_iterator(found->end()));
  }
  stamp(all);  // chains for several episodes may overlap
  return all;
}

Result<std::vector<ReleaseInfo>> NewznabIndexer::fetch_recent() {
  auto caps = capabilities();
  if (!caps) return make_error(caps.message());
  auto request = recent_request(*caps);
  if (!request) return std::vector<ReleaseInfo>{};
  return fetch_chain({Tier{*request}}, caps->page_size(), true);
}

Result<std::string> NewznabIndexer::download_nzb(const ReleaseInfo& release) {
  auto failed = [&](IndexerError e) -> Result<std::string> {
    e.message = "NZB download failed: " + e.message;
    last_error_ = e;
    return make_error(e.message);
  };
  const std::string& url = release.download_url;
  if (resolve_url(url, url) != url)
    return failed({Kind::Feed, "the release has no http(s) download link", {}});
  auto reply = http_(url);
  if (!reply) return failed(transport_error(reply.message(), ""));
  std::string status = std::to_string(reply->status) + " " + std::string(http_reason(reply->status));
  if (reply->status == 404) return failed({Kind::Unavailable, "404 Not Found", {}});
  if (reply->status == 429) return failed({Kind::RateLimited, "429 Too Many Requests", reply->retry_after_seconds});
  if (reply->status != 200) return failed({Kind::Http, "HTTP " + status, {}});
  if (auto e = validate_nzb(reply->body, has_api_key(url))) return failed(*e);
  last_error_.reset();
  return std::move(reply->body);
}

std::vector<IndexerTestFailure> NewznabIndexer::test() {
  // HttpIndexerBase.TestConnection: the first page of the RSS feed.
  auto caps = capabilities();
  if (!caps) {
    if (last_error_ && last_error_->kind == Kind::ApiKey) return {{"ApiKey", "Invalid API Key"}};
    if (caps.message().rfind("Unable to connect", 0) == 0) return {{"", caps.message()}};
    return {{"", "Unable to connect to indexer. " + caps.message()}};
  }
  auto request = recent_request(*caps);
  if (!request)
    return {{"", "No rss feed query available. This may be an issue with the indexer or your indexer category settings."}};
  FeedPage page = fetch_page(page_url(*request, 0, caps->page_size()));
  if (page.error) {
    last_error_ = page.error;
    switch (page.error->kind) {
      case Kind::ApiKey:
        return {{"ApiKey", "Invalid API Key"}};
      case Kind::RateLimited:
        break;  // Sonarr lets a rate-limited indexer pass the test
      case Kind::Feed:
        if (page.error->message.rfind("Each item", 0) == 0)
          return {{"", "Indexer feed is not supported: " + page.error->message}};
        return {{"", "Unable to connect to indexer. " + page.error->message}};
      default:
        return {{"", "Unable to connect to indexer. " + page.error->message}};
    }
  } else if (page.releases.empty()) {
    return {{"", "Query successful, but no results in the configured categories were returned from your indexer. "
                 "This may be an issue with the indexer or your indexer category settings."}};
  }
  // Newznab.TestCapabilities.
  if (caps->search_supports("q")) return {};
  bool any_id = caps->tv_search_supports("q") || caps->tv_search_supports("tvdbid") || caps->tv_search_supports("rid");
  if (any_id && caps->tv_search_supports("season") && caps->tv_search_supports("ep")) return {};
  return {{"", "Indexer does not support required search parameters"}};
}

}  // namespace nzbd::pvr
