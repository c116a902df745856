// PAR2 in post-processing: quick check from the download's segment CRCs,
// full verify only where needed, fetching just enough recovery volumes, and
// repair.
#pragma once

#include <vector>

#include "postproc/steps.h"

namespace nzbd::postproc {

enum class RepairOutcome {
  Ok,          // verified (and repaired/renamed if needed), or nothing to check
  NeedVolumes  // more recovery volumes must be downloaded first: see `volumes`
};

struct RepairDecision {
  RepairOutcome outcome = RepairOutcome::Ok;
  std::vector<size_t> volumes;  // job file indexes to fetch
  bool repaired = false;        // files were changed (a direct unpack's output no longer counts)
  uint64_t repaired_blocks = 0; // rebuilt by the repair
};

// `on_status` is told QuickCheck, Verifying and Repairing as they start.
// An error is the job's fail message ("Repair failed, ...", "Verification failed: ...").
Result<RepairDecision> verify_and_repair(JobContext& ctx, const std::function<void(history::JobStatus)>& on_status);

}  // namespace nzbd::postproc
