#include "daemon/scheduled_actions.h"

#include <gtest/gtest.h>

namespace nzbd::daemon {
namespace {

std::string text(const http::Params& p) {
  std::string out;
  for (const auto& [k, v] : p.items()) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

std::vector<std::string> calls(const std::string& line) {
  auto l = schedule::parse_line(line);
  EXPECT_TRUE(l) << l.message();
  std::vector<std::string> out;
  if (l)
    for (const auto& p : sab_calls_for(*l)) out.push_back(text(p));
  return out;
}

TEST(ScheduledActions, EachLineIsTheApiCallThatDoesTheSame) {
  EXPECT_EQ(calls("1 0 8 * pause"), std::vector<std::string>{"mode=pause"});
  EXPECT_EQ(calls("1 0 8 * pause_all"), (std::vector<std::string>{"mode=pause", "mode=pause_pp"}));
  EXPECT_EQ(calls("1 0 8 * speedlimit 50"), std::vector<std::string>{"mode=config&name=speedlimit&value=50"});
  EXPECT_EQ(calls("1 0 8 * disable_server my news"),
            std::vector<std::string>{"mode=set_config&section=servers&keyword=my news&enable=0"});
  EXPECT_EQ(calls("1 0 8 * remove_failed"), std::vector<std::string>{"mode=history&name=delete&value=failed"});
  EXPECT_EQ(calls("1 0 8 * rss_scan"), std::vector<std::string>{"mode=rss_now"});
  EXPECT_TRUE(calls("1 0 8 * pause_all_low").empty());
}

TEST(ScheduledActions, TheStartUpStateAsCalls) {
  schedule::State s;
  s.paused = true;
  s.speed_limit = "4M";
  s.servers["news"] = true;
  std::vector<std::string> out;
  for (const auto& p : sab_calls_for(s)) out.push_back(text(p));
  EXPECT_EQ(out, (std::vector<std::string>{"mode=pause", "mode=config&name=speedlimit&value=4M",
                                           "mode=set_config&section=servers&keyword=news&enable=1"}));
  EXPECT_TRUE(sab_calls_for(schedule::State{}).empty());
}

}  // namespace
}  // namespace nzbd::daemon
