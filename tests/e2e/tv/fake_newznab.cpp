#include "e2e/tv/fake_newznab.h"

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <map>
#include <thread>

namespace nzbd::e2e {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::map<std::string, std::string> query_of(const std::string& target) {
  std::map<std::string, std::string> out;
  auto q = target.find('?');
  if (q == std::string::npos) return out;
  std::string query = target.substr(q + 1);
  std::size_t start = 0;
  while (start < query.size()) {
    auto amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    auto eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = pair.substr(eq + 1);
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

int to_int(const std::string& s, int fallback) {
  try {
    return s.empty() ? fallback : std::stoi(s);
  } catch (...) {
    return fallback;
  }
}

const char* kCaps = R"(<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server version="1.0" title="nzbd-test"/>
  <limits max="100" default="100"/>
  <searching>
    <search available="yes" supportedParams="q"/>
    <tv-search available="yes" supportedParams="q,tvdbid,tvmazeid,rid,season,ep"/>
  </searching>
  <categories>
    <category id="5000" name="TV">
      <subcat id="5030" name="SD"/><subcat id="5040" name="HD"/><subcat id="5070" name="Anime"/>
    </category>
  </categories>
</caps>
)";

}  // namespace

struct FakeNewznab::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<bool> stop{false};
  std::thread thread;
  unsigned short port = 0;
};

FakeNewznab::FakeNewznab(std::string api_key) : impl_(std::make_unique<Impl>()), api_key_(std::move(api_key)) {
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
      int status = 200;
      std::string body = answer(std::string(req.target()), status);
      http::response<http::string_body> res{static_cast<http::status>(status), req.version()};
      res.set(http::field::content_type, "application/xml; charset=utf-8");
      res.keep_alive(false);
      res.body() = std::move(body);
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

FakeNewznab::~FakeNewznab() {
  impl_->stop = true;
  try {  // wake the blocking accept
    asio::io_context io;
    tcp::socket s(io);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port));
  } catch (...) {
  }
  impl_->thread.join();
}

std::string FakeNewznab::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }

void FakeNewznab::set_releases(std::vector<FakeRelease> releases) {
  std::lock_guard lock(mu_);
  releases_ = std::move(releases);
}

void FakeNewznab::add_release(FakeRelease release) {
  std::lock_guard lock(mu_);
  releases_.insert(releases_.begin(), std::move(release));
}

std::vector<std::string> FakeNewznab::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::string FakeNewznab::answer(const std::string& target, int& status) {
  std::lock_guard lock(mu_);
  requests_.push_back(target);
  const std::string path = target.substr(0, target.find('?'));
  if (path.rfind("/getnzb/", 0) == 0) {
    std::string guid = path.substr(8);
    if (auto dot = guid.rfind(".nzb"); dot != std::string::npos) guid.resize(dot);
    for (const auto& r : releases_)
      if (r.guid == guid && !r.nzb.empty()) {
        ++nzb_downloads_;
        return r.nzb;
      }
    status = 404;
    return "<error code=\"300\" description=\"No such item\"/>";
  }
  if (path != "/api") {
    status = 404;
    return "not found";
  }
  auto q = query_of(target);
  if (q["apikey"] != api_key_) return R"(<?xml version="1.0" encoding="UTF-8"?><error code="100" description="Incorrect user credentials"/>)";
  if (q["t"] == "caps") return kCaps;
  if (q["t"] != "tvsearch" && q["t"] != "search")
    return R"(<?xml version="1.0" encoding="UTF-8"?><error code="202" description="No such function"/>)";
  const int season = to_int(q["season"], -1), episode = to_int(q["ep"], -1);
  const int tvdb = to_int(q["tvdbid"], 0);
  std::vector<const FakeRelease*> hits;
  for (const auto& r : releases_) {
    if (tvdb && r.tvdb_id != tvdb) continue;
    if (season >= 0 && r.season != season) continue;
    if (episode >= 0 && r.episode != episode && r.episode != -1) continue;
    hits.push_back(&r);
  }
  const std::size_t offset = static_cast<std::size_t>(std::max(0, to_int(q["offset"], 0)));
  const std::size_t limit = static_cast<std::size_t>(std::clamp(to_int(q["limit"], 100), 1, 100));
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:newznab="http://www.newznab.com/DTD/2010/feeds/attributes/">
 <channel>
  <title>nzbd-test</title>
  <newznab:response offset=")" + std::to_string(offset) + "\" total=\"" + std::to_string(hits.size()) + "\"/>\n";
  const std::string base = base_url();
  for (std::size_t i = offset; i < hits.size() && i < offset + limit; ++i) {
    const auto& r = *hits[i];
    const std::string link = base + "/getnzb/" + xml_escape(r.guid) + ".nzb?apikey=" + api_key_;
    xml += "  <item>\n   <title>" + xml_escape(r.title) + "</title>\n";
    xml += "   <guid isPermaLink=\"true\">" + base + "/details/" + xml_escape(r.guid) + "</guid>\n";
    xml += "   <link>" + link + "</link>\n";
    xml += "   <comments>" + base + "/details/" + xml_escape(r.guid) + "#comments</comments>\n";
    xml += "   <pubDate>" + r.pub_date + "</pubDate>\n";
    xml += "   <enclosure url=\"" + link + "\" length=\"" + std::to_string(r.size) + "\" type=\"application/x-nzb\"/>\n";
    xml += "   <newznab:attr name=\"category\" value=\"" + std::to_string(r.category) + "\"/>\n";
    xml += "   <newznab:attr name=\"size\" value=\"" + std::to_string(r.size) + "\"/>\n";
    if (r.tvdb_id) xml += "   <newznab:attr name=\"tvdbid\" value=\"" + std::to_string(r.tvdb_id) + "\"/>\n";
    xml += "  </item>\n";
  }
  xml += " </channel>\n</rss>\n";
  return xml;
}

}  // namespace nzbd::e2e
