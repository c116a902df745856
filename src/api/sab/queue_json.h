// The queue as SABnzbd shows it: header fields and slots with their JSON types.
#pragma once

#include <string>
#include <vector>

#include "api/sab/call.h"
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
// {"version", "paused", ..., "slots": [...]} for mode=queue.
Json queue_json(Call& c, const QueueFilter& filter);
// The header keys (version ... cache_size) that fullstatus repeats.
void add_queue_header(Call& c, Json& out, const queue::QueueStatus& st);

std::string priority_name(int p);

}  // namespace nzbd::api::sab
