// Queue modes. The download engine lands with issue 3.
#include "api/sab/call.h"

namespace nzbd::api::sab {

Reply queue_config_call(Call&) { return error_reply(kNotImplemented); }

void register_queue_modes(ModeTable&) {}

}  // namespace nzbd::api::sab
