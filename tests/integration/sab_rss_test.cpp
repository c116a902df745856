// RSS feeds through the real daemon and a local HTTP server: filters set
// with set_config, a first read-out that only marks items as seen, accepted
// items queued as URL jobs with their category, rejected ones never
// fetched, nothing added twice (also after a restart), and hostile feeds
// that give a warning and change nothing.
//
// Read-outs run one after the other, so "a later read-out is done" is seen
// from outside when an item only it accepts shows up in the queue: every
// test ends its checks with such a marker item, never with a wait for time.
#include <algorithm>
#include <chrono>
#include <thread>

#include "integration/sab_queue_fixture.h"
#include "support/local_http_server.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

struct Item {
  std::string title, nzb;  // nzb: the path of its NZB on the local server
};

class SabRssFeeds : public SabQueueFixture {
 protected:
  static void SetUpTestSuite() {
    SabQueueFixture::SetUpTestSuite();
    server_ = std::make_unique<LocalHttpServer>();
  }
  static void TearDownTestSuite() {
    SabQueueFixture::TearDownTestSuite();
    server_.reset();
  }
  void SetUp() override {
    SabQueueFixture::SetUp();
    json("mode=warnings&name=clear");
  }
  void TearDown() override {
    // One enabled feed at a time (SABnzbd waits 15 s between feeds).
    for (const auto& f : feeds_) json("mode=del_config&section=rss&keyword=" + f);
  }

  // An RSS 2.0 feed whose items' NZBs the server also serves.
  static std::string feed(const std::vector<Item>& items) {
    std::string x = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>test</title>\n";
    for (const auto& it : items) {
      x += "<item><title>" + it.title + "</title><link>" + server_->url(it.nzb) + "</link><enclosure url=\"" +
           server_->url(it.nzb) + "\" length=\"400000\" type=\"application/x-nzb\"/></item>\n";
      server_->set(it.nzb, Route{simple_nzb(it.title, 1), "application/x-nzb"});
    }
    return x + "</channel></rss>\n";
  }
  void serve(const std::string& path, const std::string& body) { server_->set(path, Route{body}); }

