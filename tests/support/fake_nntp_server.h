// A small NNTP server for tests: serves canned article bodies on 127.0.0.1
// (optionally over TLS with a self-signed certificate made at start-up), one
// thread per connection, with fault modes: 430s, AUTHINFO, transit mode,
// dropped and stalled replies, garbage, and replies split into tiny writes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace nzbd::test {

class FakeNntpServer {
 public:
  enum class Chunking { Whole, OneByte, Random };
  struct Options {
    std::string greeting = "200 fake news server ready";
    std::string user, pass;     // user non-empty: BODY answers 480 until AUTHINFO succeeds
    bool transit_mode = false;  // BODY answers 401 MODE-READER until MODE READER
    Chunking chunking = Chunking::Whole;
    uint32_t seed = 1;
    bool tls = false;
    int batch_ms = 0;  // before answering, wait this long for more pipelined commands
  };

  explicit FakeNntpServer(Options options);
  FakeNntpServer() : FakeNntpServer(Options{}) {}
  ~FakeNntpServer();
  FakeNntpServer(const FakeNntpServer&) = delete;
  FakeNntpServer& operator=(const FakeNntpServer&) = delete;

  uint16_t port() const { return port_; }
  std::string certificate_pem() const { return cert_pem_; }  // TLS only; SAN IP:127.0.0.1

  // body: the bytes between the "222" line and the ".\r\n" line, as on the wire.
  void add_article(const std::string& id, std::string body);
  void set_password(const std::string& pass);
  void drop_once(const std::string& id);   // next BODY id: half the reply, then close
  void stall_once(const std::string& id);  // next BODY id: never answer
  void garbage_once(const std::string& id, std::string raw);  // next BODY id: send raw instead
  void hold(const std::string& id);     // BODY id waits (that connection too) until release(id)
  void release(const std::string& id);

  size_t body_requests(const std::string& id) const;
  size_t total_body_requests() const;
  size_t stat_requests(const std::string& id) const;  // STAT <id> (223 when posted, else 430)
  size_t connections_accepted() const { return accepted_; }
  size_t max_outstanding() const { return max_outstanding_; }  // most commands seen unanswered
  size_t mode_reader_count() const { return mode_readers_; }

 private:
  struct Client;
  void accept_loop();
  void serve(std::shared_ptr<Client> client);
  bool answer(Client& c, const std::string& line);
  bool answer_body(Client& c, const std::string& id);
  bool send(Client& c, const std::string& data);
  bool take_fault(std::set<std::string>& faults, const std::string& id);

  Options options_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::string cert_pem_;
  void* ssl_ctx_ = nullptr;  // SSL_CTX*
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<Client>> clients_;
  std::map<std::string, std::string> articles_;
  std::set<std::string> drops_, stalls_, held_;
  std::map<std::string, std::string> garbage_;
  std::map<std::string, size_t> requests_, stats_;
  std::atomic<size_t> accepted_{0}, max_outstanding_{0}, mode_readers_{0};
};

}  // namespace nzbd::test
