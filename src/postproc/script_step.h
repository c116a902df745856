// The user script of a job (its own, or its category's), run after the job
// is placed — also for failed jobs, as SABnzbd does.
#pragma once

#include "postproc/steps.h"

namespace nzbd::postproc {

void run_script_step(JobContext& ctx);

}  // namespace nzbd::postproc
