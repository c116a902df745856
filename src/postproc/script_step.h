// The user script of a job (its own, or its category's), run after the job
// is placed — also for failed jobs, as SABnzbd does.
#pragma once

#include "postproc/steps.h"

namespace nzbd::postproc {

// An error when the script failed and script_can_fail says that fails the job.
Status run_script_step(JobContext& ctx);

}  // namespace nzbd::postproc
