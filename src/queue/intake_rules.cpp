#include "queue/intake_rules.h"

#include <algorithm>
#include <cstdio>
#include <regex>

#include "util/strings.h"

namespace nzbd::queue {

IntakeRules IntakeRules::from(const config::Config& c) {
  IntakeRules r;
  r.size_limit = config::parse_size(c.misc("size_limit")).value_or(0);
  for (auto e : c.misc_list("unwanted_extensions")) {
    e = to_lower(e);
    if (!e.empty() && e.front() == '.') e.erase(0, 1);
    if (!e.empty()) r.unwanted.push_back(e);
  }
  r.unwanted_whitelist = c.misc_int("unwanted_extensions_mode") == 1;
  r.unwanted_action = static_cast<int>(std::clamp<int64_t>(c.misc_int("action_on_unwanted_extensions"), 0, 2));
  r.propagation_delay_s = std::max<int64_t>(0, c.misc_int("propagation_delay")) * 60;
  r.no_dupes = static_cast<int>(std::clamp<int64_t>(c.misc_int("no_dupes"), 0, 4));
  // SABnzbd moved no_series_dupes into no_smart_dupes; either switches it on.
  r.no_smart_dupes = static_cast<int>(std::clamp<int64_t>(
      c.misc_int("no_smart_dupes") ? c.misc_int("no_smart_dupes") : c.misc_int("no_series_dupes"), 0, 4));
  r.pause_on_pwrar = static_cast<int>(std::clamp<int64_t>(c.misc_int("pause_on_pwrar"), 0, 2));
  r.fail_hopeless = c.misc_int("fail_hopeless_jobs") != 0;
  r.pre_check = c.misc_int("pre_check") != 0;
  if (auto rate = parse_double(c.misc("req_completion_rate")); rate && *rate > 0 && *rate <= 200)
    r.req_completion_rate = *rate;
  return r;
}

namespace {

// An entry is an extension or a regular expression that must match the
// whole extension, as in SABnzbd; one that does not compile is taken literally.
bool extension_matches(const std::string& ext, const std::string& entry) {
  if (ext == entry) return true;
  if (entry.find_first_of("\\^$.|?*+()[]{}") == std::string::npos) return false;
  try {
    return std::regex_match(ext, std::regex(entry, std::regex::icase | std::regex::ECMAScript));
  } catch (const std::regex_error&) {
    return false;
  }
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

void apply_duplicate_rule(Job& job, const IntakeRules& rules, Duplicate found, IntakeVerdict& v) {
  int mode = found.smart ? rules.no_smart_dupes : rules.no_dupes;
  DuplicateOf dupe = found.of;
  if (mode == 0 || dupe == DuplicateOf::None || job.retry || job.priority == kForcePriority) return;
  if (dupe == DuplicateOf::Queue) {
    // Another job of this name is queued: this one waits as its alternative.
    add_label(job, kLabelAlternative);
    if (mode != 4) job.paused = true;
    v.warnings.push_back("Duplicate NZB: " + in_quotes(job.name));
    return;
  }
  switch (mode) {
    case 1: v.discard = "Ignoring duplicate NZB " + in_quotes(job.name); return;
    case 2:
      add_label(job, kLabelDuplicate);
      job.paused = true;
      v.warnings.push_back("Pausing duplicate NZB " + in_quotes(job.name));
      return;
    case 3:
      add_label(job, kLabelDuplicate);
      v.fail = kFailDuplicate;
      v.warnings.push_back("Failing duplicate NZB " + in_quotes(job.name));
      return;
    default:
      add_label(job, kLabelDuplicate);
      v.warnings.push_back("Duplicate NZB: " + in_quotes(job.name));
  }
}

}  // namespace

void add_label(Job& job, const char* label) {
  if (std::find(job.labels.begin(), job.labels.end(), label) == job.labels.end()) job.labels.push_back(label);
}

bool is_unwanted_name(const std::string& filename, const IntakeRules& rules) {
  if (rules.unwanted.empty()) return false;
  auto dot = filename.rfind('.');
  if (dot == std::string::npos || dot + 1 >= filename.size()) return false;
  std::string ext = to_lower(filename.substr(dot + 1));
  bool listed = std::any_of(rules.unwanted.begin(), rules.unwanted.end(),
                            [&](const std::string& e) { return extension_matches(ext, e); });
  return rules.unwanted_whitelist ? !listed : listed;
}

std::optional<std::string> first_unwanted_file(const Job& job, const IntakeRules& rules) {
  for (const auto& f : job.files)
    if (!f.removed && is_unwanted_name(f.name, rules)) return f.name;
  return std::nullopt;
}

IntakeVerdict apply_intake_rules(Job& job, const IntakeRules& rules, Duplicate dupe, int64_t now) {
  IntakeVerdict v;
  apply_duplicate_rule(job, rules, dupe, v);
  if (!v.discard.empty() || !v.fail.empty()) return v;
  if (rules.unwanted_action > 0 && !job.retry) {
    if (auto file = first_unwanted_file(job, rules)) {
      v.warnings.push_back("Unwanted Extension in file " + *file + " (" + job.name + ")");
      if (rules.unwanted_action == 2) {
        v.fail = kFailUnwanted;
        return v;
      }
      add_label(job, kLabelUnwanted);
      job.paused = true;
    }
  }
  if (rules.size_limit > 0 && !job.retry && job.bytes_total() > rules.size_limit) {
    add_label(job, kLabelTooLarge);
    job.paused = true;
    job.priority = kLowPriority;
  }
  job.checking = rules.pre_check && !job.retry;
  int64_t posted = job.average_date();
  if (rules.propagation_delay_s > 0 && posted > 0 && posted + rules.propagation_delay_s > now)
    job.propagate_until = posted + rules.propagation_delay_s;
  return v;
}

double availability_percent(const Job& job) {
  uint64_t bytes = 0, par2 = 0, missing = 0;
  for (const auto& f : job.files) {
    if (f.removed) continue;
    bytes += f.bytes;
    if (f.is_par2) par2 += f.bytes;
    missing += f.bytes_missing;
  }
  if (bytes <= par2) return 100.0 + 100.0;  // nothing but recovery data: let verify judge
  return 100.0 * static_cast<double>(bytes - std::min(missing, bytes)) / static_cast<double>(bytes - par2);
}

bool job_is_hopeless(const Job& job, uint32_t bad_articles, const IntakeRules& rules) {
  // SABnzbd lets a job with up to five bad articles go on whatever they cost.
  constexpr uint32_t kBadArticlesAlwaysTolerated = 5;
  if (!rules.fail_hopeless || job.retry || job.fetching || bad_articles <= kBadArticlesAlwaysTolerated) return false;
  return availability_percent(job) < rules.req_completion_rate;
}

std::string pre_check_failure(double available_percent, double required_percent) {
  char text[160];
  std::snprintf(text, sizeof text,
                "Download might fail, only %.1f%% of required %.1f%% available - https://sabnzbd.org/not-complete",
                std::min(available_percent, 100.0), required_percent);
  return text;
}

std::string propagation_label(const Job& job, int64_t now) {
  if (job.propagate_until <= now || job.priority == kForcePriority) return "";
  int64_t minutes = std::max<int64_t>(1, (job.propagate_until - now + 30) / 60);
  return "PROPAGATING " + std::to_string(minutes) + " min";
}

void remove_check_labels(Job& job) {
  std::erase_if(job.labels, [](const std::string& l) {
    return l == kLabelTooLarge || l == kLabelUnwanted || l == kLabelEncrypted || l == kLabelDuplicate ||
           l == kLabelAlternative;
  });
}

}  // namespace nzbd::queue
