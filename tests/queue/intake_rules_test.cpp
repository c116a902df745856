// The add-time and download-time rules as pure functions over a Job.
#include <gtest/gtest.h>

#include "queue/intake_rules.h"

namespace nzbd::queue {
namespace {

Job job_of(std::initializer_list<std::pair<std::string, uint64_t>> files, int64_t date = 1'700'000'000) {
  Job j;
  j.name = "Some.Release";
  for (const auto& [name, bytes] : files) {
    JobFile f;
    f.name = name;
    f.bytes = bytes;
    f.segments = 10;
    f.date = date;
    f.is_par2 = name.find(".par2") != std::string::npos;
    j.files.push_back(f);
  }
  return j;
}

TEST(IntakeRules, UnwantedExtensionsMatchWholeExtensionsCaseInsensitively) {
  IntakeRules r;
  r.unwanted = {"exe", "r\\d\\d"};
  EXPECT_TRUE(is_unwanted_name("Setup.EXE", r));
  EXPECT_TRUE(is_unwanted_name("a.r42", r));
  EXPECT_FALSE(is_unwanted_name("a.r4", r));
  EXPECT_FALSE(is_unwanted_name("a.exe.txt", r));
  EXPECT_FALSE(is_unwanted_name("README", r));  // no extension: never unwanted
  r.unwanted = {"(["};                           // does not compile: taken literally
  EXPECT_FALSE(is_unwanted_name("a.b", r));
  EXPECT_TRUE(is_unwanted_name("a.([", r));
  r.unwanted = {"mkv"};
  r.unwanted_whitelist = true;
  EXPECT_FALSE(is_unwanted_name("a.mkv", r));
  EXPECT_TRUE(is_unwanted_name("a.nfo", r));
  r.unwanted.clear();  // an empty list switches the check off in either mode
  EXPECT_FALSE(is_unwanted_name("a.nfo", r));
}

TEST(IntakeRules, SizeLimitPausesAtLowPriorityWithItsLabel) {
  IntakeRules r;
  r.size_limit = 1000;
  Job j = job_of({{"a.bin", 1001}});
  auto v = apply_intake_rules(j, r, Duplicate{DuplicateOf::None}, 1'700'000'000);
  EXPECT_TRUE(v.fail.empty());
  EXPECT_TRUE(j.paused);
  EXPECT_EQ(j.priority, kLowPriority);
  EXPECT_EQ(j.labels, std::vector<std::string>{kLabelTooLarge});
  Job small = job_of({{"a.bin", 1000}});
  apply_intake_rules(small, r, Duplicate{DuplicateOf::None}, 1'700'000'000);
  EXPECT_FALSE(small.paused);
  EXPECT_TRUE(small.labels.empty());
}

TEST(IntakeRules, DuplicateModesAndTheirExemptions) {
  IntakeRules r;
  for (int mode : {1, 2, 3, 4}) {
    r.no_dupes = mode;
    Job j = job_of({{"a.bin", 10}});
    auto v = apply_intake_rules(j, r, Duplicate{DuplicateOf::History}, 0);
    EXPECT_EQ(!v.discard.empty(), mode == 1) << mode;
    EXPECT_EQ(v.fail == kFailDuplicate, mode == 3) << mode;
    EXPECT_EQ(j.paused, mode == 2) << mode;
    Job alt = job_of({{"a.bin", 10}});
    v = apply_intake_rules(alt, r, Duplicate{DuplicateOf::Queue}, 0);
    EXPECT_TRUE(v.discard.empty() && v.fail.empty()) << mode;
    EXPECT_EQ(alt.labels, std::vector<std::string>{kLabelAlternative});
    EXPECT_EQ(alt.paused, mode != 4) << mode;
  }
  Job forced = job_of({{"a.bin", 10}});
  forced.priority = kForcePriority;
  EXPECT_TRUE(apply_intake_rules(forced, r, Duplicate{DuplicateOf::History}, 0).warnings.empty());
  Job retried = job_of({{"a.bin", 10}});
  retried.retry = true;
  r.no_dupes = 3;
  EXPECT_TRUE(apply_intake_rules(retried, r, Duplicate{DuplicateOf::History}, 0).fail.empty());
  // no_smart_dupes has its own mode for what the key found.
  r.no_dupes = 0;
  r.no_smart_dupes = 2;
  Job smart = job_of({{"a.bin", 10}});
  apply_intake_rules(smart, r, Duplicate{DuplicateOf::History, true}, 0);
  EXPECT_TRUE(smart.paused);
  EXPECT_EQ(smart.labels, std::vector<std::string>{kLabelDuplicate});
  r.no_smart_dupes = 0;
  Job off = job_of({{"a.bin", 10}});
  EXPECT_TRUE(apply_intake_rules(off, r, Duplicate{DuplicateOf::History}, 0).warnings.empty());
}

TEST(IntakeRules, PropagationDelayCountsFromTheAveragePostDate) {
  IntakeRules r;
  r.propagation_delay_s = 600;
  Job j = job_of({{"a.bin", 10}}, 1000);
  apply_intake_rules(j, r, Duplicate{DuplicateOf::None}, 1300);
  EXPECT_EQ(j.propagate_until, 1600);
  EXPECT_EQ(propagation_label(j, 1300), "PROPAGATING 5 min");
  EXPECT_EQ(propagation_label(j, 1590), "PROPAGATING 1 min");
  EXPECT_EQ(propagation_label(j, 1600), "");
  j.priority = kForcePriority;
  EXPECT_EQ(propagation_label(j, 1300), "");
  Job old = job_of({{"a.bin", 10}}, 1000);
  apply_intake_rules(old, r, Duplicate{DuplicateOf::None}, 5000);
  EXPECT_EQ(old.propagate_until, 0);
}

TEST(IntakeRules, HopelessOnceMissingDataExceedsTheRecoveryData) {
  IntakeRules r;
  Job j = job_of({{"a.rar", 9000}, {"a.vol0+1.par2", 1000}});
  j.files[0].bytes_missing = 800;  // 8.9% of the data, less than the 10% of par2
  EXPECT_FALSE(job_is_hopeless(j, 40, r));
  j.files[0].bytes_missing = 1100;
  EXPECT_TRUE(job_is_hopeless(j, 40, r));
  EXPECT_FALSE(job_is_hopeless(j, 5, r));  // a handful of bad articles always goes on
  r.fail_hopeless = false;
  EXPECT_FALSE(job_is_hopeless(j, 40, r));
  r.fail_hopeless = true;
  j.retry = true;
  EXPECT_FALSE(job_is_hopeless(j, 40, r));
  Job no_par2 = job_of({{"a.bin", 10000}});
  no_par2.files[0].bytes_missing = 1;
  EXPECT_TRUE(job_is_hopeless(no_par2, 6, r));
}

TEST(IntakeRules, ResumingRemovesOnlyTheChecksLabels) {
  Job j;
  j.labels = {kLabelTooLarge, "mine", kLabelEncrypted, kLabelDuplicate};
  remove_check_labels(j);
  EXPECT_EQ(j.labels, std::vector<std::string>{"mine"});
}

}  // namespace
}  // namespace nzbd::queue
