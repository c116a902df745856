// Downloading pauses as SABnzbd's does for the disk: when a finished file
// leaves too little free space (download_free, complete_free), and when a
// write fails. Articles already written stay written (and journaled); an
// article whose write failed goes back to be fetched again after the resume.
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

#include "queue/internal.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

namespace {
// SABnzbd checks every 9 minutes; free space costs one statvfs, so nzbd looks
// every few seconds and resumes as soon as the space is back.
constexpr int64_t kResumeCheckMs = 3000;

std::string megabytes(uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }
}  // namespace

// Taken under the lock when a file is finished; SABnzbd checks only while not paused.
std::optional<Queue::DiskCheck> Queue::disk_check_locked(const Job& job, const JobFile& file) const {
  if (paused_) return std::nullopt;
  DiskCheck c;
  c.rules = disk_rules_;
  c.download_dir = download_dir_;
  c.file_bytes = file.bytes;
  if (disk_rules_.complete_free > 0) c.progress = JobProgress::of(job);
  c.job_name = job.name;
  c.category = job.category;
  return c;
}

void Queue::check_disk(const DiskCheck& c) {
  auto shortage = disk_shortage(c.rules, c.download_dir, c.file_bytes, c.progress, free_bytes);
  if (!shortage) return;
  if (!pause_for_disk(c.job_name, c.category, c.rules.autoresume ? shortage : std::nullopt)) return;
  spdlog::warn("{}", kMsgTooLittleSpace);
  spdlog::info("{} has {} free, {} needed", shortage->dir.string(),
               megabytes(free_bytes(shortage->dir).value_or(0)), megabytes(shortage->required));
}

// Paused "without saving" as SABnzbd says: a restart downloads again.
bool Queue::pause_for_disk(const std::string& job_name, const std::string& category,
                           std::optional<DiskShortage> wait_for) {
  {
    util::Lock lock(mutex_);
    if (paused_ && disk_paused_) return false;
    paused_ = true;
    disk_paused_ = true;
    pause_until_ = 0;
    disk_wait_ = std::move(wait_for);
    disk_checked_ms_ = now_millis();
    if (disk_wait_)
      spdlog::info("Will resume when {} has more than {} free space", disk_wait_->dir.string(),
                   megabytes(disk_wait_->required));
  }
  if (events_) events_(Event::DiskFull, job_name, category);
  return true;
}

// From the ticker: with fulldisk_autoresume, downloading resumes once the
// folder that was short has the space again.
void Queue::resume_when_space_locked() {
  if (!disk_wait_ || !paused_) return;
  int64_t ms = now_millis();
  if (ms - disk_checked_ms_ < kResumeCheckMs) return;
  disk_checked_ms_ = ms;
  DiskShortage wait = *disk_wait_;
  // Let go around the statfs and resume_all(); the caller's Lock holds it again after.
  mutex_.unlock();
  auto free = free_bytes(wait.dir);
  bool enough = free && *free > wait.required;
  if (enough) {
    spdlog::info("Resuming, {} has {} free, needed {}", wait.dir.string(), megabytes(*free), megabytes(wait.required));
    resume_all();
  }
  mutex_.lock();
}

// The file went with its folder: what was written to it is gone, so its
// articles count as not downloaded and the cursor goes back to fetch them.
// (The journal still lists them until the job is done: a restart before
// then believes them written.)
void Queue::forget_written_locked(Job& job, Active& a, uint32_t file) {
  auto& jf = job.files[file];
  for (auto& seg : a.table.files[file])
    if (seg.state == SegState::Done) {
      seg.state = SegState::Pending;
      jf.segments_done -= std::min<uint32_t>(jf.segments_done, 1);
      jf.bytes_done -= std::min<uint64_t>(jf.bytes_done, seg.bytes);
    }
  for (const auto& d : a.table.done[file]) a.downloaded_bytes -= std::min<uint64_t>(a.downloaded_bytes, d.size);
  a.table.done[file].clear();
  if (a.table.cursor_file >= file) {
    a.table.cursor_file = file;
    a.table.cursor_seg = 0;
  }
  totals_dirty_ = true;
}

// Disk trouble: the article is kept for later and downloading stops.
void Queue::on_write_failed(const WriteRequest& req, const Status& st) {
  std::string job_name, category;
  {
    util::Lock lock(mutex_);
    auto owner = owner_locked(req.token);
    if (!owner.job || owner.seg->state != SegState::InFlight) return;
    owner.active->table.in_flight--;
    owner.seg->state = SegState::Pending;
    if (req.vanished) forget_written_locked(*owner.job, *owner.active, token_file(req.token));
    for (size_t s = 0; s < servers_.size(); ++s)
      if (server_usable_locked(s)) {
        servers_[s].retry.push_back(req.token);
        break;
      }
    if (!(paused_ && disk_paused_)) {
      job_name = owner.job->name;
      category = owner.job->category;
    }
  }
  // Said once per pause: the articles in flight fail the same way.
  if (job_name.empty() || !pause_for_disk(job_name, category, std::nullopt)) return;
  if (req.error_number == ENOSPC || req.error_number == EDQUOT) {
    spdlog::error("{}", kMsgDiskFull);
  } else if (req.vanished) {
    std::string text = kMsgDiskError;
    text.replace(text.find("%s"), 2, req.path);
    spdlog::error("{} (it vanished while downloading; its articles are fetched again)", text);
  } else {
    std::string text = kMsgDiskError;
    text.replace(text.find("%s"), 2, req.path);
    spdlog::error("{} ({})", text, std::strerror(req.error_number));
  }
  spdlog::info("{}; downloading paused", st.message());
}

}  // namespace nzbd::queue
