// Reading what a Newznab server answers: HTTP-level faults, <error> codes,
// RSS items with newznab:attr (Sonarr's RssParser + NewznabRssParser), and
// the sanity check of a downloaded NZB. Pure functions over strings, so the
// hostile cases are tested without a server.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/http_get.h"
#include "pvr/indexer/release_info.h"

namespace nzbd::pvr {

// Why an indexer call failed; the kind decides the back-off (Sonarr's
// exception types in HttpIndexerBase.FetchReleases).
struct IndexerError {
  enum class Kind {
    Connection,   // DNS, refused: back off without escalating
    Transport,    // timeout, reset, oversize reply
    Http,         // unexpected HTTP status
    RateLimited,  // HTTP 429 or "Request limit reached": at least retry_after (1 h)
    ApiKey,       // Newznab 100-199, or a missing key
    Newznab,      // any other <error>
    Feed,         // HTML, not XML, unsupported feed
    Unavailable,  // the NZB is gone (404)
  };
  Kind kind = Kind::Feed;
  std::string message;  // never contains the API key
  std::optional<int> retry_after_seconds;
};

// Bodies above this are refused before parsing (a page of 100 extended
// items is ~200 KB).
inline constexpr std::size_t kMaxFeedBytes = 16u << 20;

// HTTP status and content checks shared by caps, feed pages and NZBs.
// `what` names the call in messages ("Indexer API call", "NZB download").
std::optional<IndexerError> check_http_reply(const HttpReply& reply, std::string_view what);

// A <error code= description=> document, classified as Sonarr does.
IndexerError classify_newznab_error(int code, const std::string& description, bool request_had_apikey);

struct FeedPage {
  std::vector<ReleaseInfo> releases;
  int items = 0;  // <item> elements seen, including dropped ones (for paging)
  std::optional<IndexerError> error;
};

// Parses one search/RSS reply. Items without a usable download URL (an
// enclosure of type application/x-nzb) are dropped, as are items whose date
// cannot be read; a missing pubDate fails the page (Sonarr's rule).
// Relative URLs are resolved against request_url.
FeedPage parse_feed(std::string_view body, const std::string& request_url);

// RFC 822 ("Mon, 01 Jun 2026 12:00:00 +0000", zone names, 2-digit years)
// or ISO 8601; no zone means UTC.
std::optional<std::time_t> parse_feed_date(std::string_view text);

// An NZB must be XML with root <nzb> and at least one <file>; a Newznab
// <error> instead is classified.
std::optional<IndexerError> validate_nzb(std::string_view body, bool request_had_apikey);

// Replaces apikey=VALUE in text by apikey=(removed), for messages and logs.
std::string redact_api_key(std::string text);

// Standard reason phrase ("Not Found") or "" for unknown codes.
std::string_view http_reason(long status);

}  // namespace nzbd::pvr
