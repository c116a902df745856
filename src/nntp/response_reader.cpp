#include "nntp/response_reader.h"

#include <algorithm>
#include <cstring>

namespace nzbd::nntp {
namespace {
constexpr size_t kMinFree = 64 * 1024;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

ResponseReader::ResponseReader(size_t max_body, size_t initial_capacity)
    : buf_(std::make_unique_for_overwrite<char[]>(initial_capacity)),
      capacity_(initial_capacity),
      initial_capacity_(initial_capacity),
      max_body_(max_body) {}

void ResponseReader::shrink_if_empty() {
  if (!empty() || capacity_ <= initial_capacity_) return;
  buf_ = std::make_unique_for_overwrite<char[]>(initial_capacity_);
  capacity_ = initial_capacity_;
  start_ = end_ = scan_ = 0;
}

void ResponseReader::reset() {
  start_ = end_ = scan_ = 0;
  in_body_ = false;
}

void ResponseReader::make_room(size_t min_free) {
  if (!in_body_ && start_ == end_) start_ = end_ = scan_ = 0;
  if (capacity_ - end_ >= min_free) return;
  if (start_ > 0) {  // keep only the unparsed tail (a partial reply)
    std::memmove(buf_.get(), buf_.get() + start_, end_ - start_);
    end_ -= start_;
    scan_ -= std::min(scan_, start_);
    start_ = 0;
  }
  if (capacity_ - end_ >= min_free) return;
  // Largest useful size: a maximal body plus its status line and one read.
  const size_t limit = max_body_ + kMaxStatusLine + 2 * min_free;
  if (capacity_ >= limit) return;
  const size_t new_capacity = std::min(std::max(capacity_ * 2, end_ + min_free), limit);
  auto bigger = std::make_unique_for_overwrite<char[]>(new_capacity);
  std::memcpy(bigger.get(), buf_.get(), end_);
  buf_ = std::move(bigger);
  capacity_ = new_capacity;
}

std::span<char> ResponseReader::prepare(size_t max_read) {
  make_room(std::min(kMinFree, max_read));
  const size_t n = std::min(capacity_ - end_, max_read);
  return {buf_.get() + end_, n};
}

void ResponseReader::commit(size_t n) { end_ += std::min(n, capacity_ - end_); }

void ResponseReader::begin_body() {
  in_body_ = true;
  scan_ = start_;
}

ResponseReader::Event ResponseReader::next() {
  return in_body_ ? scan_body() : parse_status();
}

ResponseReader::Event ResponseReader::parse_status() {
  Event ev;
  const size_t avail = end_ - start_;
  if (avail == 0) return ev;
  char* p = buf_.get() + start_;
  const auto* nl = static_cast<const char*>(std::memchr(p, '\n', std::min(avail, kMaxStatusLine)));
  if (nl == nullptr) {
    if (avail < kMaxStatusLine) return ev;
    ev.kind = Event::Error;
    ev.line = "reply line too long";
    return ev;
  }
  size_t len = static_cast<size_t>(nl - p);
  start_ += len + 1;
  if (len > 0 && p[len - 1] == '\r') --len;
  ev.line = std::string_view(p, len);
  if (len < 3 || !is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) ||
      (len > 3 && p[3] != ' ' && p[3] != '\t')) {
    ev.kind = Event::Error;
    ev.line = "malformed reply";
    return ev;
  }
  ev.kind = Event::Status;
  ev.code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  return ev;
}

// The body ends at a line that is exactly ".\r\n" or ".\n". Dots elsewhere are
// rare in yEnc data (about 1 byte in 256), so memchr for '.' skips fast.
ResponseReader::Event ResponseReader::scan_body() {
  Event ev;
  char* b = buf_.get();
  size_t pos = scan_;
  while (pos < end_) {
    const auto* hit = static_cast<const char*>(std::memchr(b + pos, '.', end_ - pos));
    if (hit == nullptr) {
      pos = end_;
      break;
    }
    const size_t p = static_cast<size_t>(hit - b);
    if (p == start_ || b[p - 1] == '\n') {
      if (p + 1 >= end_) {
        pos = p;  // cannot tell yet
        break;
      }
      size_t term = 0;
      if (b[p + 1] == '\n') {
        term = 2;
      } else if (b[p + 1] == '\r') {
        if (p + 2 >= end_) {
          pos = p;
          break;
        }
        if (b[p + 2] == '\n') term = 3;
      }
      if (term != 0) {
        ev.kind = Event::Body;
        ev.data = b + start_;
        ev.size = p - start_;
        start_ = p + term;
        scan_ = start_;
        in_body_ = false;
        return ev;
      }
    }
    pos = p + 1;
  }
  scan_ = pos;
  if (end_ - start_ > max_body_ + 3) {
    ev.kind = Event::Error;
    ev.line = "article too large";
  }
  return ev;
}

}  // namespace nzbd::nntp
