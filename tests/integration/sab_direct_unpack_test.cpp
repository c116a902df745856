// direct_unpack against the real binary and the fake news server: a
// three-volume RAR job whose last volume is held back on the server shows
// SABnzbd's "N/M" in the slot while it waits, and its result equals the same
// job unpacked after the download.
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabDirectUnpack : public SabDownloadFixture {
 protected:
  void TearDown() override {
    json("mode=set_config_default&keyword=direct_unpack");
    json("mode=set_config_default&keyword=direct_unpack_threads");
  }
  // rar5-multi on the fake server: parts 1 and 2 in 4 articles each, part 3 in one.
  static std::vector<Posted> post_set() {
    std::vector<Posted> files;
    for (int part = 1; part <= 3; ++part) {
      std::string file = "rar5-multi.part" + std::to_string(part) + ".rar";
      files.push_back(post_file(file, sample(file), part < 3 ? 4 : 1));
    }
    return files;
  }
  static void set_misc(const std::string& key, const std::string& value) {
    OJson r = json("mode=set_config&section=misc&keyword=" + key + "&value=" + value);
    ASSERT_FALSE(r.contains("error")) << r.dump();
  }
  static std::string sample(const std::string& name) {
    std::ifstream in(fs::path(NZBD_SOURCE_DIR) / "tests/data/rar" / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Every file and folder under dir (relative path -> content, "dir" for folders).
  static std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
      std::string rel = it->path().lexically_relative(dir).string();
      if (it->is_directory()) {
        out[rel] = "dir";
        continue;
      }
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out[rel] = ss.str();
    }
    return out;
  }
  static std::vector<std::string> unpack_actions(const OJson& slot) {
    std::vector<std::string> out;
    for (const auto& stage : slot.value("stage_log", OJson::array()))
      if (stage["name"] == "Unpack")
        for (const auto& a : stage["actions"]) out.push_back(a.get<std::string>());
    return out;
  }

  struct Run {
    std::vector<std::string> seen;  // distinct direct_unpack values of the slot while it waited
    OJson history;
  };
  // Posts rar5-multi (parts 1 and 2 in 4 articles each, part 3 in one that is
  // held) and lets the job wait on the held article for a while.
  static Run download(const std::string& name) {
    auto files = post_set();
    const std::string held = files[2].ids[0];
    nntp_->hold(held);
    Run run;
    std::string id = add(name + ".nzb", nzb_of(files));
    for (int i = 0; i < 300; ++i) {  // 3 s of watching the slot
      OJson s = slot_of(id);
      if (!s.is_null()) {
        std::string v = s["direct_unpack"].is_null() ? "null" : s["direct_unpack"].get<std::string>();
        if (run.seen.empty() || run.seen.back() != v) run.seen.push_back(v);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    nntp_->release(held);
    run.history = wait_history(id);
    return run;
  }
};

TEST_F(SabDirectUnpack, StartsWhileTheLastVolumeDownloadsAndGivesTheUnpackAfterResult) {
  set_misc("direct_unpack", "1");
  Run direct = download("Direct.On");
  ASSERT_FALSE(direct.history.is_null());
  ASSERT_EQ(direct.history["status"], "Completed") << direct.history.dump();
  // Volumes 1 and 2 were read; the unpacker waits at the start of volume 3.
  ASSERT_FALSE(direct.seen.empty());
  EXPECT_EQ(direct.seen.back(), "02/03") << ::testing::PrintToString(direct.seen);
  auto actions = unpack_actions(direct.history);
  bool used = false;
  for (const auto& a : actions)
    if (a.rfind("[rar5-multi] Direct Unpack - Unpacked 2 files/folders in ", 0) == 0) used = true;
  EXPECT_TRUE(used) << ::testing::PrintToString(actions);

  set_misc("direct_unpack", "0");
  Run after = download("Direct.Off");
  ASSERT_EQ(after.history["status"], "Completed") << after.history.dump();
  EXPECT_EQ(after.seen, std::vector<std::string>{"null"});
  for (const auto& a : unpack_actions(after.history)) EXPECT_EQ(a.find("Direct Unpack"), std::string::npos) << a;

  auto a = tree(direct.history["storage"].get<std::string>());
  auto b = tree(after.history["storage"].get<std::string>());
  EXPECT_EQ(a, b);
  ASSERT_TRUE(a.count("vols/bigfile.txt"));
  EXPECT_EQ(a["vols/bigfile.txt"].size(), 205000u);
  for (const auto& [rel, content] : a) EXPECT_EQ(rel.find(".nzbd-"), std::string::npos) << rel;
}

TEST_F(SabDirectUnpack, APausedJobStopsItAndUnpacksAfterwardsAsUsual) {
  set_misc("direct_unpack", "1");
  auto files = post_set();
  nntp_->hold(files[2].ids[0]);
  std::string id = add("Direct.Paused.nzb", nzb_of(files));
  OJson s;
  for (int i = 0; i < 500; ++i) {
    s = slot_of(id);
    if (!s.is_null() && s["direct_unpack"] == "02/03") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(s["direct_unpack"], "02/03") << s.dump();
  json("mode=queue&name=pause&value=" + id);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(slot_of(id)["direct_unpack"].is_null());
  nntp_->release(files[2].ids[0]);
  json("mode=queue&name=resume&value=" + id);
  OJson h = wait_history(id);
  ASSERT_EQ(h["status"], "Completed") << h.dump();
  for (const auto& a : unpack_actions(h)) EXPECT_EQ(a.find("Direct Unpack"), std::string::npos) << a;
  auto t = tree(h["storage"].get<std::string>());
  ASSERT_TRUE(t.count("vols/bigfile.txt"));
  EXPECT_EQ(t["vols/bigfile.txt"].size(), 205000u);
  for (const auto& [rel, content] : t) EXPECT_EQ(rel.find(".nzbd-"), std::string::npos) << rel;
}

// direct_unpack_threads caps the direct unpacks of all jobs (SABnzbd's
// "Too many DirectUnpackers"): a second job waits for its unpack afterwards.
TEST_F(SabDirectUnpack, TheThreadLimitHoldsASecondJobBack) {
  set_misc("direct_unpack", "1");
  set_misc("direct_unpack_threads", "1");
  // One request per connection, so nothing queues behind a held article.
  json("mode=set_config&section=servers&name=fake&pipelining_requests=1");
  auto first = post_set(), second = post_set();
  nntp_->hold(first[2].ids[0]);
  nntp_->hold(second[2].ids[0]);
  std::string a = add("Direct.First.nzb", nzb_of(first));
  for (int i = 0; i < 500 && slot_of(a)["direct_unpack"] != "02/03"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(slot_of(a)["direct_unpack"], "02/03");
  // The second job's first two volumes come in over the other connection.
  std::string b = add("Direct.Second.nzb", nzb_of(second));
  auto percent = [](const OJson& s) { return s.is_null() ? 0 : std::stoi(s["percentage"].get<std::string>()); };
  for (int i = 0; i < 500 && percent(slot_of(b)) < 90; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GE(percent(slot_of(b)), 90);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(slot_of(a)["direct_unpack"], "02/03");
  EXPECT_TRUE(slot_of(b)["direct_unpack"].is_null()) << slot_of(b).dump();
  nntp_->release(first[2].ids[0]);
  nntp_->release(second[2].ids[0]);
  for (const auto& id : {a, b}) {
    OJson h = wait_history(id);
    ASSERT_EQ(h["status"], "Completed") << h.dump();
    auto t = tree(h["storage"].get<std::string>());
    EXPECT_EQ(t["vols/bigfile.txt"].size(), 205000u);
    EXPECT_EQ(t["vols/smallfile.txt"].size(), 2050u);
  }
  json("mode=set_config&section=servers&name=fake&pipelining_requests=2");
}

// A job whose RAR set unpacked directly but whose other file needed a par2
// repair: the direct output is discarded and the set unpacked afterwards.
TEST_F(SabDirectUnpack, ARepairDiscardsItsOutput) {
  set_misc("direct_unpack", "1");
  fs::path src = dir_->path() / "repair-src";
  fs::create_directories(src);
  std::string other = random_bytes(120000);
  std::ofstream(src / "other.bin", std::ios::binary) << other;
  std::vector<std::string> names;
  for (int part = 1; part <= 3; ++part) {
    names.push_back("rar5-multi.part" + std::to_string(part) + ".rar");
    std::ofstream(src / names.back(), std::ios::binary) << sample(names.back());
  }
  std::string cmd = "cd '" + src.string() + "' && par2 create -q -q -s20000 -r20 -n1 set.par2 other.bin " +
                    names[0] + " " + names[1] + " " + names[2] + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::vector<Posted> files;
  for (const auto& n : names) files.push_back(post_file(n, sample(n), 4));
  std::string damaged = other;
  damaged[50000] ^= 0x55;  // a good yEnc article of wrong data: only par2 sees it
  files.push_back(post_file("other.bin", damaged, 6));
  for (const auto& e : fs::directory_iterator(src)) {
    std::string n = e.path().filename().string();
    if (n.size() > 5 && n.substr(n.size() - 5) == ".par2") files.push_back(post_file(n, [&] {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
      }(), 1));
  }
  std::string id = add("Direct.Repair.nzb", nzb_of(files));
  OJson h = wait_history(id, 60);
  ASSERT_EQ(h["status"], "Completed") << h.dump();
  EXPECT_NE(d().output().find("Direct Unpack of rar5-multi started"), std::string::npos);
  bool repaired = false;
  for (const auto& stage : h["stage_log"])
    for (const auto& a : stage["actions"])
      if (a.get<std::string>().rfind("Repaired", 0) == 0) repaired = true;
  EXPECT_TRUE(repaired) << h["stage_log"].dump();
  auto actions = unpack_actions(h);
  for (const auto& a : actions) EXPECT_EQ(a.find("Direct Unpack"), std::string::npos) << a;
  EXPECT_EQ(std::count_if(actions.begin(), actions.end(),
                          [](const std::string& a) { return a.rfind("Unpacked RAR set rar5-multi", 0) == 0; }),
            1);
  auto t = tree(h["storage"].get<std::string>());
  EXPECT_EQ(t["other.bin"], other);
  EXPECT_EQ(t["vols/bigfile.txt"].size(), 205000u);
  for (const auto& [rel, content] : t) EXPECT_EQ(rel.find(".nzbd-"), std::string::npos) << rel;
}

// kill -9 while the unpacker waits: its folder is left in the job folder; the
// restarted daemon finishes the job, removes that folder unused, and unpacks
// the set once.
TEST_F(SabDirectUnpack, AKillDuringItLeavesNothingThatConfusesTheRestart) {
  set_misc("direct_unpack", "1");
  auto files = post_set();
  nntp_->hold(files[2].ids[0]);
  std::string id = add("Direct.Killed.nzb", nzb_of(files));
  for (int i = 0; i < 500 && slot_of(id)["direct_unpack"] != "02/03"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(slot_of(id)["direct_unpack"], "02/03");
  auto leftovers = [] {
    std::vector<fs::path> out;
    for (auto it = fs::recursive_directory_iterator(d().home()); it != fs::recursive_directory_iterator(); ++it)
      if (it->path().filename().string().rfind(".nzbd-direct-", 0) == 0) out.push_back(it->path());
    return out;
  };
  ASSERT_EQ(leftovers().size(), 1u);  // the unpacker's folder, with part of the output in it
  d().kill9();
  ASSERT_EQ(leftovers().size(), 1u);
  nntp_->release(files[2].ids[0]);
  ASSERT_TRUE(d().start()) << d().output();
  OJson h = wait_history(id);
  ASSERT_EQ(h["status"], "Completed") << h.dump();
  // The restarted daemon sees volumes 1 and 2 complete from its journal, so the
  // set may be unpacked directly again (in a new folder) or afterwards: once.
  auto actions = unpack_actions(h);
  EXPECT_EQ(std::count_if(actions.begin(), actions.end(),
                          [](const std::string& a) { return a.rfind("Unpacked RAR set rar5-multi", 0) == 0; }),
            1)
      << ::testing::PrintToString(actions);
  auto t = tree(h["storage"].get<std::string>());
  EXPECT_EQ(t.size(), 3u);  // vols, vols/bigfile.txt, vols/smallfile.txt: no stray folder
  ASSERT_TRUE(t.count("vols/bigfile.txt"));
  EXPECT_EQ(t["vols/bigfile.txt"].size(), 205000u);
  EXPECT_EQ(t["vols/smallfile.txt"].size(), 2050u);
  EXPECT_TRUE(leftovers().empty());
}

}  // namespace
}  // namespace nzbd::test
