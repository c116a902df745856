// Articles that arrived: decode (in the network thread, outside the lock),
// hand to the writer, and account for them once they are on disk.
#include <spdlog/spdlog.h>

#include <cstring>
#include <utility>

#include "queue/internal.h"
#include "yenc/yenc.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

namespace {

// A file name that no other file of the job uses.
std::string unique_in_job(const Job& job, size_t self, std::string name) {
  std::string base = name;
  for (int n = 1;; ++n) {
    bool clash = false;
    for (size_t i = 0; i < job.files.size(); ++i)
      if (i != self && job.files[i].name == name) clash = true;
    if (!clash) return name;
    name = base + "." + std::to_string(n);
  }
}

}  // namespace

void Queue::on_body(size_t server, const nntp::ArticleRef& ref, char* data, size_t len) {
  bytes_received_ += len;
  auto info = yenc::decode_article_inplace(data, len);
  uint32_t serial = token_serial(ref.token), file = token_file(ref.token);
  if (!info || !info->crc_ok()) {
    spdlog::debug("article {} from server {} is damaged: {}", ref.message_id, server,
                  info ? "CRC mismatch" : info.message());
    // Damaged here; another server may have a good copy.
    on_failure(server, ref, nntp::FetchStatus::NotFound, "damaged article");
    return;
  }
  WriteRequest req;
  req.token = ref.token;
  req.offset = info->offset;
  req.file_size = info->file_size;
  req.crc32 = info->crc32;
  {
    util::Lock lock(mutex_);
    auto jt = by_serial_.find(serial);
    if (jt == by_serial_.end()) {  // job deleted or given up meanwhile
      settle_retired_locked(ref.token);
      return;
    }
    Job& job = *jt->second;
    auto& jf = job.files[file];
    // A hostile header could ask for a huge sparse file; the NZB's size bounds it.
    uint64_t bound = jf.bytes * 2 + (1u << 20);
    if (info->file_size > bound || info->offset + info->size > info->file_size) {
      spdlog::warn("article {} claims a size that does not fit its file; ignored", ref.message_id);
    } else {
      if (jf.provisional_name && !info->name.empty()) {
        std::string real = nzb::sanitize_filename(info->name);
        if (!real.empty() && real != "unnamed") jf.name = unique_in_job(job, file, real);
        jf.provisional_name = false;
        if (auto at = active_.find(serial); at != active_.end()) {
          at->second->record_dirty = true;
        } else {
          save_job_locked(job);  // not downloading (cannot happen while articles arrive): saved here
        }
      }
      // The job folder is made by the writer thread when the first open finds it missing.
      req.path = (download_dir_ / job.folder / jf.name).string();
    }
  }
  if (req.path.empty()) {
    on_failure(server, ref, nntp::FetchStatus::NotFound, "bad article header");
    return;
  }
  req.buffer = writer_->acquire(info->size);
  std::memcpy(req.buffer.data.get(), data, info->size);
  writer_->submit(std::move(req));
}

void Queue::on_written(const WriteRequest& req, const Status& st) {
  if (!st) return on_write_failed(req, st);
  std::vector<FinishedJob> finished;
  std::vector<Inspection> inspect;
  std::optional<FileEvent> file_done;
  std::optional<DiskCheck> disk;
  {
    util::Lock lock(mutex_);
    uint32_t file = token_file(req.token), seg_index = token_seg(req.token);
    auto owner = owner_locked(req.token);
    if (!owner.job || owner.seg->state != SegState::InFlight) return;
    Job& job = *owner.job;
    Active& a = *owner.active;
    Segment& seg = *owner.seg;
    a.table.in_flight--;
    seg.state = SegState::Done;
    auto& jf = job.files[file];
    jf.segments_done++;
    jf.bytes_done += seg.bytes;
    a.downloaded_bytes += req.buffer.size;
    a.table.done[file].push_back(SegmentDone{req.offset, static_cast<uint32_t>(req.buffer.size), req.crc32});
    // Before the journal says the article is written under its file's new name.
    if (std::exchange(a.record_dirty, false)) save_job_locked(job);
    // Only queued here: the writer thread (this one) appends it once this call returns.
    writer_->append_journal(job.serial, store_->journal_path(job.nzo_id).string(),
                            JournalRecord{file, seg_index, req.offset, static_cast<uint32_t>(req.buffer.size),
                                          req.crc32, 0});
    bool rules_apply = rules_.pause_on_pwrar > 0 || (rules_.unwanted_action > 0 && !rules_.unwanted.empty());
    if (jf.finished() && inspector_ && rules_apply && !a.archive_checked && !job.checks_waived && !job.retry)
      inspect.push_back(Inspection{job.nzo_id, download_dir_ / job.folder / jf.name});
    if (jf.finished() && file_listener_ && !job.checking) file_done = file_event_locked(job, FileEvent::FileDone);
    if (jf.finished()) disk = disk_check_locked(job, jf);
    maybe_finish_locked(job, finished);
  }
  if (disk) check_disk(*disk);
  if (file_done) file_listener_(*file_done);
  deliver(finished);
  if (!inspect.empty()) inspect_archives(std::move(inspect));
}

FileEvent Queue::file_event_locked(const Job& job, FileEvent::Kind kind) const {
  FileEvent e;
  e.kind = kind;
  e.nzo_id = job.nzo_id;
  e.folder = download_dir_ / job.folder;
  e.pp = job.pp;
  if (auto at = active_.find(job.serial); at != active_.end()) e.damaged = at->second->bad_articles > 0;
  if (kind != FileEvent::FileDone) return e;
  for (const auto& f : job.files)
    if (!f.removed) e.files.emplace_back(f.name, f.finished() && f.bytes_missing == 0);
  return e;
}

void Queue::set_direct_unpack(const std::string& nzo_id, const std::string& progress) {
  util::Lock lock(mutex_);
  if (Job* j = find_locked(nzo_id)) j->direct_unpack = progress;
}

void Queue::maybe_finish_locked(Job& job, std::vector<FinishedJob>& out) {
  auto at = active_.find(job.serial);
  if (at == active_.end() || at->second->table.in_flight > 0 || !job.all_done()) return;
  if (job.checking) return finish_check_locked(job, out);
  FinishedJob f = take_out_locked(job);
  spdlog::info("{} downloaded ({} bytes missing)", f.job.name, f.job.bytes_missing());
  out.push_back(std::move(f));
}

void Queue::deliver(std::vector<FinishedJob>& finished) {
  if (finished.empty()) return;
  for (auto& f : finished) writer_->close_job(f.job.serial);
  for (auto& f : finished)
    if (finisher_) finisher_(std::move(f));
}

}  // namespace nzbd::queue
