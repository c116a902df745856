// browse (the folder picker of the settings pages) and gc_stats (what the
// download engine still holds in memory).
//
// browse shows real folders only: the current path is given with its symlinks
// resolved, so ".." is the real parent and a link loop cannot be walked; a
// linked folder is listed with the path it points at (what the user picks is
// where files will really go), and broken links, loops and anything that is
// not a folder are left out.
#include <algorithm>
#include <array>
#include <filesystem>

#include "api/sab/call.h"
#include "queue/queue.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {
namespace fs = std::filesystem;

// More than any folder picker can show; a huge folder does not make a huge answer.
constexpr size_t kMaxEntries = 5000;

// Folders SABnzbd leaves out of the picker (system and trash folders).
bool junk_folder(const std::string& name) {
  static const std::array<const char*, 16> junk = {
      "boot", "bootmgr", "cache", "msocache", "recovery", "$recycle.bin", "recycler", "system volume information",
      "temporary internet files", ".fseventd", ".spotlight", ".trashes", ".vol", "cachedmessages", "caches", "trash"};
  std::string lower = to_lower(name);
  return std::any_of(junk.begin(), junk.end(), [&](const char* j) { return lower == j; });
}

// The nearest existing folder at or above `asked` (relative paths start at
// the data folder), symlinks resolved; "/" when nothing of it exists.
fs::path existing_folder(const std::string& asked, const fs::path& home) {
  std::error_code ec;
  fs::path p = asked.empty() ? fs::path("/") : fs::path(asked);
  if (p.is_relative()) p = home / p;
  p = p.lexically_normal();
  while (!p.empty()) {
    fs::path real = fs::canonical(p, ec);
    if (!ec && fs::is_directory(real, ec)) return real;
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  return "/";
}

struct Folder {
  std::string name, path;
};

std::vector<Folder> folders_in(const fs::path& dir, bool show_hidden) {
  std::vector<Folder> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if ((!show_hidden && name.rfind('.', 0) == 0) || junk_folder(name)) continue;
    std::error_code e2;
    fs::path real = fs::canonical(it->path(), e2);  // also follows a link; a loop or broken link fails
    if (e2 || !fs::is_directory(real, e2)) continue;
    out.push_back(Folder{name, real.string()});
    if (out.size() >= kMaxEntries) break;
  }
  std::sort(out.begin(), out.end(), [](const Folder& a, const Folder& b) { return to_lower(a.name) < to_lower(b.name); });
  return out;
}

fs::path data_home(Call& c) {
  return c.services.config.read([](const config::Config& cfg) { return cfg.home(); });
}

Reply mode_browse(Call& c) {
  fs::path home = data_home(c);
  if (c.get("compact") == "1") {
    // The path field's completion: the folders beside what has been typed.
    fs::path typed(c.get("term"));
    fs::path dir = existing_folder(typed.parent_path().string(), home);
    Json paths = Json::array();
    for (const auto& f : folders_in(dir, false)) paths.push_back(f.path);
    return Reply{"", std::move(paths)};
  }
  fs::path dir = existing_folder(c.get("name"), home);
  Json paths = Json::array();
  paths.push_back(Json{{"current_path", dir.string()}});
  if (dir != dir.parent_path()) paths.push_back(Json{{"name", ".."}, {"path", dir.parent_path().string()}, {"dir", true}});
  for (const auto& f : folders_in(dir, c.get("show_hidden_folders") == "1"))
    paths.push_back(Json{{"name", f.name}, {"path", f.path}, {"dir", true}});
  return Reply{"paths", std::move(paths)};
}

Reply mode_gc_stats(Call& c) {
  Json lines = Json::array();
  if (c.services.queue)
    for (auto& line : c.services.queue->memory_report()) lines.push_back(std::move(line));
  return Reply{"value", std::move(lines)};
}

}  // namespace

void register_browse_modes(ModeTable& t) {
  t["browse"] = mode_browse;
  t["gc_stats"] = mode_gc_stats;
}

}  // namespace nzbd::api::sab
