// Feed readers: SABnzbd's RSS reader (rss::parse_feed: RSS 2.0, RDF, Atom)
// and the Newznab side (search/RSS pages, caps, <error> replies, the NZB
// sanity check, dates) over the same document.
#include <string>

#include "fuzz_support.h"
#include "pvr/indexer/newznab_caps.h"
#include "pvr/indexer/newznab_feed.h"
#include "rss/feed.h"

using namespace nzbd;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto feed = rss::parse_feed(body); feed.ok()) {
    FUZZ_CHECK(feed->items.size() <= rss::kMaxItems);
    for (const rss::FeedItem& item : feed->items) {
      FUZZ_CHECK(item.title.size() <= rss::kMaxTitle && item.link.size() <= rss::kMaxLink);
      FUZZ_CHECK(!item.link.empty());
    }
  }
  pvr::FeedPage page = pvr::parse_feed(body, "https://indexer.example/api?t=tvsearch&apikey=SECRETKEY");
  FUZZ_CHECK(page.releases.size() <= size_t(page.items));
  // The request's API key never shows in a message (unless the reply itself holds it).
  if (page.error && body.find("SECRETKEY") == std::string_view::npos)
    FUZZ_CHECK(page.error->message.find("SECRETKEY") == std::string::npos);
  pvr::CapsParse caps = pvr::parse_caps(body);
  if (caps.error) FUZZ_CHECK(!caps.error->message.empty());
  (void)pvr::validate_nzb(body, true);
  (void)pvr::parse_feed_date(body.substr(0, 64));
  return 0;
}
