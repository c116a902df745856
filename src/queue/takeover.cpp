// A retried job continues where the failed one stopped (SABnzbd's
// repair_job): it reuses the job folder, and the articles the failed job had
// written are journaled for the new one, so only the rest is fetched.
#include <spdlog/spdlog.h>

#include <map>

#include "queue/internal.h"
#include "util/files.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

namespace {
std::string first_message_id(const nzb::File& f) {
  return f.segments.empty() ? std::string() : f.segments.front().message_id;
}
}  // namespace

// Files are matched by their first article's message-id (a retry with an
// extra NZB has more files, in another order). Names the failed job learned
// from yEnc headers are kept, so the bytes on disk are found again; articles
// that were missing are tried again.
void Queue::take_over_record(Job& job, const nzb::Nzb& nzb, const fs::path& record) {
  auto old_job = read_job_record(record / "job.json");
  auto old_xml = read_file(record / "job.nzb");
  if (!old_job || !old_xml) return;
  auto old_nzb = nzb::parse_nzb(*old_xml);
  if (!old_nzb) return;
  std::map<std::string, uint32_t> new_by_id;
  for (uint32_t q = 0; q < job.files.size(); ++q)
    if (job.files[q].nzb_index < nzb.files.size()) new_by_id[first_message_id(nzb.files[job.files[q].nzb_index])] = q;
  std::map<uint32_t, uint32_t> old_to_new;
  for (uint32_t p = 0; p < old_job->files.size(); ++p) {
    const JobFile& before = old_job->files[p];
    if (before.nzb_index >= old_nzb->files.size()) continue;
    auto it = new_by_id.find(first_message_id(old_nzb->files[before.nzb_index]));
    if (it == new_by_id.end() || job.files[it->second].segments != before.segments) continue;
    old_to_new[p] = it->second;
    if (!before.provisional_name) {
      job.files[it->second].name = before.name;
      job.files[it->second].provisional_name = false;
    }
  }
  size_t taken = 0;
  for (const auto& r : read_journal_file(record / "journal.bin")) {
    auto it = old_to_new.find(r.file);
    if (r.kind != 0 || it == old_to_new.end()) continue;
    JournalRecord moved = r;
    moved.file = it->second;
    if (!store_->append_journal(job.nzo_id, moved)) continue;
    JobFile& f = job.files[it->second];
    f.segments_done = std::min(f.segments_done + 1, f.segments);
    f.bytes_done = std::min(f.bytes_done + r.size, f.bytes);
    ++taken;
  }
  spdlog::info("{}: {} articles already in {} are not fetched again", job.name, taken, job.folder);
}

}  // namespace nzbd::queue
