#include "net/http_fetch.h"

#include <cctype>
#include <memory>

#include "net/curl.h"
#include "util/strings.h"

namespace nzbd::net {
namespace {

// What a transfer collects: the body up to its cap, and the headers of the
// response being read (a redirect's or a 100-continue's are dropped when
// the next status line starts).
struct Sink {
  std::size_t max_body = kDefaultMaxBody;
  std::string body;
  std::vector<Header> headers;
  bool overflow = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t len = size * n;
  if (sink->body.size() + len > sink->max_body) {
    sink->overflow = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, len);
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") {
    sink->headers.clear();
  } else if (auto colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
    sink->headers.push_back({trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
  }
  return size * n;
}

struct CurlDeleter {
  const Curl* api;
  void operator()(CURL* c) const { api->easy_cleanup(c); }
};
struct MimeDeleter {
  const Curl* api;
  void operator()(curl_mime* m) const { api->mime_free(m); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;

// The options both methods share; the caller adds method-specific ones.
void common_options(const Curl& k, CURL* c, const std::string& url, const FetchOptions& o, Sink& sink, char* error) {
  k.easy_setopt(c, CURLOPT_URL, url.c_str());
  k.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  k.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  k.easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(o.timeout.count()));
  k.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(o.connect_timeout.count()));
  k.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  k.easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
  k.easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  k.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  k.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  k.easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  k.easy_setopt(c, CURLOPT_HEADERDATA, &sink);
  k.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  sink.max_body = o.max_body;
}

std::string size_text(std::size_t bytes) {
  return bytes % (1u << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// curl's own words first (callers match on them), then what to do about it.
std::string failure_text(const Curl& k, CURLcode rc, const char* detail, const FetchOptions& o) {
  std::string text = k.easy_strerror(rc);
  if (detail[0] && text != detail) text += std::string(" (") + detail + ")";
  switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      return text + "; only http:// and https:// addresses are fetched, also after a redirect";
    case CURLE_TOO_MANY_REDIRECTS:
      return text + "; more than " + std::to_string(o.max_redirects) + " redirects";
    case CURLE_OPERATION_TIMEDOUT:
      return text + "; no complete answer within " + std::to_string(o.timeout.count()) + " s";
    default:
      return text;
  }
}

std::optional<int> retry_after(const HttpReply& reply) {
  std::string v = reply.header("Retry-After");
  if (v.empty() || v.size() > 9) return std::nullopt;  // HTTP-date form, or absurd
  for (char c : v)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return std::stoi(v);
}

Result<HttpReply> perform(const Curl& k, CURL* c, Sink& sink, const char* error, const FetchOptions& o) {
  CURLcode rc = k.easy_perform(c);
  if (sink.overflow || rc == CURLE_FILESIZE_EXCEEDED)
    return make_error(o.what + " is larger than " + size_text(sink.max_body));
  if (rc != CURLE_OK) return make_error(failure_text(k, rc, error, o));
  HttpReply reply;
  k.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(sink.body);
  reply.headers = std::move(sink.headers);
  reply.retry_after_seconds = retry_after(reply);
  char* type = nullptr;
  if (k.easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) reply.content_type = type;
  return reply;
}

Result<CurlPtr> new_handle(const Curl& k) {
  CurlPtr curl(k.easy_init(), CurlDeleter{&k});
  if (!curl) return make_error("cannot start libcurl (curl_easy_init failed)");
  return curl;
}

}  // namespace

std::string HttpReply::header(std::string_view name) const {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return h.value;
  return {};
}

Result<HttpReply> http_get(const std::string& url, const FetchOptions& options) {
  auto api = net::curl();
  if (!api) return api.error();
  const Curl& k = **api;
  auto curl = new_handle(k);
  if (!curl) return curl.error();
  CURL* c = curl->get();
  Sink sink;
  char error[CURL_ERROR_SIZE] = "";
  common_options(k, c, url, options, sink, error);
  // A Content-Length past the cap is refused before the body is read.
  k.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body));
  k.easy_setopt(c, CURLOPT_FOLLOWLOCATION, options.max_redirects > 0 ? 1L : 0L);
  k.easy_setopt(c, CURLOPT_MAXREDIRS, options.max_redirects);
  return perform(k, c, sink, error, options);
}

Result<HttpReply> http_post_form(const std::string& url, const std::vector<FormPart>& parts,
                                 const FetchOptions& options) {
  auto api = net::curl();
  if (!api) return api.error();
  const Curl& k = **api;
  auto curl = new_handle(k);
  if (!curl) return curl.error();
  CURL* c = curl->get();
  std::unique_ptr<curl_mime, MimeDeleter> mime(k.mime_init(c), MimeDeleter{&k});
  if (!mime) return make_error("cannot start libcurl (curl_mime_init failed)");
  for (const auto& p : parts) {
    curl_mimepart* part = k.mime_addpart(mime.get());
    k.mime_name(part, p.name.c_str());
    k.mime_data(part, p.value.data(), p.value.size());
    if (!p.filename.empty()) k.mime_filename(part, p.filename.c_str());
    std::string type = p.content_type;
    if (type.empty() && !p.filename.empty()) type = "application/octet-stream";
    if (!type.empty()) k.mime_type(part, type.c_str());
  }
  Sink sink;
  char error[CURL_ERROR_SIZE] = "";
  common_options(k, c, url, options, sink, error);
  // Not followed: the form must not be re-sent somewhere else.
  k.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  k.easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  return perform(k, c, sink, error, options);
}

std::string url_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string disposition_filename(std::string_view value) {
  auto pos = value.find("filename=");
  if (pos == std::string_view::npos) return {};
  std::string name = trim(value.substr(pos + 9));
  if (!name.empty() && name.front() == '"') name = name.substr(1, name.find('"', 1) - 1);
  return name;
}

}  // namespace nzbd::net
