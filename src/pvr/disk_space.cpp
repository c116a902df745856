#include "pvr/disk_space.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

std::optional<std::int64_t> available_bytes(const fs::path& path) {
  std::error_code ec;
  fs::path p = path;
  while (!p.empty() && !fs::exists(p, ec)) {
    if (p == p.parent_path()) break;
    p = p.parent_path();
  }
  auto space = fs::space(p, ec);
  if (ec) return std::nullopt;
  return static_cast<std::int64_t>(space.available);
}

bool enough_space(const fs::path& path, std::int64_t size, int minimum_mb) {
  auto free = available_bytes(path);
  return !free || *free >= size + static_cast<std::int64_t>(minimum_mb) * 1024 * 1024;
}

}  // namespace nzbd::pvr
