// Minimal blocking HTTP calls (libcurl): a GET, and a multipart/form-data
// POST (SABnzbd's addfile). Injectable so clients can be tested against
// canned replies or a local server.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace nzbd::pvr {

struct HttpReply {
  long status = 0;
  std::string body;
  std::optional<int> retry_after_seconds;  // from a Retry-After header
  std::string content_type;                // the Content-Type header, "" when absent
};

// Transport failures (DNS, refused, timeout, oversize) are errors; any HTTP
// status is a reply.
using HttpGet = std::function<Result<HttpReply>(const std::string& url)>;

inline constexpr std::size_t kDefaultMaxBody = 32u << 20;

// Follows redirects (TVMaze's /lookup answers 301/302), only over http(s);
// a body past max_body bytes (after decompression) aborts the transfer and
// is an error naming the limit.
HttpGet curl_http_get(std::chrono::seconds timeout = std::chrono::seconds(30), std::size_t max_body = kDefaultMaxBody);

// One part of a multipart/form-data body; a non-empty filename makes it a
// file part.
struct FormPart {
  std::string name;
  std::string value;
  std::string filename;
  std::string content_type;  // default: text/plain, or application/octet-stream for files
};

using HttpPostForm = std::function<Result<HttpReply>(const std::string& url, const std::vector<FormPart>& parts)>;

// Same limits as curl_http_get; redirects are not followed (a POST body
// must not be re-sent somewhere else).
HttpPostForm curl_http_post_form(std::chrono::seconds timeout = std::chrono::seconds(30));

// Percent-encodes a query value.
std::string url_escape(std::string_view value);

}  // namespace nzbd::pvr
