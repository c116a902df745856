#include "pvr/settings.h"

#include "pvr/db.h"

namespace nzbd::pvr {
using nlohmann::json;

json read_setting(Library& library, std::string_view name) {
  std::string text = library.with_db([&](Db& db) {
    Stmt s(db, "SELECT value FROM settings WHERE name=?1");
    s.bind(1, name);
    return s.step() ? s.text(0) : std::string();
  });
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

Status write_setting(Library& library, std::string_view name, const json& value) {
  try {
    library.with_db([&](Db& db) {
      Stmt s(db, "INSERT INTO settings (name, value) VALUES (?1, ?2) "
                 "ON CONFLICT(name) DO UPDATE SET value=excluded.value");
      s.bind(1, name).bind(2, value.dump(-1, ' ', false, json::error_handler_t::replace)).run();
    });
  } catch (const DbError& e) {
    return make_error(std::string("could not save the ") + std::string(name) + " settings: " + e.what());
  }
  return ok_status();
}

}  // namespace nzbd::pvr
