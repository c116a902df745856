// The specifications about what lands on disk: raw disc images nobody can
// play as an episode (RawDiskSpecification) and room for the download in
// the series folder (FreeSpaceSpecification).
#include <regex>

#include "pvr/decision/specs.h"
#include "pvr/disk_space.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

Rejection reject(std::string reason) { return Rejection{std::move(reason), false}; }

}  // namespace

std::optional<Rejection> raw_disk_spec(const SpecInput& in) {
  const std::string& title = in.remote.release.title;
  // Numbered discs of a Blu-ray set, whole-disc Blu-ray images, DVD images.
  static const std::regex bluray_disc(
      R"(dis[ck][-_. ]\d+[-_. ](?:(?:480|720|1080|2160)[ip][-_. ])?blu-?ray|\b(?:complete[-_. ](?:uhd[-_. ])?blu-?ray|bd25|bd50|bdiso|br-?disk)\b)",
      std::regex::icase);
  static const std::regex dvd_image(R"(\bdvd-?r\b|\bdvd[59]\b)", std::regex::icase);
  if (ends_with_icase(title, ".m2ts") || std::regex_search(title, bluray_disc)) return reject("Raw Bluray release");
  if (ends_with_icase(title, ".vob") || ends_with_icase(title, ".iso") || std::regex_search(title, dvd_image))
    return reject("Raw DVD release");
  return std::nullopt;
}

std::optional<Rejection> free_space_spec(const SpecInput& in) {
  if (in.config.skip_free_space_check || in.series.path.empty()) return std::nullopt;
  auto free = available_bytes(in.series.path);
  if (!free) return std::nullopt;  // unknown: not a reason to refuse
  const std::int64_t size = in.remote.release.size;
  const std::int64_t after = *free - size;
  if (after <= 0)
    return reject("Not enough free space: " + size_suffix(*free) + " free, the release needs " + size_suffix(size));
  if (after < static_cast<std::int64_t>(in.config.minimum_free_space_mb) * 1024 * 1024)
    return reject("Not enough free space after downloading: " + size_suffix(after) + " would be left, the minimum is " +
                  std::to_string(in.config.minimum_free_space_mb) + " MB");
  return std::nullopt;
}

}  // namespace nzbd::pvr
