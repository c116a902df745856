#include "config/store.h"

#include "util/files.h"

namespace nzbd::config {

// A save that finds a newer text already on disk has nothing to add: that
// text holds this change too.
Status ConfigStore::save_in_order(const std::filesystem::path& path, const std::string& text, uint64_t version) {
  util::Lock lock(save_mutex_);
  if (version <= saved_version_) return ok_status();
  Status st = write_file_atomic(path, text);
  if (st) saved_version_ = version;
  return st;
}

}  // namespace nzbd::config
