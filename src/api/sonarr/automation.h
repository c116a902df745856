// Builds the TV automation around the library (blocklist, decisions,
// grabber, search service, scheduled tasks) and wires the tracker's failed
// hook to the blocklist and an automatic re-search, as Sonarr's
// FailedDownloadService + RedownloadFailedDownloadService do.
#pragma once

#include "api/sonarr/context.h"

namespace nzbd::sonarr {

void wire_automation(Context& ctx);

// A scheduled task's interval in minutes: RssSync follows
// /config/indexer's rssSyncInterval (0 turns it off), the rest their default.
int task_interval(Context& ctx, const std::string& command, int default_minutes);

// Housekeeping: forgets tracked downloads that ended more than two weeks ago.
std::string run_housekeeping(Context& ctx);

}  // namespace nzbd::sonarr
