// The queue on disk, under <admin>/queue/:
//   order.json            ids of the jobs in queue order
//   <nzo_id>/job.json     the job record (everything but the article lists)
//   <nzo_id>/job.nzb      the NZB as added (source of the article lists)
//   <nzo_id>/journal.bin  one record per finished article, appended after the
//                         article's bytes were written, so a restart after
//                         kill -9 does not fetch it again
// Every file but the journal is replaced atomically.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "queue/job.h"
#include "util/result.h"

namespace nzbd::queue {

struct JournalRecord {
  uint32_t file = 0;
  uint32_t seg = 0;
  uint64_t offset = 0;
  uint32_t size = 0;
  uint32_t crc32 = 0;
  uint8_t kind = 0;  // 0 = written, 1 = missing on every server
};

// A job record or journal read from any folder (a failed job's kept record).
Result<Job> read_job_record(const std::filesystem::path& job_json);
std::vector<JournalRecord> read_journal_file(const std::filesystem::path& journal_bin);

class QueueStore {
 public:
  explicit QueueStore(std::filesystem::path root) : root_(std::move(root)) {}
  Status init();

  std::filesystem::path job_dir(const std::string& nzo_id) const { return root_ / nzo_id; }
  Status save_order(const std::vector<std::string>& ids);
  std::vector<std::string> load_order() const;

  Status save_job(const Job& job);
  Result<Job> load_job(const std::string& nzo_id) const;
  Status save_nzb(const std::string& nzo_id, std::string_view xml);
  Result<std::string> load_nzb(const std::string& nzo_id) const;
  void remove_job(const std::string& nzo_id);

  Status append_journal(const std::string& nzo_id, const JournalRecord& r);
  // Records of complete writes; a torn last record (crash mid-append) is ignored.
  std::vector<JournalRecord> read_journal(const std::string& nzo_id) const;

 private:
  std::filesystem::path root_;
};

}  // namespace nzbd::queue
