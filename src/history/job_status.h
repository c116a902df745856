// Where a job in history stands: SABnzbd's status words, as a type so a
// misspelt "Complete" is a compile error instead of a row nothing matches.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nzbd::history {

enum class JobStatus : uint8_t {
  Queued,      // waiting for post-processing
  QuickCheck,  // the stages, in SABnzbd's words
  Verifying,
  Repairing,
  Fetching,  // more par2 blocks are being downloaded
  Extracting,
  Moving,
  Running,  // the user script
  Completed,
  Failed,
};

inline constexpr std::array<std::string_view, 10> kJobStatusTexts = {
    "Queued",     "QuickCheck", "Verifying", "Repairing", "Fetching",
    "Extracting", "Moving",     "Running",   "Completed", "Failed"};

// The text SABnzbd shows and the history table stores.
constexpr std::string_view status_text(JobStatus s) { return kJobStatusTexts[static_cast<size_t>(s)]; }

// The status a stored or requested text names; nullopt for any other text.
constexpr std::optional<JobStatus> parse_job_status(std::string_view text) {
  for (size_t i = 0; i < kJobStatusTexts.size(); ++i)
    if (kJobStatusTexts[i] == text) return static_cast<JobStatus>(i);
  return std::nullopt;
}

}  // namespace nzbd::history
