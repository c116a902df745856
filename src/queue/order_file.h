// The queue order on disk: a snapshot and a journal of the adds made since.
//   order.json     {"generation": G, "ids": [...]}, replaced atomically
//   order.journal  "nzbd order journal G" then one line per add:
//                  "+<index> <nzo_id> <checksum>", appended with one write()
// An add appends ~40 bytes instead of rewriting every id (the whole order.json
// per add made adding O(jobs)); any other change writes a new snapshot with
// the next generation and starts an empty journal. A journal of another
// generation than the snapshot's was cut off by a crash between the two
// writes: its adds are in the snapshot already (or were undone there).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::queue {

class OrderFile {
 public:
  explicit OrderFile(std::filesystem::path dir);
  ~OrderFile();
  OrderFile(const OrderFile&) = delete;
  OrderFile& operator=(const OrderFile&) = delete;

  // The snapshot with the journal replayed. Replay stops at the first record
  // that is incomplete or fails its checksum (a torn tail after a crash).
  std::vector<std::string> load();
  // A new snapshot (fsync'd, like its fresh journal): the journal restarts empty.
  Status save(const std::vector<std::string>& ids);
  // `nzo_id` was inserted at `index` of the order. Written, not fsync'd: the
  // caller's group commit syncs journal_path(). An error (also before the
  // first save()) leaves the order to a new snapshot.
  Status append_add(const std::string& nzo_id, size_t index);
  // Adds in the journal since the last snapshot (the owner compacts when large).
  size_t journal_records() const { return records_; }
  std::filesystem::path journal_path() const { return dir_ / "order.journal"; }
  std::filesystem::path snapshot_path() const { return dir_ / "order.json"; }

 private:
  Status open_journal();

  std::filesystem::path dir_;
  uint64_t generation_ = 0;
  size_t records_ = 0;
  int fd_ = -1;  // order.journal, O_APPEND
};

}  // namespace nzbd::queue
