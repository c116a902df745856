// How the history modes reach the queue without depending on it: the daemon
// passes a retry handler in Services that re-queues a failed job and returns
// its new nzo_id. Without one, retry answers an error and retry_all an empty list.
#pragma once

#include <functional>
#include <string>

#include "history/history.h"
#include "http/message.h"
#include "util/result.h"

namespace nzbd::api::sab {

// entry: the failed history row; password: "" or the new password;
// extra_nzb: an uploaded `nzbfile` with more articles (nullptr if none).
// On success the history modes delete the old row permanently, as SABnzbd does.
using RetryHandler =
    std::function<Result<std::string>(const history::Entry& entry, std::string password,
                                      const http::FormFile* extra_nzb)>;

}  // namespace nzbd::api::sab
