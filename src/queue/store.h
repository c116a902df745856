// The queue on disk, under <admin>/queue/:
//   order.json            ids of the jobs in queue order (a snapshot, see order_file.h)
//   order.journal         the adds since that snapshot
//   <nzo_id>/job.json     the job record (everything but the article lists)
//   <nzo_id>/job.nzb      the NZB as added (source of the article lists)
//   <nzo_id>/journal.bin  one record per finished article, appended after the
//                         article's bytes were written, so a restart after
//                         kill -9 does not fetch it again
// Every file but the journals is replaced atomically.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "queue/job.h"
#include "queue/order_file.h"
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

// A journal record as journal.bin holds it; appended with one write(), so a
// crash leaves it whole or absent.
using JournalBytes = std::array<unsigned char, 28>;
JournalBytes encode_journal_record(const JournalRecord& r);

// A job record or journal read from any folder (a failed job's kept record).
Result<Job> read_job_record(const std::filesystem::path& job_json);
std::vector<JournalRecord> read_journal_file(const std::filesystem::path& journal_bin);

// Sync::Now fsyncs each file as it is written; Sync::Later only makes it
// whole against kill -9, and the caller fsyncs written_paths() (group commit).
enum class Sync { Now, Later };

class QueueStore {
 public:
  explicit QueueStore(std::filesystem::path root) : root_(root), order_(std::move(root)) {}
  Status init();

  std::filesystem::path job_dir(const std::string& nzo_id) const { return root_ / nzo_id; }
  Status save_order(const std::vector<std::string>& ids) { return order_.save(ids); }
  std::vector<std::string> load_order() { return order_.load(); }
  // One add to the order, not fsync'd (see OrderFile::append_add).
  Status append_order(const std::string& nzo_id, size_t index) { return order_.append_add(nzo_id, index); }
  size_t order_journal_records() const { return order_.journal_records(); }
  // What an add wrote with Sync::Later and append_order: its job's files and
  // folder, the queue folder (the job folder's entry) and the order journal.
  std::vector<std::filesystem::path> written_paths(const std::string& nzo_id) const;

  Status save_job(const Job& job, Sync sync = Sync::Now);
  Result<Job> load_job(const std::string& nzo_id) const;
  Status save_nzb(const std::string& nzo_id, std::string_view xml, Sync sync = Sync::Now);
  Result<std::string> load_nzb(const std::string& nzo_id) const;
  void remove_job(const std::string& nzo_id);

  // Opens, appends and closes: for rare appends (a retry's take-over). The
  // download's records go through the writer thread, which keeps it open.
  Status append_journal(const std::string& nzo_id, const JournalRecord& r);
  std::filesystem::path journal_path(const std::string& nzo_id) const { return job_dir(nzo_id) / "journal.bin"; }
  // Records of complete writes; a torn last record (crash mid-append) is ignored.
  std::vector<JournalRecord> read_journal(const std::string& nzo_id) const;

 private:
  std::filesystem::path root_;
  OrderFile order_;
};

}  // namespace nzbd::queue
