// History modes. The history store lands with issues 3 and 5.
#include "api/sab/call.h"

namespace nzbd::api::sab {

void register_history_modes(ModeTable&) {}

}  // namespace nzbd::api::sab
