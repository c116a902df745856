#include "fake_tvmaze.h"

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace nzbd::sonarr::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
std::string read_data(const std::string& name) {
  std::ifstream in(std::filesystem::path(NZBD_SOURCE_DIR) / "tests/data/tvmaze" / name, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string query_value(const std::string& target, const std::string& key) {
  auto q = target.find('?');
  if (q == std::string::npos) return {};
  std::string query = target.substr(q + 1);
  std::string needle = key + "=";
  auto pos = query.find(needle);
  if (pos == std::string::npos || (pos > 0 && query[pos - 1] != '&')) return {};
  auto end = query.find('&', pos);
  return query.substr(pos + needle.size(), end == std::string::npos ? std::string::npos : end - pos - needle.size());
}

// TheTVDB ids of the canned shows, as /lookup/shows resolves them.
const std::map<std::string, int> kTvdbToShow = {{"300101", 101}, {"300303", 303}};
}  // namespace

struct FakeTvMaze::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<bool> stop{false};
  std::thread thread;
  unsigned short port = 0;
};

FakeTvMaze::FakeTvMaze() : impl_(std::make_unique<Impl>()) {
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->thread = std::thread([this] {
    while (!impl_->stop) {
      tcp::socket socket(impl_->io);
      beast::error_code ec;
      impl_->acceptor.accept(socket, ec);
      if (ec || impl_->stop) break;
      beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      ++requests_;
      http::response<http::string_body> res{http::status::ok, req.version()};
      res.set(http::field::content_type, "application/json; charset=UTF-8");
      res.keep_alive(false);
      const std::string target(req.target());
      const std::string path = target.substr(0, target.find('?'));
      if (rate_limited_ > 0) {
        --rate_limited_;
        res.result(http::status::too_many_requests);
        res.set(http::field::retry_after, "0");
        res.body() = R"({"name":"Too Many Requests","message":"","code":0,"status":429})";
      } else if (path == "/search/shows") {
        res.body() = query_value(target, "q").find("nothing") != std::string::npos ? "[]" : read_data("search-test.json");
      } else if (path == "/lookup/shows") {
        auto it = kTvdbToShow.find(query_value(target, "thetvdb"));
        if (it == kTvdbToShow.end()) {
          res.result(http::status::not_found);
          res.body() = "null";
        } else {  // TVMaze redirects to the show's own URL
          res.result(http::status::moved_permanently);
          res.set(http::field::location, "http://127.0.0.1:" + std::to_string(impl_->port) + "/shows/" + std::to_string(it->second));
        }
      } else if (path == "/shows") {
        std::string page = query_value(target, "page");
        if (page == "0" || page.empty()) {
          res.body() = read_data("shows-page-0.json");
        } else {
          res.result(http::status::not_found);
          res.body() = R"({"name":"Not Found","message":"Page not found.","code":0,"status":404})";
        }
      } else if (path.rfind("/shows/", 0) == 0 && path.find_first_not_of("0123456789", 7) == std::string::npos) {
        std::string body = read_data("show-" + path.substr(7) + ".json");
        if (body.empty()) {
          res.result(http::status::not_found);
          res.body() = R"({"name":"Not Found","message":"","code":0,"status":404})";
        } else {
          res.body() = body;
        }
      } else {
        res.result(http::status::not_found);
        res.body() = R"({"name":"Not Found","status":404})";
      }
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

FakeTvMaze::~FakeTvMaze() {
  impl_->stop = true;
  // Wake the blocking accept with one last connection.
  try {
    asio::io_context io;
    tcp::socket s(io);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port));
  } catch (...) {
  }
  impl_->thread.join();
}

std::string FakeTvMaze::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

}  // namespace nzbd::sonarr::testing
