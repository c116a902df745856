// SABnzbd's free-space rules after a finished file, over a fake disk.
#include <gtest/gtest.h>

#include <map>

#include "queue/disk_space.h"

namespace nzbd::queue {
namespace {

constexpr uint64_t MB = 1u << 20;

struct FakeDisks {
  std::map<std::string, uint64_t> free;
  FreeSpace fn() const {
    return [this](const std::filesystem::path& p) -> std::optional<uint64_t> {
      auto it = free.find(p.string());
      if (it == free.end()) return std::nullopt;
      return it->second;
    };
  }
};

DiskRules rules(uint64_t download_free, uint64_t complete_free) {
  DiskRules r;
  r.download_free = download_free;
  r.complete_free = complete_free;
  r.complete_dir = "/complete";
  return r;
}

TEST(DiskSpace, DownloadFolderNeedsDownloadFreePlusTheFinishedFile) {
  FakeDisks d{{{"/dl", 10 * MB}, {"/complete", 100 * MB}}};
  JobProgress job{100 * MB, 0, 10 * MB};
  EXPECT_FALSE(disk_shortage(rules(5 * MB, 0), "/dl", 5 * MB, job, d.fn()));  // 10 >= 5 + 5
  auto s = disk_shortage(rules(5 * MB, 0), "/dl", 6 * MB, job, d.fn());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->dir, "/dl");
  EXPECT_EQ(s->required, 11 * MB);
  // Even without download_free the next file should fit (SABnzbd's nzf.bytes).
  EXPECT_TRUE(disk_shortage(rules(0, 0), "/dl", 11 * MB, job, d.fn()));
}

TEST(DiskSpace, CompleteFolderIsCheckedFrom95PercentWithTheWholeJob) {
  FakeDisks d{{{"/dl", 1000 * MB}, {"/complete", 50 * MB}}};
  auto r = rules(0, 10 * MB);
  // 90% tried: too early to look at the complete folder.
  EXPECT_FALSE(disk_shortage(r, "/dl", MB, JobProgress{100 * MB, 0, 90 * MB}, d.fn()));
  // 96% tried: 50 MB free < 10 MB + the 100 MB job.
  auto s = disk_shortage(r, "/dl", MB, JobProgress{100 * MB, 0, 96 * MB}, d.fn());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->dir, "/complete");
  EXPECT_EQ(s->required, 110 * MB);
  // par2 bytes do not count towards the 95%: 86 of 90 MB of data tried is 95.6%.
  EXPECT_TRUE(disk_shortage(r, "/dl", MB, JobProgress{100 * MB, 10 * MB, 86 * MB}, d.fn()));
  // complete_free unset: the complete folder is never checked.
  EXPECT_FALSE(disk_shortage(rules(0, 0), "/dl", MB, JobProgress{100 * MB, 0, 100 * MB}, d.fn()));
}

TEST(DiskSpace, DirectUnpackChecksCompleteFreeAfterEveryFile) {
  FakeDisks d{{{"/dl", 1000 * MB}, {"/complete", 5 * MB}}};
  auto r = rules(0, 10 * MB);
  r.direct_unpack = true;
  auto s = disk_shortage(r, "/dl", MB, JobProgress{100 * MB, 0, 1 * MB}, d.fn());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->required, 10 * MB);
}

TEST(DiskSpace, AFolderThatCannotBeAskedIsNotReportedShort) {
  FakeDisks d;  // nothing answers: writing there fails and says why instead
  EXPECT_FALSE(disk_shortage(rules(5 * MB, 5 * MB), "/dl", MB, JobProgress{MB, 0, MB}, d.fn()));
}

TEST(DiskSpace, SizesAreReadAsSabnzbdWritesThem) {
  auto c = config::Config::defaults("/nonexistent/nzbd.ini");
  DiskRules r = DiskRules::from(c);
  EXPECT_EQ(r.download_free, 0u);  // "" = no reserve
  EXPECT_EQ(r.complete_free, 0u);
  EXPECT_FALSE(r.autoresume);
  c.set_misc("download_free", "500M");
  c.set_misc("complete_free", "2G");
  c.set_misc("fulldisk_autoresume", "1");
  r = DiskRules::from(c);
  EXPECT_EQ(r.download_free, 500 * MB);
  EXPECT_EQ(r.complete_free, 2048 * MB);
  EXPECT_TRUE(r.autoresume);
}

}  // namespace
}  // namespace nzbd::queue
