// Backup and restore of what the user set up and what nzbd remembers:
// nzbd.ini, the history (history.db) and the TV library (tv.db), in one zip
// (SABnzbd's config&name=create_backup, which holds sabnzbd.ini and its
// history database).
//
// A backup is made while the daemon runs: the databases are copied with
// SQLite's online backup, so each copy is one consistent state.
//
// A restore replaces files the running daemon has open, so it happens in two
// steps. stage_restore() checks an uploaded backup completely and leaves it
// in <home>/restore; the next start applies it (apply_staged_*) before the
// config and the databases are opened. Each replaced file is kept beside
// itself as <name>.before-restore. Every step is a rename, so a kill at any
// moment leaves either the old files or the restored ones, never a mix of a
// database and another one's journal.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd::backup {

struct Sources {
  std::filesystem::path ini;        // the config file
  std::filesystem::path admin_dir;  // where history.db and tv.db live
};

// Writes nzbd_backup_<host>_<YYYY.MM.DD_HH.MM.SS>.zip into `out_dir` (created
// when missing) and returns its path. Databases that do not exist yet are left out.
Result<std::filesystem::path> create_backup(const Sources& from, const std::filesystem::path& out_dir);

// Checks `zip` (only nzbd.ini, history.db and tv.db, flat; the ini present
// and readable as a config; each database passing SQLite's integrity check)
// and stages it for the next start. Nothing is staged when a check fails.
Status stage_restore(std::string_view zip, const std::filesystem::path& home);

// At start, before the config is read: puts a staged nzbd.ini in place.
// True when a restore is staged (its databases then wait for the next call).
Result<bool> apply_staged_config(const std::filesystem::path& home);
// Once the config names the admin folder: puts the staged databases in place
// and removes the stage.
Status apply_staged_databases(const std::filesystem::path& home, const std::filesystem::path& admin_dir);

}  // namespace nzbd::backup
