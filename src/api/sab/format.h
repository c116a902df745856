// Number formats of SABnzbd's output (most numbers are strings there).
#pragma once

#include <cstdint>
#include <string>

namespace nzbd::api::sab {

// SABnzbd's to_units: 1024-based, one decimal with a unit, none without:
// (566, "") -> "566", (57042534, "B") -> "54.4 MB", (0, "B") -> "0 B".
std::string to_units(double value, const char* postfix = "");
// "%.2f" of bytes in MiB: "1277.65".
std::string format_mb(uint64_t bytes);
// "H:MM:SS", or "D:HH:MM:SS" from one day on.
std::string format_timeleft(int64_t seconds);
// Age as SABnzbd shows it: "1104d", "5h", "12m".
std::string format_age(int64_t seconds);

}  // namespace nzbd::api::sab

namespace nzbd::api::sab {
std::string fmt_fixed(double v);  // "%.2f"
std::string fmt_int(double v);    // "%d" of the rounded value
}  // namespace nzbd::api::sab
