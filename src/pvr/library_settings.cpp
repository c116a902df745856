// Library: root folders, quality, tags, history and command records.
#include <algorithm>
#include <cctype>

#include "pvr/db.h"
#include "pvr/library.h"
#include "pvr/library_detail.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
using namespace libdb;

Result<std::vector<RootFolder>> Library::list_root_folders() {
  std::lock_guard lock(mu_);
  return guarded("could not list root folders: ", [&] {
    Stmt s(*db_, "SELECT id, path FROM root_folders ORDER BY id");
    std::vector<RootFolder> out;
    while (s.step()) out.push_back({s.i32(0), s.text(1)});
    return out;
  });
}

Result<RootFolder> Library::get_root_folder(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not read root folder: ", [&]() -> Result<RootFolder> {
    Stmt s(*db_, "SELECT id, path FROM root_folders WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return not_found_error("root folder " + std::to_string(id) + " not found");
    return RootFolder{s.i32(0), s.text(1)};
  });
}

Result<RootFolder> Library::add_root_folder(const std::string& path) {
  std::lock_guard lock(mu_);
  try {
    Stmt s(*db_, "INSERT INTO root_folders (path) VALUES (?1)");
    s.bind(1, path).run();
    return RootFolder{static_cast<int>(db_->last_insert_id()), path};
  } catch (const DbError& e) {
    if (e.error.kind == ErrorKind::Conflict) return make_error("Path is already configured as a root folder", ErrorKind::Conflict);
    return with_context("could not add root folder: ", e.error);
  }
}

Status Library::delete_root_folder(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not delete root folder: ", [&]() -> Status {
    Stmt s(*db_, "DELETE FROM root_folders WHERE id=?1");
    s.bind(1, id).run();
    if (db_->changes() == 0) return not_found_error("root folder " + std::to_string(id) + " not found");
    return ok_status();
  });
}

Result<std::vector<QualityDefinitionRow>> Library::quality_definitions() {
  std::lock_guard lock(mu_);
  return guarded("could not read quality definitions: ", [&] {
  Stmt s(*db_,
         "SELECT id, title, weight, min_size, max_size, preferred_size FROM quality_definitions "
         "ORDER BY weight, id");
  std::vector<QualityDefinitionRow> out;
  while (s.step()) {
    QualityDefinitionRow r;
    r.id = s.i32(0);
    r.title = s.text(1);
    r.weight = s.i32(2);
    r.min_size = s.real(3);
    if (!s.is_null(4)) r.max_size = s.real(4);
    if (!s.is_null(5)) r.preferred_size = s.real(5);
    out.push_back(r);
  }
  return out;
  });
}

namespace {
QualityProfile read_profile(const Stmt& s) {
  QualityProfile p;
  p.id = s.i32(0);
  p.name = s.text(1);
  p.upgrade_allowed = s.boolean(2);
  p.cutoff = s.i32(3);
  for (const auto& item : split(s.text(4), ',')) {
    auto colon = item.find(':');
    if (colon == std::string::npos) continue;
    p.items.push_back({std::atoi(item.substr(0, colon).c_str()), item.substr(colon + 1) == "1"});
  }
  return p;
}
}  // namespace

Result<std::vector<QualityProfile>> Library::quality_profiles() {
  std::lock_guard lock(mu_);
  return guarded("could not read quality profiles: ", [&] {
    Stmt s(*db_, "SELECT id, name, upgrade_allowed, cutoff, items FROM quality_profiles ORDER BY id");
    std::vector<QualityProfile> out;
    while (s.step()) out.push_back(read_profile(s));
    return out;
  });
}

Result<QualityProfile> Library::get_quality_profile(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not read quality profile: ", [&]() -> Result<QualityProfile> {
    Stmt s(*db_, "SELECT id, name, upgrade_allowed, cutoff, items FROM quality_profiles WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return not_found_error("Quality profile with ID " + std::to_string(id) + " does not exist");
    return read_profile(s);
  });
}

Status Library::update_quality_profile(const QualityProfile& p) {
  std::lock_guard lock(mu_);
  std::vector<std::string> items;
  for (const auto& item : p.items) items.push_back(std::to_string(item.quality_id) + (item.allowed ? ":1" : ":0"));
  return guarded("could not update quality profile: ", [&]() -> Status {
    Stmt s(*db_, "UPDATE quality_profiles SET name=?2, upgrade_allowed=?3, cutoff=?4, items=?5 WHERE id=?1");
    s.bind(1, p.id).bind(2, p.name).bind(3, p.upgrade_allowed ? 1 : 0).bind(4, p.cutoff).bind(5, join(items, ',')).run();
    if (db_->changes() == 0)
      return not_found_error("Quality profile with ID " + std::to_string(p.id) + " does not exist");
    return ok_status();
  });
}

