#include "pvr/schema.h"

#include <string>

#include "pvr/db.h"
#include "pvr/library.h"

namespace nzbd::pvr {
namespace {

// Migration 1: the tables. Never edit a released migration; add a new one.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE series (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tvdb_id INTEGER NOT NULL UNIQUE,
  tvmaze_id INTEGER NOT NULL DEFAULT 0,
  tvrage_id INTEGER NOT NULL DEFAULT 0,
  tmdb_id INTEGER NOT NULL DEFAULT 0,
  imdb_id TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  sort_title TEXT NOT NULL DEFAULT '',
  clean_title TEXT NOT NULL DEFAULT '',
  title_slug TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'continuing',
  overview TEXT NOT NULL DEFAULT '',
  network TEXT NOT NULL DEFAULT '',
  air_time TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT '',
  runtime INTEGER NOT NULL DEFAULT 0,
  year INTEGER NOT NULL DEFAULT 0,
  first_aired TEXT,
  last_aired TEXT,
  path TEXT NOT NULL,
  root_folder_path TEXT NOT NULL DEFAULT '',
  quality_profile_id INTEGER NOT NULL,
  season_folder INTEGER NOT NULL DEFAULT 1,
  monitored INTEGER NOT NULL DEFAULT 1,
  monitor_new_items TEXT NOT NULL DEFAULT 'all',
  series_type TEXT NOT NULL DEFAULT 'standard',
  use_scene_numbering INTEGER NOT NULL DEFAULT 0,
  certification TEXT NOT NULL DEFAULT '',
  original_language TEXT NOT NULL DEFAULT 'English',
  genres TEXT NOT NULL DEFAULT '',
  images TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  added TEXT NOT NULL,
  last_info_sync TEXT,
  rating REAL NOT NULL DEFAULT 0,
  rating_votes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE seasons (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  season_number INTEGER NOT NULL,
  monitored INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (series_id, season_number)
);
CREATE TABLE episode_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  season_number INTEGER NOT NULL,
  relative_path TEXT NOT NULL,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL DEFAULT 0,
  date_added TEXT NOT NULL,
  scene_name TEXT NOT NULL DEFAULT '',
  release_group TEXT NOT NULL DEFAULT '',
  quality_id INTEGER NOT NULL DEFAULT 0,
  quality_version INTEGER NOT NULL DEFAULT 1,
  quality_real INTEGER NOT NULL DEFAULT 0,
  quality_repack INTEGER NOT NULL DEFAULT 0,
  languages TEXT NOT NULL DEFAULT ''
);
CREATE TABLE episodes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  tvmaze_id INTEGER NOT NULL DEFAULT 0,
  tvdb_id INTEGER NOT NULL DEFAULT 0,
  season_number INTEGER NOT NULL,
  episode_number INTEGER NOT NULL,
  absolute_episode_number INTEGER,
  title TEXT NOT NULL DEFAULT '',
  overview TEXT NOT NULL DEFAULT '',
  air_date TEXT,
  air_date_utc TEXT,
  runtime INTEGER NOT NULL DEFAULT 0,
  monitored INTEGER NOT NULL DEFAULT 1,
  episode_file_id INTEGER NOT NULL DEFAULT 0,
  finale_type TEXT,
  image_url TEXT,
  UNIQUE (series_id, season_number, episode_number)
);
CREATE INDEX episodes_air ON episodes(air_date_utc);
CREATE INDEX episodes_file ON episodes(episode_file_id);
CREATE TABLE root_folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  path TEXT NOT NULL UNIQUE
);
CREATE TABLE quality_definitions (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  resolution INTEGER NOT NULL,
  weight INTEGER NOT NULL,
  min_size REAL NOT NULL DEFAULT 0,
  max_size REAL,
  preferred_size REAL
);
CREATE TABLE quality_profiles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  upgrade_allowed INTEGER NOT NULL DEFAULT 1,
  cutoff INTEGER NOT NULL,
  items TEXT NOT NULL
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  label TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  series_id INTEGER NOT NULL DEFAULT 0,
  episode_id INTEGER NOT NULL DEFAULT 0,
  source_title TEXT NOT NULL DEFAULT '',
  quality_id INTEGER NOT NULL DEFAULT 0,
  date TEXT NOT NULL,
  event_type TEXT NOT NULL,
  download_id TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_date ON history(date);
CREATE TABLE commands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT 'unknown',
  message TEXT NOT NULL DEFAULT '',
  trigger_kind TEXT NOT NULL DEFAULT 'manual',
  queued TEXT NOT NULL,
  started TEXT,
  ended TEXT,
  exception TEXT
);
)sql";

