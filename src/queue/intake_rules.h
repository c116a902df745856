// What SABnzbd checks when a job is added and while it downloads, to spare
// the user bad releases: size_limit, unwanted extensions, duplicates,
// propagation_delay, and when a job can no longer be completed
// (fail_hopeless_jobs). Pure rules over a Job; the Queue applies them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "queue/job.h"

namespace nzbd::queue {

// SABnzbd's user-visible texts, kept in one place.
inline constexpr const char* kLabelTooLarge = "TOO LARGE";
inline constexpr const char* kLabelUnwanted = "UNWANTED";
inline constexpr const char* kLabelEncrypted = "ENCRYPTED";
inline constexpr const char* kLabelDuplicate = "DUPLICATE";
inline constexpr const char* kLabelAlternative = "ALTERNATIVE";
inline constexpr const char* kFailUnwanted = "Aborted, unwanted extension detected";
inline constexpr const char* kFailEncrypted = "Aborted, encryption detected";
inline constexpr const char* kFailDuplicate = "Duplicate NZB";
inline constexpr const char* kFailHopeless = "Aborted, cannot be completed - https://sabnzbd.org/not-complete";
// pre_check's verdict: "Download might fail, only 85.0% of required 100.2% available - ...".
std::string pre_check_failure(double available_percent, double required_percent);

struct IntakeRules {
  uint64_t size_limit = 0;           // bytes, 0 = none
  std::vector<std::string> unwanted; // extensions (or regexes of one), lower case
  bool unwanted_whitelist = false;   // unwanted_extensions_mode=1: the list is what is allowed
  int unwanted_action = 0;           // 0 off, 1 pause, 2 fail
  int64_t propagation_delay_s = 0;
  int no_dupes = 0;                  // 0 off, 1 discard, 2 pause, 3 fail, 4 tag
  int no_smart_dupes = 0;            // the same, by duplicate_key (show/season/episode)
  int pause_on_pwrar = 1;            // 0 off, 1 pause, 2 abort
  bool fail_hopeless = true;
  bool pre_check = false;            // STAT every article before downloading
  double req_completion_rate = 100.2;  // percent of the data that must be obtainable

  static IntakeRules from(const config::Config& c);
};

// Whether a file name's extension is unwanted under the rules (a name without
// an extension never is; the check is off while the list is empty).
bool is_unwanted_name(const std::string& filename, const IntakeRules& rules);
// The first file of the job that is unwanted, if any.
std::optional<std::string> first_unwanted_file(const Job& job, const IntakeRules& rules);

// Where a duplicate of a new job was found.
enum class DuplicateOf { None, History, Queue };
// Which rule found it: the identical name (no_dupes) or the key (no_smart_dupes).
struct Duplicate {
  DuplicateOf of = DuplicateOf::None;
  bool smart = false;
};

// What the add-time rules decided for one new job. The job itself is changed
// in place (paused, priority, labels, propagation); this says what else to do.
struct IntakeVerdict {
  std::string fail;       // non-empty: the job goes straight to history as Failed
  std::string discard;    // non-empty: the job is not added (the reason, as a warning)
  std::vector<std::string> warnings;
};

IntakeVerdict apply_intake_rules(Job& job, const IntakeRules& rules, Duplicate dupe, int64_t now);

// fail_hopeless_jobs: true once the articles known missing are more than the
// job's recovery data can make up for (SABnzbd's availability ratio; jobs
// with a handful of bad articles always go on).
bool job_is_hopeless(const Job& job, uint32_t bad_articles, const IntakeRules& rules);
// The share of the job's data (without its recovery files) that the articles
// not known missing can supply, par2 counted in: SABnzbd's availability ratio.
double availability_percent(const Job& job);

// "PROPAGATING N min" while the job waits, else "".
std::string propagation_label(const Job& job, int64_t now);

// Adds a label once.
void add_label(Job& job, const char* label);

// Labels the automatic checks set; resuming the job removes them.
void remove_check_labels(Job& job);

}  // namespace nzbd::queue
