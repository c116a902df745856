// File handling shared by the importers (DownloadedEpisodesScan and the
// completed-download import) and the renamer: finding video files in a
// download without ever following a symlink, Sonarr's sample rule, and
// moving/copying/hardlinking without overwriting.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::pvr {

struct FoundFile {
  std::filesystem::path path;
  std::int64_t size = 0;
};

// Regular files under `root` (or `root` itself when it is a file) that pass
// `keep`, sorted by path. Symlinks — to files or folders — are skipped, so
// nothing outside `root` is ever reached; names starting with "._" (macOS
// resource forks) too. At most `limit` files.
std::vector<FoundFile> files_under(const std::filesystem::path& root, bool (*keep)(const std::filesystem::path&),
                                   std::size_t limit = 10000);
std::vector<FoundFile> video_files_under(const std::filesystem::path& root, std::size_t limit = 10000);

// Sonarr's name-based sample rule (without media info to read the
// runtime): the file or its folder is called "sample" (as a word, e.g.
// "sample-show.s01e01.mkv", "Show.S01E01.SAMPLE.mkv", "Sample/x.mkv") and
// the file is under 70 MB.
inline constexpr std::int64_t kSampleSizeLimit = 70LL * 1024 * 1024;
bool is_sample(const std::filesystem::path& file, std::int64_t size);

enum class TransferMode { Move, Copy, HardlinkOrCopy };

// Moves (rename, or copy + remove across file systems), copies, or
// hardlinks (falling back to a copy). Never overwrites: an existing `to` is
// an error. A copy goes to a temporary name first so `to` never holds half
// a file. The parent folder is created.
Status transfer_file(const std::filesystem::path& from, const std::filesystem::path& to, TransferMode mode);

// Deletes `file`, or with a recycle bin moves it to bin/subfolder/ (a
// numbered name when taken) and stamps it with the time of deletion, so
// the bin's cleanup can age it.
Status recycle_file(const std::filesystem::path& file, const std::string& recycle_bin,
                    const std::filesystem::path& subfolder);

// True when `path` (normalised, not resolved) is `root` or inside it.
bool path_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace nzbd::pvr
