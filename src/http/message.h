// Plain HTTP request/response values passed between the server and the API
// handlers, so handlers never see Beast types.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nzbd::http {

// A file sent in a multipart/form-data field.
struct FormFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

// Parameters from the query string, an urlencoded body and multipart form
// fields, in that order. Repeated keys keep every value; get() returns the
// first, as SABnzbd does.
class Params {
 public:
  void add(std::string key, std::string value) {
    items_.emplace_back(std::move(key), std::move(value));
  }
  bool has(std::string_view key) const;
  // First value of key, or fallback when absent.
  std::string get(std::string_view key, std::string_view fallback = "") const;
  std::vector<std::string> all(std::string_view key) const;
  // Case-insensitive lookup of the key name (Sonarr's `apikey` in any case).
  std::string get_icase(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

  std::vector<FormFile> files;
  const FormFile* file(std::string_view field) const;

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
  std::string method;   // "GET", "POST", ...
  std::string target;   // raw request target, "/api?mode=queue"
  std::string path;     // decoded path without query, "/api"
  std::string query;    // raw query string without '?'
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  std::string remote_address;
  Params params;        // query + urlencoded/multipart body, parsed by the server
  // The url_base the request came under ("/downloads"), already taken off
  // `path` by the router; "" when it came to the root.
  std::string mount;

  std::string header(std::string_view lower_name) const;
};

// The key as Sonarr's clients send it (X-Api-Key, Authorization: Bearer) or as
// a query/form `apikey` (any case); compared in constant time. An empty
// expected key matches nothing.
bool carries_api_key(const Request& req, std::string_view expected);

struct Response {
  int status = 200;
  std::string content_type = "application/json;charset=UTF-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static Response json(std::string body, int status = 200);
  static Response text(std::string body, int status = 200,
                       std::string content_type = "text/plain;charset=utf-8");
};

}  // namespace nzbd::http
