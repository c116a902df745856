// The TV side's HTTP transport: net's libcurl wrapper with the TV library's
// user agent, behind the injectable HttpGet/HttpPostForm its clients take
// (tests hand in canned replies or a local server).
#pragma once

#include <chrono>
#include <cstddef>

#include "net/http_fetch.h"

namespace nzbd::pvr {

using net::FormPart;
using net::HttpGet;
using net::HttpPostForm;
using net::HttpReply;
using net::kDefaultMaxBody;
using net::url_escape;

// Follows redirects (TVMaze's /lookup answers 301/302), only over http(s);
// a body past max_body bytes (after decompression) is an error naming the
// limit. Error messages start "cannot fetch <url>: " (indexers redact the
// key from them).
HttpGet curl_http_get(std::chrono::seconds timeout = std::chrono::seconds(30), std::size_t max_body = kDefaultMaxBody);

// Same limits; redirects are not followed (a POST body must not be re-sent
// somewhere else).
HttpPostForm curl_http_post_form(std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace nzbd::pvr
