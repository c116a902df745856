#include "daemon/logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>

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

}  // namespace

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
  auto logger = std::make_shared<spdlog::logger>("nzbd", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%d %H:%M:%S,%e::%^%l%$::%v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
}

}  // namespace nzbd::daemon
