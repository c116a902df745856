#include "fetch.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "wire.h"

namespace bench {
namespace {

// Reads from a socket into a growable buffer and hands out complete answers.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd), buf_(4 << 20) {}

  // Returns the next status line (without CRLF); false on EOF/error.
  bool line(std::string& out) {
    for (;;) {
      const char* base = buf_.data() + start_;
      const void* nl = std::memchr(base, '\n', end_ - start_);
      if (nl) {
        size_t len = static_cast<size_t>(static_cast<const char*>(nl) - base);
        out.assign(base, len && base[len - 1] == '\r' ? len - 1 : len);
        start_ += len + 1;
        return true;
      }
      if (!fill()) return false;
    }
  }

  // After a 2xx multi-line status line: the block up to and including ".\r\n".
  bool block(std::string_view& out) {
    while (end_ - start_ < 3)
      if (!fill()) return false;
    if (std::memcmp(buf_.data() + start_, ".\r\n", 3) == 0) {  // empty body
      out = std::string_view(buf_.data() + start_, 3);
      start_ += 3;
      return true;
    }
    size_t scanned = 0;  // bytes after start_ known to hold no terminator start
    for (;;) {
      size_t end = find_block_end(buf_.data(), end_, start_ + scanned);
      if (end != npos && end - start_ >= 5) {
        out = std::string_view(buf_.data() + start_, end - start_);
        start_ = end;
        return true;
      }
      size_t avail = end_ - start_;
      scanned = avail > 4 ? avail - 4 : 0;
      if (!fill()) return false;
    }
  }

  uint64_t bytes() const { return bytes_; }

 private:
  // Reads more; compacts (moving data to the front) or grows the buffer when full.
  bool fill() {
    if (end_ == buf_.size()) {
      if (start_ > 0) {
        std::memmove(buf_.data(), buf_.data() + start_, end_ - start_);
        end_ -= start_;
        start_ = 0;
      } else {
        buf_.resize(buf_.size() * 2);
      }
    }
    for (;;) {
      ssize_t n = ::recv(fd_, buf_.data() + end_, buf_.size() - end_, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      end_ += static_cast<size_t>(n);
      bytes_ += static_cast<uint64_t>(n);
      return true;
    }
  }

  int fd_;
  std::vector<char> buf_;
  size_t start_ = 0, end_ = 0;
  uint64_t bytes_ = 0;
};

struct ConnResult {
  uint64_t bytes = 0, articles = 0, missing = 0;
  std::string error;
};

bool expect(Reader& r, int fd, const std::string& cmd, char first, ConnResult& res) {
  if (!cmd.empty() && !write_all(fd, cmd)) return res.error = "send failed", false;
  std::string l;
  if (!r.line(l)) return res.error = "connection closed", false;
  if (l.empty() || l[0] != first) return res.error = "unexpected answer: " + l, false;
  return true;
}

void run_connection(const FetchOptions& opt, const std::vector<std::string>& ids, size_t first, size_t step,
                    const BodySink& sink, ConnResult& res) {
  std::string err;
  Socket s = connect_tcp(opt.host, opt.port, err);
  if (!s.valid()) return void(res.error = err);
  Reader r(s.fd());
  if (!expect(r, s.fd(), "", '2', res)) return;
  if (!opt.user.empty()) {
    if (!expect(r, s.fd(), "AUTHINFO USER " + opt.user + "\r\n", '3', res)) return;
    if (!expect(r, s.fd(), "AUTHINFO PASS " + opt.password + "\r\n", '2', res)) return;
  }
  std::vector<size_t> mine;
  for (size_t i = first; i < ids.size(); i += step) mine.push_back(i);
  size_t sent = 0, done = 0;
  std::string cmds, status;
  const size_t window = static_cast<size_t>(std::max(1, opt.window));
  while (done < mine.size()) {
    cmds.clear();
    while (sent < mine.size() && sent - done < window) cmds += "BODY <" + ids[mine[sent++]] + ">\r\n";
    if (!cmds.empty() && !write_all(s.fd(), cmds)) return void(res.error = "send failed");
    if (!r.line(status)) return void(res.error = "connection closed");
    if (status.rfind("222", 0) == 0) {
      std::string_view body;
      if (!r.block(body)) return void(res.error = "connection closed inside a body");
      if (sink) sink(mine[done], body);
      ++res.articles;
    } else {
      if (sink) sink(mine[done], {});
      ++res.missing;
    }
    ++done;
  }
  (void)write_all(s.fd(), "QUIT\r\n");
  res.bytes = r.bytes();
}

}  // namespace

FetchStats fetch_bodies(const FetchOptions& opt, const std::vector<std::string>& ids, const BodySink& sink) {
  const size_t n = static_cast<size_t>(std::max(1, opt.connections));
  std::vector<ConnResult> results(n);
  auto t0 = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> threads;
    for (size_t c = 0; c < n; ++c)
      threads.emplace_back([&, c] { run_connection(opt, ids, c, n, sink, results[c]); });
  }
  FetchStats st;
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (auto& r : results) {
    st.bytes += r.bytes;
    st.articles += r.articles;
    st.missing += r.missing;
    if (!r.error.empty() && st.error.empty()) st.error = r.error;
  }
  return st;
}

}  // namespace bench
