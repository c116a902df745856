// The NNTP reply reader: one byte stream fed once whole and once in chunks of
// varying size (through a small, growing buffer) must give the same events.
// Every 222 starts a body, as after BODY. Each Body must end exactly before a
// "." line; each Status line is the stream's line without its line end.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "nntp/response_reader.h"

using nzbd::fuzz::Input;
using nzbd::nntp::ResponseReader;

namespace {

constexpr size_t kMaxBody = 8u << 20;  // above any input: "article too large" never depends on chunking

struct Event {
  int kind, code;
  std::string text;
  bool operator==(const Event&) const = default;
};

// Feeds `stream` in chunks whose sizes come from `sizes` (cycled; 0 = all),
// drains events after each; stops at the first Error like a connection does.
std::vector<Event> run(std::string_view stream, std::string_view sizes, size_t capacity) {
  ResponseReader reader(kMaxBody, capacity);
  std::vector<Event> events;
  size_t turn = 0;
  while (!stream.empty()) {
    size_t want = sizes.empty() ? stream.size() : 1 + uint8_t(sizes[turn++ % sizes.size()]) * 37 % 5000;
    auto span = reader.prepare(std::min(want, stream.size()));
    FUZZ_CHECK(!span.empty() && span.size() <= std::min(want, stream.size()));
    std::memcpy(span.data(), stream.data(), span.size());
    reader.commit(span.size());
    stream.remove_prefix(span.size());
    for (;;) {
      auto ev = reader.next();
      if (ev.kind == ResponseReader::Event::NeedMore) break;
      if (ev.kind == ResponseReader::Event::Body) {
        std::string_view body(ev.data, ev.size);
        FUZZ_CHECK(body.find("\n.\n") == std::string_view::npos && body.find("\n.\r\n") == std::string_view::npos);
        FUZZ_CHECK(!body.starts_with(".\n") && !body.starts_with(".\r\n"));
        events.push_back({ev.kind, 0, std::string(body)});
        continue;
      }
      events.push_back({ev.kind, ev.code, std::string(ev.line)});
      if (ev.kind == ResponseReader::Event::Error) return events;
      FUZZ_CHECK(ev.line.size() < ResponseReader::kMaxStatusLine);
      FUZZ_CHECK(ev.line.find('\n') == std::string_view::npos);
      FUZZ_CHECK(ev.code >= 0 && ev.code <= 999);
      if (ev.code == 222) reader.begin_body();
    }
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const size_t capacity = 16 + in.byte() * 64;
  std::string_view sizes = in.until("|||");
  std::string_view stream = in.rest();
  if (stream.empty()) std::swap(stream, sizes);  // no separator: all of it is the stream
  FUZZ_CHECK(run(stream, "", 1 << 16) == run(stream, sizes.empty() ? std::string_view("\x01") : sizes, capacity));
  return 0;
}
