// SABnzbd's API (/api, /sabnzbd/api): key rules, parameter sources, and the
// dispatch of `mode` to the handlers in modes_*.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "api/sab/history_hooks.h"
#include "config/store.h"
#include "http/message.h"
#include "util/warnings.h"

namespace nzbd::queue { class Queue; }
namespace nzbd::history { class History; }

namespace nzbd::api::sab {

// The API level reported by mode=version (Sonarr checks it with a regex).
inline constexpr const char* kApiVersion = "4.5.1";

// The download quota as the queue header shows it (bytes; 0 = no quota).
struct QuotaView {
  uint64_t quota = 0;
  uint64_t left = 0;
};

struct Services {
  // {} on the optional members: callers (the tests) name only the first few.
  config::ConfigStore& config;
  WarningLog& warnings;
  std::string nzbd_version{};
  std::function<void()> shutdown{};
  std::function<void()> restart{};
  queue::Queue* queue = nullptr;
  history::History* history = nullptr;
  std::function<void(bool pause)> pause_postproc{};
  std::function<void()> watched_now{};  // a scan of the watched folder now
  std::function<QuotaView()> quota{};
  std::function<void()> reset_quota{};
  // mode=rss_now: true once a read-out of the enabled feeds has started (or
  // is next, behind one under way); false when no RSS reader runs.
  std::function<bool()> rss_now{};
  // mode=test_nscript / test_email: one notification sent now; the error says why not.
  std::function<Status()> test_nscript{};
  std::function<Status()> test_email{};
  // mode=cancel_pp: true when the job was waiting for or in post-processing.
  std::function<bool(const std::string& nzo_id)> cancel_pp{};
  // mode=retry / retry_all: re-queues a failed job (see history_hooks.h).
  RetryHandler retry{};
};

class SabApi {
 public:
  explicit SabApi(Services services);
  ~SabApi();
  http::Response handle(const http::Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nzbd::api::sab
