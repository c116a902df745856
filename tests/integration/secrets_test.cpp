// Keys and passwords stay out of the log, the warnings and showlog, even when
// they arrive inside URLs and failing server settings.
#include "integration/sab_fixture.h"

namespace nzbd::test {
namespace {

class Secrets : public SabFixture {};

TEST_F(Secrets, NeverReachTheLogTheWarningsOrShowlog) {
  const std::string server_password = "Pw-Secret-77";
  const std::string indexer_key = "INDEXERKEY123456";
  // A server that cannot be reached, with a password; a test that logs its failure.
  ASSERT_EQ(get("mode=set_config&section=servers&name=down&host=127.0.0.1&port=1&username=someone&password=" +
                server_password + "&connections=1&enable=1")
                .status,
            200);
  get("mode=config&name=test_server&server=down");
  // An NZB link with an indexer key in it that fails to download (its URL is logged).
  get("mode=addurl&name=" + url_encode("http://127.0.0.1:1/getnzb?apikey=" + indexer_key + "&id=5"));
  // A wrong key and a call that echoes the right one back in its URL.
  http_get(d().url() + "/api?mode=queue&apikey=wrong" + d().api_key());
  for (int i = 0; i < 50 && http_get(d().api("mode=history&output=json")).body.find("getnzb") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));

  auto leaks = d().leaked_secrets();
  EXPECT_TRUE(leaks.empty()) << leaks.front();
  std::string log = read_text(d().home() / "logs" / "nzbd.log");
  EXPECT_EQ(log.find(indexer_key), std::string::npos) << "apikey= values are redacted wherever they come from";
  EXPECT_NE(log.find("getnzb"), std::string::npos) << "the failed fetch was logged (so the check above means something)";
  for (const std::string& s : {d().api_key(), server_password, indexer_key}) {
    EXPECT_EQ(get("mode=warnings&output=json").body.find(s), std::string::npos) << s;
    EXPECT_EQ(get("mode=showlog").body.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace nzbd::test
