#include "unpack/safe_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

std::string join(const Components& c) {
  std::string s;
  for (const auto& part : c) s += (s.empty() ? "" : "/") + part;
  return s;
}

Error io_error(const std::string& what, const Components& path, int err) {
  return make_error(what + " " + join(path) + ": " + errno_text(err));
}

UniqueFd open_dir_at(int dirfd, const std::string& name) {
  return UniqueFd(::openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

}  // namespace

std::optional<Components> split_entry_path(std::string_view path, std::string& why) {
  if (path.empty()) {
    why = "empty path";
    return std::nullopt;
  }
  if (path.front() == '/') {
    why = "absolute path";
    return std::nullopt;
  }
  Components parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      why = "path with \"..\"";
      return std::nullopt;
    }
    if (part.find('\0') != std::string_view::npos || part.size() > 255) {
      why = "invalid name";
      return std::nullopt;
    }
    if (!part.empty() && part != ".") parts.emplace_back(part);
    start = end + 1;
  }
  return parts;
}

bool symlink_target_inside(const Components& link, std::string_view target) {
  if (target.empty() || target.front() == '/') return false;
  // The link lives in its parent folder; that is depth link.size() - 1.
  long depth = long(link.size()) - 1;
  size_t start = 0;
  while (start <= target.size()) {
    size_t end = target.find('/', start);
    if (end == std::string_view::npos) end = target.size();
    std::string_view part = target.substr(start, end - start);
    if (part == "..") {
      if (--depth < 0) return false;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
    start = end + 1;
  }
  return true;
}

nzbd::Result<SafeTree> SafeTree::open(const fs::path& root) {
  SafeTree t;
  t.root_path_ = root;
  t.root_ = UniqueFd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!t.root_) return make_error("cannot open folder " + root.string() + ": " + errno_text(errno));
  return t;
}

nzbd::Result<UniqueFd> SafeTree::open_parent(const Components& path, bool create) {
  UniqueFd dir(::dup(root_.get()));
  if (!dir) return io_error("cannot open", path, errno);
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (create && ::mkdirat(dir.get(), path[i].c_str(), 0755) != 0 && errno != EEXIST)
      return io_error("cannot create folder for", path, errno);
    UniqueFd next = open_dir_at(dir.get(), path[i]);
    if (!next) {
      int err = errno;
      if (err == ELOOP || err == ENOTDIR)
        return make_error("refusing to write through a link or file: " + join(path));
      return io_error("cannot open folder for", path, err);
    }
    dir = std::move(next);
  }
  return dir;
}

nzbd::Result<UniqueFd> SafeTree::create_file(const Components& path, mode_t mode) {
  if (path.empty()) return make_error("empty file name");
  auto parent = open_parent(path, true);
  if (!parent) return parent.error();
  const char* name = path.back().c_str();
  int flags = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC;
  int fd = ::openat(parent->get(), name, flags, mode);
  if (fd < 0 && errno == ELOOP) {
    // A symlink (from an earlier entry) is in the way: replace it, never follow it.
    if (::unlinkat(parent->get(), name, 0) == 0) fd = ::openat(parent->get(), name, flags, mode);
  }
  if (fd < 0) return io_error("cannot create", path, errno);
  return UniqueFd(fd);
}

nzbd::Status SafeTree::make_dir(const Components& path) {
  if (path.empty()) return ok_status();  // the root itself
  auto parent = open_parent(path, true);
  if (!parent) return parent.error();
  if (::mkdirat(parent->get(), path.back().c_str(), 0755) != 0 && errno != EEXIST)
    return io_error("cannot create folder", path, errno);
  if (!open_dir_at(parent->get(), path.back())) return make_error("not a folder: " + join(path));
  return ok_status();
}

