// DownloadClientStore: provider rows with their settings as a JSON object
// (camelCase keys, as the API names them), and the downloadclient config.
#include "pvr/json_read.h"
#include "pvr/settings.h"
#include "pvr/download/client_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "pvr/db.h"
#include "pvr/download/sabnzbd_client.h"
#include "pvr/library_detail.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {
using nlohmann::json;

json settings_to_json(const DownloadClientSettings& s) {
  return {{"host", s.host},
          {"port", s.port},
          {"useSsl", s.use_ssl},
          {"urlBase", s.url_base},
          {"apiKey", s.api_key},
          {"username", s.username},
          {"password", s.password},
          {"tvCategory", s.tv_category},
          {"recentTvPriority", s.recent_tv_priority},
          {"olderTvPriority", s.older_tv_priority}};
}

DownloadClientSettings settings_from_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  DownloadClientSettings s;
  s.host = json_get_or(j, "host", s.host);
  s.port = json_get_or(j, "port", s.port);
  s.use_ssl = json_get_or(j, "useSsl", s.use_ssl);
  s.url_base = json_get_or(j, "urlBase", s.url_base);
  s.api_key = json_get_or(j, "apiKey", s.api_key);
  s.username = json_get_or(j, "username", s.username);
  s.password = json_get_or(j, "password", s.password);
  s.tv_category = json_get_or(j, "tvCategory", s.tv_category);
  s.recent_tv_priority = json_get_or(j, "recentTvPriority", s.recent_tv_priority);
  s.older_tv_priority = json_get_or(j, "olderTvPriority", s.older_tv_priority);
  return s;
}

constexpr const char* kColumns =
    "id, name, implementation, settings, enable, priority, remove_completed_downloads, "
    "remove_failed_downloads, tags";

DownloadClientDefinition read_row(const Stmt& s) {
  DownloadClientDefinition d;
  d.id = s.i32(0);
  d.name = s.text(1);
  d.implementation = s.text(2);
  d.settings = settings_from_json(s.text(3));
  d.enable = s.boolean(4);
  d.priority = s.i32(5);
  d.remove_completed_downloads = s.boolean(6);
  d.remove_failed_downloads = s.boolean(7);
  d.tags = libdb::split_ints(s.text(8));
  return d;
}

void bind_row(Stmt& s, const DownloadClientDefinition& d) {
  s.bind(1, d.name).bind(2, d.implementation).bind(3, settings_to_json(d.settings).dump());
  s.bind(4, d.enable).bind(5, d.priority).bind(6, d.remove_completed_downloads);
  s.bind(7, d.remove_failed_downloads).bind(8, libdb::join_ints(d.tags));
}

// Another row (not `id`) with this name, ignoring case.
bool name_taken(Db& db, const std::string& name, int id) {
  Stmt s(db, "SELECT name FROM download_clients WHERE id<>?1");
  s.bind(1, id);
  while (s.step())
    if (to_lower(s.text(0)) == to_lower(name)) return true;
  return false;
}

}  // namespace

void DownloadClientStore::ensure_builtin() {
  library_.with_db([&](Db& db) {
    Stmt count(db, "SELECT COUNT(*) FROM download_clients");
    if (count.step() && count.i64(0) > 0) return;
    DownloadClientDefinition d;
    d.name = "nzbd";
    d.implementation = kBuiltinImplementation;
    Stmt s(db,
           "INSERT INTO download_clients (name, implementation, settings, enable, priority, "
           "remove_completed_downloads, remove_failed_downloads, tags) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    bind_row(s, d);
    s.run();
  });
}

std::vector<DownloadClientDefinition> DownloadClientStore::list() {
  ensure_builtin();
  auto rows = library_.with_db([&](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM download_clients ORDER BY id");
    std::vector<DownloadClientDefinition> out;
    while (s.step()) out.push_back(read_row(s));
    return out;
  });
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return to_lower(a.name) < to_lower(b.name); });
  return rows;
}

