// UTC instants as Sonarr writes them: "yyyy-MM-ddTHH:mm:ssZ".
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace nzbd::pvr {

std::string format_utc(std::time_t t);
std::string now_utc();
// Accepts "yyyy-MM-dd", "yyyy-MM-ddTHH:mm[:ss[.fff]]" with "Z", "+hh:mm",
// "-hhmm" or no zone (taken as UTC). Returns nullopt for anything else.
std::optional<std::time_t> parse_utc(std::string_view text);
// Normalises any accepted form to "yyyy-MM-ddTHH:mm:ssZ".
std::optional<std::string> normalize_utc(std::string_view text);
bool is_date(std::string_view yyyy_mm_dd);

}  // namespace nzbd::pvr
