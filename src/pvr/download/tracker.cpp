// DownloadTracker: the state machine of a tracked download.
//
//   downloading --client Completed--> importing --files imported--> imported
//        |                                 |--some episodes left--> importBlocked (retried each refresh)
//        |                                 \--nothing importable--> failed
//        \--client Failed------------------------------------------> failed
//   (gone from the client twice in a row, or removed by hand)     -> ignored
//
// "importing" is written before the import starts. A refresh that finds a
// download still "importing" (it is the only importer, so that is a crash)
// asks the history whether files of that download were already imported:
// if so it is imported, otherwise the import runs again — never twice.
#include "pvr/download/tracker.h"

#include <set>

#include "pvr/db.h"
#include "pvr/release_parser.h"
#include "pvr/time_util.h"

namespace nzbd::pvr {
namespace {

// Missing from two polls in a row: one miss may be a job moving from the
// queue to the history between two calls.
constexpr int kMissesBeforeGone = 2;

std::string release_type(const TrackedDownload& td) {
  auto parsed = parse_release(td.title);
  if (parsed && parsed->full_season) return "seasonPack";
  if (td.episode_ids.size() > 1) return "multiEpisode";
  if (td.episode_ids.size() == 1) return "singleEpisode";
  return "unknown";
}

}  // namespace

DownloadTracker::DownloadTracker(Library& library, DownloadClientStore& clients,
                                 std::shared_ptr<DownloadClient> builtin, TrackerHooks hooks)
    : library_(library), clients_(clients), store_(library), builtin_(std::move(builtin)), hooks_(std::move(hooks)) {
  if (!hooks_.import)
    hooks_.import = [this](const DownloadImportRequest& r) { return import_download(library_, r); };
}

void DownloadTracker::set_on_failed(decltype(TrackerHooks::on_failed) f) {
  std::lock_guard lock(mu_);
  hooks_.on_failed = std::move(f);
}

void DownloadTracker::set_live(const TrackedDownload& td, const std::function<void(QueueEntry&)>& change) {
  std::lock_guard lock(mu_);
  auto& e = live_[td.id];
  e.download = td;
  change(e);
}

bool DownloadTracker::was_imported(const std::string& download_id) {
  return library_.with_db([&](Db& db) {
    Stmt s(db, "SELECT 1 FROM history WHERE download_id=?1 AND event_type='downloadFolderImported' LIMIT 1");
    s.bind(1, download_id);
    return s.step();
  });
}

bool DownloadTracker::all_imported(const TrackedDownload& td) {
  std::set<int> done = library_.with_db([&](Db& db) {
    std::set<int> out;
    Stmt s(db, "SELECT episode_id FROM history WHERE download_id=?1 AND event_type='downloadFolderImported'");
    s.bind(1, td.download_id);
    while (s.step()) out.insert(s.i32(0));
    return out;
  });
  if (done.empty()) return false;
  for (int id : td.episode_ids)
    if (!done.count(id)) return false;
  return true;
}

void DownloadTracker::block_import(TrackedDownload& td, const std::vector<std::string>& rejections) {
  td.state = "importBlocked";
  td.status_messages = {"One or more episodes expected in this release were not imported or missing from the release"};
  td.status_messages.insert(td.status_messages.end(), rejections.begin(), rejections.end());
  // Kept even if the row cannot be written: the next refresh blocks it again.
  static_cast<void>(store_.update(td));
  set_live(td, [&](QueueEntry& e) {
    e.tracked_status = "warning";
    e.messages = {{td.title, td.status_messages}};
  });
}

// A job the client holds that has grab history but no tracked row: the
// process died between the client's answer and the row (Sonarr finds such
// downloads again from the grab history too).
std::optional<TrackedDownload> DownloadTracker::adopt(const DownloadClientDefinition& def, const DownloadItem& item) {
  if (item.download_id.empty() || store_.find(def.id, item.download_id)) return std::nullopt;
  TrackedDownload td;
  bool found = library_.with_db([&](Db& db) {
    Stmt s(db,
           "SELECT series_id, episode_id, source_title, quality_id, date, data FROM history "
           "WHERE download_id=?1 AND event_type='grabbed' ORDER BY id");
    s.bind(1, item.download_id);
    bool any = false;
    while (s.step()) {
      any = true;
      td.series_id = s.i32(0);
      if (s.i32(1)) td.episode_ids.push_back(s.i32(1));
      td.title = s.text(2);
      td.quality = parse_quality(td.title);
      td.quality.id = s.i32(3);
      td.grabbed = s.text(4);
      std::string data = s.text(5);  // "key\tvalue" lines
      auto at = data.find("indexer\t");
      if (at == 0 || (at != std::string::npos && data[at - 1] == '\n'))
        td.indexer = data.substr(at + 8, data.find('\n', at) - at - 8);
    }
    return any;
  });
  if (!found) return std::nullopt;
  td.download_client_id = def.id;
  td.download_id = item.download_id;
  auto added = store_.add(td);
  if (!added) return std::nullopt;
  return *added;
}

void DownloadTracker::history(const TrackedDownload& td, const DownloadClientDefinition& def,
                              const std::string& event, const std::string& message) {
  std::vector<int> episodes = td.episode_ids;
  if (episodes.empty()) episodes.push_back(0);
  for (int episode : episodes) {
    HistoryEvent h;
    h.series_id = td.series_id;
    h.episode_id = episode;
    h.source_title = td.title;
    h.quality_id = td.quality.id;
    h.event_type = event;
    h.download_id = td.download_id;
    h.data = {{"downloadClient", implementation_name(def.implementation)},
              {"downloadClientName", def.name},
              {"message", message},
              {"releaseGroup", parse_release_group(td.title)},
              {"size", std::to_string(td.release.size)}};
    if (event == "downloadIgnored") h.data.emplace_back("releaseType", release_type(td));
    must(library_.add_history(std::move(h)));
  }
}

void DownloadTracker::fail(const DownloadClientDefinition& def, DownloadClient* client, TrackedDownload& td,
                           const std::string& message, bool skip_redownload, bool remove_job) {
  td.state = "failed";
  td.status_messages = {message};
  (void)store_.update(td);
  history(td, def, "downloadFailed", message);
  {
    std::lock_guard lock(mu_);
    live_.erase(td.id);
    misses_.erase(td.id);
  }
  if (remove_job && client) (void)client->remove(td.download_id, true);
  decltype(hooks_.on_failed) on_failed;
  {
    std::lock_guard lock(mu_);
    on_failed = hooks_.on_failed;
  }
  if (on_failed) on_failed(td, message, skip_redownload);
}

void DownloadTracker::import(const DownloadClientDefinition& def, DownloadClient& client, TrackedDownload& td,
                             const DownloadItem& item) {
  const bool was_blocked = td.state == "importBlocked";
  td.state = "importing";
  if (auto st = store_.update(td); !st) {
    // Without the mark a crash could import twice: better not to start.
    set_live(td, [&](QueueEntry& e) {
      e.tracked_status = "warning";
      e.messages = {{td.title, {"Cannot record the import: " + st.message()}}};
    });
    return;
  }
  set_live(td, [](QueueEntry&) {});
  DownloadImportRequest req;
  req.output_path = item.output_path;
  req.series_id = td.series_id;
  req.episode_ids = td.episode_ids;
  req.release_title = td.title;
  req.quality = td.quality;
  req.download_id = td.download_id;
  req.download_client = def.name;
  Result<DownloadImportResult> r = make_error("import did not run");
  try {
    r = hooks_.import(req);
  } catch (const std::exception& e) {
    r = make_error(std::string("import failed: ") + e.what());
  }
  if ((r && r->imported > 0) || was_imported(td.download_id)) {
    if (!all_imported(td)) {
      block_import(td, r ? r->rejections : std::vector<std::string>{r.message()});
      return;
    }
    td.state = "imported";
    td.status_messages = r ? r->rejections : std::vector<std::string>{};
    (void)store_.update(td);
    {
      std::lock_guard lock(mu_);
      live_.erase(td.id);
      misses_.erase(td.id);
    }
    if (def.remove_completed_downloads) (void)client.remove(td.download_id, true);
    return;
  }
  std::string message = r ? "No files found are eligible for import in " + item.output_path : r.message();
  if (r && !r->rejections.empty()) message += " (" + r->rejections.front() + ")";
  if (was_blocked) {  // part of it is in the library already: wait for the user, never fail it
    block_import(td, {message});
    return;
  }
  fail(def, &client, td, message, false, def.remove_failed_downloads);
}

void DownloadTracker::process(const DownloadClientDefinition& def, DownloadClient& client, TrackedDownload td,
                              const DownloadItem& item, bool cdh) {
  set_live(td, [&](QueueEntry& e) {
    e.client_name = def.name;
    e.client_implementation = def.implementation;
    e.status = item.status;
    e.tracked_status = "ok";
    e.messages.clear();
    e.size = item.total_size;
    e.size_left = item.remaining_size;
    e.time_left_seconds = item.time_left_seconds;
    e.output_path = item.output_path;
    e.error_message = item.message;
    e.seen = true;
  });
  if (td.state == "importing") {
    if (all_imported(td)) {  // the crash came after the library had it all
      td.state = "imported";
      (void)store_.update(td);
      {
        std::lock_guard lock(mu_);
        live_.erase(td.id);
      }
      // As after an import that was not cut short: the job (and its folder,
      // which the kill may have left) goes from the client.
      if (def.remove_completed_downloads) (void)client.remove(td.download_id, true);
      return;
    }
    // The crash came before the last file: import again (a partial one ends importBlocked).
    td.state = was_imported(td.download_id) ? "importBlocked" : "importPending";
  }
  if (item.status == "failed") {
    fail(def, &client, td, item.message.empty() ? "Failed download detected" : item.message, false,
         def.remove_failed_downloads);
    return;
  }
  if (item.status == "warning") {
    set_live(td, [&](QueueEntry& e) {
      e.tracked_status = "warning";
      e.messages = {{item.title.empty() ? td.title : item.title, {item.message}}};
    });
    return;
  }
  if (item.status != "completed" || !cdh) return;
  if (item.output_path.empty()) {
    set_live(td, [&](QueueEntry& e) {
      e.tracked_status = "warning";
      e.messages = {{td.title, {"Download doesn't contain intermediate path, Skipping."}}};
    });
    return;
  }
  import(def, client, td, item);
}

Status DownloadTracker::refresh() {
  std::lock_guard refresh_lock(refresh_mu_);
  bool cdh = clients_.config().enable_completed_download_handling;
  std::string errors;
  for (const auto& def : clients_.list()) {
    if (!def.enable) continue;
    auto client = make_download_client(def, builtin_);
    if (!client) continue;
    auto items = client->items(def.settings.tv_category);
    if (!items) {
      errors += (errors.empty() ? "" : "; ") + def.name + ": " + items.message();
      // The downloads stay as they were; the queue says why nothing moves.
      for (const auto& td : store_.active())
        if (td.download_client_id == def.id)
          set_live(td, [&](QueueEntry& e) {
            e.client_name = def.name;
            e.tracked_status = "warning";
            e.messages = {{td.title, {"Download client " + def.name + " is unavailable: " + items.message()}}};
          });
      continue;
    }
    for (const auto& item : *items) (void)adopt(def, item);
    for (auto& td : store_.active()) {
      if (td.download_client_id != def.id) continue;
      const DownloadItem* item = nullptr;
      for (const auto& i : *items)
        if (i.download_id == td.download_id && !i.removed) item = &i;
      if (item) {
        {
          std::lock_guard lock(mu_);
          misses_.erase(td.id);
        }
        process(def, *client, td, *item, cdh);
        continue;
      }
      int misses;
      {
        std::lock_guard lock(mu_);
        misses = ++misses_[td.id];
      }
      if (misses < kMissesBeforeGone) continue;
      // Deleted in the client by hand: stop tracking, as Sonarr does.
      td.state = (td.state == "importing" && was_imported(td.download_id)) ? "imported" : "ignored";
      if (td.state == "ignored") td.status_messages = {"Removed from download client " + def.name};
      (void)store_.update(td);
      std::lock_guard lock(mu_);
      live_.erase(td.id);
      misses_.erase(td.id);
    }
  }
  {
    std::lock_guard lock(mu_);
    last_error_ = errors.empty() ? "" : "Unable to communicate with download clients: " + errors;
  }
  if (!errors.empty()) return make_error("Unable to communicate with download clients: " + errors);
  return ok_status();
}

std::string DownloadTracker::last_error() {
  std::lock_guard lock(mu_);
  return last_error_;
}

std::vector<QueueEntry> DownloadTracker::snapshot() {
  auto active = store_.active();
  auto defs = clients_.list();
  std::vector<QueueEntry> out;
  std::lock_guard lock(mu_);
  for (auto& td : active) {
    QueueEntry e;
    if (auto it = live_.find(td.id); it != live_.end()) e = it->second;
    e.download = td;
    if (e.client_name.empty()) {
      for (const auto& d : defs)
        if (d.id == td.download_client_id) e.client_name = d.name, e.client_implementation = d.implementation;
      if (!e.seen) e.size = e.size_left = td.release.size;
    }
    if (td.state == "importing" || td.state == "importPending" || td.state == "importBlocked") e.status = "completed";
    out.push_back(std::move(e));
  }
  return out;
}

// The download's client row and client; the definition stays empty when the
// row was deleted since the grab.
std::pair<DownloadClientDefinition, std::shared_ptr<DownloadClient>> DownloadTracker::client_for(
    const TrackedDownload& td) {
  DownloadClientDefinition def;
  def.implementation.clear();
  std::shared_ptr<DownloadClient> client;
  if (auto d = clients_.get(td.download_client_id)) {
    def = *d;
    client = make_download_client(def, builtin_);
  }
  return {def, client};
}

Status DownloadTracker::remove(int tracked_id, bool remove_from_client, bool blocklist, bool skip_redownload) {
  std::lock_guard refresh_lock(refresh_mu_);
  auto td = store_.get(tracked_id);
  if (!td || td->state == "imported" || td->state == "failed" || td->state == "ignored")
    return make_error("Queue item " + std::to_string(tracked_id) + " does not exist");
  auto [def, client] = client_for(*td);
  if (remove_from_client && client) {
    if (auto st = client->remove(td->download_id, true); !st) return st;
  }
  if (blocklist) {
    fail(def, client.get(), *td, "Manually marked as failed", skip_redownload, false);
    return ok_status();
  }
  td->state = "ignored";
  td->status_messages = {remove_from_client ? "Removed from the download client by hand" : "Manually ignored"};
  (void)store_.update(*td);
  if (!remove_from_client) history(*td, def, "downloadIgnored", "Manually ignored");
  std::lock_guard lock(mu_);
  live_.erase(td->id);
  misses_.erase(td->id);
  return ok_status();
}

Status DownloadTracker::mark_failed(const std::string& download_id, bool skip_redownload) {
  std::lock_guard refresh_lock(refresh_mu_);
  std::optional<TrackedDownload> td;
  for (auto& d : store_.all())  // the newest grab of that id wins
    if (d.download_id == download_id && (!td || d.id > td->id)) td = d;
  if (!td) return make_error("No tracked download for " + download_id);
  if (td->state == "failed") return make_error(td->title + " is already marked as failed");
  auto [def, client] = client_for(*td);
  // Still in the client: it goes, as a failed download does (the client's
  // "remove failed" setting); an imported one has nothing left there.
  bool remove_job = def.remove_failed_downloads && td->state != "imported";
  fail(def, client.get(), *td, "Manually marked as failed", skip_redownload, remove_job);
  return ok_status();
}

}  // namespace nzbd::pvr
