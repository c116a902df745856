// The direct unpacker: volumes handed over one at a time give the same tree
// as unpacking afterwards; a damaged or missing volume and an abort end it
// with its folder gone and the thread joined.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "unpack/direct.h"
#include "unpack/support.h"
#include "unpack/unpack.h"

namespace nzbd::unpack {
namespace {
using namespace test;
using namespace std::chrono_literals;

std::vector<fs::path> volumes_in(const std::string& set, const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& v : sample(set)["volumes"]) out.push_back(dir / v["file"].get<std::string>());
  return out;
}

bool direct_folder_in(const fs::path& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(kDirectPrefix, 0) == 0) return true;
  return false;
}

// Waits (up to 5 s) for `pred`.
template <typename F>
bool eventually(F pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

// Content of every regular file under dir, keyed by relative path, plus links.
std::map<std::string, std::string> contents(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    auto rel = it->path().lexically_relative(dir).string();
    auto st = fs::symlink_status(it->path());
    if (fs::is_symlink(st)) out[rel] = "link:" + fs::read_symlink(it->path()).string();
    else if (fs::is_regular_file(st)) out[rel] = read_file(it->path());
    else out[rel] = "dir";
  }
  return out;
}

class DirectSample : public ::testing::TestWithParam<std::string> {};

