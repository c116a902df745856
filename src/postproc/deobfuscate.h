// Without a par2 set to give real names: an obviously random name on the
// largest file is replaced by the job's name (keeping the extension).
#pragma once

#include <string_view>

#include "postproc/steps.h"

namespace nzbd::postproc {

// Random-looking: long runs of hex, or long letter+digit soup with no separators.
bool looks_obfuscated(std::string_view stem);
// Never fails the job: a name it cannot change stays as it is.
Status rename_obfuscated_largest(JobContext& ctx);

}  // namespace nzbd::postproc
