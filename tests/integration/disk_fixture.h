// The real daemon downloading from the fake NNTP server into folders on two
// small tmpfs mounts (download and complete), which tests fill, grow and
// turn read-only. Needs root for mount(2); without it every test skips.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "integration/disk_tmpfs.h"
#include "integration/sab_download_fixture.h"

namespace nzbd::test {

class DiskFixture : public SabDownloadFixture {
 protected:
  static void SetUpTestSuite() {
    (void)private_mounts();
    dir_ = std::make_unique<TempDir>();
    dl_ = std::make_unique<Tmpfs>(dir_->path() / "dl", "32m");
    done_ = std::make_unique<Tmpfs>(dir_->path() / "done", "32m");
    if (!dl_->mounted() || !done_->mounted()) {
      skip_ = "cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): " + (dl_->mounted() ? done_->error() : dl_->error());
      return;
    }
    std::filesystem::create_directories(dir_->path() / "home");
    std::ofstream(dir_->path() / "home" / "nzbd.ini")
        << "[misc]\ndownload_dir = " << dl_->path().string() << "\ncomplete_dir = " << done_->path().string() << "\n";
    daemon_ = std::make_unique<DaemonProcess>(dir_->path() / "home");
    ASSERT_TRUE(daemon_->start()) << daemon_->output();
    // Each reply waits 20 ms for more pipelined requests: downloading is slow
    // enough that a pause after one file leaves later articles unfetched.
    FakeNntpServer::Options slow;
    slow.batch_ms = 20;
    nntp_ = std::make_unique<FakeNntpServer>(slow);
    json("mode=set_config&section=servers&name=fake&host=127.0.0.1&port=" + std::to_string(nntp_->port()) +
         "&ssl=0&connections=2&enable=1");
  }
  static void TearDownTestSuite() {
    if (daemon_) {
      EXPECT_EQ(daemon_->stop(), 0) << daemon_->output();
    }
    daemon_.reset();
    dl_.reset();
    done_.reset();
    SabDownloadFixture::TearDownTestSuite();
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    SabDownloadFixture::SetUp();
    for (const char* key : {"download_free", "complete_free"})
      json(std::string("mode=set_config&section=misc&keyword=") + key + "&value=");
    json("mode=set_config&section=misc&keyword=fulldisk_autoresume&value=0");
    json("mode=history&name=delete&value=all&archive=0");
    for (auto* m : {dl_.get(), done_.get()}) {
      ASSERT_EQ(m->remount("32m"), "");  // read-write again
      std::error_code ec;
      for (const auto& e : std::filesystem::directory_iterator(m->path(), ec)) std::filesystem::remove_all(e, ec);
    }
    json("mode=warnings&name=clear");
  }

  static std::vector<std::string> warning_texts() {
    std::vector<std::string> out;
    OJson list = json("mode=warnings");
    for (const auto& w : list["warnings"]) out.push_back(w["text"]);
    return out;
  }
  static bool has_warning(const std::string& part) {
    for (const auto& t : warning_texts())
      if (t.find(part) != std::string::npos) return true;
    return false;
  }
  static bool wait_for(const std::function<bool()>& done, int seconds = 20) {
    for (int i = 0; i < seconds * 10; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
  }
  // Downloading paused and every article that was in the cache has been
  // written or handed back: what is on disk now stays as it is.
  static bool paused_and_settled() {
    OJson q = queue();
    return q["paused"] == true && q["status"] == "Paused" && q["cache_art"] == "0";
  }
  // The file called `name` anywhere under `root`; empty when there is none.
  static std::filesystem::path find_file(const std::filesystem::path& root, const std::string& name) {
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root, ec))
      if (e.is_regular_file() && e.path().filename() == name) return e.path();
    return {};
  }
  // For each of `articles` equal parts of `data` (as post_file splits it):
  // is it on disk in `path` byte for byte?
  static std::vector<bool> parts_on_disk(const std::filesystem::path& path, const std::string& data,
                                         uint32_t articles) {
    std::string disk = read_text(path);
    size_t per = (data.size() + articles - 1) / articles;
    std::vector<bool> out;
    for (uint32_t p = 0; p < articles; ++p) {
      size_t begin = p * per, len = std::min(per, data.size() - begin);
      out.push_back(disk.size() >= begin + len && disk.compare(begin, len, data, begin, len) == 0);
    }
    return out;
  }

  static inline std::string skip_;
  static inline std::unique_ptr<Tmpfs> dl_, done_;
};

}  // namespace nzbd::test
