// The rules that spare users bad releases, against the real binary and the
// fake news server: size_limit, unwanted extensions (in the NZB and inside a
// RAR), duplicates, propagation_delay, fail_hopeless_jobs and encrypted RARs.
// Each says what it did in SABnzbd's own words (labels, status, history's
// fail_message), and the fake server's counters show what was not fetched.
#include <fstream>
#include <sstream>

#include "integration/sab_download_fixture.h"

namespace nzbd::test {
namespace {
namespace fs = std::filesystem;

class SabGuards : public SabDownloadFixture {
 protected:
  void TearDown() override {
    for (const char* key : {"size_limit", "unwanted_extensions", "action_on_unwanted_extensions",
                            "unwanted_extensions_mode", "no_dupes", "propagation_delay", "fail_hopeless_jobs",
                            "pause_on_pwrar", "history_retention_option", "history_retention_number", "pre_check", "no_smart_dupes",
                            "req_completion_rate"})
      json(std::string("mode=set_config_default&keyword=") + key);
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
  static bool has_label(const OJson& slot, const std::string& label) {
    for (const auto& l : slot.value("labels", OJson::array()))
      if (l == label) return true;
    return false;
  }
  // Waits until the job's queue slot satisfies `ok`; returns the slot.
  template <typename F>
  static OJson wait_slot(const std::string& id, F ok, int seconds = 20) {
    OJson s;
    for (int i = 0; i < seconds * 10; ++i) {
      s = slot_of(id);
      if (!s.is_null() && ok(s)) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return s;
  }
  static size_t requests_for(const Posted& p) {
    size_t n = 0;
    for (const auto& id : p.ids) n += nntp_->body_requests(id);
    return n;
  }
};

TEST_F(SabGuards, AJobOverTheSizeLimitWaitsPausedAtLowPriority) {
  set_misc("size_limit", "100K");
  auto file = post_file("big.bin", random_bytes(300000), 3);
  std::string id = add("Too.Big.nzb", nzb_of({file}));
  OJson s = slot_of(id);
  EXPECT_EQ(s["status"], "Paused");
  EXPECT_EQ(s["priority"], "Low");
  EXPECT_TRUE(has_label(s, "TOO LARGE")) << s.dump();
  auto x = get("mode=queue&output=xml&nzo_ids=" + id).body;
  EXPECT_NE(x.find("TOO LARGE"), std::string::npos) << x;
  EXPECT_NE(x.find("<status>Paused</status>"), std::string::npos) << x;
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(requests_for(file), 0u);
  // Resumed by the user, it downloads and the label goes. One article is held
  // at the server so the job is still queued when its slot is read.
  nntp_->hold(file.ids[2]);
  json("mode=queue&name=resume&value=" + id);
  OJson resumed = slot_of(id);
  nntp_->release(file.ids[2]);
  ASSERT_FALSE(resumed.is_null());
  EXPECT_FALSE(has_label(resumed, "TOO LARGE")) << resumed.dump();
  EXPECT_EQ(wait_history(id)["status"], "Completed");
}

TEST_F(SabGuards, AnUnwantedExtensionInTheNzbFailsTheJobIntoHistory) {
  set_misc("unwanted_extensions", "exe,com");
  set_misc("action_on_unwanted_extensions", "2");
  auto file = post_file("setup.exe", random_bytes(50000));
  OJson added = add_file("Unwanted.Release.nzb", nzb_of({file}));
  ASSERT_EQ(added["status"], true) << added.dump();
  OJson h = wait_history(added["nzo_ids"][0]);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "Aborted, unwanted extension detected");
  EXPECT_EQ(requests_for(file), 0u);
  EXPECT_NE(json("mode=warnings").dump().find("Unwanted Extension in file setup.exe"), std::string::npos);
}

TEST_F(SabGuards, AnUnwantedExtensionPausesWhenAskedAndWhitelistModeInverts) {
  set_misc("unwanted_extensions", "mkv");
  set_misc("unwanted_extensions_mode", "1");  // only mkv is wanted
  set_misc("action_on_unwanted_extensions", "1");
  std::string id = add("Whitelisted.nzb", nzb_of({post_file("movie.mkv", random_bytes(20000)),
                                                  post_file("extra.scr", random_bytes(20000))}));
  OJson s = slot_of(id);
  EXPECT_EQ(s["status"], "Paused");
  EXPECT_TRUE(has_label(s, "UNWANTED")) << s.dump();
  // A regular expression matches the whole extension.
  set_misc("unwanted_extensions_mode", "0");
  set_misc("unwanted_extensions", "r%5Cd%5Cd");  // r\d\d
  std::string other = add("Regex.nzb", nzb_of({post_file("old.r07", random_bytes(20000))}));
  EXPECT_TRUE(has_label(slot_of(other), "UNWANTED"));
  std::string fine = add("Fine.nzb", nzb_of({post_file("old.rar2", random_bytes(20000))}));
  EXPECT_EQ(wait_history(fine)["status"], "Completed");
}

TEST_F(SabGuards, DuplicatesOfHistoryArePausedDiscardedFailedOrTagged) {
  std::string first = add("Dupe.Show.S01E01.nzb", post("dupe1.bin", 40000));
  ASSERT_EQ(wait_history(first)["status"], "Completed");

  set_misc("no_dupes", "2");
  std::string paused = add("Dupe.Show.S01E01.nzb", post("dupe2.bin", 40000));
  OJson s = slot_of(paused);
  EXPECT_EQ(s["status"], "Paused");
  EXPECT_TRUE(has_label(s, "DUPLICATE")) << s.dump();
  json("mode=queue&name=delete&value=" + paused);

  set_misc("no_dupes", "1");
  OJson discarded = add_file("dupe.show.s01e01.nzb", post("dupe3.bin", 40000));
  EXPECT_EQ(discarded["status"], false) << discarded.dump();
  EXPECT_TRUE(queue_ids().empty());
  EXPECT_NE(json("mode=warnings").dump().find("Ignoring duplicate NZB"), std::string::npos);

  set_misc("no_dupes", "3");
  OJson failed = add_file("Dupe.Show.S01E01.nzb", post("dupe4.bin", 40000));
  ASSERT_EQ(failed["status"], true);
  OJson h = wait_history(failed["nzo_ids"][0]);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "Duplicate NZB");

