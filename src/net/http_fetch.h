// Outgoing HTTP over libcurl, for everything the daemon fetches: a GET with
// timeouts, a body cap and redirects restricted to http(s), and a
// multipart/form-data POST. Both hand back the final response's headers.
// Callers that want to be testable without a network take an HttpGet /
// HttpPostForm and default it to these.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::net {

struct Header {
  std::string name;
  std::string value;
};

struct HttpReply {
  // {} on each member: a brace list that names only the first values leaves the
  // rest empty without a -Wmissing-field-initializers warning.
  long status = 0;
  std::string body{};
  std::optional<int> retry_after_seconds{};  // from a Retry-After header (seconds form)
  std::string content_type{};                // the Content-Type header, "" when absent
  std::vector<Header> headers{};             // of the last response, after redirects

  // The first header called `name` (case-insensitive), "" when absent.
  std::string header(std::string_view name) const;
};

inline constexpr std::size_t kDefaultMaxBody = 32u << 20;

struct FetchOptions {
  std::chrono::seconds timeout{30};          // the whole transfer
  std::chrono::seconds connect_timeout{10};
  std::size_t max_body = kDefaultMaxBody;    // after decompression
  long max_redirects = 5;                    // GET only; a POST never follows one
  std::string user_agent = "nzbd";
  std::string what = "reply";                // names the body in the size error ("NZB")
};

// Transport failures (DNS, refused, timeout, oversize, a redirect to anything
// but http/https) are errors whose message says what went wrong, without the
// URL (it may carry an API key); any HTTP status is a reply.
Result<HttpReply> http_get(const std::string& url, const FetchOptions& options = {});

// One part of a multipart/form-data body; a non-empty filename makes it a
// file part.
struct FormPart {
  std::string name;
  std::string value;
  std::string filename;
  std::string content_type;  // default: text/plain, or application/octet-stream for files
};

Result<HttpReply> http_post_form(const std::string& url, const std::vector<FormPart>& parts,
                                 const FetchOptions& options = {});

// Injectable transports (tests hand in canned replies).
using HttpGet = std::function<Result<HttpReply>(const std::string& url)>;
using HttpPostForm = std::function<Result<HttpReply>(const std::string& url, const std::vector<FormPart>& parts)>;

// Percent-encodes a query value (RFC 3986 unreserved characters stay).
std::string url_escape(std::string_view value);

// "Content-Disposition: attachment; filename="x.nzb"" -> "x.nzb"; "" when
// the header names no file.
std::string disposition_filename(std::string_view content_disposition);

}  // namespace nzbd::net
