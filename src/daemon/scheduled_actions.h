// What a scheduled line (schedule/) does, as the SABnzbd API call that does
// the same — so a schedule and a click run the same code — and the calls
// that put the daemon in the state the schedule implies at start-up.
#pragma once

#include <vector>

#include "http/message.h"
#include "schedule/schedule.h"

namespace nzbd::daemon {

// The API calls for a due line (without the key); empty when nzbd cannot
// carry the action out yet (the caller warns instead of pretending).
std::vector<http::Params> sab_calls_for(const schedule::Line& line);
// The calls for the implied state (pause, post-processing, speed, servers).
std::vector<http::Params> sab_calls_for(const schedule::State& state);

}  // namespace nzbd::daemon
