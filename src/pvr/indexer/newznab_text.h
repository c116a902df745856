// Small text helpers of the Newznab client (internal to pvr/indexer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nzbd::pvr {

// Trimmed, control characters turned into spaces, cut to at most max_bytes.
std::string clean_text(std::string_view s, std::size_t max_bytes);
// Strict: the whole (trimmed) text is an integer.
std::optional<std::int64_t> parse_i64(std::string_view s);
// An absolute http(s) URL for value relative to base, or "" when value is
// empty, of another scheme, or unusable.
std::string resolve_url(const std::string& base, std::string_view value);
bool has_api_key(std::string_view url);
// Sonarr's GetCleanSceneTitle ("The Show's Name & Co." -> "Shows+Name+and+Co").
std::string clean_scene_title(std::string_view title);

}  // namespace nzbd::pvr
