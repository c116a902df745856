// Indexers in Sonarr's provider shape (IndexerResource with Newznab's
// fields[]), the /indexer/schema template with presets, and reading and
// validating a posted resource the way ProviderControllerBase does.
#pragma once

#include <vector>

#include "api/sonarr/json_io.h"
#include "pvr/indexer/indexer_store.h"
#include "pvr/indexer/newznab_caps.h"

namespace nzbd::sonarr {

// The resource; secrets (apiKey) are written as "********".
json indexer_json(const pvr::IndexerDefinition& def);
// GET /indexer/schema: one Newznab template, its presets inside.
json indexer_schema_json();

struct IndexerInput {
  pvr::IndexerDefinition def;
  std::vector<Failure> failures;  // shape problems, before any rule runs
};
// Builds a definition from a body. Settings start from Newznab's defaults and
// take the supplied fields[] (by name); "********" keeps existing's secret.
// Top-level values left out keep `existing` (PUT) or the defaults (POST).
IndexerInput indexer_from_json(const json& body, const pvr::IndexerDefinition* existing);

// The resource rules (name, implementation, priority 1..50) and, when
// `settings` is set, NewznabSettingsValidator's rules.
std::vector<Failure> validate_indexer(const pvr::IndexerDefinition& def, const std::vector<pvr::IndexerDefinition>& all,
                                      bool settings);

// Newznab's "newznabCategories" select options from caps categories (or
// Sonarr's defaults when the caps are not available).
json newznab_category_options(const std::vector<pvr::NewznabCategory>& categories);

}  // namespace nzbd::sonarr
