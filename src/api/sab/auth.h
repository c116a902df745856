// Who may call which mode: SABnzbd's access levels and its two keys.
#pragma once

#include <string_view>

#include "http/message.h"

namespace nzbd::api::sab {

enum class KeyCheck { Allowed, Required, Incorrect };

// Modes that need no key at all (version, auth).
bool mode_is_public(std::string_view mode);
// Modes the NZB key may call: adding jobs and the job-changing queue calls.
bool nzb_key_allowed(std::string_view mode, std::string_view name);

KeyCheck check_key(const http::Params& params, std::string_view api_key, std::string_view nzb_key);

}  // namespace nzbd::api::sab
