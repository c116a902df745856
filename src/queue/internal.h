// Private parts of Queue shared by its .cpp files.
#pragma once

#include <chrono>
#include <deque>

#include "nzb/nzb.h"
#include "queue/queue.h"

namespace nzbd::queue {

struct Queue::Active {
  SegmentTable table;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  uint64_t downloaded_bytes = 0;
  bool folder_ready = false;
};

struct Queue::ServerSlot {
  nntp::ServerConfig config;
  bool usable = true;
  std::deque<uint64_t> retry;  // tokens this server should try (others lacked them)
};

struct LoadedNzb {
  nzb::Nzb nzb;
  std::string source_name;  // file name it came with
  std::string job_name;
  std::string password;
  std::string xml;          // as stored for the article lists
};

int64_t now_seconds();
int64_t now_millis();

}  // namespace nzbd::queue
