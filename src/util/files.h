// File helpers with the guarantees the queue and config rely on.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd {

Result<std::string> read_file(const std::filesystem::path& path);

// Writes to a temp file in the same folder, fsyncs it, renames it over `path`
// and fsyncs the folder: after a crash the file is either old or new, never torn.
Status write_file_atomic(const std::filesystem::path& path, std::string_view data);

// As write_file_atomic, without the fsyncs: after kill -9 the file is old or
// new, never torn, but only fsync_path(path) and fsync_path(its folder) make it
// survive a power cut. For callers that group many writes under one fsync pass.
Status write_file_replace(const std::filesystem::path& path, std::string_view data);

// fsync of a file or folder by name.
Status fsync_path(const std::filesystem::path& path);

// Removes the temp files write_file_atomic(path, ...) leaves when the process
// dies between creating and renaming them ("<path>.tmp-<8 hex>"); owners call
// it when they load `path`, before anything writes it again.
void remove_atomic_write_leftovers(const std::filesystem::path& path);

// True when `child` (after normalisation, without following links) is inside `root`.
bool is_within(const std::filesystem::path& root, const std::filesystem::path& child);

// `base`, or `base.1`, `base.2`, ... : the first name that does not exist yet.
std::filesystem::path unique_path(const std::filesystem::path& base);

// Moves a file or folder: a rename, or across file systems a copy (with
// `copy`) to ".nzbd-moving-<name>" beside `to`, a rename to `to`, and then
// removal of the source: `to` exists only once it is complete.
Status move_path(const std::filesystem::path& from, const std::filesystem::path& to,
                 std::filesystem::copy_options copy = std::filesystem::copy_options::recursive);

}  // namespace nzbd