  // A feed read by rss_now, with these filter rows.
  void add_feed(const std::string& name, const std::string& path, const std::vector<std::string>& filters) {
    std::string q = "mode=set_config&section=rss&name=" + name + "&enable=1&uri=" + url_encode(server_->url(path));
    for (size_t i = 0; i < filters.size(); ++i) q += "&filter" + std::to_string(i) + "=" + url_encode(filters[i]);
    json(q);
    feeds_.push_back(name);
  }
  static void rss_now() { EXPECT_EQ(get("mode=rss_now").body, R"({"status":true})"); }
  // rss_now, then until the server has handed out `path` `n` times in all.
  static void read_until_fetched(const std::string& path, int n) {
    rss_now();
    for (int i = 0; i < 600 && server_->requests(path) < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_GE(server_->requests(path), n) << path << " was not read";
  }
  static OJson wait_for_slot(const std::string& name) {
    for (int i = 0; i < 600; ++i) {
      OJson q = queue();
      for (const auto& s : q["slots"])
        if (s["filename"] == name) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return OJson();
  }
  static std::vector<std::string> slot_names() {
    std::vector<std::string> n;
    OJson q = queue();
    for (const auto& s : q["slots"]) n.push_back(s["filename"]);
    std::sort(n.begin(), n.end());
    return n;
  }
  // Until a warning holds `text` (and `also`).
  static bool warned(const std::string& text, const std::string& also = "") {
    for (int i = 0; i < 600; ++i) {
      OJson all = json("mode=warnings");
      for (const auto& w : all["warnings"]) {
        std::string t = w["text"];
        if (t.find(text) != std::string::npos && t.find(also) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  static inline std::unique_ptr<LocalHttpServer> server_;
  std::vector<std::string> feeds_;
};

TEST_F(SabRssFeeds, SetConfigStoresFilterRowsAndGetConfigListsThem) {
  OJson set = json("mode=set_config&section=rss&name=Rows&uri=" + url_encode("http://127.0.0.1:1/rss") +
                   "&filter0=" + url_encode("tv,,,A,*show*,-100,1") + "&filter1=" + url_encode(",,,R,\"re:x{1,2}\",1,0"));
  feeds_.push_back("Rows");
  const OJson expected = OJson::parse(R"({"config":{"rss":[{"name":"Rows","uri":["http://127.0.0.1:1/rss"],
      "cat":"","pp":"","script":"","enable":0,"priority":-100,
      "filter0":["tv","","","A","*show*","-100","1"],"filter1":["","","","R","re:x{1,2}","1","0"]}]}})");
  EXPECT_EQ(set, expected);
  EXPECT_EQ(json("mode=get_config&section=rss"), expected);
  // SABnzbd's shape in the ini, so SABnzbd (ConfigObj) could read it back.
  std::string ini = read_text(d().home() / "nzbd.ini");
  EXPECT_NE(ini.find("filter1 = \"\", \"\", \"\", R, \"re:x{1,2}\", 1, 0\n"), std::string::npos) << ini;
  // A call without filterN keeps the rows; one with them replaces all.
  json("mode=set_config&section=rss&name=Rows&priority=7");  // clamped to High, as SABnzbd's range
  OJson now = json("mode=get_config&section=rss&keyword=Rows")["config"]["rss"][0];
  EXPECT_EQ(now["priority"], 2);
  EXPECT_EQ(now["filter1"][3], "R");
  json("mode=set_config&section=rss&name=Rows&filter0=" + url_encode(",,,M,needed,-100,1"));
  now = json("mode=get_config&section=rss&keyword=Rows")["config"]["rss"][0];
  EXPECT_EQ(now["filter0"], OJson::parse(R"(["","","","M","needed","-100","1"])"));
  EXPECT_FALSE(now.contains("filter1"));
  EXPECT_EQ(json("mode=del_config&section=rss&keyword=Rows"), OJson::parse(R"({"status":true})"));
  EXPECT_EQ(json("mode=get_config&section=rss"), OJson::parse(R"({"config":{}})"));
  // rss_rate is SABnzbd's: 60 minutes, at least 15.
  EXPECT_EQ(json("mode=get_config&section=misc&keyword=rss_rate")["config"]["misc"]["rss_rate"], 60);
  json("mode=set_config&section=misc&keyword=rss_rate&value=1");
  EXPECT_EQ(json("mode=get_config&section=misc&keyword=rss_rate")["config"]["misc"]["rss_rate"], 15);
  json("mode=set_config_default&keyword=rss_rate");
}

TEST_F(SabRssFeeds, AcceptedItemsAreQueuedOnceWithTheirCategory) {
  const Item old{"Old.Show.S01E01.720p", "/nzb/old.nzb"}, good{"New.Show.S01E02.720p", "/nzb/good.nzb"},
      german{"New.Show.S01E02.German.720p", "/nzb/german.nzb"}, marker{"Marker.Show.S01E03.720p", "/nzb/marker.nzb"};
  serve("/tv.xml", feed({old}));
  add_feed("tv", "/tv.xml", {",,,R,*german*,-100,1", "tv,,,A,*show*,-100,1"});
  read_until_fetched("/tv.xml", 1);  // the first read-out: marked as seen, nothing downloaded

  serve("/tv.xml", feed({old, good, german}));
  read_until_fetched("/tv.xml", 2);
  OJson slot = wait_for_slot(good.title);
  ASSERT_FALSE(slot.is_null()) << queue().dump();
  EXPECT_EQ(slot["cat"], "tv");

  serve("/tv.xml", feed({old, good, german, marker}));
  read_until_fetched("/tv.xml", 3);
  ASSERT_FALSE(wait_for_slot(marker.title).is_null()) << queue().dump();
  EXPECT_EQ(slot_names(), (std::vector<std::string>{marker.title, good.title}));
  EXPECT_EQ(server_->requests(good.nzb), 1) << "fetched once: not added again";
  EXPECT_EQ(server_->requests(old.nzb), 0) << "the first read-out's item is never downloaded";
  EXPECT_EQ(server_->requests(german.nzb), 0) << "rejected";
}

TEST_F(SabRssFeeds, SeenItemsAreRememberedAcrossARestart) {
  const Item a{"Restart.Show.S01E01", "/nzb/ra.nzb"}, b{"Restart.Show.S01E02", "/nzb/rb.nzb"},
      c{"Restart.Show.S01E03", "/nzb/rc.nzb"};
  serve("/restart.xml", feed({a}));
  add_feed("restart", "/restart.xml", {",,,A,*,-100,1"});
  read_until_fetched("/restart.xml", 1);
  serve("/restart.xml", feed({a, b}));
  read_until_fetched("/restart.xml", 2);
  ASSERT_FALSE(wait_for_slot(b.title).is_null()) << queue().dump();

  ASSERT_EQ(daemon_->stop(), 0) << daemon_->output();
  daemon_ = std::make_unique<DaemonProcess>(dir_->path() / "home");
  ASSERT_TRUE(daemon_->start()) << daemon_->output();
  EXPECT_TRUE(fs::exists(d().home() / "admin" / "rss_data.json"));

  serve("/restart.xml", feed({a, b, c}));
  read_until_fetched("/restart.xml", 3);
  ASSERT_FALSE(wait_for_slot(c.title).is_null()) << queue().dump();
  EXPECT_EQ(slot_names(), (std::vector<std::string>{b.title, c.title}));
  EXPECT_EQ(server_->requests(b.nzb), 1);
  EXPECT_EQ(server_->requests(a.nzb), 0);
}

TEST_F(SabRssFeeds, HostileFeedsGiveAWarningAndChangeNothing) {
  const Item base{"Base.Show.S01E01", "/nzb/base.nzb"}, marker{"Hostile.Marker.S01E02", "/nzb/hmarker.nzb"};
  serve("/calm.xml", feed({base}));
  add_feed("hostile", "/calm.xml", {",,,A,*,-100,1"});
  read_until_fetched("/calm.xml", 1);

  const std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss><channel><item><title>&lol4;</title><link>)" + server_->url("/nzb/laughs.nzb") + "</link></item></channel></rss>";
  const std::string xxe = R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&x;</title><link>)" + server_->url("/nzb/xxe.nzb") + "</link></item></channel></rss>";
  std::string huge = feed({base});
  huge.insert(huge.find("<item>"), std::string(11u << 20, ' '));
  const std::string types = R"(<rss><channel><item><title>Base.Show.S01E01</title><link>)" + server_->url(base.nzb) +
                            R"(</link></item><item><title>Bad.Size.S01E09</title><enclosure url=")" +
                            server_->url("/nzb/badsize.nzb") + R"(" length="many"/></item>
