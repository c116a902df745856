#include "e2e/torture/torture_actors.h"

#include <chrono>

#include "support/http_client.h"

namespace nzbd::test::torture {

ConfigWriter::ConfigWriter(const Api& api, std::string prefix, std::string last_acked)
    : api_(api), prefix_(std::move(prefix)), acked_(std::move(last_acked)) {
  thread_ = std::thread([this] { loop(); });
}

void ConfigWriter::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ConfigWriter::loop() {
  for (int k = 0; !stop_; ++k) {
    std::string value = prefix_ + "-" + std::to_string(k);
    pending_ = value;
    Json j = api_.call(std::string("mode=set_config&section=misc&keyword=") + kKey + "&value=" + url_encode(value));
    if (j.is_null()) return;  // killed: `value` may or may not have been stored
    pending_.reset();
    acked_ = value;
    ++writes_;
  }
}

HistoryDeleter::HistoryDeleter(const Api& api, std::vector<std::string> ids) : api_(api), ids_(std::move(ids)) {
  thread_ = std::thread([this] { loop(); });
}

void HistoryDeleter::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void HistoryDeleter::loop() {
  for (const auto& id : ids_) {
    if (stop_) return;
    Json j = api_.call("mode=history&name=delete&del_files=0&value=" + id);
    if (j.is_null()) return;
    if (j.value("status", false)) acked_.push_back(id);
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
}

RacingAdd::RacingAdd(const Api& api, std::string name, std::string nzb) {
  thread_ = std::thread([this, &api, name = std::move(name), nzb = std::move(nzb)] {
    id_ = api.add(name, nzb, "");
  });
}

void RacingAdd::join() {
  if (thread_.joinable()) thread_.join();
}

}  // namespace nzbd::test::torture
