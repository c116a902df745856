// A job (SABnzbd's "nzo") and its files ("nzf") as the queue keeps them in
// memory: summaries only. The per-article lists live on disk (the stored NZB
// plus a journal) and are loaded only while a job downloads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nzbd::queue {

// SABnzbd's priority numbers.
enum Priority : int {
  kDefaultPriority = -100,
  kPausedPriority = -2,
  kLowPriority = -1,
  kNormalPriority = 0,
  kHighPriority = 1,
  kForcePriority = 2,
};

enum class JobStatus { Grabbing, Queued, Paused, Downloading, Fetching, Checking };
const char* status_name(JobStatus s);

struct JobFile {
  std::string nzf_id;        // "SABnzbd_nzf_xxxxxx"
  std::string name;          // current file name (sanitized, one path component)
  uint32_t nzb_index = 0;    // position of this file in the stored NZB
  uint64_t bytes = 0;        // sum of the NZB's segment sizes
  uint64_t bytes_done = 0;   // decoded-and-written article sizes (NZB sizes)
  uint64_t bytes_missing = 0;
  uint32_t segments = 0;
  uint32_t segments_done = 0;     // written or given up
  int64_t date = 0;          // post date (for avg_age)
  bool provisional_name = false;  // name may be replaced by the yEnc name
  bool held_back = false;    // recovery volume not needed (yet)
  bool is_par2 = false;
  bool removed = false;      // delete_nzf
  bool finished() const { return segments_done >= segments; }
};

struct Job {
  std::string nzo_id;        // "SABnzbd_nzo_xxxxxxxx"
  std::string name;          // job (folder) name
  std::string nzb_name;      // "name.nzb"
  std::string password;
  std::string category = "*";
  std::string script = "Default";
  int priority = kNormalPriority;
  int pp = 3;                // 0..3
  bool paused = false;
  bool fetching = false;     // getting extra par2 volumes for a repair
  std::string url;           // addurl source; non-empty while grabbing
  bool grabbing = false;
  int64_t time_added = 0;
  uint32_t serial = 0;       // in-process id, part of article tokens
  std::vector<JobFile> files;
  std::vector<std::string> labels;
  std::string folder;        // folder name under download_dir (unique)
  // propagation_delay: the job waits until this epoch second (0 = not waiting).
  int64_t propagate_until = 0;
  // Resumed by the user after an automatic pause, or a retry: no further
  // automatic pauses or aborts for encryption and unwanted extensions.
  bool checks_waived = false;
  bool retry = false;        // re-added from history: fail_hopeless_jobs does not apply
  bool checking = false;     // pre_check: articles are STATed before any is downloaded
  std::string direct_unpack; // "N/M" while a direct unpack runs (not stored)
  std::string duplicate_key; // SABnzbd's smart-duplicate key ("showname/1/5"), "" when not a show

  uint64_t bytes_total() const;    // files not held back
  uint64_t bytes_left() const;     // of files not held back
  uint64_t bytes_missing() const;
  int64_t average_date() const;    // byte-weighted post date, 0 when unknown
  bool all_done() const;           // every non-held file finished
};

}  // namespace nzbd::queue
