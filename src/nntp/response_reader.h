// Receive buffer and reply parser of one NNTP connection, free of any socket
// code so it can be tested (and fuzzed) by feeding it arbitrary chunks.
//
// Usage: read into prepare(), commit() the bytes read, then call next() until
// it answers NeedMore. After a Status whose reply carries a body (222 to BODY)
// call begin_body(); next() then answers Body once the terminating "." line
// has arrived. Pointers in an Event stay valid until the next prepare().
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

namespace nzbd::nntp {

class ResponseReader {
 public:
  static constexpr size_t kMaxStatusLine = 4096;

  struct Event {
    enum Kind { NeedMore, Status, Body, Error } kind = NeedMore;
    int code = 0;               // Status
    std::string_view line;      // Status: line without CRLF; Error: reason
    char* data = nullptr;       // Body
    size_t size = 0;            // Body
  };

  explicit ResponseReader(size_t max_body, size_t initial_capacity = 256 * 1024);

  // Free space at the end of the buffer to read into, at most max_read bytes.
  // Compacts or grows the buffer first when less than a minimum is free.
  std::span<char> prepare(size_t max_read);
  void commit(size_t n);
  Event next();
  void begin_body();
  void reset();  // drop all data and state (connection closed)
  // Back to the initial capacity when nothing is buffered: an idle connection
  // keeps a quarter megabyte, not the largest article it ever received.
  void shrink_if_empty();

  bool empty() const { return start_ == end_ && !in_body_; }
  bool in_body() const { return in_body_; }
  size_t capacity() const { return capacity_; }

 private:
  Event parse_status();
  Event scan_body();
  void make_room(size_t min_free);

  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t initial_capacity_;
  size_t max_body_;
  size_t start_ = 0;  // first unparsed byte (body start while in a body)
  size_t end_ = 0;    // end of received data
  size_t scan_ = 0;   // where the terminator search resumes
  bool in_body_ = false;
};

}  // namespace nzbd::nntp
