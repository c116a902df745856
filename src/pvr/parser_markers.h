// Episode markers: the part of a release name that says which episode(s) it
// holds ("S01E02", "1x02", "2024.03.05", " - 123"). Internal to the parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd::pvr::detail {

enum class MarkerKind { Standard, Daily, SeasonPack, Absolute, Special };

struct Marker {
  MarkerKind kind = MarkerKind::Standard;
  size_t start = 0;  // offset of the marker in the name: the title is before it
  size_t end = 0;    // offset just past the marker
  size_t title_start = 0;                       // the title starts here ("221208 Title ep34")
  size_t title_end = std::string_view::npos;    // and ends here when not at `start`
  int season = -1;
  std::vector<int> episodes;
  std::vector<int> absolute;
  std::string air_date;  // YYYY-MM-DD
  bool multi_season = false;
  std::vector<double> special_absolute;  // "Title - 12.5": recap/special numbers
  bool split = false;          // "S06E01b"
  bool special = false;        // "S01E11.5", "- 01 - OVA"
  bool season_extra = false;   // "S03.Extras", "SUBPACK"
  int season_part = 0;         // "S07.Vol.1": a partial season pack
  int daily_part = 0;          // "2015.09.07.Part.2"
  bool season_implied = false; // a mini-series part: season 1 was not written
  bool invalid = false;  // an episode marker that makes no sense ("E02E01"): the name must not parse
};

// Largest episode range expanded into a list ("E01-E999" is refused above it).
inline constexpr int kMaxEpisodeRange = 500;

// Finds the marker, trying kinds in priority order (SxxEyy, NxMM, "Season N
// Episode M", dates, season packs, absolute numbers, "Special"). `anime` is
// true when the name started with a [Group] tag, which makes bare numbers
// ("Title 123") count as absolute episode numbers.
std::optional<Marker> find_marker(std::string_view name, bool anime);

}  // namespace nzbd::pvr::detail
