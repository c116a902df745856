#include "queue/job.h"

namespace nzbd::queue {

const char* status_name(JobStatus s) {
  switch (s) {
    case JobStatus::Grabbing: return "Grabbing";
    case JobStatus::Queued: return "Queued";
    case JobStatus::Paused: return "Paused";
    case JobStatus::Downloading: return "Downloading";
    case JobStatus::Fetching: return "Fetching";
    case JobStatus::Checking: return "Checking";
  }
  return "Queued";
}

uint64_t Job::bytes_total() const {
  uint64_t n = 0;
  for (const auto& f : files)
    if (!f.held_back && !f.removed) n += f.bytes;
  return n;
}

uint64_t Job::bytes_left() const {
  uint64_t n = 0;
  for (const auto& f : files)
    if (!f.held_back && !f.removed) n += f.bytes > f.bytes_done ? f.bytes - f.bytes_done : 0;
  return n;
}

uint64_t Job::bytes_missing() const {
  uint64_t n = 0;
  for (const auto& f : files) n += f.bytes_missing;
  return n;
}

int64_t Job::average_date() const {
  double sum = 0, weight = 0;
  for (const auto& f : files)
    if (f.date > 0) {
      sum += static_cast<double>(f.date) * static_cast<double>(f.bytes);
      weight += static_cast<double>(f.bytes);
    }
  return weight > 0 ? static_cast<int64_t>(sum / weight) : 0;
}

bool Job::all_done() const {
  for (const auto& f : files)
    if (!f.held_back && !f.removed && !f.finished()) return false;
  return true;
}

}  // namespace nzbd::queue
