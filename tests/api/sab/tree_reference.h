// The tree builders mode=queue and mode=history used before their answers
// were written straight as text (commit 371c64b), kept as the oracle the
// text writers are compared with: same keys, order, JSON types and bytes.
#pragma once

#include "api/sab/call.h"
#include "api/sab/queue_json.h"
#include "history/history.h"

namespace nzbd::api::sab::reference {

// {"version", ..., "slots": [...]} as queue_json() built it.
Json queue_tree(Call& c, const QueueFilter& f);
// The object under "history" as history_tree() built it.
Json history_tree(Call& c, const history::Query& q, int64_t counter);

}  // namespace nzbd::api::sab::reference
