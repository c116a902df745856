// history&mode=retry: a failed job goes back to the queue from the NZB kept
// with its history row, with a new password and extra articles if given.
#pragma once

#include "history/history.h"
#include "http/message.h"
#include "queue/queue.h"

namespace nzbd::daemon {

Result<std::string> retry_job(queue::Queue& queue, const history::Entry& entry, const std::string& password,
                              const http::FormFile* extra_nzb);

}  // namespace nzbd::daemon
