#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <optional>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include "http/form.h"
#include "util/strings.h"

namespace nzbd::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

namespace {

Request to_request(bhttp::request<bhttp::string_body>&& msg, const std::string& remote) {
  Request req;
  req.method = std::string(msg.method_string());
  req.target = std::string(msg.target());
  auto q = req.target.find('?');
  req.path = decode_path(std::string_view(req.target).substr(0, q));
  if (q != std::string::npos) req.query = req.target.substr(q + 1);
  for (const auto& field : msg) {
    auto name = field.name_string();
    req.headers.emplace(to_lower(std::string_view(name.data(), name.size())), std::string(field.value()));
  }
  req.body = std::move(msg.body());
  req.remote_address = remote;
  return req;
}

bhttp::response<bhttp::string_body> to_beast(Response&& r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "nzbd");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.body() = std::move(r.body);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// {"error": text} with text as a JSON string.
std::string json_error(std::string_view text) {
  std::string out = "{\"error\": \"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"}";
}

// A handler that throws must cost one request, not the daemon: the
// exception would otherwise leave the io thread and end the process.
Response call_handler(const Handler& handler, Request& req) {
  std::string what;
  try {
    return handler(req);
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "unknown exception";
  }
  spdlog::error("HTTP {} {} failed: {}", req.method, req.path, what);
  return Response::json(json_error("internal error: " + what), 500);
}

// One connection, plain (beast::tcp_stream) or HTTPS (TlsStream): the same
// reads and writes, with a TLS handshake first and a TLS shutdown last.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(Stream stream, const ServerOptions& opts, const Handler& handler, asio::thread_pool* workers)
      : stream_(std::move(stream)), opts_(opts), handler_(handler), workers_(workers) {
    beast::error_code ec;
    auto ep = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }

  void run() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
      stream_.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (!ec) self->read_request();  // a failed handshake (plain HTTP, a scanner) just ends the connection
      });
    } else {
      read_request();
    }
  }

 private:
  void read_request() {
    parser_.emplace();
    parser_->body_limit(opts_.max_body_bytes);
    parser_->header_limit(opts_.max_header_bytes);
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(opts_.idle_timeout_seconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        self->on_read(ec);
                      });
  }

  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::ssl::error::stream_truncated)
      return close();
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit)
      return send_error(413, "Request Entity Too Large");
    if (ec) return send_error(400, "Bad Request");
    auto msg = parser_->release();
    unsigned version = msg.version();
    bool keep_alive = msg.keep_alive();
    Request req = to_request(std::move(msg), remote_);
    if (auto st = parse_params(req); !st)
      return write(to_beast(Response::text("error: " + st.message(), 400), version, keep_alive));
    if (workers_ && opts_.may_block && opts_.may_block(req)) return answer_on_worker(std::move(req), version, keep_alive);
    write(to_beast(call_handler(handler_, req), version, keep_alive));
  }

  // The handler runs on the worker pool; the answer is written back on this
  // connection's strand, as every other operation on its socket is.
  void answer_on_worker(Request req, unsigned version, bool keep_alive) {
    asio::post(*workers_, [self = this->shared_from_this(), req = std::move(req), version, keep_alive]() mutable {
      Response res = call_handler(self->handler_, req);
      asio::post(self->stream_.get_executor(), [self, res = std::move(res), version, keep_alive]() mutable {
        self->write(to_beast(std::move(res), version, keep_alive));
      });
    });
  }

  void send_error(int status, const char* text) {
    write(to_beast(Response::text(text, status), 11, false));
  }

  void write(bhttp::response<bhttp::string_body>&& res) {
    auto sp = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
    bool close_after = !sp->keep_alive();
    bhttp::async_write(stream_, *sp,
                       [self = this->shared_from_this(), sp, close_after](beast::error_code ec, size_t) {
                         if (ec || close_after) return self->close();
                         self->read_request();
                       });
  }

  void close() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ec;
        beast::get_lowest_layer(self->stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
      });
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& opts_;
  const Handler& handler_;
  asio::thread_pool* workers_;  // null: every handler runs on the I/O thread
  std::string remote_;
};

}  // namespace

struct Server::Impl {
  ServerOptions opts;
  Handler handler;
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::optional<asio::ssl::context> tls;  // set: this listener speaks HTTPS only
  std::vector<std::thread> threads;
  // After `io`, so it is gone first: its tasks hold sessions whose sockets belong to io.
  std::optional<asio::thread_pool> workers;

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) {
        if (tls)
          std::make_shared<Session<TlsStream>>(TlsStream(beast::tcp_stream(std::move(s)), *tls), opts, handler,
                                               pool())->run();
        else
          std::make_shared<Session<beast::tcp_stream>>(beast::tcp_stream(std::move(s)), opts, handler, pool())->run();
      }
      accept();
    });
  }

  asio::thread_pool* pool() { return workers ? &*workers : nullptr; }

  Status load_tls() {
    if (!opts.tls) return ok_status();
    try {
      tls.emplace(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(opts.tls->cert_file);
      tls->use_private_key_file(opts.tls->key_file, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      tls.reset();
      return make_error("cannot use the HTTPS certificate " + opts.tls->cert_file + " and key " + opts.tls->key_file +
                        ": " + e.what());
    }
    return ok_status();
  }
};

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->opts = std::move(options);
  impl_->handler = std::move(handler);
}

Server::~Server() { stop(); }

Result<uint16_t> Server::start() {
  if (auto st = impl_->load_tls(); !st) return st.error();
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->opts.host, ec);
  if (ec) return make_error("invalid listen address '" + impl_->opts.host + "': " + ec.message());
  tcp::endpoint ep(address, impl_->opts.port);
  auto& acc = impl_->acceptor;
  acc.open(ep.protocol(), ec);
  if (!ec) acc.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(ep, ec);
  if (!ec) acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return make_error("cannot listen on " + impl_->opts.host + ":" +
                      std::to_string(impl_->opts.port) + ": " + ec.message());
  uint16_t port = acc.local_endpoint().port();
  if (impl_->opts.may_block) impl_->workers.emplace(static_cast<size_t>(std::max(1, impl_->opts.worker_threads)));
  impl_->accept();
  for (int i = 0; i < std::max(1, impl_->opts.threads); ++i)
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  return port;
}

void Server::stop() {
  if (!impl_ || impl_->threads.empty()) return;
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  // A handler still running (a mail server that hangs) is waited for; what
  // it posts back to the stopped io_context is dropped with it.
  if (impl_->workers) {
    impl_->workers->join();
    impl_->workers.reset();
  }
}

}  // namespace nzbd::http
