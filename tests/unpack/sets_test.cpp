// Finding sets (names, magic, missing volumes), 7z splits, nested archives,
// the recursion guard and cleanup.
#include <gtest/gtest.h>

#include "unpack/internal.h"
#include "unpack/unpack.h"
#include "unpack/support.h"
#include "unpack/zip_writer.h"

namespace nzbd::unpack {
namespace {
using namespace test;

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = char(rng());
  return s;
}

bool have_7zz() { return find_7zz(UnpackOptions{}).has_value(); }

int run_shell(const std::string& cmd) { return std::system(cmd.c_str()); }

TEST(FindSets, VolumesAreOrderedNumericallyAndNonArchivesIgnored) {
  TempDir tmp;
  std::string rar5_magic("Rar!\x1a\x07\x01\x00", 8);
  for (int i = 1; i <= 11; ++i) write_file(tmp / ("big.part" + std::to_string(i) + ".rar"), rar5_magic + "junk");
  write_file(tmp / "notes.nfo", "hello");
  write_file(tmp / "fake.rar", "not a rar at all");
  write_file(tmp / "movie.mkv.001", "plain split file, no archive magic");
  write_file(tmp / "show.par2", "PAR2\0PKT");
  auto sets = find_archive_sets(tmp.path());
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].name, "big");
  ASSERT_EQ(sets[0].volumes.size(), 11u);
  for (int i = 0; i < 11; ++i) EXPECT_EQ(sets[0].volumes[i].filename(), "big.part" + std::to_string(i + 1) + ".rar");
  EXPECT_FALSE(sets[0].incomplete);
}

TEST(FindSets, SeveralSetsAndObfuscatedNames) {
  TempDir tmp;
  copy_sample("rar4-oldnaming", tmp.path());
  copy_sample("rar5-multi", tmp.path());
  fs::copy_file(rar_data() / "rar5-single.rar", tmp / "a8f3e0c2b1d4");  // no extension, found by magic
  auto sets = find_archive_sets(tmp.path());
  ASSERT_EQ(sets.size(), 3u);
  std::map<std::string, size_t> volumes;
  for (const auto& s : sets) volumes[s.name] = s.volumes.size();
  EXPECT_EQ(volumes["rar4-oldnaming"], 3u);
  EXPECT_EQ(volumes["rar5-multi"], 3u);
  EXPECT_EQ(volumes["a8f3e0c2b1d4"], 1u);
  for (const auto& s : sets)
    if (s.name == "rar4-oldnaming") {
      EXPECT_EQ(s.volumes[1].filename(), "rar4-oldnaming.r00");
    }
}

TEST(SevenZipSplit, AllPartsExtractAndAMissingPartIsReported) {
  if (!have_7zz()) GTEST_SKIP() << "7zz not installed";
  TempDir tmp;
  std::string payload = random_bytes(350 * 1024, 7);
  write_file(tmp / "src" / "payload.bin", payload);
  fs::create_directories(tmp / "job");
  ASSERT_EQ(run_shell("cd '" + (tmp / "src").string() + "' && 7zz a -bd -mx=0 -v100k '" +
                      (tmp / "job" / "movie.7z").string() + "' payload.bin >/dev/null"),
            0);
  auto sets = find_archive_sets(tmp / "job");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].kind, ArchiveSet::SevenZip);
  EXPECT_EQ(sets[0].name, "movie");
  ASSERT_EQ(sets[0].volumes.size(), 4u);
  EXPECT_EQ(sets[0].volumes[3].filename(), "movie.7z.004");
  EXPECT_FALSE(sets[0].encrypted);

  UnpackOptions opts;
  opts.dest = tmp / "dest";
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(sha256_file(tmp / "dest" / "payload.bin"), sha256_hex(payload));
  EXPECT_EQ(r->used_volumes.size(), 4u);

  fs::remove(tmp / "job" / "movie.7z.002");
  auto missing = find_archive_sets(tmp / "job");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_TRUE(missing[0].incomplete);
  EXPECT_NE(missing[0].incomplete_reason.find("movie.7z.002"), std::string::npos);
  opts.dest = tmp / "dest2";
  auto r2 = unpack_all(tmp / "job", opts);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.message().rfind(kMsgMissingVolume, 0), 0u);
}

TEST(Nested, ZipInside7zIsUnpackedAndCleanedUp) {
  if (!have_7zz()) GTEST_SKIP() << "7zz not installed";
  TempDir tmp;
  fs::create_directories(tmp / "src");
  ASSERT_TRUE(make_zip(tmp / "src" / "inner.zip", {{"episode.mkv", "video data"}, {"info.nfo", "nfo"}}));
  fs::create_directories(tmp / "job");
  ASSERT_EQ(run_shell("cd '" + (tmp / "src").string() + "' && 7zz a -bd '" + (tmp / "job" / "outer.7z").string() +
                      "' inner.zip >/dev/null"),
            0);
  write_file(tmp / "job" / "outer.par2", "par2");
  write_file(tmp / "job" / "outer.vol0+1.PAR2", "par2");
  write_file(tmp / "job" / "readme.txt", "keep me");

  UnpackOptions opts;
  opts.dest = tmp / "dest";
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(read_file(tmp / "dest" / "episode.mkv"), "video data");
  EXPECT_EQ(r->used_volumes.size(), 2u);
  EXPECT_EQ(r->used_volumes[1], tmp / "dest" / "inner.zip");

  // A failed job removes nothing.
  CleanupOptions copts;
  copts.cleanup_list = {"nfo", ".TXT2", "*.srr"};
  copts.job_failed = true;
  EXPECT_TRUE(cleanup_after_success(tmp / "job", tmp / "dest", r, copts).removed.empty());
  Result<UnpackResult> failed = make_error("x");
  copts.job_failed = false;
  EXPECT_TRUE(cleanup_after_success(tmp / "job", tmp / "dest", failed, copts).removed.empty());
  EXPECT_TRUE(fs::exists(tmp / "job" / "outer.7z"));

  auto report = cleanup_after_success(tmp / "job", tmp / "dest", r, copts);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.removed.size(), 5u);
  EXPECT_EQ(tree_of(tmp / "job"), std::vector<std::string>{"readme.txt"});
  EXPECT_EQ(tree_of(tmp / "dest"), std::vector<std::string>{"episode.mkv"});
}

