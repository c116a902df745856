// Lenient reads from stored JSON: a missing, null or mistyped member gives
// the fallback, so one damaged row reads as defaults instead of failing a
// whole list (the stores beside the library keep their settings as JSON).
#pragma once

#include <nlohmann/json.hpp>

namespace nzbd::pvr {

template <typename T>
T json_get_or(const nlohmann::json& j, const char* key, T fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  try {
    return it->get<T>();
  } catch (const nlohmann::json::exception&) {
    return fallback;
  }
}

}  // namespace nzbd::pvr
