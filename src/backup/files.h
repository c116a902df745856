// What a backup holds, and a scratch folder that removes itself.
#pragma once

#include <array>
#include <filesystem>
#include <string_view>

namespace nzbd::backup {

inline constexpr std::string_view kIniName = "nzbd.ini";
inline constexpr std::array<std::string_view, 2> kDatabaseNames = {"history.db", "tv.db"};
inline constexpr std::string_view kStageName = "restore";          // <home>/restore
inline constexpr std::string_view kKeptSuffix = ".before-restore";  // a replaced file, kept

// A fresh folder inside `parent`, removed with everything in it at the end of scope.
class ScratchDir {
 public:
  explicit ScratchDir(const std::filesystem::path& parent);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }
  // Hands the folder on: it is no longer removed.
  std::filesystem::path release();

 private:
  std::filesystem::path path_;
};

}  // namespace nzbd::backup
