// After the restart: let every job finish, then hold the daemon to what it
// acknowledged before the kill.
#include <chrono>
#include <iomanip>
#include <thread>

#include "e2e/torture/torture_api.h"
#include "e2e/torture/torture_checks.h"
#include "e2e/torture/torture_trial.h"
#include "e2e/torture/torture_work.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace nzbd::test::torture {

void Tally::add(const Tally& t) {
  trials += t.trials;
  resumed += t.resumed;
  refetched += t.refetched;
  lost += t.lost;
  duplicated += t.duplicated;
  integrity += t.integrity;
  leftovers += t.leftovers;
  mismatched += t.mismatched;
  config_lost += t.config_lost;
  undeleted += t.undeleted;
  tv_doubled += t.tv_doubled;
  tv_imports += t.tv_imports;
  journaled += t.journaled;
  asked_after += t.asked_after;
  racing_answered += t.racing_answered;
  config_writes += t.config_writes;
  deletes += t.deletes;
  for (const auto& [k, n] : t.kills) kills[k] += n;
}

bool Tally::clean() const {
  return resumed == trials && refetched == 0 && lost == 0 && duplicated == 0 && integrity == 0 && leftovers == 0 &&
         mismatched == 0 && config_lost == 0 && undeleted == 0 &&
         tv_doubled == 0;
}

void print_table(std::ostream& out, const Tally& t) {
  auto row = [&](const char* name, size_t v) { out << "  " << std::left << std::setw(30) << name << v << "\n"; };
  out << "kill -9 torture\n";
  row("trials", t.trials);
  row("resumed", t.resumed);
  row("refetched articles", t.refetched);
  row("lost", t.lost);
  row("duplicated", t.duplicated);
  row("integrity failures", t.integrity);
  row("leftovers", t.leftovers);
  row("outputs not identical", t.mismatched);
  row("config writes lost", t.config_lost);
  row("history deletes undone", t.undeleted);
  row("tv imports doubled", t.tv_doubled);
  out << "measured over:\n";
  row("articles journaled at kills", t.journaled);
  row("BODY asked after restarts", t.asked_after);
  row("racing adds answered", t.racing_answered);
  row("config writes answered", t.config_writes);
  row("history deletes answered", t.deletes);
  row("tv releases imported", t.tv_imports);
  out << "kills (phase: job status seen):\n";
  for (const auto& [k, n] : t.kills) row(k.c_str(), n);
  out.flush();
}

namespace {
std::string describe(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return " (missing)";
  return " (" + std::to_string(fs::file_size(p, ec)) + " bytes)";
}
}  // namespace

// Until the queue is empty and every acknowledged job has its final row.
bool Torture::finish_all(Work& w, TrialResult& r, int timeout_s) {
  Api api(*daemon_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  while (std::chrono::steady_clock::now() < deadline) {
    bool done = api.queue_slots().empty();
    for (const auto& [id, set] : w.answered) done = done && is_final(api.history_status(id));
    if (done) {
      for (const auto& [id, set] : w.answered)
        if (api.history_status(id) != "Completed") return false;
      return true;
    }
    std::this_thread::sleep_for(100ms);
  }
  r.problems.push_back("the jobs did not finish within " + std::to_string(timeout_s) + " s");
  return false;
}

void Torture::check_jobs(Work& w, TrialResult& r) {
  Api api(*daemon_);
  std::map<std::string, int> by_id, by_name;
  for (const auto& s : api.queue_slots()) ++by_id[s.value("nzo_id", "")], ++by_name[s.value("filename", "")];
  for (const auto& s : api.history_slots()) ++by_id[s.value("nzo_id", "")], ++by_name[s.value("name", "")];
  for (const auto& [id, set] : w.answered) {
    int n = by_id[id];
    if (n == 0) ++r.tally.lost, r.problems.push_back("lost: " + id + " (" + set->name + ")");
    if (n > 1) ++r.tally.duplicated, r.problems.push_back("duplicated: " + id + " x" + std::to_string(n));
  }
  for (const PostedSet* set : {&w.archive, &w.plain, &w.racing})
    if (by_name[set->name] > 1)
      ++r.tally.duplicated, r.problems.push_back("duplicated by name: " + set->name + " x" + std::to_string(by_name[set->name]));
  for (const auto& [id, set] : w.answered) {
    Json row = api.history_row(id);
    std::string status = row.is_object() ? row.value("status", "") : "";
    if (status != "Completed") {
      ++r.tally.mismatched;
      r.problems.push_back(set->name + " is '" + status + "': " + (row.is_object() ? row.value("fail_message", "") : ""));
      continue;
    }
    fs::path storage = row.value("storage", "");
    for (const auto& rel : output_mismatches(storage, *set))
      ++r.tally.mismatched, r.problems.push_back("not identical: " + storage.string() + "/" + rel + describe(storage / rel));
    finished_.push_back(id);
  }
  for (const auto& id : w.durable)
    if (news_.body_requests(id) > w.count_at_kill[id])
      ++r.tally.refetched, r.problems.push_back("refetched: " + id);
  r.tally.journaled = w.durable.size();
  for (const auto& [id, before] : w.count_at_kill) r.tally.asked_after += news_.body_requests(id) - before;
  for (const auto& id : w.deleted) {
    if (by_id[id] > 0) ++r.tally.undeleted, r.problems.push_back("deleted history row is back: " + id);
    std::erase(finished_, id);
  }
}

void Torture::check_files(TrialResult& r) {
  auto found = leftovers(home_, incomplete_, complete_);
  if (!other_complete_.empty())
    for (const auto& p : leftovers(other_complete_, incomplete_, other_complete_)) found.push_back(p);
  for (const auto& p : found)
    if (leftovers_.insert(p).second) ++r.tally.leftovers, r.problems.push_back("left over: " + p.string());
  for (const char* db : {"history.db", "tv.db"})
    if (auto res = integrity_check(admin_ / db); res != "ok")
      ++r.tally.integrity, r.problems.push_back(std::string(db) + " after finishing: " + res);
}

}  // namespace nzbd::test::torture
