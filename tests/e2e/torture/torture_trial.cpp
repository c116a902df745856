#include "e2e/torture/torture_trial.h"
#include "e2e/torture/torture_work.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "e2e/torture/torture_actors.h"
#include "e2e/torture/torture_api.h"
#include "e2e/torture/torture_checks.h"
#include "e2e/torture/torture_set.h"
#include "e2e/torture/torture_tv.h"
#include "support/http_client.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace nzbd::test::torture {

const char* phase_name(Phase p) {
  static const char* names[] = {"download", "par2-repair", "unpack", "place", "script", "config-write", "history-write", "tv-import"};
  return names[static_cast<int>(p)];
}

Torture::Torture(uint32_t seed)
    : seed_(seed), home_(dir_ / "home"), admin_(home_ / "admin"), incomplete_(home_ / "Downloads" / "incomplete"),
      complete_(home_ / "Downloads" / "complete") {}

Torture::~Torture() {
  daemon_.reset();
  std::error_code ec;
  if (!other_complete_.empty()) fs::remove_all(other_complete_, ec);
}

int Torture::stop() { return daemon_->stop(); }

bool Torture::start(std::string& why) {
  fs::create_directories(dir_ / "scripts");
  fs::path script = dir_ / "scripts" / "torture.sh";
  std::ofstream(script) << "#!/bin/sh\n# long enough for a kill to land inside it\nsleep 1\nexit 0\n";
  ::chmod(script.c_str(), 0755);
  struct stat here {}, shm {};
  std::string shm_dir = "/dev/shm/nzbd-torture-XXXXXX";
  if (::stat(dir_.path().c_str(), &here) == 0 && ::stat("/dev/shm", &shm) == 0 && here.st_dev != shm.st_dev &&
      ::mkdtemp(shm_dir.data()))
    other_complete_ = shm_dir;
  tv_ = std::make_unique<TvSide>(dir_ / "tv");
  fs::create_directories(home_);
  std::ofstream(home_ / "nzbd.ini") << "[misc]\ntvmaze_url = " << tv_->tvmaze_url() << "\n";
  daemon_ = std::make_unique<DaemonProcess>(home_);
  if (!daemon_->start()) return why = daemon_->output(), false;
  Api api(*daemon_);
  for (std::string q : {"mode=set_config&section=servers&name=news&host=127.0.0.1&port=" +
                            std::to_string(news_.port()) + "&ssl=0&connections=4&enable=1",
                        "mode=set_config&section=misc&keyword=script_dir&value=" + url_encode((dir_ / "scripts").string())})
    if (api.call(q).is_null()) return why = "set_config failed: " + q, false;
  return true;
}

// Waits for `phase` to show, then for the seeded delay, sends one more upload
// racing the kill, and kills.
Torture::Kill Torture::kill_in_phase(Phase phase, std::mt19937& rng, Work& w) {
  Api api(*daemon_);
  auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<uint32_t>(hi - lo + 1)); };
  Kill k;
  std::set<std::string> wanted;
  std::string watch = w.archive_id;
  switch (phase) {
    case Phase::Download: k.delay_ms = pick(0, 600); wanted = {"Downloading"}; break;
    case Phase::Repair: k.delay_ms = pick(0, 150); wanted = {"QuickCheck", "Verifying", "Repairing"}; break;
    case Phase::Unpack: k.delay_ms = pick(0, 150); wanted = {"Extracting"}; break;
    case Phase::Place: k.delay_ms = pick(0, 4); wanted = {"Moving"}; break;
    case Phase::Script: k.delay_ms = pick(0, 900); wanted = {"Running"}; break;
    case Phase::Config: k.delay_ms = pick(20, 700); break;
    case Phase::History: k.delay_ms = pick(0, 40); wanted = {"Completed", "Failed"}; watch = w.plain_id; break;
    case Phase::TvImport: k.delay_ms = pick(0, 30); break;  // see tv_kill_aim
  }
  int race_ms = pick(0, 40);  // an upload takes about that long: some are answered, some not
  if (phase == Phase::TvImport) race_ms /= 20;  // the import's window is a few ms
  auto deadline = std::chrono::steady_clock::now() + 90s;
  while (!wanted.empty() && std::chrono::steady_clock::now() < deadline) {
    std::string s = api.history_status(watch);
    if (s.empty())
      for (const auto& slot : api.queue_slots())
        if (slot.value("nzo_id", "") == watch) s = slot.value("status", "");
    if (phase == Phase::Download && s == "Downloading") {
      // Downloading once the first bytes are in, not merely queued.
      for (const auto& slot : api.queue_slots())
        if (slot.value("nzo_id", "") == watch && slot.value("mbleft", "") == slot.value("mb", "")) s = "Queued";
    }
    if (wanted.count(s) || is_final(s)) {
      k.seen = s;
      break;
    }
    std::this_thread::sleep_for(phase == Phase::Place ? 1ms : 3ms);
  }
  if (phase == Phase::TvImport) tv_kill_aim(k, w);  // after the job is Completed, the import asked for
  else if (wanted.empty()) k.seen = "config writes";
  std::this_thread::sleep_for(std::chrono::milliseconds(k.delay_ms));
  RacingAdd race(api, w.racing.name, w.racing.nzb);
  std::this_thread::sleep_for(std::chrono::milliseconds(race_ms));
  daemon_->kill9();
  race.join();
  if (phase == Phase::TvImport) {
    std::error_code ec;
    k.seen += fs::exists(tv_->season_dir(), ec) && !fs::is_empty(tv_->season_dir(), ec) ? ", file in series folder"
                                                                                        : ", series folder empty";
  }
  if (auto id = race.nzo_id()) w.answered[*id] = &w.racing;
  return k;
}

