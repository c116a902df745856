#include "postproc/deobfuscate.h"

#include <cctype>

#include "util/files.h"
#include "util/strings.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

bool looks_obfuscated(std::string_view stem) {
  if (stem.size() < 16) return false;
  bool hex = true, alnum = true, digits = false, letters = false;
  for (char c : stem) {
    auto u = static_cast<unsigned char>(c);
    if (!std::isxdigit(u)) hex = false;
    if (!std::isalnum(u)) alnum = false;
    if (std::isdigit(u)) digits = true;
    if (std::isalpha(u)) letters = true;
  }
  if (hex && stem.size() >= 16) return true;
  return alnum && digits && letters && stem.size() >= 24;
}

Status rename_obfuscated_largest(JobContext& ctx) {
  std::error_code ec;
  fs::path largest;
  uintmax_t best = 0;
  for (const auto& e : fs::directory_iterator(ctx.work_dir, ec)) {
    if (!e.is_regular_file(ec)) continue;
    if (ends_with_icase(e.path().filename().string(), ".par2")) return ok_status();  // par2 names the files
    auto size = e.file_size(ec);
    if (size > best) {
      best = size;
      largest = e.path();
    }
  }
  if (largest.empty() || !looks_obfuscated(largest.stem().string())) return ok_status();
  fs::path target = unique_path(ctx.work_dir / (ctx.job.job.name + largest.extension().string()));
  fs::rename(largest, target, ec);
  if (!ec) add_stage(ctx.entry, "Deobfuscate", "Renamed " + largest.filename().string() + " to " +
                                                   target.filename().string());
  return ok_status();
}

}  // namespace nzbd::postproc
