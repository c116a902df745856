#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "util/strings.h"
#include "watch/watch.h"

namespace nzbd::watch {
namespace fs = std::filesystem;

namespace {

// What "unchanged" means between two scans: same file, size and times.
struct FileStamp {
  uint64_t inode = 0, size = 0;
  int64_t mtime_ns = 0, ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<uint64_t>(st.st_ino), static_cast<uint64_t>(st.st_size),
                   st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
                   st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec};
}

// The files the intake (nzb::load_nzb_data) reads; anything else is not ours.
bool is_candidate(const std::string& name) {
  if (name.empty() || name.front() == '.') return false;
  for (const char* ext : {".nzb", ".nzb.gz", ".nzb.bz2", ".gz", ".bz2", ".zip"})
    if (ends_with_icase(name, ext)) return true;
  return false;
}

struct Candidate {
  fs::path path;
  std::string category;  // "" = none from the folder
};

// The files at the top of `dir` and one level down in folders named after a
// category (matched as SABnzbd does, ignoring case). Symlinks are skipped so
// nothing outside the watched folder is read or removed.
std::vector<Candidate> list_candidates(const fs::path& dir, const std::vector<std::string>& categories,
                                       std::error_code& ec) {
  std::vector<Candidate> out;
  auto add_files = [&](const fs::path& folder, const std::string& cat, std::error_code& e) {
    for (const auto& entry : fs::directory_iterator(folder, e)) {
      std::error_code se;
      if (entry.symlink_status(se).type() != fs::file_type::regular) continue;
      if (is_candidate(entry.path().filename().string())) out.push_back({entry.path(), cat});
    }
  };
  add_files(dir, "", ec);
  if (ec) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::error_code se;
    if (entry.symlink_status(se).type() != fs::file_type::directory) continue;
    std::string name = entry.path().filename().string();
    for (const auto& cat : categories)
      if (iequals(cat, name)) {
        std::error_code sub;
        add_files(entry.path(), cat, sub);
      }
  }
  return out;
}

}  // namespace

struct DirScanner::Impl {
  config::ConfigStore& config;
  AddFile add;
  std::mutex scan_mutex;  // one scan at a time (thread and callers)
  std::map<fs::path, FileStamp> seen;      // as the last scan saw them
  std::map<fs::path, FileStamp> rejected;  // reported; skipped until they change
  bool unreadable_reported = false;

  std::mutex mutex;
  std::condition_variable cv;
  bool stopping = false;
  bool triggered = false;
  std::thread thread;

  ScanReport scan();
  void take(const Candidate& c, const FileStamp& stamp, ScanReport& report);
  void run();
  bool sleep_for(std::chrono::milliseconds d);
};

void DirScanner::Impl::take(const Candidate& c, const FileStamp& stamp, ScanReport& report) {
  spdlog::info("Trying to import {} from the watched folder", c.path.string());
  auto ids = add(c.path, c.category);
  if (!ids) {
    spdlog::warn("{} (watched folder: {} is left in place and skipped until it changes)", ids.message(),
                 c.path.string());
    rejected[c.path] = stamp;
    report.rejected.push_back(c.path.string());
    return;
  }
  for (auto& id : *ids) report.added.push_back(id);
  std::error_code ec;
  fs::remove(c.path, ec);
  if (ec) {
    // The job is queued; adding the file again would download it twice.
    spdlog::warn("Watched folder: {} was added but cannot be removed ({}); it will not be added again",
                 c.path.string(), ec.message());
    rejected[c.path] = stamp;
  }
}

ScanReport DirScanner::Impl::scan() {
  std::lock_guard lock(scan_mutex);
  ScanReport report;
  auto [dir, categories] = config.read([](const config::Config& cfg) {
    std::vector<std::string> cats;
    for (const auto* it : cfg.items("categories"))
      if (it->name != "*") cats.push_back(it->name);
    return std::make_pair(cfg.resolve_dir("dirscan_dir"), cats);
  });
  if (dir.empty()) return report;
  std::error_code ec;
  auto candidates = list_candidates(dir, categories, ec);
  if (ec) {
    if (!unreadable_reported) spdlog::error("Cannot read Watched Folder {}: {}", dir.string(), ec.message());
    unreadable_reported = true;
    return report;
  }
  unreadable_reported = false;
  std::set<fs::path> present;
  for (const auto& c : candidates) {
    auto stamp = stamp_of(c.path);
    if (!stamp || stamp->size == 0) continue;
    present.insert(c.path);
    if (auto r = rejected.find(c.path); r != rejected.end()) {
      if (r->second == *stamp) continue;
      rejected.erase(r);  // changed: worth another try once it is stable
    }
    auto s = seen.find(c.path);
    if (s != seen.end() && s->second == *stamp) {
      seen.erase(s);
      take(c, *stamp, report);
    } else {
      seen[c.path] = *stamp;
    }
  }
  std::erase_if(seen, [&](const auto& e) { return !present.count(e.first); });
  std::erase_if(rejected, [&](const auto& e) { return !present.count(e.first); });
  return report;
}

bool DirScanner::Impl::sleep_for(std::chrono::milliseconds d) {
  std::unique_lock lock(mutex);
  cv.wait_for(lock, d, [&] { return stopping || triggered; });
  return !stopping;
}

void DirScanner::Impl::run() {
  auto last = std::chrono::steady_clock::now();
  while (sleep_for(std::chrono::seconds(1))) {
    bool now;
    {
      std::lock_guard lock(mutex);
      now = triggered;
      triggered = false;
    }
    int64_t speed = config.read([](const config::Config& c) { return c.misc_int("dirscan_speed"); });
    auto elapsed = std::chrono::steady_clock::now() - last;
    if (!now && (speed <= 0 || elapsed < std::chrono::seconds(speed))) continue;
    last = std::chrono::steady_clock::now();
    scan();
    if (now && sleep_for(std::chrono::seconds(1))) scan();  // the second look of watched_now
  }
}

DirScanner::DirScanner(config::ConfigStore& config, AddFile add)
    : impl_(std::make_unique<Impl>(config, std::move(add))) {}

DirScanner::~DirScanner() { stop(); }

void DirScanner::start() {
  if (!impl_->thread.joinable()) impl_->thread = std::thread([this] { impl_->run(); });
}

void DirScanner::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void DirScanner::scan_soon() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->triggered = true;
  }
  impl_->cv.notify_all();
}

ScanReport DirScanner::scan_once() { return impl_->scan(); }

}  // namespace nzbd::watch
