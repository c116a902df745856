// Internal: bounded decompression of gzip/zlib and bzip2 data, and the .nzb
// entries of a zip. Every function stops with an error as soon as its output
// would exceed `limit` bytes (decompression bombs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::nzb {

nzbd::Result<std::string> gunzip(std::string_view data, size_t limit);
nzbd::Result<std::string> bunzip2(std::string_view data, size_t limit);

struct ZipEntry {
  std::string path;
  std::string data;
};
// The regular-file entries named *.nzb, *.nzb.gz or *.nzb.bz2 (macOS
// resource forks skipped); `limit` is for all of them together.
nzbd::Result<std::vector<ZipEntry>> unzip_nzb_entries(std::string_view data, size_t limit);

std::string too_large_message(size_t limit);

}  // namespace nzbd::nzb
