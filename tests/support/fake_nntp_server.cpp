#include "support/fake_nntp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <csignal>
#include <random>
#include <stdexcept>

namespace nzbd::test {
namespace {
enum class ReadResult { Data, Timeout, Closed };

// A self-signed certificate for 127.0.0.1/localhost, usable as its own CA.
std::pair<std::string, SSL_CTX*> make_tls_context() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 86400);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1,
                             -1, 0);
  X509_set_issuer_name(x, name);
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, x, x, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
                            std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &v3, nid, value);
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x, key, EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, x);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(len));
  BIO_free(bio);
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_use_certificate(ctx, x);
  SSL_CTX_use_PrivateKey(ctx, key);
  X509_free(x);
  EVP_PKEY_free(key);
  return {pem, ctx};
}
}  // namespace

struct FakeNntpServer::Client {
  int fd = -1;
  SSL* ssl = nullptr;
  std::thread thread;
  std::mt19937 rng;
  std::string in;
  std::string user;
  bool authed = false, reader_mode = false;

  ReadResult read_more(int timeout_ms) {
    if (ssl == nullptr || SSL_pending(ssl) == 0) {
      pollfd p{fd, POLLIN, 0};
      const int r = ::poll(&p, 1, timeout_ms);
      if (r == 0) return ReadResult::Timeout;
      if (r < 0) return ReadResult::Closed;
    }
    char buf[16384];
    const ssize_t n = ssl ? SSL_read(ssl, buf, sizeof buf) : ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return ReadResult::Closed;
    in.append(buf, static_cast<size_t>(n));
    return ReadResult::Data;
  }
};

FakeNntpServer::FakeNntpServer(Options options) : options_(std::move(options)) {
  std::signal(SIGPIPE, SIG_IGN);  // OpenSSL writes with write(2)
  if (options_.tls) {
    auto [pem, ctx] = make_tls_context();
    cert_pem_ = pem;
    ssl_ctx_ = ctx;
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("fake NNTP server: cannot listen");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FakeNntpServer::~FakeNntpServer() {
  stopping_ = true;
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::shared_ptr<Client>> clients;
  {
    std::lock_guard lock(mu_);
    clients = clients_;
  }
  for (auto& c : clients) ::shutdown(c->fd, SHUT_RDWR);
  for (auto& c : clients) {
    c->thread.join();
    if (c->ssl) SSL_free(c->ssl);
    ::close(c->fd);
  }
  if (ssl_ctx_) SSL_CTX_free(static_cast<SSL_CTX*>(ssl_ctx_));
}

void FakeNntpServer::accept_loop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto client = std::make_shared<Client>();
    client->fd = fd;
    client->rng.seed(options_.seed + static_cast<uint32_t>(accepted_));
    ++accepted_;
    std::lock_guard lock(mu_);
    clients_.push_back(client);
    client->thread = std::thread([this, client] { serve(client); });
  }
}

void FakeNntpServer::serve(std::shared_ptr<Client> cp) {
  Client& c = *cp;
  if (ssl_ctx_) {
    c.ssl = SSL_new(static_cast<SSL_CTX*>(ssl_ctx_));
    SSL_set_fd(c.ssl, c.fd);
    if (SSL_accept(c.ssl) <= 0) {
      ::shutdown(c.fd, SHUT_RDWR);
      return;
    }
  }
  if (!send(c, options_.greeting + "\r\n") || options_.greeting[0] != '2') {
    ::shutdown(c.fd, SHUT_RDWR);
    return;
  }
  while (!stopping_) {
    const auto r = c.read_more(20);
    if (r == ReadResult::Closed) break;
    if (r == ReadResult::Timeout) continue;
    if (options_.batch_ms > 0) {  // let a pipelining client send more first
      while (c.read_more(options_.batch_ms) == ReadResult::Data) {
      }
    }
    size_t lines = 0;
    for (char ch : c.in) lines += ch == '\n';
    size_t seen = max_outstanding_;
    while (lines > seen && !max_outstanding_.compare_exchange_weak(seen, lines)) {
    }
    bool open = true;
    size_t nl;
    while (open && (nl = c.in.find('\n')) != std::string::npos) {
      std::string line = c.in.substr(0, nl);
      c.in.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      open = answer(c, line);
    }
    if (!open) break;
  }
  ::shutdown(c.fd, SHUT_RDWR);
}