TEST_P(DirectSample, VolumesFedOneAtATimeGiveTheUnpackAfterResult) {
  const std::string set = GetParam();
  TempDir tmp;
  fs::create_directories(tmp / "bin");
  PathOverride path((tmp / "bin").string());  // no unrar: both paths use libarchive
  fs::create_directories(tmp / "job");
  fs::create_directories(tmp / "after");
  copy_sample(set, tmp / "job");
  copy_sample(set, tmp / "after");
  auto vols = volumes_in(set, tmp / "job");
  ASSERT_GE(vols.size(), 2u);

  std::atomic<size_t> at{0}, highest{0};
  DirectUnpacker d(vols, tmp / "job", [&](size_t n, size_t m) {
    EXPECT_EQ(m, vols.size());
    at = n;
    if (n > highest) highest = n;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(highest.load(), 0u);  // nothing is read before volume 1 is complete
  for (size_t i = 0; i < vols.size(); ++i) {
    d.ready(i);
    ASSERT_TRUE(eventually([&] { return highest.load() >= i + 1; })) << "volume " << i + 1;
    if (i + 1 < vols.size()) {
      std::this_thread::sleep_for(50ms);
      EXPECT_EQ(highest.load(), i + 1);  // it waits for the next volume
      EXPECT_TRUE(d.running());
    }
  }
  auto outcome = d.take();
  ASSERT_TRUE(outcome.ok()) << outcome.message();
  EXPECT_EQ(at.load(), 0u);  // ended
  EXPECT_EQ(outcome->volumes, vols);
  EXPECT_GT(outcome->entries, 0u);
  EXPECT_EQ(outcome->folder.parent_path(), tmp / "job");

  UnpackOptions opts;
  opts.dest = tmp / "job";
  opts.prepared.push_back({outcome->volumes, outcome->folder, "from direct unpack"});
  auto direct = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(direct.ok()) << direct.message();
  ASSERT_FALSE(direct->log.empty());
  EXPECT_EQ(direct->log.front(), "from direct unpack");
  EXPECT_FALSE(fs::exists(outcome->folder));  // used up

  UnpackOptions after_opts;
  after_opts.dest = tmp / "after";
  auto after = unpack_all(tmp / "after", after_opts);
  ASSERT_TRUE(after.ok()) << after.message();
  EXPECT_EQ(direct->extracted.size(), after->extracted.size());
  auto a = contents(tmp / "job"), b = contents(tmp / "after");
  EXPECT_EQ(a, b);
  EXPECT_GT(a.size(), vols.size());
}

INSTANTIATE_TEST_SUITE_P(Rar, DirectSample, ::testing::Values("rar5-multi", "rar4-multi", "rar4-oldnaming"),
                         [](const auto& test_info) {
                           std::string n = test_info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

TEST(Direct, MissingVolumeEndsItAndLeavesNoFolder) {
  TempDir tmp;
  copy_sample("rar5-multi", tmp.path());
  auto vols = volumes_in("rar5-multi", tmp.path());
  DirectUnpacker d(vols, tmp.path());
  d.ready(0);
  d.ready(2);
  std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(d.running());
  d.no_more_volumes();
  auto r = d.take();
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("rar5-multi.part2.rar"), std::string::npos) << r.message();
  EXPECT_FALSE(direct_folder_in(tmp.path()));
}

TEST(Direct, DamagedVolumeEndsItAndLeavesNoFolder) {
  for (std::string set : {"rar4-oldnaming", "rar5-multi"}) {
    SCOPED_TRACE(set);
    TempDir tmp;
    copy_sample(set, tmp.path());
    auto vols = volumes_in(set, tmp.path());
    std::string data = read_file(vols.back());
    size_t at = data.find("25\n");
    ASSERT_NE(at, std::string::npos);
    data[at] = '7';
    write_file(vols.back(), data);
    DirectUnpacker d(vols, tmp.path());
    for (size_t i = 0; i < vols.size(); ++i) d.ready(i);
    auto r = d.take();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.message().rfind(kMsgCrcError, 0), 0u) << r.message();
    EXPECT_FALSE(direct_folder_in(tmp.path()));
  }
}

TEST(Direct, AbortWhileWaitingJoinsAndRemovesTheFolder) {
  TempDir tmp;
  copy_sample("rar5-multi", tmp.path());
  auto vols = volumes_in("rar5-multi", tmp.path());
  std::atomic<size_t> highest{0};
  DirectUnpacker d(vols, tmp.path(), [&](size_t n, size_t) { highest = std::max(highest.load(), n); });
  d.ready(0);
  ASSERT_TRUE(eventually([&] { return highest.load() == 1; }));
  ASSERT_TRUE(eventually([&] { return direct_folder_in(tmp.path()); }));
  d.abort("the job was paused");
  auto r = d.take();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "the job was paused");
  EXPECT_FALSE(d.running());
  EXPECT_FALSE(direct_folder_in(tmp.path()));
}

TEST(Direct, DestroyedWhileWaitingStopsAndRemovesTheFolder) {
  TempDir tmp;
  copy_sample("rar4-multi", tmp.path());
  auto vols = volumes_in("rar4-multi", tmp.path());
  {
    DirectUnpacker d(vols, tmp.path());
    d.ready(0);
    ASSERT_TRUE(eventually([&] { return direct_folder_in(tmp.path()); }));
  }
  EXPECT_FALSE(direct_folder_in(tmp.path()));
  remove_direct_leftovers(tmp.path());  // and a leftover from a killed run goes too
  fs::create_directories(tmp / (std::string(kDirectPrefix) + "old/x"));
  remove_direct_leftovers(tmp.path());
  EXPECT_FALSE(direct_folder_in(tmp.path()));
  EXPECT_TRUE(fs::exists(vols.front()));
}

TEST(Direct, OutputThatFailsTheChecksIsExtractedAgain) {
  TempDir tmp;
  fs::create_directories(tmp / "bin");
  PathOverride path((tmp / "bin").string());
  copy_sample("rar5-multi", tmp.path());
  auto vols = volumes_in("rar5-multi", tmp.path());
  DirectUnpacker d(vols, tmp.path());
  for (size_t i = 0; i < vols.size(); ++i) d.ready(i);
  auto outcome = d.take();
  ASSERT_TRUE(outcome.ok()) << outcome.message();
  fs::remove(outcome->folder / "vols/smallfile.txt");  // as if the direct unpack had lost it
  UnpackOptions opts;
  opts.dest = tmp.path();
  opts.prepared.push_back({outcome->volumes, outcome->folder, "from direct unpack"});
  auto r = unpack_all(tmp.path(), opts);
  ASSERT_TRUE(r.ok()) << r.message();
  for (const auto& l : r->log) EXPECT_NE(l, "from direct unpack");
  EXPECT_EQ(fs::file_size(tmp / "vols/smallfile.txt"), 2050u);
  EXPECT_FALSE(direct_folder_in(tmp.path()));
}

TEST(Direct, SetsByName) {
  auto sets = rar_sets_by_name({"a.part01.rar", "a.part03.rar", "a.part02.rar", "b.rar", "b.r00", "b.r01", "x.par2",
                                "c.part2.rar", "d.part1.rar", "d.part3.rar"});
  ASSERT_EQ(sets.size(), 3u);
  EXPECT_EQ(sets[0].name, "a");
  EXPECT_EQ(sets[0].volumes, (std::vector<std::string>{"a.part01.rar", "a.part02.rar", "a.part03.rar"}));
  EXPECT_EQ(sets[1].name, "d");
  EXPECT_EQ(sets[1].volumes, (std::vector<std::string>{"d.part1.rar"}));
  EXPECT_EQ(sets[2].name, "b");
  EXPECT_EQ(sets[2].volumes, (std::vector<std::string>{"b.rar", "b.r00", "b.r01"}));
}

}  // namespace
}  // namespace nzbd::unpack
