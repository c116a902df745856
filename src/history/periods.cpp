#include <ctime>

#include <fmt/format.h>

#include "history/store.h"

namespace nzbd::history {
namespace {

std::tm local_tm(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

std::string date_of(const std::tm& tm) {
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

// Local midnight of tm's day moved by `day_offset` days; mktime normalises
// month/year overflow and DST.
std::tm midnight(std::tm tm, int day_offset) {
  tm.tm_mday += day_offset;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  std::time_t t = std::mktime(&tm);
  return local_tm(t);
}

int64_t epoch_of(std::tm tm) {
  tm.tm_isdst = -1;
  return static_cast<int64_t>(std::mktime(&tm));
}

}  // namespace

std::string local_date(int64_t epoch) { return date_of(local_tm(epoch)); }

PeriodStarts period_starts(int64_t now) {
  std::tm today = local_tm(now);
  int since_monday = (today.tm_wday + 6) % 7;  // tm_wday: 0 = Sunday
  std::tm day = midnight(today, 0);
  std::tm week = midnight(today, -since_monday);
  std::tm month = midnight(today, 1 - today.tm_mday);
  return PeriodStarts{epoch_of(day), epoch_of(week), epoch_of(month), date_of(day), date_of(week),
                      date_of(month)};
}

}  // namespace nzbd::history