bool FakeNntpServer::answer(Client& c, const std::string& line) {
  if (line.rfind("AUTHINFO USER ", 0) == 0) {
    c.user = line.substr(14);
    return send(c, "381 PASS required\r\n");
  }
  if (line.rfind("AUTHINFO PASS ", 0) == 0) {
    std::lock_guard lock(mu_);
    c.authed = c.user == options_.user && line.substr(14) == options_.pass;
    return send(c, c.authed ? "281 Ok\r\n" : "481 Authentication failed\r\n");
  }
  if (line == "MODE READER") {
    ++mode_readers_;
    c.reader_mode = true;
    c.authed = false;  // like INN handing over to nnrpd: log in again
    return send(c, "200 reader mode\r\n");
  }
  if (line == "QUIT") {
    send(c, "205 bye\r\n");
    return false;
  }
  if (line.rfind("BODY <", 0) == 0 && line.back() == '>') return answer_body(c, line.substr(6, line.size() - 7));
  if (line.rfind("STAT <", 0) == 0 && line.back() == '>') {
    std::string id = line.substr(6, line.size() - 7);
    bool have = false;
    {
      std::lock_guard lock(mu_);
      ++stats_[id];
      have = articles_.count(id) > 0;
    }
    return send(c, have ? "223 0 <" + id + ">\r\n" : "430 no such article\r\n");
  }
  return send(c, "500 What?\r\n");
}

bool FakeNntpServer::answer_body(Client& c, const std::string& id) {
  if (options_.transit_mode && !c.reader_mode) return send(c, "401 MODE-READER\r\n");
  if (!options_.user.empty() && !c.authed) return send(c, "480 Authentication required\r\n");
  std::string reply;
  bool drop = false, stall = false;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (!held_.count(id) || stopping_) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    std::lock_guard lock(mu_);
    ++requests_[id];
    auto it = articles_.find(id);
    if (auto g = garbage_.find(id); g != garbage_.end()) {
      reply = g->second;
      garbage_.erase(g);
    } else if (it == articles_.end()) {
      reply = "430 No Such Article\r\n";
    } else {
      reply = "222 0 <" + id + ">\r\n" + it->second + ".\r\n";
      drop = take_fault(drops_, id);
      stall = take_fault(stalls_, id);
    }
  }
  if (stall) {
    while (!stopping_ && c.read_more(20) != ReadResult::Closed) {
    }
    return false;
  }
  if (drop) {
    send(c, reply.substr(0, reply.size() / 2));
    return false;
  }
  return send(c, reply);
}

bool FakeNntpServer::take_fault(std::set<std::string>& faults, const std::string& id) {
  return faults.erase(id) > 0;
}

bool FakeNntpServer::send(Client& c, const std::string& data) {
  size_t pos = 0;
  std::uniform_int_distribution<size_t> size_of(1, 8192);
  while (pos < data.size()) {
    size_t n = data.size() - pos;
    if (options_.chunking == Chunking::OneByte) n = 1;
    if (options_.chunking == Chunking::Random) n = std::min(n, size_of(c.rng));
    const ssize_t w = c.ssl ? SSL_write(c.ssl, data.data() + pos, static_cast<int>(n))
                            : ::send(c.fd, data.data() + pos, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    pos += static_cast<size_t>(w);
  }
  return true;
}

void FakeNntpServer::add_article(const std::string& id, std::string body) {
  std::lock_guard lock(mu_);
  articles_[id] = std::move(body);
}
void FakeNntpServer::set_password(const std::string& pass) {
  std::lock_guard lock(mu_);
  options_.pass = pass;
}
void FakeNntpServer::drop_once(const std::string& id) {
  std::lock_guard lock(mu_);
  drops_.insert(id);
}
void FakeNntpServer::stall_once(const std::string& id) {
  std::lock_guard lock(mu_);
  stalls_.insert(id);
}
void FakeNntpServer::hold(const std::string& id) {
  std::lock_guard lock(mu_);
  held_.insert(id);
}
void FakeNntpServer::release(const std::string& id) {
  std::lock_guard lock(mu_);
  held_.erase(id);
}
void FakeNntpServer::garbage_once(const std::string& id, std::string raw) {
  std::lock_guard lock(mu_);
  garbage_[id] = std::move(raw);
}
size_t FakeNntpServer::body_requests(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = requests_.find(id);
  return it == requests_.end() ? 0 : it->second;
}
size_t FakeNntpServer::stat_requests(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = stats_.find(id);
  return it == stats_.end() ? 0 : it->second;
}

size_t FakeNntpServer::total_body_requests() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (auto& [id, count] : requests_) n += count;
  return n;
}

}  // namespace nzbd::test
