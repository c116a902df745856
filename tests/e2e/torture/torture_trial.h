// kill -9 torture: one daemon home, many trials. Each trial gives nzbd work,
// kills it with SIGKILL at a seeded random moment inside one phase, starts it
// again, lets it finish and counts what the restart got wrong.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/daemon_process.h"
#include "support/fake_nntp_server.h"
#include "support/temp_dir.h"

namespace nzbd::test::torture {
class TvSide;
}

namespace nzbd::test::torture {

enum class Phase { Download, Repair, Unpack, Place, Script, Config, History, TvImport };
constexpr int kPhases = 8;
const char* phase_name(Phase p);

// Every count but trials and resumed must stay 0.
struct Tally {
  int trials = 0, resumed = 0;
  size_t refetched = 0, lost = 0, duplicated = 0, integrity = 0, leftovers = 0;
  size_t mismatched = 0, config_lost = 0, undeleted = 0;
  size_t tv_doubled = 0;  // TV: a second import, second grab or second file of one release
  // Not faults, but what the refetch count was measured over:
  size_t journaled = 0;      // articles durably recorded before the kills
  size_t asked_after = 0;    // BODY requests of this trial's articles after the restarts
  size_t racing_answered = 0, config_writes = 0, deletes = 0;  // acknowledged before the kills
  size_t tv_imports = 0;  // TV releases imported in the end
  std::map<std::string, int> kills;  // "phase: status seen at the kill" -> trials
  void add(const Tally& t);
  bool clean() const;
};
void print_table(std::ostream& out, const Tally& t);

struct TrialResult {
  Tally tally;
  std::vector<std::string> problems;  // one line each, for the log
};

class Torture {
 public:
  explicit Torture(uint32_t seed);
  ~Torture();
  bool start(std::string& why);
  int stop();  // SIGTERM at the end: the exit status (0 = clean, no sanitizer report)
  // Trial `index`: phase index % kPhases (or the one given to only_phase),
  // its own seed (seed + index).
  TrialResult run_trial(int index);
  void only_phase(Phase p) { only_ = p; }

 private:
  struct Kill;
  struct Work;
  Kill kill_in_phase(Phase phase, std::mt19937& rng, Work& work);
  bool finish_all(Work& work, TrialResult& r, int timeout_s);
  void check_jobs(Work& work, TrialResult& r);
  void check_files(TrialResult& r);
  // Phase tv-import (torture_tv_trial.cpp): grab a release through the
  // Sonarr API, kill while its Completed job is imported, check the import.
  bool tv_grab(const std::string& stem, std::mt19937& rng, Work& w, std::string& why);
  void tv_kill_aim(Kill& k, Work& w);
  void check_tv(Work& w, TrialResult& r);

  uint32_t seed_;
  std::optional<Phase> only_;
  TempDir dir_;
  FakeNntpServer news_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::unique_ptr<TvSide> tv_;
  std::filesystem::path home_, admin_, incomplete_, complete_;
  // On another file system than the downloads (when /dev/shm is one): odd
  // trials complete there, so placing is a copy that a kill can cut short.
  std::filesystem::path other_complete_;
  std::string config_value_;                   // last acknowledged value of ConfigWriter's key
  std::vector<std::string> finished_;          // earlier trials' history rows, to delete
  std::set<std::filesystem::path> leftovers_;  // already counted
};

}  // namespace nzbd::test::torture
