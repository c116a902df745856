#include "daemon/logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>

#include "util/redact.h"

namespace nzbd::daemon {
namespace {

class WarningSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit WarningSink(WarningLog& log) : log_(log) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (msg.level < spdlog::level::warn) return;
    std::string origin;
    if (msg.source.filename) origin = std::string(msg.source.filename) + std::to_string(msg.source.line);
    log_.add(msg.level >= spdlog::level::err ? "ERROR" : "WARNING",
             std::string(msg.payload.data(), msg.payload.size()), origin);
  }
  void flush_() override {}

 private:
  WarningLog& log_;
};

// Every line passes here first: keys and passwords never reach the log
// file, stderr or the warnings list, whoever logged them.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(std::vector<spdlog::sink_ptr> inner) : inner_(std::move(inner)) {}
  void set_secrets(std::vector<std::string> secrets) {
    auto next = std::make_shared<const std::vector<std::string>>(std::move(secrets));
    std::lock_guard lock(secrets_mu_);
    secrets_ = std::move(next);
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::shared_ptr<const std::vector<std::string>> secrets;
    {
      std::lock_guard lock(secrets_mu_);
      secrets = secrets_;
    }
    const std::string text = redact_secrets(std::string(msg.payload.data(), msg.payload.size()), *secrets);
    spdlog::details::log_msg copy = msg;
    copy.payload = text;
    for (auto& target : inner_)
      if (target->should_log(copy.level)) target->log(copy);
  }
  void flush_() override {
    for (auto& target : inner_) target->flush();
  }

 private:
  std::vector<spdlog::sink_ptr> inner_;
  std::mutex secrets_mu_;
  std::shared_ptr<const std::vector<std::string>> secrets_ = std::make_shared<const std::vector<std::string>>();
};

std::shared_ptr<RedactingSink>& redacting_sink() {
  static std::shared_ptr<RedactingSink> sink;
  return sink;
}

}  // namespace

void set_log_secrets(std::vector<std::string> secrets) {
  if (auto& sink = redacting_sink()) sink->set_secrets(std::move(secrets));
}

void setup_logging(const std::filesystem::path& log_dir, WarningLog& warnings, size_t max_bytes,
                   size_t backups) {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  try {
    sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        (log_dir / "nzbd.log").string(), max_bytes, backups));
  } catch (const spdlog::spdlog_ex& e) {
    // Still log to stderr; the warning tells the user why the file is missing.
    warnings.add("WARNING", std::string("cannot write the log file: ") + e.what());
  }
  sinks.push_back(std::make_shared<WarningSink>(warnings));
  for (auto& sink : sinks) sink->set_pattern("%Y-%m-%d %H:%M:%S,%e::%^%l%$::%v");
  redacting_sink() = std::make_shared<RedactingSink>(std::move(sinks));
  auto logger = std::make_shared<spdlog::logger>("nzbd", redacting_sink());
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
}

}  // namespace nzbd::daemon