Result<std::vector<Tag>> Library::list_tags() {
  std::lock_guard lock(mu_);
  return guarded("could not list tags: ", [&] {
    Stmt s(*db_, "SELECT id, label FROM tags ORDER BY id");
    std::vector<Tag> out;
    while (s.step()) out.push_back({s.i32(0), s.text(1)});
    return out;
  });
}

Result<Tag> Library::get_tag(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not read tag: ", [&]() -> Result<Tag> {
    Stmt s(*db_, "SELECT id, label FROM tags WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return not_found_error("tag " + std::to_string(id) + " not found");
    return Tag{s.i32(0), s.text(1)};
  });
}

namespace {
// Sonarr stores tag labels lower-cased.
std::string tag_label(const std::string& label) { return to_lower(label); }
}  // namespace

Result<Tag> Library::add_tag(const std::string& label) {
  std::lock_guard lock(mu_);
  std::string l = tag_label(label);
  return guarded("could not add tag: ", [&] {
    Stmt find(*db_, "SELECT id FROM tags WHERE label=?1");
    find.bind(1, l);
    if (find.step()) return Tag{find.i32(0), l};  // Sonarr returns the existing tag
    Stmt s(*db_, "INSERT INTO tags (label) VALUES (?1)");
    s.bind(1, l).run();
    return Tag{static_cast<int>(db_->last_insert_id()), l};
  });
}

Status Library::update_tag(const Tag& tag) {
  std::lock_guard lock(mu_);
  try {
    Stmt s(*db_, "UPDATE tags SET label=?1 WHERE id=?2");
    s.bind(1, tag_label(tag.label)).bind(2, tag.id).run();
  } catch (const DbError& e) {
    if (e.error.kind == ErrorKind::Conflict) return make_error("a tag with that label already exists", ErrorKind::Conflict);
    return with_context("could not update tag: ", e.error);
  }
  if (db_->changes() == 0) return not_found_error("tag " + std::to_string(tag.id) + " not found");
  return ok_status();
}

Status Library::delete_tag(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not delete tag: ", [&]() -> Status {
    Stmt s(*db_, "DELETE FROM tags WHERE id=?1");
    s.bind(1, id).run();
    if (db_->changes() == 0) return not_found_error("tag " + std::to_string(id) + " not found");
    return ok_status();
  });
}

Status Library::add_history(HistoryEvent h) {
  std::lock_guard lock(mu_);
  return guarded("could not add history: ", [&] {
    insert_history(std::move(h));
    return Ok{};
  });
}

