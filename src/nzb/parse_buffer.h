// Internal: parse an NZB in place (pugixml reuses the buffer, so a large
// decompressed document is not copied once more). The buffer is clobbered.
#pragma once

#include <string>

#include "nzb/nzb.h"

namespace nzbd::nzb {

nzbd::Result<Nzb> parse_nzb_buffer(std::string& buffer);

}  // namespace nzbd::nzb
