#include "fake_newznab.h"

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <mutex>
#include <thread>

namespace nzbd::sonarr::testing {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string query_value(const std::string& target, const std::string& key) {
  auto q = target.find('?');
  if (q == std::string::npos) return {};
  std::string query = "&" + target.substr(q + 1);
  auto pos = query.find("&" + key + "=");
  if (pos == std::string::npos) return {};
  pos += key.size() + 2;
  return query.substr(pos, query.find('&', pos) - pos);
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

const char* kCaps = R"(<?xml version="1.0" encoding="UTF-8"?>
<caps><server version="1.0" title="fake"/><limits max="100" default="100"/>
<searching><search available="yes" supportedParams="q"/>
<tv-search available="yes" supportedParams="q,tvdbid,tvmazeid,rid,season,ep"/></searching>
<categories><category id="5000" name="TV"><subcat id="5030" name="SD"/><subcat id="5040" name="HD"/></category></categories>
</caps>)";

}  // namespace

struct FakeNewznab::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<bool> stop{false};
  std::thread thread;
  unsigned short port = 0;
  mutable std::mutex mu;
  std::vector<Item> items;
  std::string last_target;
};

FakeNewznab::FakeNewznab(std::string api_key) : key_(std::move(api_key)), impl_(std::make_unique<Impl>()) {
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
      const std::string target(req.target());
      const std::string path = target.substr(0, target.find('?'));
      std::vector<Item> items;
      {
        std::lock_guard lock(impl_->mu);
        impl_->last_target = target;
        items = impl_->items;
      }
      http::response<http::string_body> res{http::status::ok, req.version()};
      res.set(http::field::content_type, "application/xml; charset=utf-8");
      res.keep_alive(false);
      const std::string t = query_value(target, "t");
      if (mode_ == Mode::Html) {
        res.set(http::field::content_type, "text/html");
        res.body() = "<!DOCTYPE html><html><body>Please log in</body></html>";
      } else if (mode_ == Mode::Unavailable) {
        res.result(http::status::service_unavailable);
        res.body() = "busy";
      } else if (path == "/api" && query_value(target, "apikey") != key_) {
        res.body() = R"(<?xml version="1.0"?><error code="100" description="Incorrect user credentials"/>)";
      } else if (path == "/api" && mode_ == Mode::RateLimited) {
        res.body() = R"(<?xml version="1.0"?><error code="500" description="Request limit reached"/>)";
      } else if (path == "/api" && t == "caps") {
        res.body() = kCaps;
      } else if (path == "/api" && (t == "tvsearch" || t == "search")) {
        std::size_t offset = std::stoul("0" + query_value(target, "offset"));
        std::size_t limit = std::stoul("0" + query_value(target, "limit"));
        if (limit == 0) limit = 100;
        std::string base = "http://127.0.0.1:" + std::to_string(impl_->port);
        std::string body = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/"><channel><title>fake</title>)";
        for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) {
          const Item& it = items[i];
          std::string link = base + "/getnzb/" + it.guid + ".nzb?apikey=" + key_;
          body += "<item><title>" + xml_escape(it.title) + "</title><guid>" + xml_escape(it.guid) + "</guid><pubDate>" +
                  it.pub_date + "</pubDate><enclosure url=\"" + xml_escape(link) + "\" length=\"" +
                  std::to_string(it.size) + "\" type=\"application/x-nzb\"/><newznab:attr name=\"size\" value=\"" +
                  std::to_string(it.size) + "\"/>";
          if (it.tvdbid) body += "<newznab:attr name=\"tvdbid\" value=\"" + std::to_string(it.tvdbid) + "\"/>";
          body += "</item>";
        }
        res.body() = body + "</channel></rss>";
      } else if (path.rfind("/getnzb/", 0) == 0) {
        res.set(http::field::content_type, "application/x-nzb");
        res.body() = R"(<?xml version="1.0"?><nzb xmlns="http://www.newzbin.com/DTD/2003/nzb"><file subject="x"/></nzb>)";
      } else {
        res.result(http::status::not_found);
        res.body() = "not found";
      }
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

FakeNewznab::~FakeNewznab() {
  impl_->stop = true;
  try {
    asio::io_context io;
    tcp::socket s(io);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port));
  } catch (...) {
  }
  impl_->thread.join();
}

std::string FakeNewznab::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void FakeNewznab::set_items(std::vector<Item> items) {
  std::lock_guard lock(impl_->mu);
  impl_->items = std::move(items);
}

std::string FakeNewznab::last_target() const {
  std::lock_guard lock(impl_->mu);
  return impl_->last_target;
}

}  // namespace nzbd::sonarr::testing
