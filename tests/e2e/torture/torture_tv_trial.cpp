// Phase tv-import: the TV side grabs a release into nzbd's own queue; the
// kill lands after its job is Completed, once the tracker was asked to
// import it. After the restart the episode must have exactly one file,
// byte-identical to the posted video, imported (and grabbed) exactly once.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "e2e/torture/torture_api.h"
#include "e2e/torture/torture_checks.h"
#include "e2e/torture/torture_trial.h"
#include "e2e/torture/torture_tv.h"
#include "e2e/torture/torture_work.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace nzbd::test::torture {
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <class Pred>
bool wait_for(Pred pred, std::chrono::seconds timeout, std::chrono::milliseconds step = 20ms) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(step);
  }
  return pred();
}

}  // namespace

bool Torture::tv_grab(const std::string& stem, std::mt19937& rng, Work& w, std::string& why) {
  w.tv_title = tv_release_title(stem);
  w.video = make_video_set(news_, w.tv_title, rng);
  tv_->offer(w.tv_title, w.video.nzb);
  if (!tv_->ready(*daemon_, why) || !tv_->clear_episode(*daemon_, why)) return false;
  w.nzb_downloads_before = tv_->nzb_downloads();
  if (!tv_->search(*daemon_)) return why = "EpisodeSearch not accepted", false;
  Json grabbed;
  if (!wait_for([&] {
        grabbed = tv_->events(*daemon_, "grabbed");
        if (!grabbed.is_array()) return false;
        for (const auto& g : grabbed)
          if (g.value("sourceTitle", "") == w.tv_title) w.tv_nzo = g.value("downloadId", "");
        return !w.tv_nzo.empty();
      }, 60s))
    return why = "no grabbed history for " + w.tv_title + ": " + grabbed.dump(), false;
  return true;
}

// Waits for the TV job's Completed row; nzbd's own tracker imports it about
// a second later. Half the trials kill at a seeded delay after that row (before,
// during or after the import), half a few ms after the first file shows in
// the season folder (inside the import: the move or copy done, its records not yet).
void Torture::tv_kill_aim(Kill& k, Work& w) {
  Api api(*daemon_);
  wait_for([&] { return is_final(k.seen = api.history_status(w.tv_nzo)); }, 90s, 2ms);
  if (k.seen.empty()) k.seen = "not final";
  Json row = api.history_row(w.tv_nzo);
  if (row.is_object()) w.tv_job = row.value("storage", "");
  if (k.delay_ms % 2 == 0) {
    k.delay_ms = k.delay_ms * 1500 / 30;  // 0..1500 ms after Completed
    return;
  }
  k.delay_ms /= 10;  // 0..3 ms after the file shows
  k.seen += ", file showing";
  std::error_code ec;
  wait_for([&] { return fs::exists(tv_->season_dir(), ec) && !fs::is_empty(tv_->season_dir(), ec); }, 10s, 0ms);
}

void Torture::check_tv(Work& w, TrialResult& r) {
  Api api(*daemon_);
  auto problem = [&](size_t& count, const std::string& what) { ++count, r.problems.push_back("tv: " + what); };
  const fs::path& job = w.tv_job;
  // The restarted tracker finds the download in tv.db; ask it to look now
  // (its own timer would within a minute), and again each second.
  int polls = 0;
  bool done = wait_for([&] {
    if (polls++ % 50 == 0) tv_->refresh(*daemon_);
    std::error_code ec;
    Json imported = tv_->events(*daemon_, "downloadFolderImported", w.tv_nzo);
    return tv_->has_file(*daemon_) && imported.is_array() && !imported.empty() && !fs::exists(job, ec);
  }, 40s);
  if (!done) r.problems.push_back("tv: not imported, or the job folder still there, 40 s after the restart");

  // Imported, the tracker removes the job from nzbd's history (Sonarr's "remove
  // completed downloads"), so no row is fine; a queued one would be a refetch.
  int rows = 0, queued = 0;
  for (const auto& s : api.history_slots()) rows += s.value("nzo_id", "") == w.tv_nzo;
  for (const auto& s : api.queue_slots()) queued += s.value("nzo_id", "") == w.tv_nzo;
  if (queued > 0) problem(r.tally.duplicated, "the job " + w.tv_nzo + " is back in the queue");
  if (rows > 1) problem(r.tally.duplicated, "the job " + w.tv_nzo + " has " + std::to_string(rows) + " history rows");

  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(tv_->season_dir(), ec))
    if (e.is_regular_file()) files.push_back(e.path());
  const std::string& video = w.video.expected.begin()->second;
  if (files.empty()) problem(r.tally.lost, "no file in " + tv_->season_dir().string());
  if (files.size() > 1) problem(r.tally.tv_doubled, std::to_string(files.size()) + " files in the season folder");
  for (const auto& f : files)
    if (slurp(f) != video) problem(r.tally.mismatched, "not identical: " + f.string());
  if (!tv_->has_file(*daemon_)) problem(r.tally.lost, "S01E01 has no file");

  Json imported = tv_->events(*daemon_, "downloadFolderImported", w.tv_nzo);
  size_t n = imported.is_array() ? imported.size() : 0;
  if (n == 0) problem(r.tally.lost, "no downloadFolderImported for " + w.tv_nzo);
  if (n > 1) problem(r.tally.tv_doubled, std::to_string(n) + " downloadFolderImported for " + w.tv_nzo);
  r.tally.tv_imports += n > 0;
  size_t grabs = 0;
  Json grabbed = tv_->events(*daemon_, "grabbed");
  if (grabbed.is_array())
    for (const auto& g : grabbed) grabs += g.value("sourceTitle", "") == w.tv_title;
  int fetched = tv_->nzb_downloads() - w.nzb_downloads_before;
  if (grabs != 1 || fetched != 1)
    problem(r.tally.tv_doubled, std::to_string(grabs) + " grabs, " + std::to_string(fetched) + " NZB fetches of " + w.tv_title);

  if (!job.empty() && fs::exists(job, ec)) problem(r.tally.leftovers, "the job folder is left: " + job.string());
  for (const auto& p : leftovers(tv_->root(), {}, {}))
    if (leftovers_.insert(p).second) problem(r.tally.leftovers, "left over: " + p.string());
}

}  // namespace nzbd::test::torture