  // A failed row is not a duplicate; tagging lets the job run.
  set_misc("no_dupes", "4");
  json("mode=pause");  // so the slots can be looked at before they finish
  std::string tagged = add("Dupe.Show.S01E01.nzb", post("dupe5.bin", 40000));
  std::string unseen = add("Other.Show.S01E01.nzb", post("dupe6.bin", 40000));
  EXPECT_TRUE(has_label(slot_of(tagged), "DUPLICATE")) << slot_of(tagged).dump();
  EXPECT_EQ(slot_of(tagged)["status"], "Queued");
  EXPECT_FALSE(has_label(slot_of(unseen), "DUPLICATE"));
  json("mode=resume");
  EXPECT_EQ(wait_history(tagged)["status"], "Completed");
  EXPECT_EQ(wait_history(unseen)["status"], "Completed");
}

TEST_F(SabGuards, SmartDuplicatesCompareShowSeasonAndEpisode) {
  std::string first = add("Smart.Show.S02E05.720p.HDTV-GRP.nzb", post("smart1.bin", 30000));
  OJson h = wait_history(first);
  ASSERT_EQ(h["status"], "Completed");
  EXPECT_EQ(h["duplicate_key"], "smartshow/2/5");
  set_misc("no_smart_dupes", "2");
  std::string other = add("Smart.Show.S02E05.1080p.WEB-DL-OTHER.nzb", post("smart2.bin", 30000));
  OJson s = slot_of(other);
  EXPECT_EQ(s["status"], "Paused");
  EXPECT_TRUE(has_label(s, "DUPLICATE")) << s.dump();
  json("mode=queue&name=delete&value=" + other);
  // A PROPER may follow; another episode is no duplicate.
  std::string proper = add("Smart.Show.S02E05.PROPER.1080p.WEB-DL-FIX.nzb", post("smart3.bin", 30000));
  std::string next = add("Smart.Show.S02E06.720p.HDTV-GRP.nzb", post("smart4.bin", 30000));
  EXPECT_EQ(wait_history(proper)["status"], "Completed");
  EXPECT_EQ(wait_history(next)["status"], "Completed");
}

TEST_F(SabGuards, ASecondQueuedJobOfTheSameNameWaitsAsAnAlternative) {
  set_misc("no_dupes", "2");
  json("mode=pause");
  std::string first = add("Alt.Release.nzb", post("alt1.bin", 40000));
  std::string second = add("Alt.Release.nzb", post("alt2.bin", 40000));
  EXPECT_FALSE(has_label(slot_of(first), "ALTERNATIVE"));
  OJson s = slot_of(second);
  EXPECT_TRUE(has_label(s, "ALTERNATIVE")) << s.dump();
  EXPECT_EQ(s["status"], "Paused");
  json("mode=resume");
  EXPECT_EQ(wait_history(first)["status"], "Completed");
  // The original completed: in mode 2 its alternative stays paused, now a DUPLICATE.
  OJson after = wait_slot(second, [](const OJson& slot) { return has_label(slot, "DUPLICATE"); });
  EXPECT_EQ(after["status"], "Paused");
  EXPECT_FALSE(has_label(after, "ALTERNATIVE")) << after.dump();
}

TEST_F(SabGuards, AnAlternativeDownloadsWhenTheOriginalFails) {
  set_misc("no_dupes", "2");
  json("mode=pause");
  auto broken = post_file("orig.bin", random_bytes(6000), 2, {1, 2});  // nothing of it on the server
  std::string original = add("Alt.Failing.nzb", nzb_of({broken}));
  std::string alternative = add("Alt.Failing.nzb", post("alt-good.bin", 30000));
  EXPECT_TRUE(has_label(slot_of(alternative), "ALTERNATIVE"));
  json("mode=resume");
  EXPECT_EQ(wait_history(original)["status"], "Failed");
  EXPECT_EQ(wait_history(alternative)["status"], "Completed");
}

TEST_F(SabGuards, AlternativesOfACompletedJobAreFailedInMode3) {
  set_misc("no_dupes", "3");
  json("mode=pause");
  std::string original = add("Alt.Mode3.nzb", post("m3a.bin", 30000));
  std::string alternative = add("Alt.Mode3.nzb", post("m3b.bin", 30000));
  EXPECT_EQ(slot_of(alternative)["status"], "Paused");
  json("mode=resume");
  EXPECT_EQ(wait_history(original)["status"], "Completed");
  OJson h = wait_history(alternative);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "Duplicate NZB");
}

TEST_F(SabGuards, AFreshPostWaitsForPropagationUnlessForced) {
  set_misc("propagation_delay", "10");
  auto file = post_file("fresh.bin", random_bytes(60000), 2);
  std::string id = add("Fresh.Post.nzb", nzb_of({file}));
  OJson s = slot_of(id);
  EXPECT_EQ(s["status"], "Propagating");
  EXPECT_TRUE(has_label(s, "PROPAGATING 10 min")) << s.dump();
  auto x = get("mode=queue&output=xml&nzo_ids=" + id).body;
  EXPECT_NE(x.find("<status>Propagating</status>"), std::string::npos) << x;
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(requests_for(file), 0u);
  json("mode=queue&name=priority&value=" + id + "&value2=2");
  EXPECT_EQ(wait_history(id)["status"], "Completed");
}

TEST_F(SabGuards, AHopelessJobFailsBeforeItIsAllFetched) {
  // 60 articles, 30 of them gone from the server, no recovery data.
  std::vector<uint32_t> gone;
  for (uint32_t p = 3; p <= 32; ++p) gone.push_back(p);
  auto file = post_file("hopeless.bin", random_bytes(60 * 2000), 60, gone);
  std::string id = add("Hopeless.nzb", nzb_of({file}));
  OJson h = wait_history(id);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "Aborted, cannot be completed - https://sabnzbd.org/not-complete");
  size_t fetched = requests_for(file);
  EXPECT_LT(fetched, 60u) << "the job should stop once it cannot be completed";
  EXPECT_GE(fetched, 6u);

