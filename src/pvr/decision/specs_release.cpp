// Specifications about the release itself: size, sample, age, packs,
// release profiles, the blocklist and what was already imported.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "pvr/db.h"
#include "pvr/decision/specs.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::pvr {
namespace {

constexpr std::int64_t kMiB = 1024 * 1024;

Rejection reject(std::string reason, bool temporary = false) { return Rejection{std::move(reason), temporary}; }

bool usenet(const SpecInput& in) { return in.remote.release.download_protocol == "usenet"; }

double age_minutes(const SpecInput& in) { return std::difftime(in.now, in.published) / 60.0; }

// .NET's default double formatting after Math.Round(x, 1): "12.3", "5".
std::string one_decimal(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

// Series runtime, or Sonarr's 45 minutes for a new show whose runtime is not
// known yet: the release is in the first season and airs within 24 h of the pilot.
int series_runtime(const SpecInput& in) {
  if (in.series.runtime > 0) return in.series.runtime;
  int first_season = -1;
  for (const auto& s : in.series.seasons)
    if (s.season_number > 0 && (first_season < 0 || s.season_number < first_season)) first_season = s.season_number;
  if (first_season < 0 || in.remote.episodes.empty() || in.remote.episodes.front().season_number != first_season)
    return 0;
  auto season = must(in.library.episodes_for_series(in.series.id, first_season));
  if (season.empty()) return 0;
  auto pilot = std::min_element(season.begin(), season.end(),
                                [](const Episode& a, const Episode& b) { return a.episode_number < b.episode_number; });
  std::time_t start = in.published;
  if (pilot->air_date_utc)
    if (auto t = parse_utc(*pilot->air_date_utc)) start = *t;
  std::time_t grace_end = start + 24 * 3600;
  for (const auto& e : in.remote.episodes) {
    if (!e.air_date_utc) continue;
    auto t = parse_utc(*e.air_date_utc);
    if (t && *t >= grace_end) return 0;
  }
  return 45;
}

const QualityDefinitionRow* definition(const SpecInput& in, int quality_id) {
  for (const auto& d : in.definitions)
    if (d.id == quality_id) return &d;
  return nullptr;
}

}  // namespace

std::string size_suffix(std::int64_t bytes) {
  static const char* kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  if (bytes < 0) return "-" + size_suffix(-bytes);
  if (bytes == 0) return "0 B";
  int mag = static_cast<int>(std::floor(std::log(static_cast<double>(bytes)) / std::log(1024.0)));
  mag = std::clamp(mag, 0, 6);
  double adjusted = static_cast<double>(bytes) / std::pow(1024.0, mag);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", adjusted);
  // "{0:n1}" groups thousands: 1,023.9 MB.
  std::string num = buf;
  auto dot = num.find('.');
  std::string whole = num.substr(0, dot), grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return grouped + num.substr(dot) + " " + kUnits[mag];
}

std::optional<Rejection> acceptable_size_spec(const SpecInput& in) {
  const std::int64_t size = in.remote.release.size;
  if (in.parsed.special || size <= 0) return std::nullopt;
  const int fallback = series_runtime(in);
  int runtime = 0;
  for (const auto& e : in.remote.episodes) runtime += e.runtime > 0 ? e.runtime : fallback;
  if (runtime <= 0) return reject("Runtime of all episodes is 0, unable to validate size until it is available");
  const auto* def = definition(in, in.parsed.quality.id);
  if (!def) return std::nullopt;
  const std::size_t count = in.remote.episodes.size();
  const std::string runtime_text =
      count == 1 ? std::to_string(runtime) + "min" : std::to_string(count) + "x " + std::to_string(runtime) + "min";
  if (def->min_size > 0) {
    auto min = static_cast<std::int64_t>(def->min_size * kMiB * runtime);
    if (size < min)
      return reject(size_suffix(size) + " is smaller than minimum allowed " + size_suffix(min) + " (for " +
                    runtime_text + ")");
  }
  if (def->max_size && *def->max_size > 0) {
    auto max = static_cast<std::int64_t>(*def->max_size * kMiB * runtime);
    if (size > max)
      return reject(size_suffix(size) + " is larger than maximum allowed " + size_suffix(max) + " (for " +
                    runtime_text + ")");
  }
  return std::nullopt;
}

std::optional<Rejection> not_sample_spec(const SpecInput& in) {
  if (to_lower(in.remote.release.title).find("sample") != std::string::npos && in.remote.release.size < 70 * kMiB)
    return reject("Sample");
  return std::nullopt;
}

std::optional<Rejection> retention_spec(const SpecInput& in) {
  if (!usenet(in) || in.config.retention <= 0) return std::nullopt;
  auto age_days = static_cast<long long>(std::floor(age_minutes(in) / (60.0 * 24)));
  if (age_days > in.config.retention) return reject("Older than configured retention");
  return std::nullopt;
}

std::optional<Rejection> minimum_age_spec(const SpecInput& in) {
  if (!usenet(in) || in.config.minimum_age <= 0) return std::nullopt;
  double age = age_minutes(in);
  if (age < in.config.minimum_age)
    return reject("Only " + one_decimal(age) + " minutes old, minimum age is " + std::to_string(in.config.minimum_age) +
                      " minutes",
                  true);
  return std::nullopt;
}

std::optional<Rejection> maximum_size_spec(const SpecInput& in) {
  const std::int64_t size = in.remote.release.size;
  if (in.config.maximum_size <= 0 || size <= 0) return std::nullopt;
  const std::int64_t max = static_cast<std::int64_t>(in.config.maximum_size) * kMiB;
  if (size > max)
    return reject(size_suffix(size) + " is too big, maximum size is " + size_suffix(max) +
                  " (Settings->Indexers->Maximum Size)");
  return std::nullopt;
}

std::optional<Rejection> multi_season_spec(const SpecInput& in) {
  if (in.parsed.multi_season) return reject("Multi-season releases are not supported");
  return std::nullopt;
}

std::optional<Rejection> full_season_spec(const SpecInput& in) {
  if (!in.parsed.full_season) return std::nullopt;
  for (const auto& e : in.remote.episodes) {
    auto t = e.air_date_utc ? parse_utc(*e.air_date_utc) : std::nullopt;
    if (!t || *t > in.now + 24 * 3600) return reject("Full season release rejected. All episodes haven't aired yet.");
  }
  return std::nullopt;
}

std::optional<Rejection> release_restrictions_spec(const SpecInput& in) {
  const std::string& title = in.remote.release.title;
  for (const auto& p : in.release_profiles) {
    if (p.required.empty()) continue;
    bool found = std::any_of(p.required.begin(), p.required.end(),
                             [&](const std::string& t) { return term_matches(t, title); });
    if (!found) {
      std::string terms;
      for (const auto& t : p.required) terms += (terms.empty() ? "" : ", ") + t;
      return reject("Does not contain one of the required terms: " + terms);
    }
  }
  for (const auto& p : in.release_profiles) {
    std::string found;
    for (const auto& t : p.ignored)
      if (term_matches(t, title)) found += (found.empty() ? "" : ", ") + t;
    if (!found.empty()) return reject("Contains these ignored terms: " + found);
  }
  return std::nullopt;
}

std::optional<Rejection> blocklist_spec(const SpecInput& in) {
  if (in.blocklist.contains(in.series.id, in.remote.release)) return reject("Release is blocklisted");
  return std::nullopt;
}

std::optional<Rejection> already_imported_spec(const SpecInput& in) {
  if (!in.config.completed_download_handling) return std::nullopt;
  for (const auto& e : in.remote.episodes) {
    if (e.episode_file_id == 0) continue;
    struct Row {
      std::string title, event, download_id;
      int quality = 0;
    };
    // Newest first, as Sonarr's FindByEpisodeId.
    auto rows = in.library.with_db([&](Db& db) {
      Stmt s(db,
             "SELECT source_title, event_type, download_id, quality_id FROM history WHERE episode_id=?1 "
             "AND event_type IN ('grabbed','downloadFolderImported') ORDER BY date DESC, id DESC");
      s.bind(1, e.id);
      std::vector<Row> out;
      while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.i32(3)});
      return out;
    });
    auto grabbed = std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.event == "grabbed"; });
    if (grabbed == rows.end()) continue;
    auto imported = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
      return r.event == "downloadFolderImported" && r.download_id == grabbed->download_id;
    });
    if (imported == rows.end()) continue;
    // Only a guard against grabbing the same release over and over when the
    // grabbed and imported qualities differ.
    if (imported->quality == grabbed->quality) continue;
    if (to_lower(in.remote.release.title) == to_lower(grabbed->title))
      return reject("Has same release name as a grabbed and imported release");
  }
  return std::nullopt;
}

}  // namespace nzbd::pvr
