// The release-name parser (src/pvr, Sonarr's Parser): release titles, file
// paths and the helpers the decision engine calls on the same strings.
#include <string>

#include "fuzz_support.h"
#include "pvr/release_parser.h"

using namespace nzbd::pvr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto info = parse_release(text)) {
    FUZZ_CHECK(info->season >= -1);
    FUZZ_CHECK(info->clean_title == clean_series_title(info->series_title));
    FUZZ_CHECK(!info->languages.empty());
    (void)is_possible_special_episode(*info);
  }
  if (auto info = parse_path(text)) FUZZ_CHECK(info->season >= -1);
  (void)clean_series_title(text);
  (void)normalize_episode_title(text);
  (void)is_scene_title(text);
  (void)parse_languages(text);
  (void)parse_release_group(text);
  (void)language_id(text);
  (void)find_iso_language(text);
  return 0;
}