std::optional<DownloadClientDefinition> DownloadClientStore::get(int id) {
  ensure_builtin();
  return library_.with_db([&](Db& db) -> std::optional<DownloadClientDefinition> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM download_clients WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_row(s);
  });
}

Result<DownloadClientDefinition> DownloadClientStore::add(DownloadClientDefinition d) {
  if (d.name.empty()) return make_error("Name must not be empty");
  ensure_builtin();
  return library_.with_db([&](Db& db) -> Result<DownloadClientDefinition> {
    if (name_taken(db, d.name, 0)) return make_error("Should be unique");
    Stmt s(db,
           "INSERT INTO download_clients (name, implementation, settings, enable, priority, "
           "remove_completed_downloads, remove_failed_downloads, tags) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    bind_row(s, d);
    s.run();
    d.id = static_cast<int>(db.last_insert_id());
    return d;
  });
}

Status DownloadClientStore::update(const DownloadClientDefinition& d) {
  if (d.name.empty()) return make_error("Name must not be empty");
  return library_.with_db([&](Db& db) -> Status {
    if (name_taken(db, d.name, d.id)) return make_error("Should be unique");
    Stmt s(db,
           "UPDATE download_clients SET name=?1, implementation=?2, settings=?3, enable=?4, priority=?5, "
           "remove_completed_downloads=?6, remove_failed_downloads=?7, tags=?8 WHERE id=?9");
    bind_row(s, d);
    s.bind(9, d.id).run();
    if (db.changes() == 0) return make_error("download client " + std::to_string(d.id) + " not found");
    return ok_status();
  });
}

Status DownloadClientStore::remove(int id) {
  return library_.with_db([&](Db& db) -> Status {
    Stmt s(db, "DELETE FROM download_clients WHERE id=?1");
    s.bind(1, id).run();
    if (db.changes() == 0) return make_error("download client " + std::to_string(id) + " not found");
    return ok_status();
  });
}

DownloadClientConfig DownloadClientStore::config() {
  json j = read_setting(library_, "downloadclient");
  DownloadClientConfig c;
  c.download_client_working_folders = json_get_or(j, "downloadClientWorkingFolders", c.download_client_working_folders);
  c.enable_completed_download_handling =
      json_get_or(j, "enableCompletedDownloadHandling", c.enable_completed_download_handling);
  c.auto_redownload_failed = json_get_or(j, "autoRedownloadFailed", c.auto_redownload_failed);
  c.auto_redownload_failed_from_interactive_search =
      json_get_or(j, "autoRedownloadFailedFromInteractiveSearch", c.auto_redownload_failed_from_interactive_search);
  return c;
}

Status DownloadClientStore::save_config(const DownloadClientConfig& c) {
  json j = {{"downloadClientWorkingFolders", c.download_client_working_folders},
            {"enableCompletedDownloadHandling", c.enable_completed_download_handling},
            {"autoRedownloadFailed", c.auto_redownload_failed},
            {"autoRedownloadFailedFromInteractiveSearch", c.auto_redownload_failed_from_interactive_search}};
  return write_setting(library_, "downloadclient", j);
}

int grab_priority(const DownloadClientSettings& s, bool recent) {
  return recent ? s.recent_tv_priority : s.older_tv_priority;
}

std::string implementation_name(const std::string& implementation) {
  if (implementation == kBuiltinImplementation) return "nzbd (built-in)";
  if (implementation == kSabnzbdImplementation) return "SABnzbd";
  return implementation;
}

std::shared_ptr<DownloadClient> make_download_client(const DownloadClientDefinition& d,
                                                     std::shared_ptr<DownloadClient> builtin) {
  if (d.implementation == kBuiltinImplementation) return builtin;
  if (d.implementation == kSabnzbdImplementation) return std::make_shared<SabnzbdClient>(d.settings);
  return nullptr;
}

}  // namespace nzbd::pvr