nzbd::Status SafeTree::make_symlink(const Components& path, const std::string& target) {
  if (path.empty()) return make_error("empty link name");
  if (!symlink_target_inside(path, target))
    return make_error("link " + join(path) + " -> " + target + " leads outside the folder");
  auto parent = open_parent(path, true);
  if (!parent) return parent.error();
  const char* name = path.back().c_str();
  if (::symlinkat(target.c_str(), parent->get(), name) != 0) {
    struct stat st {};
    if (errno != EEXIST || ::fstatat(parent->get(), name, &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(st.st_mode))
      return io_error("cannot create link", path, errno);
    if (::unlinkat(parent->get(), name, 0) != 0 || ::symlinkat(target.c_str(), parent->get(), name) != 0)
      return io_error("cannot create link", path, errno);
  }
  return ok_status();
}

nzbd::Status SafeTree::make_hardlink(const Components& path, const Components& target) {
  if (path.empty() || target.empty()) return make_error("empty hard link name");
  auto from_dir = open_parent(target, false);
  if (!from_dir) return make_error("hard link " + join(path) + " -> " + join(target) + ": target not extracted");
  struct stat st {};
  if (::fstatat(from_dir->get(), target.back().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
    return make_error("hard link " + join(path) + " -> " + join(target) + ": target is not an extracted file");
  auto to_dir = open_parent(path, true);
  if (!to_dir) return to_dir.error();
  const char* name = path.back().c_str();
  ::unlinkat(to_dir->get(), name, 0);  // later entries replace earlier ones
  if (::linkat(from_dir->get(), target.back().c_str(), to_dir->get(), name, 0) != 0)
    return io_error("cannot create hard link", path, errno);
  return ok_status();
}

namespace {

struct DirCloser {
  void operator()(DIR* d) const { ::closedir(d); }
};

std::vector<std::string> list_dir(int dirfd) {
  std::vector<std::string> names;
  UniqueFd dup_fd(::dup(dirfd));
  if (!dup_fd) return names;
  std::unique_ptr<DIR, DirCloser> d(::fdopendir(dup_fd.get()));
  if (!d) return names;
  dup_fd.release();  // the DIR owns it now
  while (dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  return names;
}

nzbd::Status merge_dir(int from, int to, const fs::path& rel) {
  for (const auto& name : list_dir(from)) {
    struct stat src {}, dst {};
    if (::fstatat(from, name.c_str(), &src, AT_SYMLINK_NOFOLLOW) != 0) continue;
    bool exists = ::fstatat(to, name.c_str(), &dst, AT_SYMLINK_NOFOLLOW) == 0;
    if (S_ISDIR(src.st_mode) && exists && S_ISDIR(dst.st_mode)) {
      UniqueFd sub_from = open_dir_at(from, name), sub_to = open_dir_at(to, name);
      if (!sub_from || !sub_to) return make_error("cannot open folder " + (rel / name).string());
      auto st = merge_dir(sub_from.get(), sub_to.get(), rel / name);
      if (!st) return st;
      continue;
    }
    if (exists && S_ISDIR(dst.st_mode))
      return make_error("cannot replace folder " + (rel / name).string() + " with a file");
    if (exists && S_ISDIR(src.st_mode)) ::unlinkat(to, name.c_str(), 0);
    if (::renameat(from, name.c_str(), to, name.c_str()) != 0)
      return make_error("cannot move " + (rel / name).string() + ": " + errno_text(errno));
  }
  return ok_status();
}

bool inside(const fs::path& p, const fs::path& root) {
  auto rp = p.begin();
  for (auto it = root.begin(); it != root.end(); ++it, ++rp) {
    if (it->empty()) continue;  // trailing separator
    if (rp == p.end() || *rp != *it) return false;
  }
  return true;
}

}  // namespace

nzbd::Status merge_tree(const fs::path& from, const fs::path& to) {
  UniqueFd f(::open(from.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  UniqueFd t(::open(to.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!f || !t) return make_error("cannot open " + from.string() + " or " + to.string());
  return merge_dir(f.get(), t.get(), {});
}

TreeCheck check_tree(const fs::path& root) {
  TreeCheck out;
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) return out;
  std::vector<fs::path> links;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    auto st = it->symlink_status(ec);
    fs::path rel = it->path().lexically_relative(root);
    if (fs::is_symlink(st)) links.push_back(it->path());
    else if (fs::is_regular_file(st)) out.files.push_back(rel);
    else if (!fs::is_directory(st)) {
      fs::remove(it->path(), ec);
      out.refused.push_back(rel.string() + ": special file removed");
    }
  }
  // Links are judged after the walk, on the final tree: a chain of links that
  // are each harmless on paper can still end outside.
  for (const auto& link : links) {
    fs::path resolved = fs::weakly_canonical(link, ec);
    if (ec || !inside(resolved, real_root)) {
      std::error_code rm;
      fs::path rel = link.lexically_relative(root);
      fs::remove(link, rm);
      out.refused.push_back(rel.string() + ": link leads outside the folder, removed");
    }
  }
  return out;
}

}  // namespace nzbd::unpack
