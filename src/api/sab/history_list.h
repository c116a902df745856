// mode=history's listing, written straight into one buffer (JSON or XML) in
// SABnzbd's keys, order and JSON types.
#pragma once

#include <string>

#include "api/sab/call.h"
#include "api/sab/text_out.h"
#include "history/history.h"

namespace nzbd::api::sab {

// One slot with every key SABnzbd gives.
void write_history_slot(Out& out, const history::Entry& e);
// {"history":{...}} or <history>...</history> for the page `q` selects;
// `counter` is the last_history_update it shows.
std::string history_text(Call& c, const history::Query& q, int64_t counter, bool xml);

}  // namespace nzbd::api::sab
