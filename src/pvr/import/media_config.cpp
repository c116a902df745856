#include "pvr/import/media_config.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "pvr/import/settings_store.h"
#include "util/strings.h"

namespace nzbd::pvr {
using nlohmann::json;

json media_to_json(const MediaManagementConfig& c) {
  return json{{"autoUnmonitorPreviouslyDownloadedEpisodes", c.auto_unmonitor_previously_downloaded_episodes},
              {"recycleBin", c.recycle_bin},
              {"recycleBinCleanupDays", c.recycle_bin_cleanup_days},
              {"downloadPropersAndRepacks", c.download_propers_and_repacks},
              {"createEmptySeriesFolders", c.create_empty_series_folders},
              {"deleteEmptyFolders", c.delete_empty_folders},
              {"fileDate", c.file_date},
              {"rescanAfterRefresh", c.rescan_after_refresh},
              {"setPermissionsLinux", c.set_permissions_linux},
              {"chmodFolder", c.chmod_folder},
              {"chownGroup", c.chown_group},
              {"episodeTitleRequired", c.episode_title_required},
              {"skipFreeSpaceCheckWhenImporting", c.skip_free_space_check_when_importing},
              {"minimumFreeSpaceWhenImporting", c.minimum_free_space_when_importing},
              {"copyUsingHardlinks", c.copy_using_hardlinks},
              {"useScriptImport", c.use_script_import},
              {"scriptImportPath", c.script_import_path},
              {"importExtraFiles", c.import_extra_files},
              {"extraFileExtensions", c.extra_file_extensions},
              {"enableMediaInfo", c.enable_media_info},
              {"id", 1}};
}

namespace {

// A string enum: one of `allowed` (case-insensitive on input, stored as
// Sonarr spells it), or its index as a number.
void choice(const json& body, const char* key, std::string& out, std::initializer_list<const char*> allowed,
            std::vector<ConfigFailure>& failures) {
  const json* v = find_key(body, key);
  if (!v) return;
  if (v->is_number_integer()) {
    auto n = v->get<long long>();
    if (n >= 0 && n < static_cast<long long>(allowed.size())) {
      out = *(allowed.begin() + n);
      return;
    }
  } else if (v->is_string()) {
    std::string s = v->get<std::string>();
    for (const char* a : allowed) {
      std::string_view av(a);
      if (iequals(av, s)) {
        out = a;
        return;
      }
    }
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  failures.push_back({pascal_case(key), "'" + pascal_case(key) + "' must be one of: " + list});
}

}  // namespace

MediaManagementConfig media_from_json(const json& body, MediaManagementConfig c, std::vector<ConfigFailure>& failures) {
  read_config_field(body, "autoUnmonitorPreviouslyDownloadedEpisodes", c.auto_unmonitor_previously_downloaded_episodes, failures);
  read_config_field(body, "recycleBin", c.recycle_bin, failures);
  read_config_field(body, "recycleBinCleanupDays", c.recycle_bin_cleanup_days, failures);
  choice(body, "downloadPropersAndRepacks", c.download_propers_and_repacks,
         {"preferAndUpgrade", "doNotUpgrade", "doNotPrefer"}, failures);
  read_config_field(body, "createEmptySeriesFolders", c.create_empty_series_folders, failures);
  read_config_field(body, "deleteEmptyFolders", c.delete_empty_folders, failures);
  choice(body, "fileDate", c.file_date, {"none", "localAirDate", "utcAirDate"}, failures);
  choice(body, "rescanAfterRefresh", c.rescan_after_refresh, {"always", "afterManual", "never"}, failures);
  read_config_field(body, "setPermissionsLinux", c.set_permissions_linux, failures);
  read_config_field(body, "chmodFolder", c.chmod_folder, failures);
  read_config_field(body, "chownGroup", c.chown_group, failures);
  choice(body, "episodeTitleRequired", c.episode_title_required, {"always", "bulkSeasonReleases", "never"}, failures);
  read_config_field(body, "skipFreeSpaceCheckWhenImporting", c.skip_free_space_check_when_importing, failures);
  read_config_field(body, "minimumFreeSpaceWhenImporting", c.minimum_free_space_when_importing, failures);
  read_config_field(body, "copyUsingHardlinks", c.copy_using_hardlinks, failures);
  read_config_field(body, "useScriptImport", c.use_script_import, failures);
  read_config_field(body, "scriptImportPath", c.script_import_path, failures);
  read_config_field(body, "importExtraFiles", c.import_extra_files, failures);
  read_config_field(body, "extraFileExtensions", c.extra_file_extensions, failures);
  read_config_field(body, "enableMediaInfo", c.enable_media_info, failures);
  return c;
}

std::vector<ConfigFailure> validate_media(const MediaManagementConfig& c) {
  std::vector<ConfigFailure> f;
  if (c.recycle_bin_cleanup_days < 0)
    f.push_back({"RecycleBinCleanupDays", "'Recycle Bin Cleanup Days' must be greater than or equal to '0'."});
  if (c.minimum_free_space_when_importing < 100)
    f.push_back({"MinimumFreeSpaceWhenImporting",
                 "'Minimum Free Space When Importing' must be greater than or equal to '100'."});
  if (!c.recycle_bin.empty()) {
    std::filesystem::path p(c.recycle_bin);
    std::error_code ec;
    if (!p.is_absolute()) f.push_back({"RecycleBin", "Invalid Path: '" + c.recycle_bin + "'"});
    else if (!std::filesystem::is_directory(p, ec)) f.push_back({"RecycleBin", "Folder '" + c.recycle_bin + "' does not exist"});
  }
  bool octal = (c.chmod_folder.size() == 3 || c.chmod_folder.size() == 4) &&
               c.chmod_folder.find_first_not_of("01234567") == std::string::npos;
  if (!octal) f.push_back({"ChmodFolder", "Must be a valid octal permission, e.g. 755"});
  if (c.use_script_import && c.script_import_path.empty())
    f.push_back({"ScriptImportPath", "'Script Import Path' must not be empty."});
  return f;
}

MediaManagementConfig load_media_config(Library& library) {
  std::vector<ConfigFailure> ignored;
  return media_from_json(read_setting(library, "mediamanagement"), MediaManagementConfig{}, ignored);
}

Status save_media_config(Library& library, const MediaManagementConfig& c) {
  json j = media_to_json(c);
  j.erase("id");
  return write_setting(library, "mediamanagement", j);
}

std::vector<std::string> extra_extensions(const MediaManagementConfig& c) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && (cur.front() == '.' || cur.front() == ' ')) cur.erase(0, 1);
    while (!cur.empty() && cur.back() == ' ') cur.pop_back();
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char ch : to_lower(c.extra_file_extensions)) {
    if (ch == ',') flush();
    else cur += ch;
  }
  flush();
  return out;
}

}  // namespace nzbd::pvr
