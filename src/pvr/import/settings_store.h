// Reading config resources from API bodies, and where they are kept
// (pvr/settings.h).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pvr/settings.h"
#include "util/result.h"

namespace nzbd::pvr {

// Lenient field readers for config bodies: keys match ignoring case, numbers
// may come as strings ("5") and booleans as "true"/1. A key that is absent
// (or null) leaves `out` as it was; a value of the wrong type is an error
// that names the property, for the API's validation reply.
const nlohmann::json* find_key(const nlohmann::json& obj, std::string_view key);
Status read_field(const nlohmann::json& obj, std::string_view key, bool& out);
Status read_field(const nlohmann::json& obj, std::string_view key, int& out);
Status read_field(const nlohmann::json& obj, std::string_view key, std::string& out);

// Sonarr's PascalCase property name for a camelCase key ("renameEpisodes" -> "RenameEpisodes").
std::string pascal_case(std::string_view key);

// Reads one field of a config body, collecting a failure (by property name) when it is mistyped.
template <typename Failure, typename T>
void read_config_field(const nlohmann::json& body, const char* key, T& out, std::vector<Failure>& failures) {
  if (auto st = read_field(body, key, out); !st) failures.push_back({pascal_case(key), st.message()});
}

}  // namespace nzbd::pvr
