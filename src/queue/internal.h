// Private parts of Queue shared by its .cpp files.
#pragma once

#include <chrono>
#include <deque>

#include "nzb/nzb.h"
#include "queue/queue.h"

namespace nzbd::queue {

struct Queue::Active {
  SegmentTable table;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  uint64_t downloaded_bytes = 0;
  // A file took its real name from a yEnc header (network thread): the
  // writer thread saves job.json before it journals that article.
  bool record_dirty = false;
  uint32_t bad_articles = 0;  // given up on every server (fail_hopeless_jobs)
  bool archive_checked = false;  // a RAR volume of it was inspected (pause_on_pwrar, unwanted)
};

// A finished file's free-space check (disk_pause.cpp), run outside the lock.
struct Queue::DiskCheck {
  DiskRules rules;
  std::filesystem::path download_dir;
  uint64_t file_bytes = 0;
  JobProgress progress;
  std::string job_name, category;
};

struct Queue::ArticleOwner {
  Job* job = nullptr;
  Active* active = nullptr;
  Segment* seg = nullptr;
};

// A finished file to look into outside the lock.
struct Queue::Inspection {
  std::string nzo_id;
  std::filesystem::path path;
};

struct Queue::ServerSlot {
  nntp::ServerConfig config;
  bool usable = true;
  std::deque<uint64_t> retry;  // tokens this server should try (others lacked them)
};

struct LoadedNzb {
  nzb::Nzb nzb;
  std::string source_name;  // file name it came with
  std::string job_name;
  std::string password;
  std::string xml;          // as stored for the article lists
};

// A category's settings as SABnzbd applies them: its own, else the default
// category's ("*"); an unknown category resolves to "*".
struct CategoryDefaults {
  std::string name = "*";
  int priority = kNormalPriority;
  int pp = 3;
  std::string script = "None";
};
CategoryDefaults resolve_category(const config::Config& c, std::string cat);

int64_t now_seconds();
int64_t now_millis();

}  // namespace nzbd::queue