TEST(Nested, Pp2KeepsArchivesButAppliesCleanupList) {
  TempDir tmp;
  fs::create_directories(tmp / "job");
  ASSERT_TRUE(make_zip(tmp / "job" / "a.zip", {{"x.mkv", "x"}, {"x.nfo", "n"}}));
  write_file(tmp / "job" / "a.par2", "p");
  UnpackOptions opts;
  opts.dest = tmp / "dest";
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(r.ok()) << r.message();
  CleanupOptions copts;
  copts.pp = 2;
  copts.cleanup_list = {".nfo"};
  auto report = cleanup_after_success(tmp / "job", tmp / "dest", r, copts);
  EXPECT_EQ(report.removed.size(), 1u);
  EXPECT_EQ(tree_of(tmp / "job"), (std::vector<std::string>{"a.par2", "a.zip"}));
  EXPECT_EQ(tree_of(tmp / "dest"), std::vector<std::string>{"x.mkv"});
}

TEST(Nested, DepthIsLimited) {
  TempDir tmp;
  fs::create_directories(tmp / "build");
  // level5.zip holds level4.zip ... level1.zip holds core.txt
  ASSERT_TRUE(make_zip(tmp / "build" / "level1.zip", {{"core.txt", "core"}}));
  for (int i = 2; i <= 5; ++i) {
    std::string prev = read_file(tmp / "build" / ("level" + std::to_string(i - 1) + ".zip"));
    ASSERT_TRUE(make_zip(tmp / "build" / ("level" + std::to_string(i) + ".zip"),
                         {{"level" + std::to_string(i - 1) + ".zip", prev}}));
  }
  fs::create_directories(tmp / "job");
  fs::copy_file(tmp / "build" / "level5.zip", tmp / "job" / "level5.zip");
  UnpackOptions opts;
  opts.dest = tmp / "dest";
  opts.max_depth = 2;
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(r.ok()) << r.message();
  // level5 (depth 0) -> level4 (1) -> level3 (2) -> level2.zip stays packed
  EXPECT_TRUE(fs::exists(tmp / "dest" / "level2.zip"));
  EXPECT_FALSE(fs::exists(tmp / "dest" / "level1.zip"));
  EXPECT_FALSE(fs::exists(tmp / "dest" / "core.txt"));

  opts.dest = tmp / "dest-all";
  opts.max_depth = 10;
  auto all = unpack_all(tmp / "job", opts);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(read_file(tmp / "dest-all" / "core.txt"), "core");

  opts.dest = tmp / "dest-flat";
  opts.recursive = false;
  ASSERT_TRUE(unpack_all(tmp / "job", opts).ok());
  EXPECT_EQ(tree_of(tmp / "dest-flat"), std::vector<std::string>{"level4.zip"});
}

TEST(Cancel, AbortsAndLeavesNothing) {
  TempDir tmp;
  fs::create_directories(tmp / "job");
  copy_sample("rar5-multi", tmp / "job");
  UnpackOptions opts;
  opts.dest = tmp / "dest";
  opts.cancelled = [] { return true; };
  fs::create_directories(tmp / "bin");
  PathOverride path((tmp / "bin").string());
  auto r = unpack_all(tmp / "job", opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), kMsgAborted);
  EXPECT_TRUE(tree_of(tmp / "dest").empty());
}

}  // namespace
}  // namespace nzbd::unpack

namespace nzbd::unpack {
namespace {
using namespace test;

TEST(Staging, LeftoversOfAKilledRunAreRemoved) {
  TempDir tmp;
  fs::create_directories(tmp / "job");
  fs::create_directories(tmp / "dest" / ".nzbd-unpack-AbC123" / "half");
  write_file(tmp / "dest" / ".nzbd-unpack-AbC123" / "half" / "part.bin", "partial");
  write_file(tmp / "dest" / "keep.txt", "mine");
  ASSERT_TRUE(make_zip(tmp / "job" / "a.zip", {{"x.txt", "x"}}));
  UnpackOptions opts;
  opts.dest = tmp / "dest";
  ASSERT_TRUE(unpack_all(tmp / "job", opts).ok());
  EXPECT_EQ(tree_of(tmp / "dest"), (std::vector<std::string>{"keep.txt", "x.txt"}));
}

}  // namespace
}  // namespace nzbd::unpack
