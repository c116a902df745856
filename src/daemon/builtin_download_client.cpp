// BuiltinDownloadClient: the same calls SABnzbd's addfile, queue, history
// and delete modes make, straight on the Queue and History objects, with
// the status mapping of Sonarr's SABnzbd client.
#include "daemon/builtin_download_client.h"

#include <algorithm>

#include "util/files.h"
#include "util/strings.h"

namespace nzbd::daemon {
namespace fs = std::filesystem;
namespace {

// SABnzbd's history limit in Sonarr's poll is 60; nzbd reads a little more
// so a busy day does not hide a tracked job.
constexpr int kHistoryLimit = 200;
constexpr const char* kDiskFull = "unpacking failed, write error or disk is full?";

// Deletes `dir` only when it lies inside one of `roots` (links resolved).
void remove_inside(const fs::path& dir, const std::vector<fs::path>& roots) {
  if (dir.empty()) return;
  std::error_code ec;
  fs::path target = fs::weakly_canonical(dir, ec);
  if (ec) return;
  for (const auto& root : roots) {
    fs::path base = fs::weakly_canonical(root, ec);
    if (ec || root.empty() || base == target || !is_within(base, target)) continue;
    fs::remove_all(target, ec);
    return;
  }
}

}  // namespace

Result<std::string> BuiltinDownloadClient::add_nzb(const pvr::AddNzbRequest& r) {
  queue::AddOptions o;
  o.nzbname = r.name;
  o.category = r.category;
  o.priority = r.priority;
  std::string filename = (r.name.empty() ? std::string("download") : r.name) + ".nzb";
  auto ids = queue_.add_data(r.nzb, filename, o);
  if (!ids) return make_error("nzbd could not add the NZB: " + ids.message());
  if (ids->empty()) return make_error("nzbd added no job for the NZB");
  return ids->front();
}

Result<std::vector<pvr::DownloadItem>> BuiltinDownloadClient::items(const std::string& category) {
  bool known = !category.empty() && config_.read([&](const config::Config& c) {
    auto items = c.items("categories");
    return std::any_of(items.begin(), items.end(), [&](const auto* it) { return iequals(it->name, category); });
  });
  auto wanted = [&](const std::string& cat) { return !known || iequals(cat, category); };

  std::vector<pvr::DownloadItem> out;
  queue_.with_jobs([&](const queue::JobList& jobs, const queue::QueueStatus& st) {
    uint64_t cumulative = 0;
    bool first = true;
    for (const auto* j : jobs) {
      bool force = j->priority == queue::kForcePriority;
      bool paused = j->paused || (st.paused && !force);
      if (!paused) cumulative += j->bytes_left();
      // As SABnzbd shows it: the first job that can download is Downloading
      // while bytes arrive; the others (and all of them when idle) are Queued.
      bool downloading = !paused && !j->grabbing && first && st.speed_bps > 0;
      if (!paused && !j->grabbing) first = false;
      if (!wanted(j->category)) continue;
      pvr::DownloadItem item;
      item.download_id = j->nzo_id;
      item.title = j->name;
      item.category = j->category;
      item.total_size = static_cast<std::int64_t>(j->bytes_total());
      item.remaining_size = static_cast<std::int64_t>(j->bytes_left());
      item.status = paused ? "paused" : (downloading ? "downloading" : "queued");
      if (!paused && st.speed_bps > 0)
        item.time_left_seconds = static_cast<int>(std::min<uint64_t>(cumulative / st.speed_bps, 1u << 30));
      out.push_back(std::move(item));
    }
  });

  history::Query q;
  q.limit = kHistoryLimit;
  if (known) q.categories = {category};
  // Unreadable history is an error, not an empty list: the tracker would take
  // every finished download for gone.
  auto page = history_.query(q);
  if (!page) return page.error();
  for (const auto& e : page->entries) {
    if (std::any_of(out.begin(), out.end(), [&](const auto& i) { return i.download_id == e.nzo_id; })) continue;
    pvr::DownloadItem item;
    item.download_id = e.nzo_id;
    item.title = e.name;
    item.category = e.category;
    item.total_size = e.bytes;
    item.message = e.fail_message;
    if (e.status == history::JobStatus::Failed)
      item.status = to_lower(e.fail_message) == kDiskFull ? "warning" : "failed";
    else if (e.status == history::JobStatus::Completed && !e.loaded) item.status = "completed";
    else item.status = "downloading";  // post-processing runs
    if (item.status == "completed") item.output_path = e.storage;
    out.push_back(std::move(item));
  }
  return out;
}

Status BuiltinDownloadClient::remove(const std::string& id, bool delete_data) {
  if (!queue_.delete_jobs({id}, delete_data).empty()) return ok_status();
  auto e = history_.get(id);
  if (e.is(ErrorKind::NotFound)) return not_found_error("nzbd holds no job " + id);
  if (!e) return e.error();
  if (e->loaded) return make_error("job " + id + " is still being post-processed");
  if (delete_data) {
    auto roots = config_.read([](const config::Config& c) {
      return std::vector<fs::path>{c.resolve_dir("download_dir"), c.resolve_dir("complete_dir")};
    });
    remove_inside(e->path, roots);
    remove_inside(e->storage, roots);
  }
  // As Sonarr asks SABnzbd: failed jobs go for good, others to the archive.
  return history_.remove({id}, e->status != history::JobStatus::Failed);
}

Status BuiltinDownloadClient::test() { return ok_status(); }

}  // namespace nzbd::daemon
