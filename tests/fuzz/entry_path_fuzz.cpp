// Archive-entry path checks: whatever split_entry_path accepts, and every
// symlink target symlink_target_inside accepts, must really stay inside the
// extraction folder. Judged here by an independent lexical walk from the
// root ("/r"): a path never climbs above it.
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "unpack/safe_tree.h"

using namespace nzbd::unpack;
using nzbd::fuzz::Input;

namespace {

// Walks `path` (relative, '/'-separated) from folder `at`; false once it
// would leave the root. An absolute path leaves it at once.
bool stays_inside(std::vector<std::string> at, std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      if (at.empty()) return false;
      at.pop_back();
    } else if (!part.empty() && part != ".") {
      at.emplace_back(part);
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  std::string_view entry = in.until("\n");
  std::string_view target = in.rest();
  std::string why;
  auto parts = split_entry_path(entry, why);
  if (!parts) {
    FUZZ_CHECK(!why.empty());
    return 0;
  }
  FUZZ_CHECK(stays_inside({}, entry));
  std::string joined;
  for (const std::string& c : *parts) {
    FUZZ_CHECK(!c.empty() && c != "." && c != ".." && c.size() <= 255);
    FUZZ_CHECK(c.find('/') == std::string::npos && c.find('\0') == std::string::npos);
    joined += (joined.empty() ? "" : "/") + c;
  }
  // Splitting again what was accepted gives the same components.
  if (!parts->empty()) FUZZ_CHECK(split_entry_path(joined, why) == parts);
  if (parts->empty()) return 0;  // "." or "": nothing to link there
  if (symlink_target_inside(*parts, target)) {
    std::vector<std::string> parent(parts->begin(), parts->end() - 1);
    if (!stays_inside(parent, target)) {
      std::fprintf(stderr, "link %.*s -> %.*s accepted but leaves the folder\n", int(entry.size()), entry.data(),
                   int(target.size()), target.data());
      std::abort();
    }
  }
  return 0;
}