// Migration 2: Sonarr's quality table (id, name, source, resolution, weight
// and default size limits in MB per minute) and its default profiles.
constexpr const char* kMigration2 = R"sql(
INSERT INTO quality_definitions (id, title, source, resolution, weight, min_size, max_size, preferred_size) VALUES
  (0, 'Unknown', 'unknown', 0, 1, 1, 199.9, 194.9),
  (1, 'SDTV', 'television', 480, 2, 2, 100, 95),
  (12, 'WEBRip-480p', 'webRip', 480, 3, 2, 100, 95),
  (8, 'WEBDL-480p', 'web', 480, 3, 2, 100, 95),
  (2, 'DVD', 'dvd', 480, 4, 2, 100, 95),
  (13, 'Bluray-480p', 'bluray', 480, 5, 2, 100, 95),
  (22, 'Bluray-576p', 'bluray', 576, 6, 2, 100, 95),
  (4, 'HDTV-720p', 'television', 720, 7, 3, 125, 95),
  (9, 'HDTV-1080p', 'television', 1080, 8, 4, 125, 95),
  (10, 'Raw-HD', 'televisionRaw', 1080, 9, 4, NULL, 95),
  (14, 'WEBRip-720p', 'webRip', 720, 10, 3, 130, 95),
  (5, 'WEBDL-720p', 'web', 720, 10, 3, 130, 95),
  (6, 'Bluray-720p', 'bluray', 720, 11, 4, 130, 95),
  (15, 'WEBRip-1080p', 'webRip', 1080, 12, 4, 130, 95),
  (3, 'WEBDL-1080p', 'web', 1080, 12, 4, 130, 95),
  (7, 'Bluray-1080p', 'bluray', 1080, 13, 4, 155, 95),
  (20, 'Bluray-1080p Remux', 'blurayRaw', 1080, 14, 35, NULL, 95),
  (16, 'HDTV-2160p', 'television', 2160, 15, 35, 199.9, 95),
  (17, 'WEBRip-2160p', 'webRip', 2160, 16, 35, NULL, 95),
  (18, 'WEBDL-2160p', 'web', 2160, 16, 35, NULL, 95),
  (19, 'Bluray-2160p', 'bluray', 2160, 17, 35, NULL, 95),
  (21, 'Bluray-2160p Remux', 'blurayRaw', 2160, 18, 35, NULL, 95);
INSERT INTO quality_profiles (id, name, upgrade_allowed, cutoff, items) VALUES
  (1, 'Any', 0, 1, '0:0,1:1,12:1,8:1,2:1,13:1,22:1,4:1,9:1,10:0,14:1,5:1,6:1,15:1,3:1,7:1,20:1,16:1,17:1,18:1,19:1,21:1'),
  (2, 'SD', 0, 1, '0:0,1:1,12:1,8:1,2:1,13:1,22:1,4:0,9:0,10:0,14:0,5:0,6:0,15:0,3:0,7:0,20:0,16:0,17:0,18:0,19:0,21:0'),
  (3, 'HD-720p', 0, 4, '0:0,1:0,12:0,8:0,2:0,13:0,22:0,4:1,9:0,10:0,14:1,5:1,6:1,15:0,3:0,7:0,20:0,16:0,17:0,18:0,19:0,21:0'),
  (4, 'HD-1080p', 0, 9, '0:0,1:0,12:0,8:0,2:0,13:0,22:0,4:0,9:1,10:0,14:0,5:0,6:0,15:1,3:1,7:1,20:1,16:0,17:0,18:0,19:0,21:0'),
  (5, 'Ultra-HD', 0, 16, '0:0,1:0,12:0,8:0,2:0,13:0,22:0,4:0,9:0,10:0,14:0,5:0,6:0,15:0,3:0,7:0,20:0,16:1,17:1,18:1,19:1,21:1'),
  (6, 'HD - 720p/1080p', 0, 4, '0:0,1:0,12:0,8:0,2:0,13:0,22:0,4:1,9:1,10:0,14:1,5:1,6:1,15:1,3:1,7:1,20:1,16:0,17:0,18:0,19:0,21:0');
)sql";

// Migration 3: indexers (Sonarr's provider rows; settings as a JSON object
// in `settings`, tags as "1,2") and their state: failure back-off for
// /health, the cached t=caps XML, and the newest release of the last RSS sync
// (where the next sync's paging may stop).
constexpr const char* kMigration3 = R"sql(
CREATE TABLE indexers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  implementation TEXT NOT NULL DEFAULT 'Newznab',
  settings TEXT NOT NULL DEFAULT '{}',
  enable_rss INTEGER NOT NULL DEFAULT 1,
  enable_automatic_search INTEGER NOT NULL DEFAULT 1,
  enable_interactive_search INTEGER NOT NULL DEFAULT 1,
  priority INTEGER NOT NULL DEFAULT 25,
  season_search_maximum_single_episode_age INTEGER NOT NULL DEFAULT 0,
  download_client_id INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT ''
);
CREATE TABLE indexer_status (
  indexer_id INTEGER PRIMARY KEY REFERENCES indexers(id) ON DELETE CASCADE,
  initial_failure TEXT,
  most_recent_failure TEXT,
  escalation_level INTEGER NOT NULL DEFAULT 0,
  disabled_till TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  caps TEXT,
  caps_fetched TEXT,
  last_rss_download_url TEXT,
  last_rss_publish_date TEXT
);
)sql";

