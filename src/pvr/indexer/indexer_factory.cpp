// Indexer objects from rows, with their outcomes fed into the back-off.
#include "pvr/indexer/indexer_factory.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace nzbd::pvr {

void record_indexer_error(IndexerStore& store, int indexer_id, const IndexerError& error) {
  using Kind = IndexerError::Kind;
  switch (error.kind) {
    case Kind::Connection:
      store.record_failure(indexer_id, error.message, {}, false);
      break;
    case Kind::RateLimited: {
      int seconds = error.retry_after_seconds && *error.retry_after_seconds > 0 ? *error.retry_after_seconds : 3600;
      store.record_failure(indexer_id, error.message, std::chrono::seconds(seconds));
      break;
    }
    default:
      store.record_failure(indexer_id, error.message);
      break;
  }
}

TrackedIndexer::TrackedIndexer(std::unique_ptr<NewznabIndexer> inner, IndexerStore& store)
    : inner_(std::move(inner)), store_(store) {}

template <typename T>
Result<T> TrackedIndexer::record(Result<T> result) {
  if (result.ok()) {
    store_.record_success(inner_->id());
  } else {
    IndexerError e = inner_->last_error().value_or(IndexerError{IndexerError::Kind::Transport, result.message(), {}});
    record_indexer_error(store_, inner_->id(), e);
    spdlog::warn("Indexer {}: {}", inner_->name(), e.message);  // messages never carry the API key
  }
  return result;
}

Result<std::vector<ReleaseInfo>> TrackedIndexer::search(const SearchCriteria& criteria) {
  return record(inner_->search(criteria));
}

Result<std::vector<ReleaseInfo>> TrackedIndexer::fetch_recent() { return record(inner_->fetch_recent()); }

Result<std::string> TrackedIndexer::download_nzb(const ReleaseInfo& release) {
  return record(inner_->download_nzb(release));
}

std::vector<std::unique_ptr<Indexer>> make_enabled_indexers(IndexerStore& store, const HttpGet& http,
                                                            IndexerPurpose purpose,
                                                            const std::vector<int>* series_tags,
                                                            NewznabOptions options, std::time_t now) {
  options.store = &store;
  auto defs = store.list();
  std::sort(defs.begin(), defs.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<std::unique_ptr<Indexer>> out;
  for (auto& def : defs) {
    if (def.implementation != "Newznab") continue;
    bool enabled = purpose == IndexerPurpose::Rss               ? def.enable_rss
                   : purpose == IndexerPurpose::AutomaticSearch ? def.enable_automatic_search
                                                                : def.enable_interactive_search;
    if (!enabled || store.is_disabled(def.id, now)) continue;
    if (series_tags && !def.tags.empty()) {
      bool shared = std::any_of(def.tags.begin(), def.tags.end(), [&](int t) {
        return std::find(series_tags->begin(), series_tags->end(), t) != series_tags->end();
      });
      if (!shared) continue;
    }
    out.push_back(std::make_unique<TrackedIndexer>(std::make_unique<NewznabIndexer>(std::move(def), http, options),
                                                   store));
  }
  return out;
}

std::unique_ptr<Indexer> make_indexer(IndexerStore& store, const HttpGet& http, int id, NewznabOptions options) {
  auto def = store.get(id);
  if (!def || def->implementation != "Newznab") return nullptr;
  options.store = &store;
  return std::make_unique<TrackedIndexer>(std::make_unique<NewznabIndexer>(std::move(*def), http, options), store);
}

std::vector<IndexerTestFailure> test_indexer(IndexerStore& store, const HttpGet& http, const IndexerDefinition& def,
                                             NewznabOptions options) {
  std::optional<IndexerDefinition> saved = def.id > 0 ? store.get(def.id) : std::nullopt;
  // The cached caps belong to the saved settings; edited ones are fetched anew.
  options.store = saved && saved->settings == def.settings ? &store : nullptr;
  NewznabIndexer indexer(def, http, options);
  auto failures = indexer.test();
  if (saved) {
    if (failures.empty()) {
      store.record_success(def.id);
    } else {
      IndexerError e = indexer.last_error().value_or(IndexerError{IndexerError::Kind::Feed, failures[0].message, {}});
      e.message = failures[0].message;
      record_indexer_error(store, def.id, e);
      spdlog::warn("Indexer {} failed its test: {}", def.name, e.message);
    }
  }
  return failures;
}

}  // namespace nzbd::pvr
