#include "server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "wire.h"

namespace bench {
namespace {

constexpr std::string_view kHeaders = "Newsgroups: alt.binaries.test\r\nSubject: bench\r\n";

// Pending output of one read's worth of commands: small owned strings plus views into the store.
class Output {
 public:
  void text(std::string s) {
    owned_.push_back(std::move(s));
    parts_.push_back({owned_.back().data(), owned_.back().size()});
  }
  void view(const std::string& s) { parts_.push_back({s.data(), s.size()}); }
  bool empty() const { return parts_.empty(); }

  // Sends everything; false when the client went away.
  bool flush(int fd, uint64_t& sent) {
    std::vector<iovec> iov;
    iov.reserve(parts_.size());
    for (auto& p : parts_) iov.push_back({const_cast<char*>(p.first), p.second});
    size_t i = 0;
    while (i < iov.size()) {
      int cnt = static_cast<int>(std::min<size_t>(iov.size() - i, IOV_MAX));
      ssize_t n = ::writev(fd, &iov[i], cnt);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += static_cast<uint64_t>(n);
      size_t left = static_cast<size_t>(n);
      while (i < iov.size() && left >= iov[i].iov_len) left -= iov[i++].iov_len;
      if (left) {
        iov[i].iov_base = static_cast<char*>(iov[i].iov_base) + left;
        iov[i].iov_len -= left;
      }
    }
    parts_.clear();
    owned_.clear();
    return true;
  }

 private:
  std::deque<std::string> owned_;  // deque: stable addresses
  std::vector<std::pair<const char*, size_t>> parts_;
};

std::string upper(std::string_view s) {
  std::string u(s);
  for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// Answers one command line; false on QUIT.
bool answer(const ArticleStore& store, std::string_view line, Output& out) {
  size_t sp = line.find(' ');
  std::string verb = upper(line.substr(0, sp));
  std::string_view arg = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
  if (verb == "BODY" || verb == "ARTICLE" || verb == "HEAD" || verb == "STAT") {
    std::string_view id = arg;
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    const std::string* body = id.empty() ? nullptr : store.find(id);
    if (!body) return out.text("430 no such article\r\n"), true;
    std::string mid;  // built by appending: GCC 12 warns falsely (-Wrestrict) on "<" + string
    mid.reserve(id.size() + 2);
    mid.append("<").append(id).append(">");
    if (verb == "STAT") return out.text("223 0 " + mid + "\r\n"), true;
    std::string head = "Message-ID: " + mid + "\r\n" + std::string(kHeaders);
    if (verb == "HEAD") return out.text("221 0 " + mid + "\r\n" + head + ".\r\n"), true;
    if (verb == "ARTICLE") out.text("220 0 " + mid + "\r\n" + head + "\r\n");
    else out.text("222 0 " + mid + "\r\n");
    out.view(*body);
    return true;
  }
  if (verb == "AUTHINFO") {
    bool user = upper(arg.substr(0, 4)) == "USER";
    out.text(user ? "381 password please\r\n" : "281 welcome\r\n");
  } else if (verb == "GROUP") {
    out.text("211 " + std::to_string(store.size()) + " 1 " + std::to_string(store.size()) + " " + std::string(arg) +
             "\r\n");
  } else if (verb == "MODE") {
    out.text("200 reader\r\n");
  } else if (verb == "CAPABILITIES") {
    out.text("101 capabilities\r\nVERSION 2\r\nREADER\r\nAUTHINFO USER\r\n.\r\n");
  } else if (verb == "DATE") {
    out.text("111 20260101000000\r\n");
  } else if (verb == "QUIT") {
    out.text("205 bye\r\n");
    return false;
  } else {
    out.text("500 unknown command\r\n");
  }
  return true;
}

}  // namespace

int MemServer::bind(int port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) return -1;
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return -1;
  if (::listen(listen_fd_, 128) != 0) return -1;
  socklen_t len = sizeof a;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  return ntohs(a.sin_port);
}

void MemServer::serve() {
  for (;;) {
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE) continue;
      return;
    }
    std::thread([this, fd] { handle(fd); }).detach();
  }
}

void MemServer::handle(int fd) {
  Socket owner(fd);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  uint64_t sent = 0;
  Output out;
  out.text("200 nzbd bench in-memory server ready\r\n");
  bool open = out.flush(fd, sent);
  std::string in;
  char buf[16384];
  while (open) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
    if (in.size() > (1u << 20)) break;  // a client sending megabytes without newlines
    size_t pos = 0;
    for (size_t nl; open && (nl = in.find('\n', pos)) != std::string::npos; pos = nl + 1) {
      std::string_view line(in.data() + pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      open = answer(store_, line, out);
    }
    in.erase(0, pos);
    if (!out.empty() && !out.flush(fd, sent)) break;
  }
  bytes_sent_ += sent;
}

}  // namespace bench
