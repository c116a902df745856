// Newznab t=caps: what an indexer can search by (Sonarr's
// NewznabCapabilities and NewznabCapabilitiesProvider.ParseCapabilities).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/indexer/newznab_feed.h"

namespace nzbd::pvr {

struct NewznabCategory {
  int id = 0;
  std::string name;
  std::vector<NewznabCategory> subcategories;
};

struct NewznabCaps {
  int default_page_size = 100;
  int max_page_size = 100;
  // nullopt = that search type is not available at all.
  std::optional<std::vector<std::string>> search_params = std::vector<std::string>{"q"};
  std::optional<std::vector<std::string>> tv_search_params =
      std::vector<std::string>{"q", "rid", "season", "ep"};
  // A supportedParams list on tv-search: all ids go into one request.
  bool aggregate_id_search = false;
  std::string text_search_engine = "sphinx";     // "raw" = titles sent uncleaned
  std::string tv_text_search_engine = "sphinx";
  std::vector<NewznabCategory> categories;

  bool search_supports(std::string_view param) const;
  bool tv_search_supports(std::string_view param) const;
  // Sonarr's page size: min(100, max(default, max)).
  int page_size() const;
};

// Outcome of reading a caps reply.
struct CapsParse {
  NewznabCaps caps;
  // False when the document was XML but not usable caps (missing
  // attributes, wrong root): Sonarr then goes on with the defaults.
  bool usable = true;
  std::string problem;
  // Not XML at all, or a Newznab <error>: the indexer cannot be used.
  std::optional<IndexerError> error;
};

CapsParse parse_caps(std::string_view xml, bool request_had_apikey = true);

}  // namespace nzbd::pvr
