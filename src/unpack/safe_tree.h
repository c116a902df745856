// Writing archive entries under one root folder without ever leaving it.
// Every path is walked component by component with openat(O_NOFOLLOW), so no
// write goes through a symlink, whoever created it; entry paths with "..",
// absolute paths and link targets that lead out are refused before any I/O.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"
#include "util/unique_fd.h"

namespace nzbd::unpack {

using nzbd::UniqueFd;

using Components = std::vector<std::string>;

// Splits an archive entry path into safe components ("." and empty parts
// dropped). nullopt with `why` set for absolute paths, "..", over-long names.
std::optional<Components> split_entry_path(std::string_view path, std::string& why);

// Whether a symlink at `link` with `target` stays inside the root, judged on
// the names alone (the physical check is check_tree_links()).
bool symlink_target_inside(const Components& link, std::string_view target);

class SafeTree {
 public:
  static nzbd::Result<SafeTree> open(const std::filesystem::path& root);

  const std::filesystem::path& root() const { return root_path_; }
  int fd() const { return root_.get(); }

  // Opens (creating with `mode`, truncating) a regular file. An existing
  // symlink at the final name is replaced, never followed.
  nzbd::Result<UniqueFd> create_file(const Components& path, mode_t mode);
  nzbd::Status make_dir(const Components& path);
  nzbd::Status make_symlink(const Components& path, const std::string& target);
  // Hard link to a regular file already written under the root.
  nzbd::Status make_hardlink(const Components& path, const Components& target);

 private:
  // Opens the parent directory of `path` (creating missing directories when
  // `create`), refusing symlinks and non-directories on the way.
  nzbd::Result<UniqueFd> open_parent(const Components& path, bool create);

  std::filesystem::path root_path_;
  UniqueFd root_;
};

// Moves everything from `from` into `to` (merging directories, replacing
// files), through O_NOFOLLOW directory handles. Relative paths of the regular
// files moved are appended to `files`.
nzbd::Status merge_tree(const std::filesystem::path& from, const std::filesystem::path& to);

struct TreeCheck {
  std::vector<std::filesystem::path> files;    // regular files, relative to root
  std::vector<std::string> refused;            // what was removed and why
};
// Walks a freshly extracted tree: removes symlinks that resolve outside
// `root` (physically, following chains) and special files (fifos, devices).
TreeCheck check_tree(const std::filesystem::path& root);

}  // namespace nzbd::unpack
