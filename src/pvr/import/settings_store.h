// The `settings` table (migration 5): one JSON object per config resource
// ("naming", "mediamanagement", ...). Readers get what was stored and fill
// their own defaults; a broken row reads as empty rather than failing.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "pvr/library.h"
#include "util/result.h"

namespace nzbd::pvr {

// The stored object, or an empty object when none (or not valid JSON).
nlohmann::json read_setting(Library& library, std::string_view name);
Status write_setting(Library& library, std::string_view name, const nlohmann::json& value);

// Lenient field readers for config bodies: keys match ignoring case, numbers
// may come as strings ("5") and booleans as "true"/1. A key that is absent
// (or null) leaves `out` as it was; a value of the wrong type is an error
// that names the property, for the API's validation reply.
const nlohmann::json* find_key(const nlohmann::json& obj, std::string_view key);
Status read_field(const nlohmann::json& obj, std::string_view key, bool& out);
Status read_field(const nlohmann::json& obj, std::string_view key, int& out);
Status read_field(const nlohmann::json& obj, std::string_view key, std::string& out);

}  // namespace nzbd::pvr
