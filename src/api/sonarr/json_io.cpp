// Lenient JSON reading and Sonarr's reply/error shapes.
#include "api/sonarr/json_io.h"
#include "util/strings.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace nzbd::sonarr {

namespace {
// Newtonsoft (Sonarr 2/3) read JSON5-ish input: the spec's own curl example
// sends {name: "missingEpisodeSearch"}. Quote bare keys, drop trailing commas.
std::string relax_json(const std::string& in) {
  std::string out;
  out.reserve(in.size() + 16);
  bool in_string = false;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < in.size()) out += in[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
      std::size_t j = i;
      while (j < in.size() && (std::isalnum(static_cast<unsigned char>(in[j])) || in[j] == '_' || in[j] == '$')) ++j;
      std::size_t k = j;
      while (k < in.size() && std::isspace(static_cast<unsigned char>(in[k]))) ++k;
      std::string word = in.substr(i, j - i);
      if (k < in.size() && in[k] == ':') out += '"' + word + '"';
      else out += word;
      i = j - 1;
    } else if (c == ',') {
      std::size_t k = i + 1;
      while (k < in.size() && std::isspace(static_cast<unsigned char>(in[k]))) ++k;
      if (k < in.size() && (in[k] == '}' || in[k] == ']')) continue;
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}
}  // namespace

std::optional<json> parse_body(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) j = json::parse(relax_json(body), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (iequals(it.key(), key)) return it->is_null() ? nullptr : &*it;
  return nullptr;
}

std::optional<int> parse_int(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (iequals(text, "true") || text == "1") return true;
  if (iequals(text, "false") || text == "0") return false;
  return std::nullopt;
}

std::optional<int> as_int(const json* v) {
  if (!v) return std::nullopt;
  if (v->is_number()) {
    double d = v->get<double>();
    if (!std::isfinite(d) || d < -2147483648.0 || d > 2147483647.0 || d != std::floor(d))
      return std::nullopt;
    return static_cast<int>(d);
  }
  if (v->is_string()) return parse_int(v->get_ref<const std::string&>());
  return std::nullopt;
}

std::optional<bool> as_bool(const json* v) {
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number_integer()) return v->get<long long>() != 0;
  if (v->is_string()) return parse_bool(v->get_ref<const std::string&>());
  return std::nullopt;
}

std::optional<std::string> as_string(const json* v) {
  if (!v) return std::nullopt;
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number() || v->is_boolean()) return v->dump();
  return std::nullopt;
}

std::vector<int> as_int_list(const json* v) {
  std::vector<int> out;
  if (!v) return out;
  if (v->is_array()) {
    for (const auto& item : *v)
      if (auto i = as_int(&item)) out.push_back(*i);
  } else if (v->is_string()) {
    std::string_view s = v->get_ref<const std::string&>();
    std::size_t start = 0;
    while (start <= s.size()) {
      auto comma = s.find(',', start);
      auto part = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (auto i = parse_int(part)) out.push_back(*i);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  } else if (auto i = as_int(v)) {
    out.push_back(*i);
  }
  return out;
}

http::Response reply(const json& body, int status) {
  return http::Response::json(body.dump(-1, ' ', false, json::error_handler_t::replace), status);
}

http::Response empty_ok() { return http::Response::json("", 200); }

http::Response not_found(const std::string& message) { return reply(json{{"message", message}}, 404); }

http::Response bad_request(const std::string& message) {
  return reply(json{{"message", message}}, 400);
}

http::Response error_reply(const Error& error) {
  switch (error.kind) {
    case ErrorKind::NotFound: return not_found(error.message);
    case ErrorKind::Invalid: return bad_request(error.message);
    case ErrorKind::Conflict: return reply(json{{"message", error.message}}, 409);
    case ErrorKind::Busy: {
      http::Response r = reply(json{{"message", error.message}, {"description", "database busy"}}, 503);
      r.headers.emplace_back("Retry-After", "5");
      return r;
    }
    default: return reply(json{{"message", error.message}, {"description", "internal error"}}, 500);
  }
}

http::Response method_not_allowed() { return http::Response::json("", 405); }

http::Response validation_error(const std::vector<Failure>& failures) {
  json arr = json::array();
  for (const auto& f : failures) {
    json item = {{"propertyName", f.property},
                 {"errorMessage", f.message},
                 {"severity", "error"},
                 {"errorCode", f.code}};
    if (!f.attempted.is_null()) item["attemptedValue"] = f.attempted;
    arr.push_back(std::move(item));
  }
  return reply(arr, 400);
}

}  // namespace nzbd::sonarr
