// What SABnzbd's options look like: name, JSON type and default. get_config
// answers with these types (sabnzbd-observed.md: numbers, strings, lists).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/option.h"

namespace nzbd::config {

const std::vector<Option>& misc_options();
const std::vector<Option>& server_options();
const std::vector<Option>& category_options();
const std::vector<Option>& rss_options();
const std::vector<Option>& sorter_options();

// Options of a named-item section ("servers", "categories", "rss", "sorters"),
// or nullptr for any other name.
const std::vector<Option>* item_options(std::string_view section);

const Option* find_option(const std::vector<Option>& options, std::string_view name);

// SABnzbd's single-level sections, in get_config's order: [misc], [logging]
// and one per notifier ([nscript], [pushover], ...). Their key names are
// unique across them, so Config::misc(key) finds a key wherever it lives.
struct FlatSection {
  std::string_view name;
  const std::vector<Option>* options;
};
const std::vector<FlatSection>& flat_sections();
const FlatSection* flat_section(std::string_view name);  // nullptr when not one of them
const FlatSection& home_of(std::string_view key);        // [misc] for a key none of them knows
const Option* flat_option(std::string_view key);         // the key's option in its home section, or nullptr

}  // namespace nzbd::config
