// States a kill -9 left behind that the torture run found mishandled, each
// made by hand so the restart's handling of it is checked every time.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "e2e/torture/torture_api.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"
#include "util/files.h"

namespace fs = std::filesystem;

namespace nzbd::test::torture {
namespace {

// An upload killed between storing its NZB and its job record: the API never
// answered it, so the restart drops its folder instead of keeping it forever.
TEST(KillNineRegression, AnAddKilledBeforeItsJobRecordLeavesNoFolder) {
  TempDir dir;
  DaemonProcess d(dir / "home");
  ASSERT_TRUE(d.start()) << d.output();
  d.kill9();
  fs::path half = dir / "home" / "admin" / "queue" / "SABnzbd_nzo_killedad";
  fs::create_directories(half);
  write_text(half / "job.nzb.tmp-0123abcd", "<?xml version=\"1.0\"?><nzb");
  fs::path other = dir / "home" / "admin" / "queue" / "SABnzbd_nzo_killedbe";
  fs::create_directories(other);
  write_text(other / "job.nzb", "<?xml version=\"1.0\"?><nzb></nzb>");
  ASSERT_TRUE(d.start()) << d.output();
  EXPECT_FALSE(fs::exists(half));
  EXPECT_FALSE(fs::exists(other));
  EXPECT_TRUE(Api(d).queue_slots().empty());
  EXPECT_EQ(d.stop(), 0) << d.output();
}

// Writes a kill cut between creating and renaming their temp file: the
// restart removes those temps (and nothing else) beside the files they were for.
TEST(KillNineRegression, TempFilesOfCutShortAtomicWritesAreRemovedAtStart) {
  TempDir dir;
  fs::path home = dir / "home";
  DaemonProcess d(home);
  ASSERT_TRUE(d.start()) << d.output();
  auto id = Api(d).add("kept", "<?xml version=\"1.0\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">"
                                 "<file poster=\"p\" date=\"1700000000\" subject=\"&quot;a.bin&quot; yEnc (1/1)\">"
                                 "<groups><group>a.b</group></groups><segments>"
                                 "<segment bytes=\"10\" number=\"1\">a@b</segment></segments></file></nzb>",
                       "&priority=-2");
  ASSERT_TRUE(id);
  d.kill9();
  fs::path queue = home / "admin" / "queue";
  std::vector<fs::path> temps = {home / "nzbd.ini.tmp-8ab93242", queue / "order.json.tmp-5caf2caf",
                                 queue / *id / "job.json.tmp-0badc0de", queue / *id / "job.nzb.tmp-12345678"};
  for (const auto& t : temps) write_text(t, "half");
  fs::path unrelated = home / "nzbd.ini.tmp-notes";
  write_text(unrelated, "mine");
  ASSERT_TRUE(d.start()) << d.output();
  for (const auto& t : temps) EXPECT_FALSE(fs::exists(t)) << t;
  EXPECT_TRUE(fs::exists(unrelated));
  EXPECT_EQ(Api(d).queue_slots().size(), 1u);
  EXPECT_EQ(d.stop(), 0) << d.output();
}

// Placing across file systems is a copy: one cut short (here by a file that
// cannot be copied, as a kill would) must not leave a half-filled target,
// which a restart would take for the placed job. The source stays whole.
TEST(KillNineRegression, AMoveAcrossFileSystemsLeavesNoHalfTarget) {
  TempDir src_root;
  struct stat here {}, shm {};
  if (::stat(src_root.path().c_str(), &here) != 0 || ::stat("/dev/shm", &shm) != 0 || here.st_dev == shm.st_dev)
    GTEST_SKIP() << "needs /dev/shm on another file system than $TMPDIR";
  std::string other = "/dev/shm/nzbd-move-XXXXXX";
  ASSERT_NE(::mkdtemp(other.data()), nullptr);
  fs::path from = src_root / "job", to = fs::path(other) / "job";
  fs::create_directories(from);
  for (const char* name : {"a.bin", "b.bin", "c.bin"}) write_text(from / name, std::string(10000, 'x'));
  ASSERT_EQ(::mkfifo((from / "pipe").c_str(), 0600), 0);  // copy refuses it
  Status st = move_path(from, to);
  EXPECT_FALSE(st);
  EXPECT_FALSE(fs::exists(to));
  EXPECT_TRUE(fs::exists(from / "a.bin") && fs::exists(from / "b.bin") && fs::exists(from / "c.bin"));
  fs::remove(from / "pipe");
  EXPECT_TRUE(move_path(from, to));
  EXPECT_EQ(read_text(to / "c.bin").size(), 10000u);
  EXPECT_FALSE(fs::exists(from));
  EXPECT_FALSE(fs::exists(fs::path(other) / ".nzbd-moving-job"));
  fs::remove_all(other);
}

}  // namespace
}  // namespace nzbd::test::torture
