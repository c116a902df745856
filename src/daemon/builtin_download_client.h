// The built-in download client: pvr::DownloadClient over nzbd's own queue
// and history, in-process (no HTTP to itself). The daemon wires it into the
// Sonarr side, so pvr/ never includes queue/ or history/.
#pragma once

#include "config/store.h"
#include "history/history.h"
#include "pvr/download/download_client.h"
#include "queue/queue.h"

namespace nzbd::daemon {

class BuiltinDownloadClient : public pvr::DownloadClient {
 public:
  BuiltinDownloadClient(queue::Queue& queue, history::History& history, config::ConfigStore& config)
      : queue_(queue), history_(history), config_(config) {}

  Result<std::string> add_nzb(const pvr::AddNzbRequest& request) override;
  // Jobs and history rows of the category; all of them when nzbd has no
  // such category (the queue then files the jobs under "*").
  Result<std::vector<pvr::DownloadItem>> items(const std::string& category) override;
  Status remove(const std::string& download_id, bool delete_data) override;
  Status test() override;

 private:
  queue::Queue& queue_;
  history::History& history_;
  config::ConfigStore& config_;
};

}  // namespace nzbd::daemon
