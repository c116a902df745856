// The `settings` table (migration 5): one JSON object per config resource
// ("naming", "mediamanagement", "indexer", "downloadclient"). Readers get
// what was stored and fill their own defaults; a broken row reads as empty
// rather than failing.
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

// The stored object, or an empty object when none (or not valid JSON).
nlohmann::json read_setting(Library& library, std::string_view name);
Status write_setting(Library& library, std::string_view name, const nlohmann::json& value);

}  // namespace nzbd::pvr
