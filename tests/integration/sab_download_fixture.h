// The real daemon downloading from the in-test fake NNTP server: a test posts
// random files as yEnc articles on the fake and adds an NZB for them, so jobs
// really download, post-process and reach history (no INN2 needed).
#pragma once

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "integration/sab_queue_fixture.h"
#include "support/fake_nntp_server.h"
#include "yenc/encode_for_test.h"

namespace nzbd::test {

class SabDownloadFixture : public SabQueueFixture {
 protected:
  static void SetUpTestSuite() {
    SabQueueFixture::SetUpTestSuite();
    nntp_ = std::make_unique<FakeNntpServer>();
    json("mode=set_config&section=servers&name=fake&host=127.0.0.1&port=" + std::to_string(nntp_->port()) +
         "&ssl=0&connections=2&enable=1");
  }
  static void TearDownTestSuite() {
    SabQueueFixture::TearDownTestSuite();
    nntp_.reset();
  }

  // One file of an NZB posted to the fake server as `articles` yEnc articles;
  // the parts listed in `withheld` (1-based) are not posted, so they answer 430.
  struct Posted {
    std::string xml;                  // the <file> element
    std::vector<std::string> ids;     // message-ids, part order
    std::vector<std::string> bodies;  // as served (also those withheld)
  };
  static Posted post_file(const std::string& name, const std::string& data, uint32_t articles = 1,
                          const std::vector<uint32_t>& withheld = {}, int64_t date = 0) {
    static int serial = 0;
    ++serial;
    Posted out;
    out.xml = "<file poster=\"t@example.test\" date=\"" + std::to_string(date ? date : std::time(nullptr)) +
              "\" subject=\"&quot;" + name + "&quot; yEnc (1/" + std::to_string(articles) + ")\">\n"
              "<groups><group>alt.binaries.test</group></groups>\n<segments>\n";
    size_t size = data.size(), per = (size + articles - 1) / articles;
    for (uint32_t p = 0; p < articles; ++p) {
      size_t begin = p * per, len = std::min(per, size - begin);
      yenc::test::ArticleSpec spec;
      spec.name = name;
      spec.part = p + 1;
      spec.total = articles;
      spec.file_size = size;
      spec.begin = begin + 1;
      std::string id = name + "." + std::to_string(serial) + "." + std::to_string(p + 1) + "@fake.test";
      std::string body = yenc::test::yenc_article(std::string_view(data).substr(begin, len), spec);
      if (std::find(withheld.begin(), withheld.end(), p + 1) == withheld.end()) nntp_->add_article(id, body);
      out.ids.push_back(id);
      out.bodies.push_back(std::move(body));
      out.xml += "<segment bytes=\"" + std::to_string(len + 200) + "\" number=\"" + std::to_string(p + 1) + "\">" +
                 id + "</segment>\n";
    }
    out.xml += "</segments>\n</file>\n";
    return out;
  }
  static std::string nzb_of(const std::vector<Posted>& files) {
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n<head></head>\n";
    for (const auto& f : files) x += f.xml;
    return x + "</nzb>\n";
  }
  static std::string random_bytes(size_t size) {
    static uint32_t seed = 0;
    std::mt19937 rng(++seed);
    std::string data(size, '\0');
    for (auto& ch : data) ch = static_cast<char>(rng());
    return data;
  }
  // An NZB of one file `name` of `size` random bytes in `articles` yEnc
  // articles, all served by the fake server.
  static std::string post(const std::string& name, size_t size, uint32_t articles = 1) {
    return nzb_of({post_file(name, random_bytes(size), articles)});
  }

  // The job's history slot once it is final (Completed/Failed), or null.
  static OJson wait_history(const std::string& nzo_id, int seconds = 30) {
    for (int i = 0; i < seconds * 10; ++i) {
      OJson h = json("mode=history&nzo_ids=" + nzo_id)["history"];
      for (const auto& s : h["slots"])
        if (s["status"] == "Completed" || s["status"] == "Failed") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return OJson();
  }

  static inline std::unique_ptr<FakeNntpServer> nntp_;
};

}  // namespace nzbd::test
