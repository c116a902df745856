// The few SABnzbd API calls a torture trial makes, answering "no answer"
// (null / nullopt) instead of failing when the daemon was just killed.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "support/daemon_process.h"

namespace nzbd::test::torture {

using Json = nlohmann::json;

class Api {
 public:
  explicit Api(DaemonProcess& daemon) : d_(daemon) {}
  Json call(const std::string& query) const;  // null when unanswered or not JSON
  // The nzo_id the API answered for an upload, nullopt when it did not answer one.
  std::optional<std::string> add(const std::string& name, const std::string& nzb, const std::string& params) const;
  Json queue_slots() const;    // [] when unanswered
  Json history_slots() const;  // every row, [] when unanswered
  std::string history_status(const std::string& nzo_id) const;  // "" when no row
  Json history_row(const std::string& nzo_id) const;

 private:
  DaemonProcess& d_;
};

bool is_final(const std::string& status);  // Completed or Failed

}  // namespace nzbd::test::torture