<item><title>No.Link.S01E09</title></item></channel></rss>)";
  struct Case {
    std::string path, body, warning;
    bool content_length = true;
  };
  const std::vector<Case> cases = {
      {"/laughs.xml", laughs, "declares XML entities"},
      {"/xxe.xml", xxe, "declares XML entities"},
      {"/huge.xml", huge, "is larger than 10 MiB"},
      {"/huge-stream.xml", huge, "is larger than 10 MiB", false},
      {"/login.xml", "<!DOCTYPE html><html><body>Log in</body></html>", "HTML page"},
      {"/binary.xml", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11), "not XML"},
      {"/types.xml", types, "\"Bad.Size.S01E09\" is left out: its size \"many\" is not a number"},
  };
  for (const auto& c : cases) {
    server_->set(c.path, Route{c.body, "application/rss+xml", 200, c.content_length, {}, 0});
    json("mode=set_config&section=rss&name=hostile&uri=" + url_encode(server_->url(c.path)));
    rss_now();
    EXPECT_TRUE(warned("RSS feed \"hostile\"", server_->url(c.path))) << c.path;
    EXPECT_TRUE(warned(server_->url(c.path), c.warning)) << c.path << ": " << json("mode=warnings").dump();
    EXPECT_TRUE(d().running());
  }
  EXPECT_TRUE(warned("\"No.Link.S01E09\" is left out: it has no link"));
  serve("/calm2.xml", feed({base, marker}));
  json("mode=set_config&section=rss&name=hostile&uri=" + url_encode(server_->url("/calm2.xml")));
  read_until_fetched("/calm2.xml", 1);
  ASSERT_FALSE(wait_for_slot(marker.title).is_null()) << queue().dump();
  EXPECT_EQ(slot_names(), std::vector<std::string>{marker.title}) << "nothing from the hostile feeds";
  for (const char* nzb : {"/nzb/laughs.nzb", "/nzb/xxe.nzb", "/nzb/badsize.nzb", "/nzb/base.nzb"})
    EXPECT_EQ(server_->requests(nzb), 0) << nzb;
}

}  // namespace
}  // namespace nzbd::test
