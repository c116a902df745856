#include "pvr/http_get.h"

namespace nzbd::pvr {
namespace {

net::FetchOptions tv_options(std::chrono::seconds timeout, std::size_t max_body) {
  net::FetchOptions o;
  o.timeout = timeout;
  o.max_body = max_body;
  o.user_agent = "nzbd (TV library)";
  return o;
}

Result<HttpReply> with_url(Result<HttpReply> r, const std::string& url) {
  if (r) return r;
  return make_error("cannot fetch " + url + ": " + r.message());
}

}  // namespace

HttpGet curl_http_get(std::chrono::seconds timeout, std::size_t max_body) {
  return [o = tv_options(timeout, max_body)](const std::string& url) { return with_url(net::http_get(url, o), url); };
}

HttpPostForm curl_http_post_form(std::chrono::seconds timeout) {
  return [o = tv_options(timeout, kDefaultMaxBody)](const std::string& url, const std::vector<FormPart>& parts) {
    return with_url(net::http_post_form(url, parts, o), url);
  };
}

}  // namespace nzbd::pvr
