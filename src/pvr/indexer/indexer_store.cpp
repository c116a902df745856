// IndexerStore: indexer rows and /config/indexer. The status half (back-off,
// caps cache, RSS marker) is in indexer_status.cpp.
#include "pvr/indexer/indexer_store.h"

#include "pvr/settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "pvr/db.h"
#include "pvr/library.h"
#include "pvr/library_detail.h"
#include "util/strings.h"

namespace nzbd::pvr {
using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "id, name, implementation, settings, enable_rss, enable_automatic_search, enable_interactive_search, "
    "priority, season_search_maximum_single_episode_age, download_client_id, tags";

std::vector<int> int_list(const json& j, const char* key) {
  std::vector<int> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_number_integer()) out.push_back(v.get<int>());
  return out;
}

std::string str(const json& j, const char* key, std::string fallback = {}) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string settings_to_json(const NewznabSettings& s) {
  return json{{"baseUrl", s.base_url},
              {"apiPath", s.api_path},
              {"apiKey", s.api_key},
              {"categories", s.categories},
              {"animeCategories", s.anime_categories},
              {"animeStandardFormatSearch", s.anime_standard_format_search},
              {"additionalParameters", s.additional_parameters},
              {"multiLanguages", s.multi_languages},
              {"failDownloads", s.fail_downloads}}
      .dump();
}

NewznabSettings settings_from_json(const std::string& text) {
  NewznabSettings s;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  s.base_url = str(j, "baseUrl");
  s.api_path = str(j, "apiPath", "/api");
  s.api_key = str(j, "apiKey");
  if (j.contains("categories")) s.categories = int_list(j, "categories");
  s.anime_categories = int_list(j, "animeCategories");
  auto asf = j.find("animeStandardFormatSearch");
  s.anime_standard_format_search = asf != j.end() && asf->is_boolean() && asf->get<bool>();
  s.additional_parameters = str(j, "additionalParameters");
  s.multi_languages = int_list(j, "multiLanguages");
  s.fail_downloads = int_list(j, "failDownloads");
  return s;
}

IndexerDefinition read_definition(const Stmt& s) {
  IndexerDefinition d;
  d.id = s.i32(0);
  d.name = s.text(1);
  d.implementation = s.text(2);
  d.settings = settings_from_json(s.text(3));
  d.enable_rss = s.boolean(4);
  d.enable_automatic_search = s.boolean(5);
  d.enable_interactive_search = s.boolean(6);
  d.priority = s.i32(7);
  d.season_search_maximum_single_episode_age = s.i32(8);
  d.download_client_id = s.i32(9);
  d.tags = libdb::split_ints(s.text(10));
  return d;
}

// Binds ?1..?10 in kColumns order without the id.
void bind_definition(Stmt& s, const IndexerDefinition& d) {
  s.bind(1, d.name)
      .bind(2, d.implementation)
      .bind(3, settings_to_json(d.settings))
      .bind(4, d.enable_rss)
      .bind(5, d.enable_automatic_search)
      .bind(6, d.enable_interactive_search)
      .bind(7, d.priority)
      .bind(8, d.season_search_maximum_single_episode_age)
      .bind(9, d.download_client_id)
      .bind(10, libdb::join_ints(d.tags));
}

int json_int(const json& j, const char* key, int fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

}  // namespace

IndexerStore::IndexerStore(Library& library, std::time_t started) : library_(library), started_(started) {}

std::vector<IndexerDefinition> IndexerStore::list() {
  auto out = library_.with_db([](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM indexers ORDER BY id");
    std::vector<IndexerDefinition> v;
    while (s.step()) v.push_back(read_definition(s));
    return v;
  });
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return to_lower(a.name) < to_lower(b.name); });
  return out;
}

std::optional<IndexerDefinition> IndexerStore::get(int id) {
  return library_.with_db([id](Db& db) -> std::optional<IndexerDefinition> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM indexers WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_definition(s);
  });
}

Result<IndexerDefinition> IndexerStore::add(IndexerDefinition def) {
  return library_.with_db([&](Db& db) -> Result<IndexerDefinition> {
    try {
      Stmt s(db,
             "INSERT INTO indexers (name, implementation, settings, enable_rss, enable_automatic_search, "
             "enable_interactive_search, priority, season_search_maximum_single_episode_age, "
             "download_client_id, tags) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
      bind_definition(s, def);
      s.run();
      def.id = static_cast<int>(db.last_insert_id());
      return def;
    } catch (const DbError& e) {
      return make_error(std::string("cannot save the indexer: ") + e.what());
    }
  });
}

Status IndexerStore::update(const IndexerDefinition& def) {
  return library_.with_db([&](Db& db) -> Status {
    try {
      Transaction tx(db);
      std::string old_settings;
      {
        Stmt q(db, "SELECT settings FROM indexers WHERE id=?1");
        q.bind(1, def.id);
        if (!q.step()) return make_error("indexer " + std::to_string(def.id) + " not found");
        old_settings = q.text(0);
      }
      Stmt s(db,
             "UPDATE indexers SET name=?1, implementation=?2, settings=?3, enable_rss=?4, "
             "enable_automatic_search=?5, enable_interactive_search=?6, priority=?7, "
             "season_search_maximum_single_episode_age=?8, download_client_id=?9, tags=?10 WHERE id=?11");
      bind_definition(s, def);
      s.bind(11, def.id).run();
      std::string new_settings = settings_to_json(def.settings);
      if (new_settings != old_settings) {
        // Caps belong to one URL and key; another server has other caps.
        Stmt c(db, "UPDATE indexer_status SET caps=NULL, caps_fetched=NULL, last_rss_download_url=NULL, "
                   "last_rss_publish_date=NULL WHERE indexer_id=?1");
        c.bind(1, def.id).run();
      }
      tx.commit();
      return ok_status();
    } catch (const DbError& e) {
      return make_error(std::string("cannot save the indexer: ") + e.what());
    }
  });
}

Status IndexerStore::remove(int id) {
  return library_.with_db([id](Db& db) -> Status {
    Transaction tx(db);
    Stmt st(db, "DELETE FROM indexer_status WHERE indexer_id=?1");
    st.bind(1, id).run();
    Stmt s(db, "DELETE FROM indexers WHERE id=?1");
    s.bind(1, id).run();
    if (db.changes() == 0) return make_error("indexer " + std::to_string(id) + " not found");
    tx.commit();
    return ok_status();
  });
}

IndexerConfig IndexerStore::config() {
  IndexerConfig c;
  json j = read_setting(library_, "indexer");
  c.minimum_age = json_int(j, "minimumAge", c.minimum_age);
  c.retention = json_int(j, "retention", c.retention);
  c.maximum_size = json_int(j, "maximumSize", c.maximum_size);
  c.rss_sync_interval = json_int(j, "rssSyncInterval", c.rss_sync_interval);
  return c;
}

void IndexerStore::save_config(const IndexerConfig& c) {
  (void)write_setting(library_, "indexer",
                      json{{"minimumAge", c.minimum_age},
                           {"retention", c.retention},
                           {"maximumSize", c.maximum_size},
                           {"rssSyncInterval", c.rss_sync_interval}});
}

}  // namespace nzbd::pvr
