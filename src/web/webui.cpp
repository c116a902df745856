#include "web/webui.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <array>
#include <fstream>
#include <iterator>

#include "web/assets.h"

namespace nzbd::web {
namespace {

std::string sha256(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string base64(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string hex(std::string_view raw) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// gzip (not raw deflate): what browsers take for Content-Encoding: gzip.
std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string{};
}

std::string mime_type(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html;charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript;charset=utf-8";
  if (ends(".css")) return "text/css;charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json") || ends(".webmanifest")) return "application/json;charset=utf-8";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "text/plain;charset=utf-8";
}

// The inline import map is the page's only inline script; the CSP names it by hash.
std::string importmap_hash(std::string_view html) {
  constexpr std::string_view open = "<script type=\"importmap\">";
  auto start = html.find(open);
  if (start == std::string_view::npos) return {};
  start += open.size();
  auto end = html.find("</script>", start);
  if (end == std::string_view::npos) return {};
  return "'sha256-" + base64(sha256(html.substr(start, end - start))) + "'";
}

bool accepts_gzip(const http::Request& r) { return r.header("accept-encoding").find("gzip") != std::string::npos; }

}  // namespace

std::string ui_path(const std::string& p) {
  std::string rest = p;
  if (rest == "/sabnzbd") return "/index.html";
  if (rest.rfind("/sabnzbd/", 0) == 0) rest = rest.substr(8);
  if (rest == "/" || rest == "/index.html") return "/index.html";
  bool known = rest.rfind("/app/", 0) == 0 || rest.rfind("/vendor/", 0) == 0 || rest == "/licenses.txt" ||
               rest == "/favicon.svg";
  if (!known || rest.find("..") != std::string::npos || rest.find('\\') != std::string::npos) return {};
  return rest;
}

WebUi::WebUi(std::filesystem::path dev_dir) : dev_dir_(std::move(dev_dir)) {}

const WebUi::File* WebUi::embedded_file(const std::string& path) const {
  std::lock_guard lock(mutex_);
  if (auto it = files_.find(path); it != files_.end()) return &it->second;
  for (const Asset& a : embedded_assets())
    if (a.path == path) return &files_.emplace(path, make_file(path, std::string(a.data))).first->second;
  return nullptr;
}

const std::string& WebUi::csp() const {
  std::call_once(csp_once_, [this] {
    std::string script_src = "'self'";
    for (const Asset& a : embedded_assets()) {
      if (a.path != "/index.html") continue;
      auto h = importmap_hash(a.data);
      if (!h.empty()) script_src += " " + h;
    }
    // Posters are TVMaze's remote images until nzbd keeps a local cover cache.
    csp_ = "default-src 'self'; script-src " + script_src +
           "; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'self'; "
           "base-uri 'self'; form-action 'self'; object-src 'none'";
  });
  return csp_;
}

WebUi::File WebUi::make_file(const std::string& path, std::string body) const {
  File f;
  f.etag = "\"" + hex(sha256(body).substr(0, 12)) + "\"";
  f.content_type = mime_type(path);
  if (body.size() > 256) {
    f.gzip = gzip(body);
    if (f.gzip.size() >= body.size()) f.gzip.clear();
  }
  f.body = std::move(body);
  return f;
}

std::optional<WebUi::File> WebUi::dev_file(const std::string& path) const {
  if (dev_dir_.empty() || path.rfind("/vendor/", 0) == 0) return std::nullopt;
  std::ifstream in(dev_dir_ / path.substr(1), std::ios::binary);
  if (!in) return std::nullopt;
  return make_file(path, std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

std::optional<http::Response> WebUi::serve(const http::Request& req) const {
  std::string path = ui_path(req.path);
  if (path.empty()) return std::nullopt;
  std::optional<File> dev = dev_file(path);
  const File* f = dev ? &*dev : nullptr;
  if (!f) f = embedded_file(path);
  if (!f) return std::nullopt;
  http::Response r;
  r.content_type = f->content_type;
  bool immutable = path.rfind("/vendor/", 0) == 0;  // never from dev_dir_
  r.headers = {{"ETag", f->etag},
               {"Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache"},
               {"Vary", "Accept-Encoding"},
               {"X-Content-Type-Options", "nosniff"},
               {"Referrer-Policy", "no-referrer"}};
  if (path == "/index.html") r.headers.emplace_back("Content-Security-Policy", csp());
  if (req.header("if-none-match") == f->etag) {
    r.status = 304;
    return r;
  }
  if (!f->gzip.empty() && accepts_gzip(req)) {
    r.body = f->gzip;
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.body = f->body;
  }
  return r;
}

}  // namespace nzbd::web
