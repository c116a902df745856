// The Newznab client (Sonarr's Newznab + NewznabRequestGenerator +
// HttpIndexerBase.FetchReleases): t=caps (cached 7 days in indexer_status),
// t=tvsearch by ids then by title, anime and special t=search, RSS, paging by
// offset/limit, and the NZB download.
//
// How SearchCriteria is read:
//   SingleEpisode  one request chain per entry of `episodes` (&season=S&ep=E;
//                  season 0 is sent as "00")
//   Season         &season=S
//   Daily          &season=yyyy&ep=MM/dd from air_date
//   Anime          t=search&q=<title>+<abs:00> per absolute episode, plus the
//                  standard format (season/episodes[0]) when the setting is on
//   Special        t=search&q=<each scene_titles entry> — the caller puts the
//                  full queries ("Series Title Episode Title") there
// Within a chain, the title tier runs only when the id tier found nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "pvr/http_get.h"
#include "pvr/indexer/indexer.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/indexer/newznab_caps.h"
#include "pvr/indexer/newznab_feed.h"

namespace nzbd::pvr {

struct NewznabOptions {
  // Caps cache and RSS marker; null keeps both in this object only.
  IndexerStore* store = nullptr;
  // Sonarr spaces the feed requests of one indexer by 2 s.
  std::chrono::milliseconds min_interval{2000};
  int max_pages = 30;
  int max_results = 1000;  // per request chain, as Sonarr's MaxNumResultsPerQuery
};

// One failure of Sonarr's indexer test, as the API's validation array shows it.
struct IndexerTestFailure {
  std::string property;  // "" or "ApiKey"
  std::string message;
};

class NewznabIndexer : public Indexer {
 public:
  NewznabIndexer(IndexerDefinition definition, HttpGet http, NewznabOptions options = {});

  int id() const override { return def_.id; }
  std::string name() const override { return def_.name; }
  Result<std::vector<ReleaseInfo>> search(const SearchCriteria& criteria) override;
  Result<std::vector<ReleaseInfo>> fetch_recent() override;
  Result<std::string> download_nzb(const ReleaseInfo& release) override;

  // Sonarr's Newznab.Test: the first RSS page must hold results and the caps
  // must allow a search. Empty = the indexer works.
  std::vector<IndexerTestFailure> test();

  // The caps (fetched once per object, cached in the store for 7 days);
  // Sonarr's defaults when the server's document is unusable.
  Result<NewznabCaps> capabilities();

  // The failure behind the last error result (for the back-off).
  const std::optional<IndexerError>& last_error() const { return last_error_; }
  const IndexerDefinition& definition() const { return def_; }

 private:
  struct Request {
    std::string type;  // tvsearch, search
    std::vector<int> categories;
    std::string params;  // "&tvdbid=1&season=1&ep=2"
  };
  using Tier = std::vector<Request>;

  std::string api_url() const;
  std::string page_url(const Request& r, int offset, int limit) const;
  Result<std::vector<ReleaseInfo>> fail(IndexerError e);
  void add_id_requests(Tier& tier, const std::vector<int>& cats, const SearchCriteria& c,
                       const std::string& params, const NewznabCaps& caps) const;
  void add_title_requests(Tier& tier, const SearchCriteria& c, const std::string& params,
                          const NewznabCaps& caps) const;
  std::vector<std::vector<Tier>> build_chains(const SearchCriteria& c, const NewznabCaps& caps) const;
  std::optional<Request> recent_request(const NewznabCaps& caps) const;
  // FetchReleases over one chain; rss = stop at the previous sync's marker.
  Result<std::vector<ReleaseInfo>> fetch_chain(const std::vector<Tier>& chain, int page_size, bool rss);
  FeedPage fetch_page(const std::string& url);
  void wait_turn();
  void stamp(std::vector<ReleaseInfo>& releases) const;

  IndexerDefinition def_;
  HttpGet http_;
  NewznabOptions options_;
  std::optional<NewznabCaps> caps_;
  std::optional<IndexerError> last_error_;
};

}  // namespace nzbd::pvr
