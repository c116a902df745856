// Removing what a successful unpack made redundant, and nothing else.
#include <algorithm>
#include <cctype>
#include <set>

#include "unpack/unpack.h"
#include "util/strings.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

// "nfo", ".NFO" and "*.nfo" all mean ".nfo".
std::set<std::string> normalized_extensions(const std::vector<std::string>& list) {
  std::set<std::string> out;
  for (auto e : list) {
    e.erase(0, e.find_first_not_of(" *."));
    while (!e.empty() && e.back() == ' ') e.pop_back();
    if (!e.empty()) out.insert("." + to_lower(e));
  }
  return out;
}

bool is_inside(const fs::path& p, const fs::path& root) {
  auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return r == root.end() || (std::next(r) == root.end() && r->empty());
}

class Remover {
 public:
  Remover(std::vector<fs::path> roots, CleanupReport& report) : roots_(std::move(roots)), report_(report) {}

  // Removes a regular file (never a folder, never through a link) inside a root.
  void remove(const fs::path& p) {
    std::error_code ec;
    fs::path parent = fs::weakly_canonical(p.parent_path(), ec);
    if (ec) return;
    fs::path real = parent / p.filename();
    bool allowed = std::any_of(roots_.begin(), roots_.end(), [&](const fs::path& r) { return is_inside(real, r); });
    if (!allowed || done_.count(real) || !fs::is_regular_file(fs::symlink_status(real, ec))) return;
    done_.insert(real);
    if (fs::remove(real, ec)) report_.removed.push_back(real);
    else report_.errors.push_back("cannot remove " + real.string() + ": " + ec.message());
  }

 private:
  std::vector<fs::path> roots_;
  CleanupReport& report_;
  std::set<fs::path> done_;
};

}  // namespace

CleanupReport cleanup_after_success(const fs::path& job_dir, const fs::path& dest,
                                    const nzbd::Result<UnpackResult>& unpack, const CleanupOptions& opts) {
  CleanupReport report;
  if (!unpack.ok() || opts.job_failed) return report;
  std::error_code ec;
  std::vector<fs::path> roots;
  for (const auto& r : {job_dir, dest}) {
    if (r.empty()) continue;
    fs::path c = fs::weakly_canonical(r, ec);
    if (!ec) roots.push_back(c);
  }
  Remover remover(roots, report);

  if (opts.pp >= 3) {
    for (const auto& v : unpack->used_volumes) remover.remove(v);
    for (const auto& e : fs::directory_iterator(job_dir, ec))
      if (to_lower(e.path().extension().string()) == ".par2") remover.remove(e.path());
  }
  auto exts = normalized_extensions(opts.cleanup_list);
  if (exts.empty()) return report;
  std::vector<fs::path> matches;  // collected first: no removal while iterating
  for (const auto& root : roots) {
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (exts.count(to_lower(it->path().extension().string()))) matches.push_back(it->path());
    }
  }
  for (const auto& m : matches) remover.remove(m);
  return report;
}

}  // namespace nzbd::unpack
