// Release profiles (Sonarr v4's /releaseprofile): terms a release name must
// contain or must not contain, for series sharing a tag and optionally one
// indexer. Rows live in the `release_profiles` table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pvr/library.h"

namespace nzbd::pvr {

struct ReleaseProfile {
  int id = 0;
  std::string name;
  bool enabled = true;
  std::vector<std::string> required;  // "must contain": one of them
  std::vector<std::string> ignored;   // "must not contain": none of them
  int indexer_id = 0;                 // 0: every indexer
  std::vector<int> tags;              // empty: every series
};

// Sonarr's term matching: "/regex/flags" is a regular expression (always
// case-insensitive here), anything else a case-insensitive substring. An
// invalid regex matches nothing.
bool term_matches(const std::string& term, const std::string& title);
// nullopt when the term is usable, else why not (for validation).
std::optional<std::string> term_error(const std::string& term);

// The profiles of `all` that apply: enabled, with no tags or a tag of the
// series, and for every indexer or this one (Sonarr's EnabledForTags).
std::vector<ReleaseProfile> applicable_profiles(const std::vector<ReleaseProfile>& all,
                                                const std::vector<int>& series_tags, int indexer_id);

class ReleaseProfiles {
 public:
  explicit ReleaseProfiles(Library& library) : library_(library) {}

  std::vector<ReleaseProfile> list();
  std::optional<ReleaseProfile> get(int id);
  Result<ReleaseProfile> add(ReleaseProfile p);
  Status update(const ReleaseProfile& p);
  Status remove(int id);
  // applicable_profiles() over the stored profiles.
  std::vector<ReleaseProfile> enabled_for(const std::vector<int>& series_tags, int indexer_id);

 private:
  Library& library_;
};

}  // namespace nzbd::pvr
