#include "api/sab/format.h"

#include <fmt/compile.h>
#include <fmt/format.h>

// Compiled format strings: each queue answer formats a few hundred numbers.

namespace nzbd::api::sab {

std::string to_units(double value, const char* postfix) {
  static const char* units[] = {"", "K", "M", "G", "T", "P"};
  const char* sign = value < 0 ? "-" : "";
  if (value < 0) value = -value;
  int n = 0;
  while (value > 1023.0 && n < 5) {
    value /= 1024.0;
    ++n;
  }
  std::string number =
      n == 0 ? fmt::format(FMT_COMPILE("{:.0f}"), value) : fmt::format(FMT_COMPILE("{:.1f}"), value);
  std::string unit = std::string(units[n]) + postfix;
  return unit.empty() ? sign + number : sign + number + " " + unit;
}

std::string format_mb(uint64_t bytes) {
  return fmt::format(FMT_COMPILE("{:.2f}"), static_cast<double>(bytes) / 1048576.0);
}

std::string format_timeleft(int64_t s) {
  if (s < 0) s = 0;
  int64_t days = s / 86400, h = (s / 3600) % 24, m = (s / 60) % 60, sec = s % 60;
  if (days > 0) return fmt::format(FMT_COMPILE("{}:{:02}:{:02}:{:02}"), days, h, m, sec);
  return fmt::format(FMT_COMPILE("{}:{:02}:{:02}"), h, m, sec);
}

std::string format_age(int64_t s) {
  if (s < 0) s = 0;
  if (s >= 86400) return fmt::format(FMT_COMPILE("{}d"), s / 86400);
  if (s >= 3600) return fmt::format(FMT_COMPILE("{}h"), s / 3600);
  return fmt::format(FMT_COMPILE("{}m"), s / 60);
}

}  // namespace nzbd::api::sab

namespace nzbd::api::sab {
std::string fmt_fixed(double v) { return fmt::format(FMT_COMPILE("{:.2f}"), v); }
std::string fmt_int(double v) { return fmt::format(FMT_COMPILE("{:.0f}"), v); }
}  // namespace nzbd::api::sab
