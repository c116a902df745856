// mode=showlog: the current log and nzbd.ini as one download, with every key,
// password and user name replaced, so a user can attach it to a bug report.
#pragma once

#include <string>
#include <vector>

#include "api/sab/sab_api.h"
#include "http/message.h"

namespace nzbd::api::sab {

http::Response showlog_response(Services& services);

}  // namespace nzbd::api::sab
