#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nzbd::test {

struct HttpReply {
  long status = 0;
  std::string content_type;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
};

struct MultipartFile {
  std::string field, filename, content_type, data;
};

using Fields = std::vector<std::pair<std::string, std::string>>;

HttpReply http_get(const std::string& url, const std::vector<std::string>& headers = {});
HttpReply http_post(const std::string& url, const std::string& body, const std::string& content_type,
                    const std::vector<std::string>& headers = {});
HttpReply http_request(const std::string& method, const std::string& url, const std::string& body,
                       const std::vector<std::string>& headers);
HttpReply http_post_form(const std::string& url, const Fields& fields);
HttpReply http_post_multipart(const std::string& url, const Fields& fields,
                              const std::vector<MultipartFile>& files);
std::string url_encode(const std::string& s);

}  // namespace nzbd::test
