// addfile, addlocalfile and addurl: parameter sources, options, refusals.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "integration/sab_queue_fixture.h"

namespace nzbd::test {
namespace {

class SabQueueAdd : public SabQueueFixture {};

// A one-thread HTTP server: /good.nzb answers the NZB (after `delay_ms`), anything else 404.
class TinyHttpServer {
 public:
  TinyHttpServer(std::string nzb, int delay_ms) : nzb_(std::move(nzb)), delay_ms_(delay_ms) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~TinyHttpServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void serve() {
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      while (req.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      bool good = req.rfind("GET /good.nzb", 0) == 0;
      if (good) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_));
      std::string body = good ? nzb_ : "not here";
      std::string head = std::string(good ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n") +
                         "Content-Type: application/x-nzb\r\nContent-Length: " + std::to_string(body.size()) +
                         (good ? "\r\nContent-Disposition: attachment; filename=\"Fetched.Job.nzb\"" : "") +
                         "\r\nConnection: close\r\n\r\n";
      std::string out = head + body;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }
  std::string nzb_;
  int delay_ms_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

template <typename F>
bool eventually(F f, int ms = 15000) {
  for (int waited = 0; waited < ms; waited += 50) {
    if (f()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return f();
}

TEST_F(SabQueueAdd, AddfileWithPartNameAndParamsInTheQuery) {
  auto j = add_file("Sonarr.Style.S01E01.nzb", simple_nzb("s"), "&cat=tv&priority=-100");
  EXPECT_EQ(j["status"], true);
  ASSERT_EQ(j["nzo_ids"].size(), 1u);
  auto s = slot_of(j["nzo_ids"][0]);
  EXPECT_EQ(s["filename"], "Sonarr.Style.S01E01");
  EXPECT_EQ(s["cat"], "tv");
  EXPECT_EQ(s["priority"], "Normal");  // -100: the category's default
}

TEST_F(SabQueueAdd, AddfileWithNzbfilePartAndEverythingInTheForm) {
  auto r = http_post_multipart(d().url() + "/api",
                               {{"mode", "addfile"}, {"output", "json"}, {"apikey", d().api_key()},
                                {"nzbname", "Form.Named"}, {"cat", "movies"}, {"priority", "1"}, {"pp", "1"}},
                               {{"nzbfile", "whatever.nzb", "application/octet-stream", simple_nzb("f")}});
  ASSERT_EQ(r.status, 200);
  auto j = OJson::parse(r.body);
  ASSERT_EQ(j["status"], true) << r.body;
  auto s = slot_of(j["nzo_ids"][0]);
  EXPECT_EQ(s["filename"], "Form.Named");
  EXPECT_EQ(s["cat"], "movies");
  EXPECT_EQ(s["priority"], "High");
  EXPECT_EQ(s["unpackopts"], "1");
}

TEST_F(SabQueueAdd, AddfileWithoutAFileExpectsOneParameter) {
  EXPECT_EQ(json("mode=addfile"), OJson::parse(R"({"status":false,"error":"expects one parameter"})"));
}

TEST_F(SabQueueAdd, InvalidNzbIsRefusedWithAWarning) {
  json("mode=warnings&name=clear");
  auto j = add_file("Broken.Upload.nzb", "<nzb><file><segments>");
  EXPECT_EQ(j, OJson::parse(R"({"status":false,"nzo_ids":[]})"));
  auto warnings = json("mode=warnings")["warnings"];
  ASSERT_FALSE(warnings.empty());
  std::string text = warnings.back()["text"];
  EXPECT_NE(text.find("Broken.Upload.nzb"), std::string::npos) << text;
  EXPECT_EQ(queue()["noofslots"], 0);
  EXPECT_EQ(queue()["have_warnings"], std::to_string(warnings.size()));
  auto empty = add_file("Empty.nzb", make_nzb({}));
  EXPECT_EQ(empty, OJson::parse(R"({"status":false,"nzo_ids":[]})"));
}

TEST_F(SabQueueAdd, NzbnameOverridesAndMetaCategoryApplies) {
  std::string id = add("ignored.nzb", make_nzb({{"x.rar"}}, "tv"), "&nzbname=My.Chosen.Name");
  auto s = slot_of(id);
  EXPECT_EQ(s["filename"], "My.Chosen.Name");
  EXPECT_EQ(s["cat"], "tv");
  std::string other = add("other.nzb", make_nzb({{"y.rar"}}, "tv"), "&cat=movies");
  EXPECT_EQ(slot_of(other)["cat"], "movies");  // the request's category wins over the meta
}

TEST_F(SabQueueAdd, PriorityOnAddOrdersAndShows) {
  std::string normal = add("N.nzb", simple_nzb("n"));
  std::string low = add("L.nzb", simple_nzb("l"), "&priority=-1");
  std::string paused = add("P.nzb", simple_nzb("p"), "&priority=-2");
  std::string high = add("H.nzb", simple_nzb("h"), "&priority=1");
  std::string force = add("F.nzb", simple_nzb("f"), "&priority=2");
  EXPECT_EQ(queue_ids(), (std::vector<std::string>{force, high, normal, paused, low}));
  EXPECT_EQ(slot_of(force)["priority"], "Force");
  EXPECT_EQ(slot_of(high)["priority"], "High");
  EXPECT_EQ(slot_of(normal)["priority"], "Normal");
  EXPECT_EQ(slot_of(low)["priority"], "Low");
  EXPECT_EQ(slot_of(paused)["priority"], "Normal");
  EXPECT_EQ(slot_of(paused)["status"], "Paused");
}

TEST_F(SabQueueAdd, PpAndPasswords) {
  std::string a = add("Pp.nzb", simple_nzb("pp"), "&pp=0");
  EXPECT_EQ(slot_of(a)["unpackopts"], "0");
  std::string b = add("x.nzb", simple_nzb("b"), "&nzbname=" + url_encode("Secret.Job{{hunter2}}"));
  EXPECT_EQ(slot_of(b)["filename"], "Secret.Job");
  EXPECT_EQ(slot_of(b)["password"], "hunter2");
  std::string c = add("Param.Pw.nzb", simple_nzb("c"), "&password=s3cr3t");
  EXPECT_EQ(slot_of(c)["password"], "s3cr3t");
  std::string d = add("Meta.Pw.nzb", make_nzb({{"m.rar"}}, "", "frommeta"));
  EXPECT_EQ(slot_of(d)["password"], "frommeta");
  std::string e = add("Named.Upload{{inname}}.nzb", simple_nzb("e"));
  EXPECT_EQ(slot_of(e)["filename"], "Named.Upload");
  EXPECT_EQ(slot_of(e)["password"], "inname");
}

TEST_F(SabQueueAdd, AddlocalfileChecksPathAndExtension) {
  auto dir = d().home() / "drop";
  write_text(dir / "Local.Job.nzb", simple_nzb("local"));
  write_text(dir / "notes.txt", "hello");
  auto j = json("mode=addlocalfile&name=" + url_encode((dir / "Local.Job.nzb").string()) + "&cat=tv");
  ASSERT_EQ(j["status"], true) << j.dump();
  auto s = slot_of(j["nzo_ids"][0]);
  EXPECT_EQ(s["filename"], "Local.Job");
  EXPECT_EQ(s["cat"], "tv");
  EXPECT_EQ(json("mode=addlocalfile&name=" + url_encode((dir / "missing.nzb").string())),
            OJson::parse(R"({"status":false,"error":"file does not exist"})"));
  EXPECT_EQ(json("mode=addlocalfile&name=" + url_encode((dir / "notes.txt").string())),
            OJson::parse(R"({"status":false,"error":"no file given"})"));
  EXPECT_EQ(json("mode=addlocalfile")["error"], "expects one parameter");
}

TEST_F(SabQueueAdd, AddurlShowsGrabbingThenTheJob) {
  TinyHttpServer server(simple_nzb("fetched", 3), 1500);
  auto j = json("mode=addurl&name=" + url_encode(server.url("/good.nzb")) + "&cat=tv&priority=1");
  ASSERT_EQ(j["status"], true) << j.dump();
  std::string id = j["nzo_ids"][0];
  auto grabbing = slot_of(id);
  ASSERT_FALSE(grabbing.is_null());
  EXPECT_EQ(grabbing["status"], "Grabbing");
  EXPECT_EQ(grabbing["filename"], "Trying to fetch NZB from " + server.url("/good.nzb"));
  EXPECT_EQ(grabbing["cat"], "None");
  EXPECT_EQ(grabbing["priority"], 0);
  EXPECT_EQ(grabbing["unpackopts"], "0");  // SABnzbd shows "0" while grabbing
  EXPECT_EQ(grabbing["avg_age"], "-");
  ASSERT_TRUE(eventually([&] { return slot_of(id).value("status", "") == "Queued"; })) << slot_of(id).dump();
  auto s = slot_of(id);
  EXPECT_EQ(s["filename"], "Fetched.Job");
  EXPECT_EQ(s["cat"], "tv");
  EXPECT_EQ(s["priority"], "High");
  EXPECT_EQ(s["mb"], "0.57");  // 3 files x 200000 bytes
}

// libcurl is opened on first use (net/curl.h), so an idle daemon has not
// mapped it or the twenty libraries it brings; the first URL fetch maps it.
// A suite of its own: a daemon of its own, that nothing has made fetch yet.
class SabLazyCurl : public SabQueueFixture {};

TEST_F(SabLazyCurl, LibcurlIsLoadedByTheFirstFetchNotAtStart) {
  auto curl_mapped = [] {
    std::ifstream maps("/proc/" + std::to_string(d().pid()) + "/maps");
    for (std::string line; std::getline(maps, line);)
      if (line.find("libcurl") != std::string::npos) return true;
    return false;
  };
  EXPECT_FALSE(curl_mapped()) << "libcurl is mapped before anything was fetched";
  TinyHttpServer server(simple_nzb("lazy", 3), 0);
  auto j = json("mode=addurl&name=" + url_encode(server.url("/lazy.nzb")));
  ASSERT_EQ(j["status"], true) << j.dump();
  std::string id = j["nzo_ids"][0];
  // Fetched: the slot is no longer grabbing (it is queued, or already in history).
  ASSERT_TRUE(eventually([&] {
    OJson slot = slot_of(id);
    return !slot.is_object() || slot.value("status", "") != "Grabbing";
  })) << slot_of(id).dump();
  EXPECT_TRUE(curl_mapped());
}

TEST_F(SabQueueAdd, AddurlFailureBecomesAFailedHistoryEntry) {
  TinyHttpServer server("", 0);
  auto j = json("mode=addurl&name=" + url_encode(server.url("/missing.nzb")));
  ASSERT_EQ(j["status"], true);
  std::string id = j["nzo_ids"][0];
  OJson slot;
  ASSERT_TRUE(eventually([&] {
    auto h = json("mode=history&nzo_ids=" + id)["history"]["slots"];
    if (h.size() == 1) slot = h[0];
    return h.size() == 1;
  }));
  EXPECT_TRUE(slot_of(id).is_null());
  EXPECT_EQ(slot["status"], "Failed");
  EXPECT_EQ(slot["report"], "future");
  std::string msg = slot["fail_message"];
  EXPECT_EQ(msg.rfind("URL Fetching failed", 0), 0u) << msg;
  EXPECT_EQ(msg, "URL Fetching failed; File not on server");
  EXPECT_EQ(slot["url"], server.url("/missing.nzb"));
  // Retry fetches the URL again: a new job, failing the same way into history.
  OJson retried = json("mode=retry&value=" + id);
  ASSERT_EQ(retried["status"], true) << retried.dump();
  std::string again = retried["nzo_id"];
  EXPECT_NE(again, id);
  OJson second;
  ASSERT_TRUE(eventually([&] {
    auto h = json("mode=history&nzo_ids=" + again)["history"]["slots"];
    if (h.size() == 1) second = h[0];
    return h.size() == 1;
  }));
  EXPECT_EQ(second["fail_message"], "URL Fetching failed; File not on server");
  EXPECT_EQ(second["url"], server.url("/missing.nzb"));
  json("mode=history&name=delete&value=" + again + "&archive=0");
}

TEST_F(SabQueueAdd, AddurlToAClosedPortFails) {
  int port;
  {
    TinyHttpServer gone("", 0);
    port = std::stoi(gone.url("").substr(gone.url("").rfind(':') + 1));
  }
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x.nzb";
  auto j = json("mode=addurl&name=" + url_encode(url));
  std::string id = j["nzo_ids"][0];
  OJson slot;
  ASSERT_TRUE(eventually([&] {
    auto h = json("mode=history&nzo_ids=" + id)["history"]["slots"];
    if (h.size() == 1) slot = h[0];
    return h.size() == 1;
  }));
  EXPECT_EQ(std::string(slot["fail_message"]).rfind("URL Fetching failed", 0), 0u) << slot.dump();
  EXPECT_EQ(json("mode=addurl&name=ftp%3A%2F%2Fx%2Fy.nzb"), OJson::parse(R"({"status":false,"nzo_ids":[]})"));
  EXPECT_EQ(json("mode=addurl")["error"], "expects one parameter");
}

}  // namespace
}  // namespace nzbd::test
