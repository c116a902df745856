// mode=showlog: the current log and nzbd.ini as one download, with every key,
// password and user name replaced, so a user can attach it to a bug report.
#pragma once

#include <string>
#include <vector>

#include "api/sab/sab_api.h"
#include "http/message.h"

namespace nzbd::api::sab {

http::Response showlog_response(Services& services);

// Replaces each non-empty secret in `text`, and the value of any
// key=value / key = value pair whose key names a secret, with <REDACTED>.
std::string redact(std::string text, const std::vector<std::string>& secrets);

}  // namespace nzbd::api::sab
