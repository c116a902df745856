// The queue as SABnzbd shows it: header fields and slots with their JSON types.
#pragma once

#include <string>
#include <vector>

#include "api/sab/call.h"
#include "api/sab/format.h"
#include "api/sab/text_out.h"
#include "queue/queue.h"

namespace nzbd::api::sab {

struct QueueFilter {
  int start = 0;
  int limit = 0;  // 0 = all
  std::string search;
  std::vector<std::string> categories, nzo_ids, statuses;
  std::vector<int> priorities;
  bool narrowing() const { return !search.empty() || !nzo_ids.empty(); }
};

QueueFilter queue_filter_from(const Call& c);

// One slot of the window: the job and what the slot shows beside its own fields.
// Numbers only where it can: walk_queue runs under the queue's lock, the
// formatting after it.
struct SlotView {
  const queue::Job* job = nullptr;  // valid only under the queue's lock
  int index = 0;
  const char* status = "";
  int64_t timeleft_s = 0;
  int64_t age_s = -1;  // -1: "-"
  int64_t time_added = 0;
  std::string propagating;
  std::string timeleft() const { return format_timeleft(timeleft_s); }
  std::string avg_age() const { return age_s < 0 ? "-" : format_age(age_s); }
};
struct QueueWalk {
  std::vector<SlotView> slots;
  int noofslots = 0;
};
QueueWalk walk_queue(const queue::JobList& jobs, const queue::QueueStatus& st, const QueueFilter& f);

// What a slot's own fields (nzo_id ... direct_unpack) are made from: copied
// from the job under the queue's lock, written after it.
struct JobFields {
  bool grabbing = false;
  int pp = 0, priority = 0;
  uint64_t total = 0, left = 0, missing = 0;
  std::string nzo_id, script, name, password, category, direct_unpack, propagating;
  std::vector<std::string> labels;

  static JobFields of(const queue::Job& j, const std::string& propagating);
  // Compared field by field with the job itself, so an unchanged job copies nothing.
  bool same_as(const queue::Job& j, const std::string& propagating_now) const;
};
void write_job_fields(Out& out, const JobFields& job);
// mbleft ... timeleft after the header.
void write_queue_totals(Out& out, const queue::QueueStatus& st, const QueueFilter& f, const QueueWalk& w,
                        bool any_jobs);
// The header keys (version ... speed), which fullstatus repeats.
void write_queue_header(Call& c, Out& out, const queue::QueueStatus& st);

// The whole mode=queue answer ({"queue":{...}} or <queue>...</queue>),
// written into one buffer; each slot's job fields are kept as text between
// calls until the job changes (queue_text.cpp).
std::string queue_text(Call& c, const QueueFilter& filter, bool xml);

std::string priority_name(int p);

}  // namespace nzbd::api::sab
