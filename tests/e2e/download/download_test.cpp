// A multi-file post through addfile, addurl and addlocalfile, and a job that
// survives kill -9 mid-download, both against INN2.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

#include "e2e/download/local_http.h"
#include "e2e/download/rig_util.h"
#include "support/http_client.h"

namespace e2e {
namespace {

using namespace std::chrono_literals;

double mb_of(const Json& slot, const char* key) { return std::stod(slot.value(key, "-1")); }

// Three random files, ~20 MB in ~330 articles, posted once for the suite.
class E2eMultiFilePost : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<nzbd::test::TempDir>();
    const size_t sizes[] = {9'000'000, 7'500'000, 3'700'123};
    for (int i = 0; i < 3; ++i) {
      files_.push_back(dir_->path() / ("multi_part" + std::to_string(i) + ".bin"));
      write_random_file(files_.back(), sizes[i], 100 + i);
    }
    nzb_ = dir_->path() / "multi.nzb";
    nzb_text_ = post_files(NZBD_RIG_PORT, nzb_, files_, 64000);
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::unique_ptr<nzbd::test::TempDir> dir_;
  static std::vector<fs::path> files_;
  static fs::path nzb_;
  static std::string nzb_text_;
};
std::unique_ptr<nzbd::test::TempDir> E2eMultiFilePost::dir_;
std::vector<fs::path> E2eMultiFilePost::files_;
fs::path E2eMultiFilePost::nzb_;
std::string E2eMultiFilePost::nzb_text_;

void expect_completed(const Daemon& d, const std::string& nzo, const std::string& category,
                      const std::vector<fs::path>& files) {
  auto slot = d.wait_done(nzo, 120s);
  ASSERT_TRUE(slot) << nzo;
  EXPECT_EQ(slot->value("status", ""), "Completed") << slot->dump();
  EXPECT_EQ(slot->value("category", ""), category);
  EXPECT_GT(slot->value("bytes", int64_t{0}), 0);
  fs::path storage = slot->value("storage", "");
  EXPECT_EQ(storage.parent_path(), d.home() / "Downloads" / "complete") << storage;
  expect_files_in(storage, files);
}

TEST_F(E2eMultiFilePost, DownloadsByteIdenticalThroughAddfileAddurlAndAddlocalfile) {
  ASSERT_FALSE(nzb_text_.empty());
  ASSERT_GE(message_ids(nzb_text_).size(), 300u);
  nzbd::test::TempDir home;
  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));

  std::string by_file = d.add_file(nzb_, "multi.nzb", "&cat=tv&nzbname=via_addfile");
  LocalHttpServer http(nzb_text_, "multi.nzb");
  std::string by_url = d.first_nzo(
      d.api("mode=addurl&cat=movies&nzbname=via_addurl&name=" +
            nzbd::test::url_encode("http://127.0.0.1:" + std::to_string(http.port()) + "/multi.nzb")));
  std::string by_path = d.first_nzo(
      d.api("mode=addlocalfile&cat=software&nzbname=via_addlocalfile&name=" + nzbd::test::url_encode(nzb_.string())));
  ASSERT_FALSE(by_file.empty() || by_url.empty() || by_path.empty());

  expect_completed(d, by_file, "tv", files_);
  expect_completed(d, by_url, "movies", files_);
  expect_completed(d, by_path, "software", files_);
  EXPECT_GE(http.requests(), 1);
  EXPECT_TRUE(fs::exists(nzb_)) << "addlocalfile must not consume a file outside nzbd's folders";
  EXPECT_FALSE(d.queue_slot(by_file) || d.queue_slot(by_url) || d.queue_slot(by_path));
}

// ~60 MB under a 5 MB/s limit: still downloading when killed.
TEST(E2eKillNine, ResumesWithProgressKeptAndCompletesByteIdentical) {
  nzbd::test::TempDir dir, home;
  std::vector<fs::path> files = {dir / "big_a.bin", dir / "big_b.bin"};
  write_random_file(files[0], 40'000'000, 7);
  write_random_file(files[1], 20'000'000, 8);
  ASSERT_FALSE(post_files(NZBD_RIG_PORT, dir / "big.nzb", files, 384000).empty());

  std::string nzo;
  double mb = 0, left_before = 0;
  {
    Daemon d(home.path());
    ASSERT_TRUE(d.start()) << d.proc().output();
    ASSERT_TRUE(d.add_server("inn", NZBD_RIG_PORT, 0));
    ASSERT_EQ(d.api("mode=config&name=speedlimit&value=5M").value("status", false), true);
    nzo = d.first_nzo(d.api("mode=addlocalfile&name=" + nzbd::test::url_encode((dir / "big.nzb").string())));
    ASSERT_FALSE(nzo.empty());
    auto until = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < until) {
      auto slot = d.queue_slot(nzo);
      ASSERT_TRUE(slot) << "job left the queue before the kill: " << d.api("mode=history").dump();
      mb = mb_of(*slot, "mb");
      left_before = mb_of(*slot, "mbleft");
      if (mb > 50 && left_before < mb * 0.8) break;  // at least 20% written
      std::this_thread::sleep_for(100ms);
    }
    ASSERT_LT(left_before, mb * 0.8) << "no progress before the kill";
    ASSERT_GT(left_before, mb * 0.2) << "the speed limit did not hold the download back";
    d.kill9();
  }
  // The speed limit does not outlive the process, and from the local INN the
  // rest takes a blink: the server starts switched off, so the queue can be
  // read as the restart left it.
  fs::path ini = home.path() / "nzbd.ini";
  std::string text = nzbd::test::read_text(ini);
  size_t section = text.find("[[inn]]\n");
  ASSERT_NE(section, std::string::npos) << text;
  size_t line = section + 8;
  std::string indent = text.substr(line, text.find_first_not_of(' ', line) - line);
  text.insert(line, indent + "enable = 0\n");
  nzbd::test::write_text(ini, text);

  Daemon d(home.path());
  ASSERT_TRUE(d.start()) << d.proc().output();
  EXPECT_EQ(d.api("mode=get_config&section=servers")["config"]["servers"][0].value("enable", -1), 0);
  auto slot = d.queue_slot(nzo);
  // The restarted daemon's own log says why a job was skipped, if one was.
  ASSERT_TRUE(slot) << "job lost by kill -9: " << d.api("mode=queue").dump() << "\nhistory: "
                    << d.api("mode=history").dump() << "\ndaemon output:\n" << d.proc().output();
  double left_after = mb_of(*slot, "mbleft");
  EXPECT_NEAR(mb_of(*slot, "mb"), mb, 0.01);
  // What was written before the kill is not downloaded again; a few articles
  // in flight (or in the cache) at the kill may be.
  EXPECT_LE(left_after, left_before + 8 * 0.384) << "mb " << mb;
  EXPECT_LT(left_after, mb * 0.85) << "restarted from zero";
  std::printf("kill -9: mb %.2f, mbleft before kill %.2f, right after restart %.2f\n", mb, left_before, left_after);

  ASSERT_EQ(d.api("mode=config&name=speedlimit&value=0").value("status", false), true);
  ASSERT_FALSE(d.api("mode=set_config&section=servers&name=inn&enable=1").contains("error"));
  auto done = d.wait_done(nzo, 120s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->value("status", ""), "Completed") << done->dump();
  expect_files_in(done->value("storage", ""), files);
}

}  // namespace
}  // namespace e2e
