#include "api/sab/orphans.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "api/sab/call.h"
#include "history/history.h"
#include "queue/queue.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace fs = std::filesystem;

namespace {

fs::path download_dir(Services& s) {
  return s.config.read([](const config::Config& c) { return c.resolve_dir("download_dir"); });
}

// Folder names someone still owns: queued jobs, jobs in post-processing and
// failed jobs that can be retried (SABnzbd's scan_jobs counts the same).
// Unreadable history is an error: a folder it may own must not look orphaned.
Result<std::set<std::string>> owned_folders(Services& s) {
  std::set<std::string> owned;
  if (s.queue)
    s.queue->with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus&) {
      for (const auto* j : jobs) owned.insert(j->folder);
      return 0;
    });
  if (s.history) {
    auto page = s.history->query(history::Query{});
    if (!page) return page.error();
    for (const auto& e : page->entries)
      if ((e.loaded || e.retry || e.status == history::JobStatus::Queued) && !e.path.empty())
        owned.insert(fs::path(e.path).filename().string());
  }
  return owned;
}

// `name` as a folder directly inside download_dir, or why it cannot be one.
Result<fs::path> orphan_path(Services& s, const std::string& name) {
  if (name.empty()) return make_error(kOneParam);
  if (name == "." || name == ".." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
    return make_error("'" + name + "' is not a folder name in the incomplete folder");
  fs::path p = download_dir(s) / name;
  std::error_code ec;
  if (fs::symlink_status(p, ec).type() != fs::file_type::directory)
    return make_error("no folder '" + name + "' in the incomplete folder " + download_dir(s).string());
  auto owned = owned_folders(s);
  if (!owned) return owned.error();
  if (owned->count(name)) return make_error("folder '" + name + "' belongs to a job; it is not an orphan");
  return p;
}

bool is_nzb_backup(const fs::path& p) {
  std::string n = p.filename().string();
  return ends_with_icase(n, ".nzb") || ends_with_icase(n, ".nzb.gz") || ends_with_icase(n, ".nzb.bz2");
}

std::optional<fs::path> find_nzb_backup(const fs::path& folder) {
  for (const fs::path& dir : {folder / "__ADMIN__", folder}) {
    std::error_code ec;
    std::vector<fs::path> found;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      std::error_code se;
      if (e.symlink_status(se).type() == fs::file_type::regular && is_nzb_backup(e.path())) found.push_back(e.path());
    }
    std::sort(found.begin(), found.end());
    if (!found.empty()) return found.front();
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> orphan_folders(Services& s) {
  std::vector<std::string> out;
  auto owned = owned_folders(s);
  if (!owned) return out;  // which folders are orphans is unknown until the history can be read
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(download_dir(s), ec)) {
    std::error_code se;
    std::string name = e.path().filename().string();
    // Hidden folders and a NAS's index folders are nobody's job (SABnzbd's IGNORED_FILES_AND_FOLDERS).
    if (name.front() == '.' || name == "@eaDir") continue;
    if (e.symlink_status(se).type() == fs::file_type::directory && !owned->count(name)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status delete_orphan(Services& s, const std::string& name) {
  auto p = orphan_path(s, name);
  if (!p) return p.error();
  spdlog::info("Removing orphaned job {}", p->string());
  std::error_code ec;
  fs::remove_all(*p, ec);
  if (ec) return make_error("cannot remove " + p->string() + ": " + ec.message());
  return ok_status();
}

Result<std::string> add_orphan(Services& s, const std::string& name) {
  if (!s.queue) return make_error("the download queue is not running");
  auto p = orphan_path(s, name);
  if (!p) return p.error();
  auto nzb = find_nzb_backup(*p);
  if (!nzb)
    return make_error("no NZB backup (.nzb, .nzb.gz or .nzb.bz2) in " + p->string() + "; it cannot be added again");
  queue::AddOptions o;
  o.nzbname = name;
  o.reuse_folder = name;
  auto ids = s.queue->add_local_file(*nzb, o);
  if (!ids) return ids.error();
  if (ids->empty()) return make_error("the NZB backup in " + p->string() + " holds no job");
  spdlog::info("Re-added orphaned job {} as {}", name, ids->front());
  return ids->front();
}

}  // namespace nzbd::api::sab
