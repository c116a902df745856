// Free space where a series folder is (or would be): the import's and the
// decisions' FreeSpace checks ask the same question.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace nzbd::pvr {

// Bytes available on the file system of `path`, or of its nearest existing
// parent when it does not exist yet; nullopt when that cannot be read.
std::optional<std::int64_t> available_bytes(const std::filesystem::path& path);

// Whether `size` more bytes still leave `minimum_mb` free there. An unknown
// free space does not block (a failed statfs is no reason to refuse).
bool enough_space(const std::filesystem::path& path, std::int64_t size, int minimum_mb);

}  // namespace nzbd::pvr
