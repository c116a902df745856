#include "schedule/schedule.h"

#include <gtest/gtest.h>

#include <atomic>

namespace nzbd::schedule {
namespace {

// A local time: 2026-12-07 is a Monday.
std::tm at(int day_of_month, int hour, int minute) {
  std::tm t{};
  t.tm_year = 2026 - 1900;
  t.tm_mon = 11;
  t.tm_mday = day_of_month;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_isdst = -1;
  std::mktime(&t);  // fills tm_wday
  return t;
}

TEST(ScheduleLines, ParseAsSabnzbdWritesThem) {
  auto l = parse_line("1 30 22 12345 speedlimit 50%");
  ASSERT_TRUE(l) << l.message();
  EXPECT_TRUE(l->enabled);
  EXPECT_EQ(l->minute, 30);
  EXPECT_EQ(l->hour, 22);
  EXPECT_EQ(l->days, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(l->action, "speedlimit");
  EXPECT_EQ(l->argument, "50%");
  auto all = parse_line("0 0 7 * RESUME");
  ASSERT_TRUE(all);
  EXPECT_FALSE(all->enabled);
  EXPECT_EQ(all->days.size(), 7u);
  EXPECT_EQ(all->action, "resume");
  auto spaced = parse_line("1 0 1 7 pause_cat TV Shows HD");
  ASSERT_TRUE(spaced);
  EXPECT_EQ(spaced->argument, "TV Shows HD") << "the last field keeps its spaces";
}

TEST(ScheduleLines, BadLinesSayWhy) {
  EXPECT_EQ(parse_line("1 0 25 * pause").message(), "Bad schedule pause at 25:0");
  EXPECT_EQ(parse_line("1 x 2 * pause").message(), "Bad schedule pause at 2:x");
  EXPECT_EQ(parse_line("1 0 2 * dance").message(), "Unknown action: dance");
  EXPECT_EQ(parse_line("1 0 2 * speedlimit").message(), "Schedule speedlimit needs an argument");
  EXPECT_FALSE(parse_line("1 0 2 8 pause"));
  EXPECT_FALSE(parse_line("1 0 2"));
  EXPECT_FALSE(parse_line(""));
}

TEST(ScheduleState, TheLastEventBeforeNowWinsGoingRoundTheWeek) {
  std::vector<Line> lines;
  for (const char* t : {"1 0 8 * pause", "1 0 20 * resume", "1 0 9 12345 speedlimit 400K", "1 0 1 7 disable_server news",
                        "0 0 10 * pause_post"})
    lines.push_back(*parse_line(t));
  auto noon = state_at(lines, at(7, 12, 0));  // Monday 12:00
  EXPECT_EQ(noon.paused, true);
  EXPECT_EQ(noon.speed_limit, "400K");
  EXPECT_EQ(noon.servers.at("news"), false) << "Sunday's 01:00 came last, a day ago";
  EXPECT_FALSE(noon.post_paused) << "a disabled line implies nothing";
  EXPECT_EQ(state_at(lines, at(7, 21, 0)).paused, false);
  EXPECT_EQ(state_at(lines, at(7, 7, 59)).paused, false) << "Sunday's 20:00 resume was last";
  EXPECT_TRUE(state_at({}, at(7, 12, 0)).servers.empty());
}

TEST(Scheduler, RunsWhatIsDueOnceAndWarnsAboutBadLinesOnce) {
  std::vector<std::string> config = {"1 0 8 1 pause", "1 0 8 2 resume", "1 0 8 1 nonsense", "0 0 8 1 resume"};
  std::vector<std::string> ran, warned;
  std::mutex mu;
  Actions a;
  a.run = [&](const Line& l) { std::lock_guard g(mu); ran.push_back(l.action); };
  a.warn = [&](const std::string& m) { std::lock_guard g(mu); warned.push_back(m); };
  Scheduler s([&] { std::lock_guard g(mu); return config; }, a, false);
  s.tick(at(7, 8, 0));  // Monday 08:00
  s.tick(at(7, 8, 0));  // the same minute again: nothing new
  s.tick(at(7, 8, 1));
  s.tick(at(8, 8, 0));  // Tuesday 08:00
  std::lock_guard g(mu);
  EXPECT_EQ(ran, (std::vector<std::string>{"pause", "resume"}));
  EXPECT_EQ(warned, std::vector<std::string>{"Unknown action: nonsense"});
}

}  // namespace
}  // namespace nzbd::schedule