TrialResult Torture::run_trial(int index) {
  TrialResult r;
  r.tally.trials = 1;
  uint32_t trial_seed = seed_ + static_cast<uint32_t>(index);
  std::mt19937 rng(trial_seed);
  Phase phase = only_ ? *only_ : static_cast<Phase>(index % kPhases);
  std::string stem = "T" + std::to_string(seed_) + "-" + std::to_string(index);
  Work w;
  w.archive = make_archive_set(news_, dir_.path(), stem + "-archive", rng);
  w.plain = make_plain_set(news_, stem + "-plain", rng);
  w.racing = make_plain_set(news_, stem + "-racing", rng);
  Api api(*daemon_);
  fs::path complete = index % 2 == 1 && !other_complete_.empty() ? other_complete_ : complete_;
  api.call("mode=set_config&section=misc&keyword=complete_dir&value=" + url_encode(complete.string()));
  if (phase == Phase::Download) api.call("mode=config&name=speedlimit&value=1M");
  if (phase == Phase::Config) w.config = std::make_unique<ConfigWriter>(api, stem, config_value_);
  if (phase == Phase::History) w.deleter = std::make_unique<HistoryDeleter>(api, finished_);
  auto a = api.add(w.archive.name, w.archive.nzb, "&script=torture.sh");
  auto b = api.add(w.plain.name, w.plain.nzb, "");
  if (!a || !b) {
    r.problems.push_back("an add was not answered with an nzo_id");
    return r;
  }
  w.archive_id = *a;
  w.plain_id = *b;
  w.answered[*a] = &w.archive;
  w.answered[*b] = &w.plain;
  if (phase == Phase::TvImport) {
    std::string why;
    if (!tv_grab(stem, rng, w, why)) {
      r.problems.push_back("the TV grab failed: " + why);
      return r;
    }
  }

  Kill k = kill_in_phase(phase, rng, w);
  if (w.config) w.config->stop(), r.tally.config_writes = static_cast<size_t>(w.config->writes());
  for (const auto& [id, set] : w.answered) r.tally.racing_answered += set == &w.racing;
  if (w.deleter) {
    w.deleter->stop();
    w.deleted = w.deleter->acked();
    r.tally.deletes = w.deleted.size();
  }
  r.tally.kills[std::string(phase_name(phase)) + ": " + k.seen] = 1;
  std::cout << "trial " << index << " seed " << trial_seed << " phase " << phase_name(phase) << " delay "
            << k.delay_ms << "ms seen '" << k.seen << "' answered adds " << w.answered.size()
            << (complete == complete_ ? "" : " (complete folder on another file system)") << std::endl;

  for (const PostedSet* set : {&w.archive, &w.plain, &w.racing})
    for (const auto& id : set->all_ids) w.count_at_kill[id] = news_.body_requests(id);
  for (const auto& [nzo_id, set] : w.answered) {
    bool gone = false;
    auto ids = journaled_ids(admin_, nzo_id, *set, gone);
    if (gone)  // final in history before the kill: nothing of it is fetched again
      for (const auto& id : set->all_ids)
        if (w.count_at_kill[id] > 0) ids.insert(id);
    w.durable.insert(ids.begin(), ids.end());
  }
  for (const char* db : {"history.db", "tv.db"})
    if (auto res = integrity_check(admin_ / db); res != "ok") {
      ++r.tally.integrity;
      r.problems.push_back(std::string(db) + " after the kill: " + res);
    }

  if (!daemon_->start()) {
    r.problems.push_back("the restart failed: " + daemon_->output().substr(0, 2000));
    return r;
  }
  api.call("mode=config&name=speedlimit&value=0");
  if (w.config) {
    Json j = api.call(std::string("mode=get_config&section=misc&keyword=") + ConfigWriter::kKey);
    std::string value = j.is_object() ? j["config"]["misc"].value(ConfigWriter::kKey, "?") : "?";
    bool ok = value == w.config->last_acked() || (w.config->unanswered() && value == *w.config->unanswered());
    if (!ok) {
      ++r.tally.config_lost;
      r.problems.push_back("config after restart is '" + value + "', last acknowledged '" + w.config->last_acked() + "'");
    }
    config_value_ = value;
  }
  if (finish_all(w, r, 150)) ++r.tally.resumed;
  check_jobs(w, r);
  if (phase == Phase::TvImport) check_tv(w, r);
  check_files(r);
  return r;
}

}  // namespace nzbd::test::torture