  // Switched off, every article is asked for; the job fails only after the
  // download, when post-processing finds the data incomplete.
  set_misc("fail_hopeless_jobs", "0");
  auto again = post_file("hopeless2.bin", random_bytes(60 * 2000), 60, gone);
  std::string id2 = add("Hopeless.Again.nzb", nzb_of({again}));
  OJson h2 = wait_history(id2);
  EXPECT_EQ(h2["status"], "Failed");
  EXPECT_GE(requests_for(again), 60u);
}

TEST_F(SabGuards, AFewMissingArticlesNeverAbortAJob) {
  auto file = post_file("few.bin", random_bytes(20 * 2000), 20, {4, 9});
  std::string id = add("Few.Missing.nzb", nzb_of({file}));
  EXPECT_EQ(wait_history(id)["status"], "Failed");  // no par2 to repair with, found after the download
  EXPECT_GE(requests_for(file), 20u);
}

TEST_F(SabGuards, PreCheckAsksForEveryArticleBeforeDownloadingAny) {
  set_misc("pre_check", "1");
  // Without recovery data a job can reach only 100% of SABnzbd's default
  // 100.2%, so pre-check fails it, as SABnzbd does.
  auto bare = post_file("bare.bin", random_bytes(3000), 1);
  OJson h0 = wait_history(add("Pre.Bare.nzb", nzb_of({bare})));
  EXPECT_EQ(h0["fail_message"],
            "Download might fail, only 100.0% of required 100.2% available - https://sabnzbd.org/not-complete");
  EXPECT_EQ(requests_for(bare), 0u);
  set_misc("req_completion_rate", "100");
  json("mode=pause");
  auto file = post_file("checked.bin", random_bytes(10 * 3000), 10);
  std::string id = add("Pre.Checked.nzb", nzb_of({file}));
  EXPECT_EQ(slot_of(id)["status"], "Checking");
  json("mode=resume");
  OJson h = wait_history(id);
  ASSERT_EQ(h["status"], "Completed") << h.dump();
  for (const auto& mid : file.ids) {
    EXPECT_EQ(nntp_->stat_requests(mid), 1u) << mid;
    EXPECT_GE(nntp_->body_requests(mid), 1u) << mid;
  }
}

