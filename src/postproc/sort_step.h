// Placing a job a sorter applies to: its files go into the sorted folder
// under the category folder, renamed as the sorter's plan says.
#pragma once

#include "postproc/steps.h"
#include "sort/sort.h"

namespace nzbd::postproc {

// Moves the files of ctx.work_dir into <category folder>/<plan folder> (an
// existing folder is shared: a name already there gets ".1", ".2", ... before
// its extension); sets ctx.work_dir and entry.storage to that folder.
Status move_sorted(JobContext& ctx, const sort::Decision& decision);

}  // namespace nzbd::postproc
