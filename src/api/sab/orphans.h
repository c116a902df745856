// Orphaned job folders: folders in the incomplete (download) folder that no
// queued job, no job in post-processing and no retryable history job owns.
// mode=status lists them as `folders`; delete_orphan / add_orphan act on one.
#pragma once

#include <string>
#include <vector>

#include "api/sab/sab_api.h"
#include "util/result.h"

namespace nzbd::api::sab {

// Sorted folder names (not paths).
std::vector<std::string> orphan_folders(Services& s);
// Removes the orphan `name` with everything in it. A name that is not a plain
// folder name of download_dir, or not an orphan, is refused.
Status delete_orphan(Services& s, const std::string& name);
// Adds the orphan back as a job from the NZB backup in it (a *.nzb, *.nzb.gz
// or *.nzb.bz2 at its top or in __ADMIN__, as SABnzbd keeps it); the job
// downloads into that same folder. Returns the new nzo_id.
Result<std::string> add_orphan(Services& s, const std::string& name);

}  // namespace nzbd::api::sab
