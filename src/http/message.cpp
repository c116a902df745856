#include "http/message.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"

namespace nzbd::http {

bool Params::has(std::string_view key) const {
  return std::any_of(items_.begin(), items_.end(), [&](const auto& kv) { return kv.first == key; });
}

std::string Params::get(std::string_view key, std::string_view fallback) const {
  for (const auto& [k, v] : items_)
    if (k == key) return v;
  return std::string(fallback);
}

std::vector<std::string> Params::all(std::string_view key) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : items_)
    if (k == key) out.push_back(v);
  return out;
}

std::string Params::get_icase(std::string_view key) const {
  for (const auto& [k, v] : items_)
    if (iequals(k, key)) return v;
  return {};
}

const FormFile* Params::file(std::string_view field) const {
  for (const auto& f : files)
    if (f.field == field) return &f;
  return nullptr;
}

std::string Request::header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  return it == headers.end() ? std::string() : it->second;
}

bool carries_api_key(const Request& req, std::string_view expected) {
  if (expected.empty()) return false;
  auto matches = [&](std::string_view given) { return constant_time_equals(given, expected); };
  if (matches(req.params.get_icase("apikey")) || matches(req.header("x-api-key"))) return true;
  std::string auth = req.header("authorization");
  return auth.size() > 7 && iequals(std::string_view(auth).substr(0, 7), "bearer ") &&
         matches(std::string_view(auth).substr(7));
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, int status, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

}  // namespace nzbd::http
