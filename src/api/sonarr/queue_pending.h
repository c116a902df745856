// Pending releases in /queue (Sonarr's GetPendingQueue): each release a
// delay holds back shows as a queue item with status delay, fallback or
// downloadClientUnavailable until the RSS sync that grabs or drops it.
#pragma once

#include <vector>

#include "api/sonarr/context.h"

namespace nzbd::sonarr {

// Queue entries for the pending releases; their download.id is the
// negated pending id, so they never collide with a tracked download.
std::vector<pvr::QueueEntry> pending_queue_entries(Context& ctx);
inline bool is_pending(const pvr::QueueEntry& e) { return e.download.id < 0; }
inline int pending_id(const pvr::QueueEntry& e) { return -e.download.id; }

// DELETE /queue/{id} of a pending item: forgets it, and with `blocklist`
// blocklists it ("Pending release manually blocklisted").
Status remove_pending(Context& ctx, int pending_id, bool blocklist);

}  // namespace nzbd::sonarr
