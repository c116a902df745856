// Delay profiles (Sonarr's /delayprofile): per series tag, which protocols
// may be grabbed, which is preferred, and how many minutes a new release
// waits for a better one. Profile 1 is the global one (no tags, ordered
// last, never deleted). Rows live in the `delay_profiles` table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/library.h"

namespace nzbd::pvr {

inline constexpr int kGlobalDelayProfileId = 1;
inline constexpr int kGlobalDelayProfileOrder = 2147483647;

struct DelayProfile {
  int id = 0;
  bool enable_usenet = true;
  bool enable_torrent = true;
  std::string preferred_protocol = "usenet";  // "usenet" or "torrent"
  int usenet_delay = 0;                       // minutes
  int torrent_delay = 0;
  bool bypass_if_highest_quality = true;
  bool bypass_if_above_custom_format_score = false;
  int minimum_custom_format_score = 0;
  int order = 0;  // lower wins
  std::vector<int> tags;

  int delay_for(const std::string& protocol) const { return protocol == "torrent" ? torrent_delay : usenet_delay; }
};

// Sonarr's BestForTags: the lowest-ordered profile that has a tag of the
// series or no tags at all (the global one always qualifies).
DelayProfile best_delay_profile(const std::vector<DelayProfile>& all, const std::vector<int>& series_tags);

class DelayProfiles {
 public:
  explicit DelayProfiles(Library& library) : library_(library) {}

  std::vector<DelayProfile> list();  // by order
  std::optional<DelayProfile> get(int id);
  // A new profile is ordered after the existing tagged ones (Sonarr: order = count).
  Result<DelayProfile> add(DelayProfile p);
  Status update(const DelayProfile& p);  // keeps the stored order
  // Refuses the global profile; renumbers the rest 1..n.
  Status remove(int id);
  // Moves `id` right after `after_id` (to the front when nullopt) and
  // renumbers; the global profile stays last.
  Result<std::vector<DelayProfile>> reorder(int id, std::optional<int> after_id);

 private:
  Library& library_;
};

}  // namespace nzbd::pvr
