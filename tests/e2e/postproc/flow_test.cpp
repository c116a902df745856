// The rest of the post-processing flow against INN2 and the real binary: user
// scripts with SABnzbd's arguments and SAB_* environment, PAR2 repair with
// recovery volumes fetched on demand, par2 deobfuscation of random names, and
// kill -9 in the middle of post-processing.
#include <sys/stat.h>

#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include "e2e/postproc/pp_util.h"
#include "support/http_client.h"

namespace e2epp {
namespace {

std::map<std::string, std::string> read_env_file(const fs::path& p) {
  std::map<std::string, std::string> out;
  std::istringstream in(nzbd::test::read_text(p));
  for (std::string line; std::getline(in, line);)
    if (auto eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  return out;
}

std::vector<std::string> read_lines(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(nzbd::test::read_text(p));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void write_script(const fs::path& p, const std::string& body) {
  nzbd::test::write_text(p, "#!/bin/sh\n" + body);
  fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
}

TEST_F(PostprocE2E, UserScriptGetsArgumentsEnvironmentAndItsLastLineShows) {
  fs::path scripts = data_dir("scripts"), out = data_dir("script-out"), in = data_dir("plain");
  write_script(scripts / "report.sh",
               "printf '%s\\n' \"$@\" > " + quote((out / "args.txt").string()) + "\n"
               "env | grep '^SAB_' > " + quote((out / "env.txt").string()) + "\n"
               "echo \"first line of output\"\n"
               "echo \"done with $SAB_FINAL_NAME in $SAB_CAT\"\n");
  ASSERT_TRUE(daemon_->set_misc("script_dir", scripts.string()));
  Json cat = daemon_->api("mode=set_config&section=categories&name=tv&dir=tvshows&pp=3");
  ASSERT_TRUE(cat.is_object()) << cat.dump();
  write_random_file(in / "episode.mkv", 700'000, 5);
  ASSERT_FALSE(post(in / "ep.nzb", {in / "episode.mkv"}).empty());

  std::string nzo = daemon_->add(in / "ep.nzb", "&nzbname=Show.S01E01&cat=tv&script=report.sh");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  std::string storage = (*slot)["storage"];
  EXPECT_EQ(fs::path(storage), complete_dir() / "tvshows" / "Show.S01E01");
  EXPECT_TRUE(same_bytes(in / "episode.mkv", fs::path(storage) / "episode.mkv"));
  EXPECT_EQ((*slot)["script"], "report.sh");
  EXPECT_EQ((*slot)["script_line"], "done with Show.S01E01 in tv");

  auto env = read_env_file(out / "env.txt");
  ASSERT_FALSE(env.empty()) << "the script did not run or saw no SAB_* variables";
  EXPECT_EQ(env["SAB_COMPLETE_DIR"], storage);
  EXPECT_EQ(env["SAB_FINAL_NAME"], "Show.S01E01");
  EXPECT_EQ(env["SAB_CAT"], "tv");
  EXPECT_EQ(env["SAB_PP_STATUS"], "0");
  EXPECT_EQ(env["SAB_NZO_ID"], nzo);
  EXPECT_EQ(env["SAB_FILENAME"], "ep.nzb");
  EXPECT_EQ(env["SAB_STATUS"], "Completed");
  EXPECT_EQ(env["SAB_FAIL_MSG"], "");
  // SABnzbd's positional arguments: dir, nzb name, job name, (report), category, group, pp status, (url).
  auto args = read_lines(out / "args.txt");
  ASSERT_GE(args.size(), 7u);
  EXPECT_EQ(args[0], storage);
  EXPECT_EQ(args[1], "ep.nzb");
  EXPECT_EQ(args[2], "Show.S01E01");
  EXPECT_EQ(args[4], "tv");
  EXPECT_EQ(args[6], "0");
}

// par2 create with one block per article: cancelling an article removes exactly one block.
struct Par2Post {
  std::string nzb;
  std::vector<std::string> data_ids;  // message-ids of data.bin's articles, in order
  std::vector<std::string> volumes;   // recovery volume names as posted
};

Par2Post post_with_par2(const fs::path& in, uint32_t seed) {
  Par2Post p;
  write_random_file(in / "data.bin", 5'000'000, seed);
  if (!must_run("cd " + quote(in.string()) + " && par2 create -q -q -s100000 -r10 set.par2 data.bin")) return p;
  std::vector<fs::path> files = {in / "data.bin"};
  for (const auto& e : fs::directory_iterator(in)) {
    std::string n = e.path().filename().string();
    if (n.size() > 5 && n.substr(n.size() - 5) == ".par2") files.push_back(e.path());
    if (n.find(".vol") != std::string::npos) p.volumes.push_back(n);
  }
  p.nzb = post(in / "set.nzb", files);
  p.data_ids = segments_by_file(p.nzb)["data.bin"];
  return p;
}

TEST_F(PostprocE2E, Par2RepairFetchesOnlyTheVolumesItNeeds) {
  fs::path in = data_dir("par2ok");
  auto p = post_with_par2(in, 7);
  ASSERT_EQ(p.data_ids.size(), 50u) << p.nzb;
  ASSERT_EQ(p.volumes.size(), 3u);  // vol0+1, vol1+2, vol3+2: 5 blocks
  ASSERT_TRUE(cancel({p.data_ids[3], p.data_ids[31]}));  // 2 of 50 blocks = 4 %

  // pp=1: repair only, so every file that was fetched stays for counting.
  std::string nzo = daemon_->add(in / "set.nzb", "&nzbname=Repair.Me&pp=1");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  fs::path storage = (*slot)["storage"].get<std::string>();
  EXPECT_TRUE(same_bytes(in / "data.bin", storage / "data.bin"));
  int vols = 0;
  for (const auto& v : p.volumes) vols += fs::exists(storage / v);
  // 2 blocks missing: one of the two 2-block volumes is enough, and nothing else is fetched.
  EXPECT_EQ(vols, 1) << "recovery volumes fetched for 2 missing blocks (of " << p.volumes.size() << " posted)";
  EXPECT_FALSE(fs::exists(storage / "set.vol0+1.par2"));
  std::string stages = (*slot)["stage_log"].dump();
  EXPECT_NE(stages.find("Repaired 2 block"), std::string::npos) << stages;
  // /metrics counts the rebuilt blocks and timed the repair stage.
  auto metrics = nzbd::test::http_get(daemon_->proc().url() + "/metrics?apikey=" + daemon_->proc().api_key());
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("\nnzbd_par2_repaired_blocks_total 2\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("nzbd_postproc_stage_duration_seconds_count{stage=\"Repairing\"} 1\n"),
            std::string::npos) << metrics.body;
}

TEST_F(PostprocE2E, Par2RepairFailsWhenBlocksAreShort) {
  fs::path in = data_dir("par2short");
  auto p = post_with_par2(in, 8);
  ASSERT_EQ(p.data_ids.size(), 50u);
  // 8 blocks missing, 5 recovery blocks posted: 3 short.
  ASSERT_TRUE(cancel({p.data_ids[1], p.data_ids[6], p.data_ids[11], p.data_ids[16], p.data_ids[21],
                      p.data_ids[26], p.data_ids[31], p.data_ids[36]}));
  // With fail_hopeless_jobs (the default) the job would be given up while it
  // downloads (that path has its own test); here repair itself must say why.
  daemon_->api("mode=set_config&section=misc&keyword=fail_hopeless_jobs&value=0");
  std::string nzo = daemon_->add(in / "set.nzb", "&nzbname=Too.Broken");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  daemon_->api("mode=set_config_default&keyword=fail_hopeless_jobs");
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Failed");
  EXPECT_EQ((*slot)["fail_message"], "Repair failed, not enough repair blocks (3 short)");
  EXPECT_TRUE(fs::is_regular_file(fs::path((*slot)["path"].get<std::string>()) / "data.bin"));
}

std::string random_hex(std::mt19937& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) s += hex[rng() % 16];
  return s;
}

TEST_F(PostprocE2E, ObfuscatedNamesAreRestoredFromPar2) {
  fs::path real = data_dir("real"), in = data_dir("obfuscated");
  write_random_file(real / "Great.Movie.2024.mkv", 1'500'000, 9);
  nzbd::test::write_text(real / "Great.Movie.2024.nfo", "an nfo file\n");
  ASSERT_TRUE(must_run("cd " + quote(real.string()) +
                       " && par2 create -q -q -s100000 -r5 Great.Movie.2024.par2 Great.Movie.2024.mkv "
                       "Great.Movie.2024.nfo"));
  std::mt19937 rng(42);
  std::vector<fs::path> posted;
  std::string par_base = random_hex(rng);
  for (const auto& e : fs::directory_iterator(real)) {
    std::string n = e.path().filename().string();
    std::string obf = n.rfind("Great.Movie.2024.", 0) == 0 && n.size() > 5 && n.substr(n.size() - 5) == ".par2"
                          ? par_base + n.substr(std::string("Great.Movie.2024").size())
                          : random_hex(rng);
    fs::copy_file(e.path(), in / obf);
    posted.push_back(in / obf);
  }
  ASSERT_FALSE(post(in / "obf.nzb", posted).empty());
  std::string nzo = daemon_->add(in / "obf.nzb", "&nzbname=Great.Movie.2024");
  ASSERT_FALSE(nzo.empty());
  auto slot = daemon_->wait_done(nzo);
  ASSERT_TRUE(slot);
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  fs::path storage = (*slot)["storage"].get<std::string>();
  EXPECT_TRUE(same_bytes(real / "Great.Movie.2024.mkv", storage / "Great.Movie.2024.mkv"));
  EXPECT_TRUE(same_bytes(real / "Great.Movie.2024.nfo", storage / "Great.Movie.2024.nfo"));
  EXPECT_EQ(files_under(storage), (std::vector<std::string>{"Great.Movie.2024.mkv", "Great.Movie.2024.nfo"}))
      << "random names left, or par2 files not cleaned up";
}

// Issue 5: kill -9 during post-processing and a restart leave a history row or
// a resumable job, never neither; the job then ends with a final status.
class KillDuringPostproc : public PostprocE2E {
 protected:
  // Kills the daemon once `should_kill(slot)` holds for the job's history row; returns that status.
  std::string kill_when(const std::string& nzo, const std::function<bool(const Json&)>& should_kill) {
    auto until = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < until) {
      if (auto s = daemon_->history_slot(nzo); s && should_kill(*s)) {
        daemon_->kill9();
        return s->value("status", "");
      }
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "post-processing of " << nzo << " never reached the wanted stage\n" << daemon_->debug_state();
    return {};
  }

  // After a restart: never neither queue nor history, then a final row.
  std::optional<Json> restart_and_follow(const std::string& nzo) {
    EXPECT_TRUE(daemon_->start());
    auto until = std::chrono::steady_clock::now() + 90s;
    while (std::chrono::steady_clock::now() < until) {
      auto h = daemon_->history_slot(nzo);
      auto q = daemon_->queue_slot(nzo);
      if (!h && !q) {
        // The two calls are not atomic: a job moving from the queue to history in between looks like
        // neither, so ask once more before calling it lost.
        std::this_thread::sleep_for(100ms);
        if (!daemon_->history_slot(nzo) && !daemon_->queue_slot(nzo)) {
          ADD_FAILURE() << "job " << nzo << " is neither in the queue nor in history\n" << daemon_->debug_state();
          return std::nullopt;
        }
      }
      if (h && !h->value("loaded", true) && (h->value("status", "") == "Completed" || h->value("status", "") == "Failed"))
        return h;
      std::this_thread::sleep_for(200ms);
    }
    ADD_FAILURE() << "job " << nzo << " did not finish after the restart\n" << daemon_->debug_state();
    return std::nullopt;
  }

  static void expect_done_well(const Json& slot, const std::vector<fs::path>& payload) {
    std::string status = slot["status"];
    if (status == "Failed") {
      EXPECT_FALSE(slot["fail_message"].get<std::string>().empty()) << slot.dump();
      return;
    }
    ASSERT_EQ(status, "Completed") << slot.dump();
    fs::path storage = slot["storage"].get<std::string>();
    for (const auto& f : payload)
      EXPECT_TRUE(same_bytes(f, storage / f.filename())) << "not in the storage folder: " << storage / f.filename();
  }
};

TEST_F(KillDuringPostproc, WhileTheScriptRuns) {
  fs::path scripts = data_dir("scripts"), in = data_dir("slow");
  write_script(scripts / "slow.sh", "echo started\nsleep 4\necho finished\n");
  ASSERT_TRUE(daemon_->set_misc("script_dir", scripts.string()));
  write_random_file(in / "clip.mkv", 400'000, 11);
  ASSERT_FALSE(post(in / "slow.nzb", {in / "clip.mkv"}).empty());
  std::string nzo = daemon_->add(in / "slow.nzb", "&nzbname=Slow.Script&script=slow.sh");
  ASSERT_FALSE(nzo.empty());
  std::string at = kill_when(nzo, [](const Json& s) { return s.value("status", "") == "Running"; });
  ASSERT_EQ(at, "Running");
  auto slot = restart_and_follow(nzo);
  ASSERT_TRUE(slot);
  expect_done_well(*slot, {in / "clip.mkv"});
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
  EXPECT_EQ((*slot)["script_line"], "finished");
  EXPECT_EQ(fs::path((*slot)["storage"].get<std::string>()), complete_dir() / "Slow.Script")
      << "the job must end in its own folder, not a .1 copy of itself";
}

TEST_F(KillDuringPostproc, AsSoonAsPostprocessingStarts) {
  fs::path in = data_dir("big");
  fs::create_directories(in / "payload");
  write_random_file(in / "payload" / "film.mkv", 24'000'000, 12);
  ASSERT_TRUE(must_run("cd " + quote(in.string()) + "/payload && 7zz a -bd -mx=0 -v8m ../film.7z film.mkv"));
  std::vector<fs::path> vols;
  for (const auto& e : fs::directory_iterator(in))
    if (e.is_regular_file() && e.path().filename().string().rfind("film.7z.", 0) == 0) vols.push_back(e.path());
  ASSERT_EQ(vols.size(), 3u);
  ASSERT_FALSE(post(in / "big.nzb", vols, 700'000).empty());
  std::string nzo = daemon_->add(in / "big.nzb", "&nzbname=Big.Unpack");
  ASSERT_FALSE(nzo.empty());
  std::string at = kill_when(nzo, [](const Json& s) { return s.value("loaded", false); });
  ASSERT_FALSE(at.empty());
  std::cout << "killed while the history row showed status " << at << "\n";
  auto slot = restart_and_follow(nzo);
  ASSERT_TRUE(slot);
  expect_done_well(*slot, {in / "payload" / "film.mkv"});
  EXPECT_EQ((*slot)["status"], "Completed") << slot->dump();
}

}  // namespace
}  // namespace e2epp
