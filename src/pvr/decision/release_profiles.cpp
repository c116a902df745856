#include "pvr/decision/release_profiles.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

#include "pvr/db.h"
#include "pvr/library_detail.h"
#include "util/strings.h"

namespace nzbd::pvr {
using namespace libdb;
using nlohmann::json;

namespace {

// Terms are stored as JSON arrays of strings; anything else reads as empty.
std::string terms_to_db(const std::vector<std::string>& terms) { return json(terms).dump(); }

std::vector<std::string> terms_from_db(const std::string& text) {
  std::vector<std::string> out;
  json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& t : j)
    if (t.is_string()) out.push_back(t.get<std::string>());
  return out;
}

ReleaseProfile read_profile(const Stmt& s) {
  ReleaseProfile p;
  p.id = s.i32(0);
  p.name = s.text(1);
  p.enabled = s.boolean(2);
  p.required = terms_from_db(s.text(3));
  p.ignored = terms_from_db(s.text(4));
  p.indexer_id = s.i32(5);
  p.tags = split_ints(s.text(6));
  return p;
}

constexpr const char* kColumns = "id, name, enabled, required, ignored, indexer_id, tags";

// "/pattern/flags": the pattern, or nullopt when the term is a plain word.
std::optional<std::string> regex_body(const std::string& term) {
  if (term.size() < 2 || term.front() != '/') return std::nullopt;
  auto last = term.rfind('/');
  if (last == 0) return std::nullopt;
  for (std::size_t i = last + 1; i < term.size(); ++i)
    if (!std::isalpha(static_cast<unsigned char>(term[i]))) return std::nullopt;
  return term.substr(1, last - 1);
}

}  // namespace

bool term_matches(const std::string& term, const std::string& title) {
  if (auto body = regex_body(term)) {
    try {
      return std::regex_search(title, std::regex(*body, std::regex::ECMAScript | std::regex::icase));
    } catch (const std::exception&) {
      return false;  // a broken pattern, or one too complex for this title
    }
  }
  if (term.empty()) return false;
  return to_lower(title).find(to_lower(term)) != std::string::npos;
}

std::optional<std::string> term_error(const std::string& term) {
  auto body = regex_body(term);
  if (!body) return std::nullopt;
  try {
    std::regex r(*body, std::regex::ECMAScript | std::regex::icase);
  } catch (const std::regex_error& e) {
    return "Invalid regular expression '" + term + "': " + e.what();
  }
  return std::nullopt;
}

std::vector<ReleaseProfile> ReleaseProfiles::list() {
  return library_.with_db([](Db& db) {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM release_profiles ORDER BY id");
    std::vector<ReleaseProfile> out;
    while (s.step()) out.push_back(read_profile(s));
    return out;
  });
}

std::optional<ReleaseProfile> ReleaseProfiles::get(int id) {
  return library_.with_db([&](Db& db) -> std::optional<ReleaseProfile> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM release_profiles WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_profile(s);
  });
}

Result<ReleaseProfile> ReleaseProfiles::add(ReleaseProfile p) {
  try {
    return library_.with_db([&](Db& db) -> Result<ReleaseProfile> {
      Stmt s(db,
             "INSERT INTO release_profiles (name, enabled, required, ignored, indexer_id, tags) "
             "VALUES (?1,?2,?3,?4,?5,?6)");
      s.bind(1, p.name).bind(2, p.enabled).bind(3, terms_to_db(p.required)).bind(4, terms_to_db(p.ignored));
      s.bind(5, p.indexer_id).bind(6, join_ints(p.tags)).run();
      p.id = static_cast<int>(db.last_insert_id());
      return p;
    });
  } catch (const DbError& e) {
    return make_error(std::string("could not save the release profile: ") + e.what());
  }
}

Status ReleaseProfiles::update(const ReleaseProfile& p) {
  int64_t changed = library_.with_db([&](Db& db) {
    Stmt s(db,
           "UPDATE release_profiles SET name=?1, enabled=?2, required=?3, ignored=?4, indexer_id=?5, tags=?6 "
           "WHERE id=?7");
    s.bind(1, p.name).bind(2, p.enabled).bind(3, terms_to_db(p.required)).bind(4, terms_to_db(p.ignored));
    s.bind(5, p.indexer_id).bind(6, join_ints(p.tags)).bind(7, p.id).run();
    return db.changes();
  });
  if (changed == 0) return make_error("Release profile " + std::to_string(p.id) + " does not exist");
  return ok_status();
}

Status ReleaseProfiles::remove(int id) {
  int64_t changed = library_.with_db([&](Db& db) {
    Stmt s(db, "DELETE FROM release_profiles WHERE id=?1");
    s.bind(1, id).run();
    return db.changes();
  });
  if (changed == 0) return make_error("Release profile " + std::to_string(id) + " does not exist");
  return ok_status();
}

std::vector<ReleaseProfile> applicable_profiles(const std::vector<ReleaseProfile>& all,
                                                const std::vector<int>& series_tags, int indexer_id) {
  std::vector<ReleaseProfile> out;
  for (const auto& p : all) {
    if (!p.enabled) continue;
    if (p.indexer_id != 0 && p.indexer_id != indexer_id) continue;
    bool tag_ok = p.tags.empty() || std::any_of(p.tags.begin(), p.tags.end(), [&](int t) {
                    return std::find(series_tags.begin(), series_tags.end(), t) != series_tags.end();
                  });
    if (tag_ok) out.push_back(p);
  }
  return out;
}

std::vector<ReleaseProfile> ReleaseProfiles::enabled_for(const std::vector<int>& series_tags, int indexer_id) {
  return applicable_profiles(list(), series_tags, indexer_id);
}

}  // namespace nzbd::pvr
