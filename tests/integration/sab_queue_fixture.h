// The SABnzbd queue API against the real binary. No news server is
// configured, so added jobs stay in the queue; every test starts from an
// empty, running queue.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "support/daemon_process.h"
#include "support/http_client.h"
#include "support/temp_dir.h"

namespace nzbd::test {

using OJson = nlohmann::ordered_json;  // keeps the key order the daemon wrote

struct NzbFile {
  std::string filename;
  int segments = 2;
  uint64_t segment_bytes = 100000;
  int64_t date = 0;  // 0 = now
};

// A valid NZB with fake message-ids; meta category/password when not empty.
inline std::string make_nzb(const std::vector<NzbFile>& files, const std::string& category = "",
                            const std::string& password = "") {
  static int serial = 0;
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n<head>\n";
  if (!category.empty()) x += "<meta type=\"category\">" + category + "</meta>\n";
  if (!password.empty()) x += "<meta type=\"password\">" + password + "</meta>\n";
  x += "</head>\n";
  for (const auto& f : files) {
    int64_t date = f.date ? f.date : static_cast<int64_t>(std::time(nullptr));
    x += "<file poster=\"tester@example.test\" date=\"" + std::to_string(date) + "\" subject=\"&quot;" +
         f.filename + "&quot; yEnc (1/" + std::to_string(f.segments) + ")\">\n"
         "<groups><group>alt.binaries.test</group></groups>\n<segments>\n";
    for (int s = 1; s <= f.segments; ++s)
      x += "<segment bytes=\"" + std::to_string(f.segment_bytes) + "\" number=\"" + std::to_string(s) +
           "\">part" + std::to_string(s) + "." + std::to_string(++serial) + "@fake.example.test</segment>\n";
    x += "</segments>\n</file>\n";
  }
  return x + "</nzb>\n";
}

// A job of `n` files of 2 x 100000 bytes each, base name "<stem>.partNN.rar".
inline std::string simple_nzb(const std::string& stem, int n = 2, int64_t date = 0, uint64_t seg_bytes = 100000) {
  std::vector<NzbFile> files;
  for (int i = 1; i <= n; ++i)
    files.push_back({stem + ".part" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".rar", 2, seg_bytes, date});
  return make_nzb(files);
}

class SabQueueFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    daemon_ = std::make_unique<DaemonProcess>(dir_->path() / "home");
    ASSERT_TRUE(daemon_->start()) << daemon_->output();
  }
  static void TearDownTestSuite() {
    // A clean exit: no sanitizer report, no crash along the way.
    if (daemon_) {
      EXPECT_EQ(daemon_->stop(), 0) << daemon_->output();
    }
    daemon_.reset();
    dir_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(daemon_ && daemon_->running());
    json("mode=queue&name=delete&value=all&del_files=1");
    json("mode=resume");
    json("mode=config&name=speedlimit&value=0");
    json("mode=queue&name=change_complete_action&value=");
  }

  static DaemonProcess& d() { return *daemon_; }
  static HttpReply get(const std::string& query) { return http_get(d().api(query)); }
  static OJson json(const std::string& query) {
    auto r = get(query);
    EXPECT_EQ(r.status, 200) << query << " -> " << r.body;
    EXPECT_EQ(r.content_type, "application/json;charset=UTF-8") << query;
    return OJson::parse(r.body);
  }
  static OJson queue(const std::string& extra = "") { return json("mode=queue" + extra)["queue"]; }
  static std::vector<std::string> queue_ids(const std::string& extra = "") {
    std::vector<std::string> ids;
    OJson q = queue(extra);
    for (const auto& s : q["slots"]) ids.push_back(s["nzo_id"]);
    return ids;
  }
  static OJson slot_of(const std::string& id) {
    auto slots = queue("&nzo_ids=" + id)["slots"];
    return slots.size() == 1 ? slots[0] : OJson();
  }
  // Uploads like Sonarr: params in the query, the file in the part "name".
  static OJson add_file(const std::string& filename, const std::string& nzb, const std::string& params = "") {
    auto r = http_post_multipart(d().api("mode=addfile&output=json" + params), {},
                                 {{"name", filename, "application/x-nzb", nzb}});
    EXPECT_EQ(r.status, 200) << r.body;
    return OJson::parse(r.body);
  }
  // Adds and returns the one new nzo_id ("" on failure).
  static std::string add(const std::string& filename, const std::string& nzb, const std::string& params = "") {
    auto j = add_file(filename, nzb, params);
    if (j.value("status", false) != true || j["nzo_ids"].size() != 1) {
      ADD_FAILURE() << "add " << filename << ": " << j.dump();
      return "";
    }
    return j["nzo_ids"][0];
  }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<DaemonProcess> daemon_;
};

}  // namespace nzbd::test
