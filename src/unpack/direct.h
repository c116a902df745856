// Direct unpack (SABnzbd's direct_unpack): a RAR set is extracted while its
// later volumes still download. The unpacker reads the volumes in order
// through libarchive and waits at the start of each volume until it is
// complete; its output goes into a private folder inside the job folder,
// which post-processing moves into place (unpack_all's `prepared`) only when
// nothing needed repair. Any problem ends it: the folder is removed and the
// set is unpacked after the download as usual.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "unpack/unpack.h"
#include "util/result.h"

namespace nzbd::unpack {

// Prefix of a direct unpack's folder in the job folder.
inline constexpr std::string_view kDirectPrefix = ".nzbd-direct-";

// RAR sets as their file names tell (name.partN.rar, or name.rar + name.r00 ...):
// volume names in order. Only what the names say; nothing is read.
struct NamedRarSet {
  std::string name;
  std::vector<std::string> volumes;
};
std::vector<NamedRarSet> rar_sets_by_name(const std::vector<std::string>& file_names);

// Removes direct-unpack folders in `dir` (left by a run that was killed, or
// not used); call only while no DirectUnpacker of that folder runs.
void remove_direct_leftovers(const std::filesystem::path& dir);

struct DirectOutcome {
  std::filesystem::path folder;                  // the output, directly in the job folder
  std::vector<std::filesystem::path> volumes;    // the volumes the archive used, in order
  size_t entries = 0;                            // files and folders extracted
  double seconds = 0;                            // time spent extracting (not waiting)
};

// One set. The thread starts in the constructor and reads volume 0 once it
// is marked ready. Destroying it stops the thread and removes its folder
// unless take() handed the folder on.
class DirectUnpacker {
 public:
  // `volumes`: the set's volume paths in order, all in `job_dir`.
  // `progress(n, m)` is called (on the unpacker's thread) as volume n of m starts; n = 0 when it ends.
  DirectUnpacker(std::vector<std::filesystem::path> volumes, std::filesystem::path job_dir,
                 std::function<void(size_t, size_t)> progress = {});
  ~DirectUnpacker();
  DirectUnpacker(const DirectUnpacker&) = delete;
  DirectUnpacker& operator=(const DirectUnpacker&) = delete;

  const std::vector<std::filesystem::path>& volumes() const { return volumes_; }
  // Volume i is completely on disk, undamaged.
  void ready(size_t index);
  // No further volume will become ready (the download is over): one that is
  // not ready by now ends the unpack.
  void no_more_volumes();
  // Stops it (also when damaged volumes or a pause make it pointless).
  void abort(const std::string& why);
  bool running() const;
  // Waits for the thread; the output on success, else why it stopped. The
  // folder belongs to the caller from then on.
  nzbd::Result<DirectOutcome> take();

 private:
  void run();
  // For the read callbacks: waits until volume i is ready; false when it never will be.
  bool wait_for(size_t index);
  bool stopped() const;
  struct Node;
  friend struct DirectCallbacks;

  std::vector<std::filesystem::path> volumes_;
  std::filesystem::path job_dir_;
  std::function<void(size_t, size_t)> progress_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<bool> ready_;
  bool no_more_ = false;
  bool aborted_ = false;
  bool done_ = false;
  bool taken_ = false;
  std::string error_;
  size_t opened_ = 0;  // volumes read so far
  DirectOutcome outcome_;
  std::thread thread_;
};

}  // namespace nzbd::unpack