void Library::insert_history(HistoryEvent h) {
  if (h.date.empty()) h.date = now_utc();
  std::vector<std::string> kv;
  for (const auto& [k, v] : h.data) kv.push_back(k + '\t' + v);
  Stmt s(*db_,
         "INSERT INTO history (series_id, episode_id, source_title, quality_id, date, event_type, "
         "download_id, data) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, h.series_id).bind(2, h.episode_id).bind(3, h.source_title).bind(4, h.quality_id);
  s.bind(5, h.date).bind(6, h.event_type).bind(7, h.download_id).bind(8, join(kv, '\n')).run();
}

Result<Page<HistoryEvent>> Library::history(const PageRequest& page, const HistoryFilter& filter) {
  std::lock_guard lock(mu_);
  return guarded("could not read history: ", [&] {
  Page<HistoryEvent> out;
  // ",grabbed,downloadFailed," so one bound text matches any of the types.
  std::optional<std::string> types;
  if (!filter.event_types.empty()) types = "," + join(filter.event_types, ',') + ",";
  std::optional<std::string> download_id;
  if (!filter.download_id.empty()) download_id = filter.download_id;
  const std::string where =
      " WHERE (?1 IS NULL OR series_id=?1) AND (?2 IS NULL OR episode_id=?2) AND (?3 IS NULL OR download_id=?3)"
      " AND (?4 IS NULL OR instr(?4, ',' || event_type || ',') > 0) AND (?7 IS NULL OR id=?7)";
  auto bind_filter = [&](Stmt& st) {
    st.bind(1, filter.series_id).bind(2, filter.episode_id).bind(3, download_id).bind(4, types);
    st.bind(7, filter.id);
  };
  {
    Stmt c(*db_, "SELECT COUNT(*) FROM history" + where);
    bind_filter(c);
    if (c.step()) out.total = c.i32(0);
  }
  std::string dir = page.ascending ? " ASC" : " DESC";
  Stmt s(*db_,
         "SELECT id, series_id, episode_id, source_title, quality_id, date, event_type, download_id, "
         "data FROM history" + where + " ORDER BY date" + dir + ", id" + dir + " LIMIT ?5 OFFSET ?6");
  bind_filter(s);
  s.bind(5, page.page_size);
  s.bind(6, static_cast<std::int64_t>(page.page - 1) * page.page_size);
  while (s.step()) {
    HistoryEvent h{s.i32(0), s.i32(1), s.i32(2), s.text(3), s.i32(4), s.text(5), s.text(6), s.text(7), {}};
    for (const auto& line : split(s.text(8), '\n')) {
      auto tab = line.find('\t');
      if (tab != std::string::npos) h.data.emplace_back(line.substr(0, tab), line.substr(tab + 1));
    }
    out.records.push_back(std::move(h));
  }
  return out;
  });
}

namespace {
constexpr const char* kCommandColumns =
    "id, name, body, status, result, message, trigger_kind, queued, started, ended, exception";

CommandRecord read_command(const Stmt& s) {
  CommandRecord c;
  c.id = s.i32(0);
  c.name = s.text(1);
  c.body = s.text(2);
  c.status = s.text(3);
  c.result = s.text(4);
  c.message = s.text(5);
  c.trigger = s.text(6);
  c.queued = s.text(7);
  c.started = s.opt_text(8);
  c.ended = s.opt_text(9);
  c.exception = s.opt_text(10);
  return c;
}
}  // namespace

Result<CommandRecord> Library::add_command(CommandRecord c) {
  std::lock_guard lock(mu_);
  if (c.queued.empty()) c.queued = now_utc();
  return guarded("could not add command: ", [&] {
    Stmt s(*db_,
           "INSERT INTO commands (name, body, status, result, message, trigger_kind, queued) "
           "VALUES (?1,?2,?3,?4,?5,?6,?7)");
    s.bind(1, c.name).bind(2, c.body).bind(3, c.status).bind(4, c.result).bind(5, c.message);
    s.bind(6, c.trigger).bind(7, c.queued).run();
    c.id = static_cast<int>(db_->last_insert_id());
    return c;
  });
}

Status Library::update_command(const CommandRecord& c) {
  std::lock_guard lock(mu_);
  return guarded("could not update command: ", [&] {
    Stmt s(*db_,
           "UPDATE commands SET status=?1, result=?2, message=?3, started=?4, ended=?5, exception=?6 "
           "WHERE id=?7");
    s.bind(1, c.status).bind(2, c.result).bind(3, c.message).bind(4, c.started).bind(5, c.ended);
    s.bind(6, c.exception).bind(7, c.id).run();
    return Ok{};
  });
}

Result<CommandRecord> Library::get_command(int id) {
  std::lock_guard lock(mu_);
  return guarded("could not read command: ", [&]() -> Result<CommandRecord> {
    Stmt s(*db_, std::string("SELECT ") + kCommandColumns + " FROM commands WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return not_found_error("command " + std::to_string(id) + " not found");
    return read_command(s);
  });
}

Result<std::vector<CommandRecord>> Library::list_commands(int limit) {
  std::lock_guard lock(mu_);
  return guarded("could not list commands: ", [&] {
    Stmt s(*db_, std::string("SELECT ") + kCommandColumns + " FROM commands ORDER BY id DESC LIMIT ?1");
    s.bind(1, limit);
    std::vector<CommandRecord> out;
    while (s.step()) out.push_back(read_command(s));
    std::reverse(out.begin(), out.end());
    return out;
  });
}

Status Library::mark_interrupted_commands() {
  std::lock_guard lock(mu_);
  return guarded("could not mark interrupted commands: ", [&] {
    Stmt s(*db_,
           "UPDATE commands SET status='orphaned', result='unsuccessful', ended=?1, "
           "message='Interrupted by a restart' WHERE status IN ('queued','started')");
    s.bind(1, now_utc()).run();
    return Ok{};
  });
}

}  // namespace nzbd::pvr
