// The RAR 4/5 block-header scanner over one hostile volume (written to a
// scratch file, as scan_rar reads files). Whatever it reports must be
// consistent: names usable as entry paths or refused by split_entry_path,
// no file both a directory and split, a version it knows.
#include <string>

#include "fuzz_support.h"
#include "unpack/rar_scan.h"
#include "unpack/safe_tree.h"

using namespace nzbd::unpack;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto path = nzbd::fuzz::write_scratch("x.part1.rar", std::string_view(reinterpret_cast<const char*>(data), size));
  const int magic = rar_version_of(path);
  FUZZ_CHECK(magic == 0 || magic == 4 || magic == 5);
  auto info = scan_rar(path);
  if (!info.ok()) {
    FUZZ_CHECK(magic == 0);
    return 0;
  }
  FUZZ_CHECK(info->version == magic);
  for (const RarFileHeader& f : info->files) {
    FUZZ_CHECK(f.name.find('\\') == std::string::npos || info->version == 5);
    std::string why;
    auto parts = split_entry_path(f.name, why);
    if (!parts) FUZZ_CHECK(!why.empty());
  }
  return 0;
}
