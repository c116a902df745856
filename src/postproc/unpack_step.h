// Unpacking in post-processing, and the cleanup after it.
#pragma once

#include "postproc/steps.h"

namespace nzbd::postproc {

// Extracts every archive set of ctx.work_dir into it (pp >= 2) and, on
// success, removes what pp=3 and cleanup_list say. Sets ctx.fail on failure.
void unpack_and_clean(JobContext& ctx);

}  // namespace nzbd::postproc
