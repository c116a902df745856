#include "pvr/decision/delay_profiles.h"

#include <algorithm>

#include "pvr/db.h"
#include "pvr/library_detail.h"

namespace nzbd::pvr {
using namespace libdb;

namespace {

constexpr const char* kColumns =
    "id, enable_usenet, enable_torrent, preferred_protocol, usenet_delay, torrent_delay, "
    "bypass_if_highest_quality, bypass_if_above_custom_format_score, minimum_custom_format_score, sort_order, tags";

DelayProfile read_profile(const Stmt& s) {
  DelayProfile p;
  p.id = s.i32(0);
  p.enable_usenet = s.boolean(1);
  p.enable_torrent = s.boolean(2);
  p.preferred_protocol = s.text(3) == "torrent" ? "torrent" : "usenet";
  p.usenet_delay = s.i32(4);
  p.torrent_delay = s.i32(5);
  p.bypass_if_highest_quality = s.boolean(6);
  p.bypass_if_above_custom_format_score = s.boolean(7);
  p.minimum_custom_format_score = s.i32(8);
  p.order = s.i32(9);
  p.tags = split_ints(s.text(10));
  return p;
}

void write_order(Db& db, int id, int order) {
  Stmt s(db, "UPDATE delay_profiles SET sort_order=?1 WHERE id=?2");
  s.bind(1, order).bind(2, id).run();
}

// Tagged profiles numbered 1..n in the given order; the global one stays last.
void renumber(Db& db, const std::vector<DelayProfile>& ordered) {
  int n = 0;
  for (const auto& p : ordered)
    write_order(db, p.id, p.id == kGlobalDelayProfileId ? kGlobalDelayProfileOrder : ++n);
}

std::vector<DelayProfile> list_in(Db& db) {
  Stmt s(db, std::string("SELECT ") + kColumns + " FROM delay_profiles ORDER BY sort_order, id");
  std::vector<DelayProfile> out;
  while (s.step()) out.push_back(read_profile(s));
  return out;
}

}  // namespace

DelayProfile best_delay_profile(const std::vector<DelayProfile>& all, const std::vector<int>& series_tags) {
  const DelayProfile* best = nullptr;
  for (const auto& p : all) {
    bool applies = p.tags.empty() || std::any_of(p.tags.begin(), p.tags.end(), [&](int t) {
                     return std::find(series_tags.begin(), series_tags.end(), t) != series_tags.end();
                   });
    if (applies && (!best || p.order < best->order)) best = &p;
  }
  if (best) return *best;
  DelayProfile global;
  global.id = kGlobalDelayProfileId;
  global.order = kGlobalDelayProfileOrder;
  return global;
}

std::vector<DelayProfile> DelayProfiles::list() {
  return library_.with_db([](Db& db) { return list_in(db); });
}

std::optional<DelayProfile> DelayProfiles::get(int id) {
  return library_.with_db([&](Db& db) -> std::optional<DelayProfile> {
    Stmt s(db, std::string("SELECT ") + kColumns + " FROM delay_profiles WHERE id=?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_profile(s);
  });
}

Result<DelayProfile> DelayProfiles::add(DelayProfile p) {
  try {
    return library_.with_db([&](Db& db) -> Result<DelayProfile> {
      Stmt count(db, "SELECT COUNT(*) FROM delay_profiles");
      p.order = count.step() ? count.i32(0) : 1;
      Stmt s(db,
             "INSERT INTO delay_profiles (enable_usenet, enable_torrent, preferred_protocol, usenet_delay, "
             "torrent_delay, bypass_if_highest_quality, bypass_if_above_custom_format_score, "
             "minimum_custom_format_score, sort_order, tags) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
      s.bind(1, p.enable_usenet).bind(2, p.enable_torrent).bind(3, p.preferred_protocol).bind(4, p.usenet_delay);
      s.bind(5, p.torrent_delay).bind(6, p.bypass_if_highest_quality).bind(7, p.bypass_if_above_custom_format_score);
      s.bind(8, p.minimum_custom_format_score).bind(9, p.order).bind(10, join_ints(p.tags)).run();
      p.id = static_cast<int>(db.last_insert_id());
      return p;
    });
  } catch (const DbError& e) {
    return make_error(std::string("could not save the delay profile: ") + e.what());
  }
}

Status DelayProfiles::update(const DelayProfile& p) {
  try {
    int64_t changed = library_.with_db([&](Db& db) {
      Stmt s(db,
             "UPDATE delay_profiles SET enable_usenet=?1, enable_torrent=?2, preferred_protocol=?3, usenet_delay=?4, "
             "torrent_delay=?5, bypass_if_highest_quality=?6, bypass_if_above_custom_format_score=?7, "
             "minimum_custom_format_score=?8, tags=?9 WHERE id=?10");
      s.bind(1, p.enable_usenet).bind(2, p.enable_torrent).bind(3, p.preferred_protocol).bind(4, p.usenet_delay);
      s.bind(5, p.torrent_delay).bind(6, p.bypass_if_highest_quality).bind(7, p.bypass_if_above_custom_format_score);
      s.bind(8, p.minimum_custom_format_score).bind(9, join_ints(p.tags)).bind(10, p.id).run();
      return db.changes();
    });
    if (changed == 0) return make_error("Delay profile " + std::to_string(p.id) + " does not exist");
    return ok_status();
  } catch (const DbError& e) {
    return make_error(std::string("could not save the delay profile: ") + e.what());
  }
}

Status DelayProfiles::remove(int id) {
  if (id == kGlobalDelayProfileId) return make_error("Cannot delete global delay profile");
  try {
    int64_t changed = library_.with_db([&](Db& db) {
      Transaction tx(db);
      Stmt s(db, "DELETE FROM delay_profiles WHERE id=?1");
      s.bind(1, id).run();
      int64_t n = db.changes();
      renumber(db, list_in(db));
      tx.commit();
      return n;
    });
    if (changed == 0) return make_error("Delay profile " + std::to_string(id) + " does not exist");
    return ok_status();
  } catch (const DbError& e) {
    return make_error(std::string("could not delete the delay profile: ") + e.what());
  }
}

Result<std::vector<DelayProfile>> DelayProfiles::reorder(int id, std::optional<int> after_id) {
  try {
    return library_.with_db([&](Db& db) -> Result<std::vector<DelayProfile>> {
      Transaction tx(db);
      auto all = list_in(db);
      auto moving = std::find_if(all.begin(), all.end(), [&](const DelayProfile& p) { return p.id == id; });
      if (moving == all.end()) return make_error("Delay profile " + std::to_string(id) + " does not exist");
      if (id == kGlobalDelayProfileId) return all;  // the global profile is always last
      DelayProfile moved = *moving;
      all.erase(moving);
      auto at = all.begin();
      if (after_id) {
        auto after = std::find_if(all.begin(), all.end(), [&](const DelayProfile& p) { return p.id == *after_id; });
        if (after == all.end()) return make_error("Delay profile " + std::to_string(*after_id) + " does not exist");
        at = std::next(after);
      }
      all.insert(at, moved);
      // The global profile goes back to the end whatever it was moved around.
      std::stable_partition(all.begin(), all.end(), [](const DelayProfile& p) { return p.id != kGlobalDelayProfileId; });
      renumber(db, all);
      auto out = list_in(db);
      tx.commit();
      return out;
    });
  } catch (const DbError& e) {
    return make_error(std::string("could not reorder the delay profiles: ") + e.what());
  }
}

}  // namespace nzbd::pvr