// Migration 4: what the decisions remember — the blocklist and release
// profiles (must contain / must not contain).
constexpr const char* kMigration4 = R"sql(
CREATE TABLE blocklist (
  id INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL,
  episode_ids TEXT NOT NULL DEFAULT '',
  source_title TEXT NOT NULL,
  quality TEXT NOT NULL DEFAULT '{}',
  languages TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL,
  published_date TEXT,
  size INTEGER,
  protocol TEXT NOT NULL DEFAULT 'usenet',
  indexer TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  torrent_info_hash TEXT
);
CREATE INDEX blocklist_series ON blocklist(series_id);
CREATE TABLE release_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  required TEXT NOT NULL DEFAULT '[]',
  ignored TEXT NOT NULL DEFAULT '[]',
  indexer_id INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT ''
);
)sql";

// Migration 5: download clients (provider rows) and the downloads the TV
// side grabbed and follows until they are imported or failed.
constexpr const char* kMigration5 = R"sql(
CREATE TABLE download_clients (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  implementation TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  enable INTEGER NOT NULL DEFAULT 1,
  priority INTEGER NOT NULL DEFAULT 1,
  remove_completed_downloads INTEGER NOT NULL DEFAULT 1,
  remove_failed_downloads INTEGER NOT NULL DEFAULT 1,
  tags TEXT NOT NULL DEFAULT ''
);
CREATE TABLE tracked_downloads (
  id INTEGER PRIMARY KEY,
  download_client_id INTEGER NOT NULL,
  download_id TEXT NOT NULL,
  series_id INTEGER NOT NULL,
  episode_ids TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  quality TEXT NOT NULL DEFAULT '{}',
  indexer TEXT NOT NULL DEFAULT '',
  release TEXT NOT NULL DEFAULT '{}',
  state TEXT NOT NULL DEFAULT 'downloading',
  status_messages TEXT NOT NULL DEFAULT '[]',
  grabbed TEXT NOT NULL,
  updated TEXT NOT NULL,
  UNIQUE (download_client_id, download_id)
);
-- Config resources (/config/naming, /config/mediamanagement, /config/indexer,
-- /config/downloadclient): one JSON object per resource name.
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL DEFAULT '{}'
);
)sql";

// Migration 6: delay profiles (profile 1 is the global one, as in Sonarr)
// and the releases they hold back until the next RSS sync.
constexpr const char* kMigration6 = R"sql(
CREATE TABLE delay_profiles (
  id INTEGER PRIMARY KEY,
  enable_usenet INTEGER NOT NULL DEFAULT 1,
  enable_torrent INTEGER NOT NULL DEFAULT 1,
  preferred_protocol TEXT NOT NULL DEFAULT 'usenet',
  usenet_delay INTEGER NOT NULL DEFAULT 0,
  torrent_delay INTEGER NOT NULL DEFAULT 0,
  bypass_if_highest_quality INTEGER NOT NULL DEFAULT 0,
  bypass_if_above_custom_format_score INTEGER NOT NULL DEFAULT 0,
  minimum_custom_format_score INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  tags TEXT NOT NULL DEFAULT ''
);
INSERT INTO delay_profiles (id, bypass_if_highest_quality, sort_order) VALUES (1, 1, 2147483647);
CREATE TABLE pending_releases (
  id INTEGER PRIMARY KEY,
  series_id INTEGER NOT NULL,
  episode_ids TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  added TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT 'delay',
  quality TEXT NOT NULL DEFAULT '{}',
  release TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX pending_releases_series ON pending_releases(series_id);
)sql";

constexpr const char* kMigrations[] = {kMigration1, kMigration2, kMigration3, kMigration4, kMigration5, kMigration6};
static_assert(std::size(kMigrations) == kSchemaVersion);

}  // namespace

void migrate(Db& db) {
  int current = must(db.user_version());
  for (int v = current; v < kSchemaVersion; ++v) {
    Transaction tx(db);
    exec(db, kMigrations[v]);
    must(db.set_user_version(v + 1));
    tx.commit();
  }
}

}  // namespace nzbd::pvr
