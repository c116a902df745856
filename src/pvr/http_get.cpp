#include "pvr/http_get.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>

namespace nzbd::pvr {
namespace {

struct Sink {
  std::size_t max_body = kDefaultMaxBody;
  std::string body;
  std::optional<int> retry_after;
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
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    bool match = true;
    for (std::size_t i = 0; i < kName.size() && match; ++i)
      match = std::tolower(static_cast<unsigned char>(line[i])) == kName[i];
    if (match) {
      int v = 0;
      bool any = false;
      for (char c : line.substr(kName.size())) {
        if (std::isdigit(static_cast<unsigned char>(c)) && v < 100000) {
          v = v * 10 + (c - '0');
          any = true;
        }
      }
      if (any) sink->retry_after = v;
    }
  }
  return size * n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

// The options both calls share; the caller adds method-specific ones.
void common_options(CURL* c, const std::string& url, std::chrono::seconds timeout, Sink& sink) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "nzbd (TV library)");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &sink);
}

Result<HttpReply> perform(CURL* c, const std::string& url, Sink& sink) {
  CURLcode rc = curl_easy_perform(c);
  if (sink.overflow || rc == CURLE_FILESIZE_EXCEEDED) {
    std::size_t cap = sink.max_body;
    std::string limit = cap % (1u << 20) == 0 ? std::to_string(cap >> 20) + " MiB" : std::to_string(cap) + " bytes";
    return make_error("reply from " + url + " is larger than " + limit);
  }
  if (rc != CURLE_OK) return make_error("cannot fetch " + url + ": " + curl_easy_strerror(rc));
  HttpReply reply;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(sink.body);
  reply.retry_after_seconds = sink.retry_after;
  char* type = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) reply.content_type = type;
  return reply;
}

struct MimeDeleter {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};

}  // namespace

HttpGet curl_http_get(std::chrono::seconds timeout, std::size_t max_body) {
  global_init();
  return [timeout, max_body](const std::string& url) -> Result<HttpReply> {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error("curl_easy_init failed");
    Sink sink;
    sink.max_body = max_body;
    CURL* c = curl.get();
    common_options(c, url, timeout, sink);
    // A Content-Length past the cap is refused before the body is read.
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_body));
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    return perform(c, url, sink);
  };
}

HttpPostForm curl_http_post_form(std::chrono::seconds timeout) {
  global_init();
  return [timeout](const std::string& url, const std::vector<FormPart>& parts) -> Result<HttpReply> {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error("curl_easy_init failed");
    CURL* c = curl.get();
    std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
    if (!mime) return make_error("curl_mime_init failed");
    for (const auto& p : parts) {
      curl_mimepart* part = curl_mime_addpart(mime.get());
      curl_mime_name(part, p.name.c_str());
      curl_mime_data(part, p.value.data(), p.value.size());
      if (!p.filename.empty()) curl_mime_filename(part, p.filename.c_str());
      std::string type = p.content_type;
      if (type.empty() && !p.filename.empty()) type = "application/octet-stream";
      if (!type.empty()) curl_mime_type(part, type.c_str());
    }
    Sink sink;
    common_options(c, url, timeout, sink);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
    return perform(c, url, sink);
  };
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

}  // namespace nzbd::pvr
