// Turning indexer rows into working Indexer objects: the enabled, not
// backed-off ones for a purpose, each wrapped so that its outcomes feed the
// back-off in indexer_status (Sonarr's IndexerFactory + IndexerStatusService
// calls). This is what the search, RSS sync and grab code call.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <vector>

#include "pvr/http_get.h"
#include "pvr/indexer/indexer.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/indexer/newznab.h"

namespace nzbd::pvr {

enum class IndexerPurpose { Rss, AutomaticSearch, InteractiveSearch };

// Records every outcome of the wrapped indexer in the store: success steps
// the escalation down, a failure escalates (a connection failure only
// re-arms, a rate limit parks it for Retry-After or 1 h).
class TrackedIndexer : public Indexer {
 public:
  TrackedIndexer(std::unique_ptr<NewznabIndexer> inner, IndexerStore& store);
  int id() const override { return inner_->id(); }
  std::string name() const override { return inner_->name(); }
  Result<std::vector<ReleaseInfo>> search(const SearchCriteria& criteria) override;
  Result<std::vector<ReleaseInfo>> fetch_recent() override;
  Result<std::string> download_nzb(const ReleaseInfo& release) override;
  const IndexerDefinition& definition() const { return inner_->definition(); }

 private:
  template <typename T>
  Result<T> record(Result<T> result);

  std::unique_ptr<NewznabIndexer> inner_;
  IndexerStore& store_;
};

// Records one failure the way Sonarr's FetchReleases catch blocks do.
void record_indexer_error(IndexerStore& store, int indexer_id, const IndexerError& error);

// The indexers to query, in id order: enabled for the purpose, not disabled
// by back-off at `now`, and — when series_tags is given — untagged or
// sharing a tag with the series. `options.store` is set to &store.
std::vector<std::unique_ptr<Indexer>> make_enabled_indexers(IndexerStore& store, const HttpGet& http,
                                                            IndexerPurpose purpose,
                                                            const std::vector<int>* series_tags = nullptr,
                                                            NewznabOptions options = {},
                                                            std::time_t now = std::time(nullptr));

// One indexer by id whatever its flags and back-off (a grab of a release it
// reported, a push); null when the row is gone.
std::unique_ptr<Indexer> make_indexer(IndexerStore& store, const HttpGet& http, int id, NewznabOptions options = {});

// Sonarr's indexer test for a definition (saved or not). A saved one
// (id > 0) records the outcome in its status, as IndexerFactory.Test does.
std::vector<IndexerTestFailure> test_indexer(IndexerStore& store, const HttpGet& http, const IndexerDefinition& def,
                                             NewznabOptions options = {});

}  // namespace nzbd::pvr
