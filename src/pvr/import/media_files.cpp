#include "pvr/import/media_files.h"

#include <algorithm>
#include <cctype>

#include "pvr/scanner.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace fs = std::filesystem;

std::vector<FoundFile> files_under(const fs::path& root, bool (*keep)(const fs::path&), std::size_t limit) {
  std::vector<FoundFile> out;
  std::error_code ec;
  auto st = fs::symlink_status(root, ec);
  if (ec || fs::is_symlink(st)) return out;
  auto add = [&](const fs::path& p) {
    std::string name = p.filename().string();
    if (name.rfind("._", 0) == 0 || (keep && !keep(p))) return;
    std::error_code e;
    auto size = fs::file_size(p, e);
    out.push_back({p, e ? 0 : static_cast<std::int64_t>(size)});
  };
  if (fs::is_regular_file(st)) {
    add(root);
    return out;
  }
  if (!fs::is_directory(st)) return out;
  // The iterator does not follow directory symlinks by default; file
  // symlinks are filtered by symlink_status below.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end && out.size() < limit; it.increment(ec)) {
    auto s = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_regular_file(s)) add(it->path());
  }
  std::sort(out.begin(), out.end(), [](const FoundFile& a, const FoundFile& b) { return a.path < b.path; });
  return out;
}

std::vector<FoundFile> video_files_under(const fs::path& root, std::size_t limit) {
  return files_under(root, [](const fs::path& p) { return is_video_file(p); }, limit);
}

namespace {
bool names_sample(const std::string& original) {
  std::string name = to_lower(original);
  for (std::size_t p = name.find("sample"); p != std::string::npos; p = name.find("sample", p + 1)) {
    bool left = p == 0 || !std::isalpha(static_cast<unsigned char>(name[p - 1]));
    bool right = p + 6 >= name.size() || !std::isalpha(static_cast<unsigned char>(name[p + 6]));
    if (left && right) return true;
  }
  return false;
}
}  // namespace

bool is_sample(const fs::path& file, std::int64_t size) {
  if (size >= kSampleSizeLimit) return false;
  return names_sample(file.stem().string()) || names_sample(file.parent_path().filename().string());
}

Status recycle_file(const fs::path& file, const std::string& recycle_bin, const fs::path& subfolder) {
  std::error_code ec;
  if (recycle_bin.empty()) {
    fs::remove(file, ec);
    if (ec) return make_error("cannot delete " + file.string() + ": " + ec.message());
    return ok_status();
  }
  fs::path folder = fs::path(recycle_bin);
  for (const auto& part : subfolder)  // never ".." or absolute parts
    if (part != ".." && part != "." && !part.empty() && part != part.root_path()) folder /= part;
  fs::path dest = folder / file.filename();
  for (int n = 1; fs::exists(fs::symlink_status(dest, ec)) && n < 1000; ++n)
    dest = folder / (file.stem().string() + "_" + std::to_string(n) + file.extension().string());
  if (auto st = transfer_file(file, dest, TransferMode::Move); !st) return st;
  fs::last_write_time(dest, fs::file_time_type::clock::now(), ec);
  return ok_status();
}

bool path_within(const fs::path& path, const fs::path& root) {
  fs::path p = path.lexically_normal(), r = root.lexically_normal();
  auto pi = p.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
    if (ri->empty()) continue;  // trailing slash of the root
    if (pi == p.end() || *pi != *ri) return false;
  }
  for (; pi != p.end(); ++pi)
    if (*pi == "..") return false;
  return true;
}

Status transfer_file(const fs::path& from, const fs::path& to, TransferMode mode) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (ec) return make_error("cannot create " + to.parent_path().string() + ": " + ec.message());
  if (fs::exists(fs::symlink_status(to, ec))) return make_error(to.string() + " already exists");
  if (mode == TransferMode::Move) {
    fs::rename(from, to, ec);
    if (!ec) return ok_status();
  }
  if (mode == TransferMode::HardlinkOrCopy) {
    fs::create_hard_link(from, to, ec);
    if (!ec) return ok_status();
  }
  fs::path tmp = to;
  tmp += ".nzbd-partial";
  fs::remove(tmp, ec);
  fs::copy_file(from, tmp, fs::copy_options::none, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return make_error("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
  }
  fs::rename(tmp, to, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return make_error("cannot move into place " + to.string() + ": " + ec.message());
  }
  if (mode == TransferMode::Move) fs::remove(from, ec);
  return ok_status();
}

}  // namespace nzbd::pvr