TEST_F(SabGuards, PreCheckFailsAJobThatCannotCompleteWithoutDownloadingIt) {
  set_misc("pre_check", "1");
  auto file = post_file("short.bin", random_bytes(20 * 3000), 20, {5, 10, 15});
  std::string id = add("Pre.Short.nzb", nzb_of({file}));
  OJson h = wait_history(id);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"],
            "Download might fail, only 85.0% of required 100.2% available - https://sabnzbd.org/not-complete");
  EXPECT_EQ(requests_for(file), 0u);
  size_t stats = 0;
  for (const auto& mid : file.ids) stats += nntp_->stat_requests(mid);
  EXPECT_EQ(stats, 20u);
}

TEST_F(SabGuards, HistoryRetentionDeletesAllButTheNewestCompletedJobs) {
  set_misc("history_retention_option", "number-delete");
  set_misc("history_retention_number", "1");
  std::string older = add("Kept.Older.nzb", post("older.bin", 30000));
  ASSERT_EQ(wait_history(older)["status"], "Completed");
  std::string newer = add("Kept.Newer.nzb", post("newer.bin", 30000));
  ASSERT_EQ(wait_history(newer)["status"], "Completed");
  OJson h;
  for (int i = 0; i < 50; ++i) {  // pruning follows the final row
    h = json("mode=history&search=Kept.")["history"];
    if (h["noofslots"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(h["noofslots"], 1) << h.dump();
  EXPECT_EQ(h["slots"][0]["nzo_id"], newer);
}

TEST_F(SabGuards, RetryReusesTheFolderAndFetchesOnlyWhatWasMissing) {
  auto file = post_file("retried.bin", random_bytes(20 * 3000), 20, {4, 11, 17});
  std::string id = add("Retried.Job.nzb", nzb_of({file}));
  OJson failed = wait_history(id);
  ASSERT_EQ(failed["status"], "Failed") << failed.dump();
  // The missing articles appear (a late propagation), and the user retries.
  for (uint32_t part : {4u, 11u, 17u}) nntp_->add_article(file.ids[part - 1], file.bodies[part - 1]);
  OJson r = json("mode=retry&value=" + id);
  ASSERT_EQ(r["status"], true) << r.dump();
  OJson done = wait_history(r["nzo_id"]);
  ASSERT_EQ(done["status"], "Completed") << done.dump();
  EXPECT_EQ(done["path"], failed["path"]) << "the retry did not reuse the job folder";
  for (size_t i = 0; i < file.ids.size(); ++i) {
    bool was_missing = i == 3 || i == 10 || i == 16;
    EXPECT_EQ(nntp_->body_requests(file.ids[i]), was_missing ? 2u : 1u) << "part " << i + 1;
  }
}

TEST_F(SabGuards, CancelPpFailsAJobWaitingForPostProcessing) {
  json("mode=pause_pp");
  std::string id = add("Cancelled.Pp.nzb", post("cancelled.bin", 30000));
  OJson waiting;
  for (int i = 0; i < 100; ++i) {
    auto slots = json("mode=history&nzo_ids=" + id)["history"]["slots"];
    if (slots.size() == 1 && slots[0]["status"] == "Queued") {
      waiting = slots[0];
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(waiting.is_null()) << "the job did not reach the post-processing queue";
  EXPECT_EQ(json("mode=cancel_pp&value=SABnzbd_nzo_unknown"), OJson::parse(R"({"status":false})"));
  EXPECT_EQ(json("mode=cancel_pp&value=" + id), OJson::parse(R"({"status":true})"));
  OJson h = wait_history(id);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "PostProcessing was aborted by the user");
  json("mode=resume_pp");
}

// A job of an encrypted RAR volume plus a file that cannot finish (its last
// article stalls), so the job is still in the queue when the volume is read.
class SabGuardsRar : public SabGuards {
 protected:
  std::string add_rar_job(const std::string& nzb_name, const std::string& rar, const std::string& tail_name) {
    auto volume = post_file(rar, sample(rar));
    auto tail = post_file(tail_name, random_bytes(40000), 2);
    nntp_->stall_once(tail.ids[1]);
    return add(nzb_name, nzb_of({volume, tail}));
  }
};

TEST_F(SabGuardsRar, AnEncryptedRarPausesTheJob) {
  std::string id = add_rar_job("Encrypted.nzb", "rar5-encrypted.rar", "tail.dat");
  OJson s = wait_slot(id, [](const OJson& slot) { return has_label(slot, "ENCRYPTED"); });
  EXPECT_TRUE(has_label(s, "ENCRYPTED")) << s.dump();
  EXPECT_EQ(s["status"], "Paused");
  EXPECT_NE(json("mode=warnings").dump().find("because of encrypted RAR file"), std::string::npos);
}

TEST_F(SabGuardsRar, AnEncryptedRarAbortsTheJobWhenAsked) {
  set_misc("pause_on_pwrar", "2");
  std::string id = add_rar_job("Encrypted.Abort.nzb", "rar4-encrypted-headers.rar", "tail.dat");
  OJson h = wait_history(id, 60);
  EXPECT_EQ(h["status"], "Failed");
  EXPECT_EQ(h["fail_message"], "Aborted, encryption detected");
}

TEST_F(SabGuardsRar, AnUnwantedFileInsideARarPausesTheJob) {
  set_misc("unwanted_extensions", "bin");
  set_misc("action_on_unwanted_extensions", "1");
  std::string id = add_rar_job("Inside.nzb", "rar5-single.rar", "tail.dat");
  OJson s = wait_slot(id, [](const OJson& slot) { return has_label(slot, "UNWANTED"); });
  EXPECT_TRUE(has_label(s, "UNWANTED")) << s.dump();
  EXPECT_EQ(s["status"], "Paused");
}

}  // namespace
}  // namespace nzbd::test
