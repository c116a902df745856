#include "pvr/import/settings_store.h"

#include <cctype>
#include <charconv>

#include "pvr/db.h"
#include "util/strings.h"

namespace nzbd::pvr {
using nlohmann::json;

std::string pascal_case(std::string_view key) {
  std::string p(key);
  if (!p.empty()) p[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p[0])));
  return p;
}

const json* find_key(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (iequals(it.key(), key)) return it->is_null() ? nullptr : &*it;
  }
  return nullptr;
}

namespace {
Error wrong_type(std::string_view key, const char* what) {
  return make_error(std::string(key) + " must be " + what);
}
}  // namespace

Status read_field(const json& obj, std::string_view key, bool& out) {
  const json* v = find_key(obj, key);
  if (!v) return ok_status();
  if (v->is_boolean()) out = v->get<bool>();
  else if (v->is_number_integer()) out = v->get<long long>() != 0;
  else if (v->is_string() && (*v == "true" || *v == "True" || *v == "1")) out = true;
  else if (v->is_string() && (*v == "false" || *v == "False" || *v == "0")) out = false;
  else return wrong_type(key, "true or false");
  return ok_status();
}

Status read_field(const json& obj, std::string_view key, int& out) {
  const json* v = find_key(obj, key);
  if (!v) return ok_status();
  if (v->is_number_integer()) {
    long long n = v->get<long long>();
    if (n < -2147483647LL || n > 2147483647LL) return wrong_type(key, "a whole number in range");
    out = static_cast<int>(n);
    return ok_status();
  }
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (d != static_cast<double>(static_cast<long long>(d)) || d < -2147483647.0 || d > 2147483647.0)
      return wrong_type(key, "a whole number");
    out = static_cast<int>(d);
    return ok_status();
  }
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    int n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) {
      out = n;
      return ok_status();
    }
  }
  return wrong_type(key, "a whole number");
}

Status read_field(const json& obj, std::string_view key, std::string& out) {
  const json* v = find_key(obj, key);
  if (!v) return ok_status();
  if (!v->is_string()) return wrong_type(key, "text");
  out = v->get<std::string>();
  return ok_status();
}

}  // namespace nzbd::pvr
