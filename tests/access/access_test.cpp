#include "access/access.h"

#include <gtest/gtest.h>

namespace nzbd::access {
namespace {

TEST(HostCheck, SabnzbdsRulesForTheHostHeader) {
  const std::vector<std::string> none;
  for (const char* ok : {"localhost", "LOCALHOST:8080", "127.0.0.1", "192.168.1.5:8080", "[::1]", "[::1]:8080",
                         "[fe80::1]:80", "nas.local", "nas.local.", "nas.local:8080", "box", "box.lan:80"})
    EXPECT_TRUE(host_allowed(ok, none, "box.lan")) << ok;
  for (const char* bad : {"", "not_me", "evil.example.com", "evil.example.com:8080", "localhost.evil.com",
                          "127.0.0.1.evil.com", "nas.local.evil.com", ":8080"})
    EXPECT_FALSE(host_allowed(bad, none, "box.lan")) << bad;
  EXPECT_TRUE(host_allowed("media.example.com:8080", {"media.example.com"}, ""));
  EXPECT_TRUE(host_allowed("Media.Example.com", {" media.example.com"}, "")) << "case does not matter";
}

TEST(LocalAddresses, PrivateRangesUnlessLocalRangesSaysOtherwise) {
  const std::vector<std::string> none;
  for (const char* local : {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10",
                            "169.254.1.1", "::ffff:192.168.0.10", "fd00::5", "fe80::1"})
    EXPECT_TRUE(is_local(local, none)) << local;
  for (const char* outside : {"11.11.11.11", "172.32.0.1", "8.8.8.8", "2001:db8::1", "::ffff:8.8.8.8", "garbage", ""})
    EXPECT_FALSE(is_local(outside, none)) << outside;
  const std::vector<std::string> lan = {"192.168.1.0/24", "10.0.0.7"};
  EXPECT_TRUE(is_local("192.168.1.200", lan));
  EXPECT_TRUE(is_local("10.0.0.7", lan));
  EXPECT_FALSE(is_local("192.168.2.1", lan)) << "local_ranges replaces the private ranges";
  EXPECT_FALSE(is_local("10.0.0.8", lan));
  EXPECT_TRUE(is_local("127.0.0.1", lan)) << "loopback is always local";
  EXPECT_FALSE(is_local("10.0.0.1", {"10.0.0.0/abc"})) << "a range that does not parse matches nothing";
}

TEST(AccessLevels, ModesAsSabnzbdGroupsThem) {
  EXPECT_EQ(mode_level("addfile", ""), 1);
  EXPECT_EQ(mode_level("version", ""), 1);
  EXPECT_EQ(mode_level("queue", ""), 2);
  EXPECT_EQ(mode_level("get_files", ""), 2);
  EXPECT_EQ(mode_level("queue", "resume"), 2);
  EXPECT_EQ(mode_level("get_config", ""), 3);
  EXPECT_EQ(mode_level("shutdown", ""), 3);
  EXPECT_EQ(mode_level("test_email", ""), 3);
  EXPECT_EQ(mode_level("config", "test_server"), 3);
  EXPECT_EQ(mode_level("config", "speedlimit"), 2);
}

TEST(Sessions, LoginGivesATokenThatLogoutTakesBack) {
  Sessions s;
  auto now = Sessions::Clock::now();
  auto r = s.login("10.0.0.2", "me", "secret", "me", "secret", now);
  ASSERT_TRUE(r.token);
  EXPECT_EQ(r.token->size(), 64u);
  EXPECT_TRUE(s.valid(*r.token, now));
  EXPECT_FALSE(s.valid(*r.token, now + Sessions::kLifetime + std::chrono::seconds(1))) << "sessions run out";
  auto again = s.login("10.0.0.2", "me", "secret", "me", "secret", now);
  s.logout(*again.token);
  EXPECT_FALSE(s.valid(*again.token, now));
  EXPECT_FALSE(s.valid("", now));
  EXPECT_FALSE(s.login("10.0.0.2", "", "", "", "", now).token) << "no credentials set: nobody logs in";
}

TEST(Sessions, FailedLoginsSlowThatAddressDown) {
  Sessions s;
  auto now = Sessions::Clock::now();
  for (int i = 0; i < Sessions::kFreeFailures; ++i) {
    auto r = s.login("10.0.0.9", "me", "guess", "me", "secret", now);
    EXPECT_FALSE(r.token);
    EXPECT_EQ(r.retry_after.count(), 0) << i;
  }
  EXPECT_FALSE(s.login("10.0.0.9", "me", "guess", "me", "secret", now).token);
  auto locked = s.login("10.0.0.9", "me", "secret", "me", "secret", now + std::chrono::seconds(1));
  EXPECT_FALSE(locked.token) << "even the right password waits out the lockout";
  EXPECT_GT(locked.retry_after.count(), 0);
  EXPECT_TRUE(s.login("10.0.0.10", "me", "secret", "me", "secret", now).token) << "other addresses are not slowed";
  EXPECT_TRUE(s.login("10.0.0.9", "me", "secret", "me", "secret", now + Sessions::kLockout + std::chrono::seconds(2)).token);
}

TEST(Cookies, OneValueFromTheHeader) {
  EXPECT_EQ(cookie_value("a=1; nzbd_session=abc; b=2", "nzbd_session"), "abc");
  EXPECT_EQ(cookie_value("nzbd_session=xyz", "nzbd_session"), "xyz");
  EXPECT_EQ(cookie_value("x_nzbd_session=no; a=1", "nzbd_session"), "");
  EXPECT_EQ(cookie_value("", "nzbd_session"), "");
}

}  // namespace
}  // namespace nzbd::access
