// Unpacking in post-processing, and the cleanup after it.
#pragma once

#include <string>
#include <vector>

#include "postproc/steps.h"
#include "unpack/unpack.h"

namespace nzbd::postproc {

// Extracts every archive set of ctx.work_dir into it (pp >= 2) and, on
// success, removes what pp=3 and cleanup_list say; an error is the job's
// fail message. `prepared`: sets a direct unpack already extracted.
Status unpack_and_clean(JobContext& ctx, std::vector<unpack::UnpackOptions::Prepared> prepared = {});

// The passwords of password_file (one per line, blank lines skipped).
std::vector<std::string> passwords_from_file(const config::Config& cfg);

}  // namespace nzbd::postproc
