#include "e2e/torture/torture_checks.h"

#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "queue/store.h"

namespace fs = std::filesystem;

namespace nzbd::test::torture {

std::set<std::string> journaled_ids(const fs::path& admin, const std::string& nzo_id, const PostedSet& set,
                                    bool& record_gone) {
  std::set<std::string> out;
  fs::path dir = admin / "queue" / nzo_id;
  auto job = queue::read_job_record(dir / "job.json");
  record_gone = !job;
  if (!job) return out;
  for (const auto& r : queue::read_journal_file(dir / "journal.bin")) {
    if (r.kind != 0 || r.file >= job->files.size()) continue;
    auto it = set.ids.find({job->files[r.file].name, r.offset});
    if (it != set.ids.end()) out.insert(it->second);
  }
  return out;
}

std::string integrity_check(const fs::path& db) {
  if (!fs::exists(db)) return "ok";  // not made yet (tv.db before the TV side is used)
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string e = h ? sqlite3_errmsg(h) : "cannot open";
    sqlite3_close(h);
    return e;
  }
  std::string result;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      if (!result.empty()) result += "; ";
      result += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
  } else {
    result = sqlite3_errmsg(h);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return result;
}

std::vector<fs::path> leftovers(const fs::path& home, const fs::path& incomplete, const fs::path& complete) {
  std::vector<fs::path> out;
  auto temp_name = [](const std::string& n) {
    auto ends = [&](const std::string& s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
    return n.find(".tmp-") != std::string::npos || ends(".tmp") || ends(".partial") || n.rfind(".nzbd-", 0) == 0;
  };
  for (const fs::path& root : {home, incomplete, complete}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (temp_name(it->path().filename().string())) out.push_back(it->path());
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(incomplete, ec)) out.push_back(e.path());
  return out;
}

std::vector<std::string> output_mismatches(const fs::path& storage, const PostedSet& set) {
  std::vector<std::string> out;
  for (const auto& [rel, bytes] : set.expected) {
    std::ifstream in(storage / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in.is_open() || ss.str() != bytes) out.push_back(rel);
  }
  return out;
}

}  // namespace nzbd::test::torture
