// The article list of a job that is downloading: compact records with the
// message-ids in one arena, so a busy job costs a few bytes per article.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nzb/nzb.h"
#include "queue/article_token.h"
#include "queue/job.h"
#include "queue/server_set.h"

namespace nzbd::queue {

enum class SegState : uint8_t { Pending, InFlight, Done, Missing };

struct Segment {
  uint32_t bytes = 0;      // size from the NZB
  uint32_t msgid_off = 0;  // into SegmentTable::arena
  uint16_t msgid_len = 0;
  SegState state = SegState::Pending;
  uint8_t failures = 0;    // transient failures (connection lost) on the current server
  ServerSet tried;         // servers that said it is not there
};

// What the writer reports for a written segment; kept for PAR2's quick check.
struct SegmentDone {
  uint64_t offset = 0;
  uint32_t size = 0;
  uint32_t crc32 = 0;
};

class SegmentTable {
 public:
  // Builds the table for the job's files from its NZB (files matched by nzb_index).
  static SegmentTable build(const nzb::Nzb& nzb, const std::vector<JobFile>& files);

  std::string_view message_id(const Segment& s) const {
    return std::string_view(arena_).substr(s.msgid_off, s.msgid_len);
  }
  std::vector<std::vector<Segment>> files;
  std::vector<std::vector<SegmentDone>> done;  // per file, in completion order

  // Main scheduling cursor: the next pending segment in file order.
  uint32_t cursor_file = 0;
  uint32_t cursor_seg = 0;
  uint32_t in_flight = 0;

 private:
  std::string arena_;
};

// The parts of a token the pool hands back (see ArticleToken).
inline uint32_t token_serial(uint64_t t) { return ArticleToken::from_raw(t).serial(); }
inline uint32_t token_file(uint64_t t) { return ArticleToken::from_raw(t).file(); }
inline uint32_t token_seg(uint64_t t) { return ArticleToken::from_raw(t).segment(); }

}  // namespace nzbd::queue
