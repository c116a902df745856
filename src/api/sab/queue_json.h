// The queue as SABnzbd shows it: header fields and slots with their JSON types.
#pragma once

#include <string>
#include <vector>

#include "api/sab/call.h"
#include "api/sab/format.h"
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
// nzo_id ... direct_unpack of a slot (the job's own fields).
void add_job_fields(Json& slot, const queue::Job& job, const std::string& propagating);
// mbleft ... timeleft after the header.
void add_queue_totals(Json& out, const queue::QueueStatus& st, const QueueFilter& f, const QueueWalk& w, bool any_jobs);
// {"version", "paused", ..., "slots": [...]} for mode=queue.
Json queue_json(Call& c, const QueueFilter& filter);
// The same as JSON text ({"queue":{...}}), each slot's job fields kept
// between calls until the job changes (queue_text.cpp).
std::string queue_json_text(Call& c, const QueueFilter& filter);
// The header keys (version ... cache_size) that fullstatus repeats.
void add_queue_header(Call& c, Json& out, const queue::QueueStatus& st);

std::string priority_name(int p);

}  // namespace nzbd::api::sab
