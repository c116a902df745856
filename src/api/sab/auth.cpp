#include "api/sab/auth.h"

#include <array>

#include "util/strings.h"

namespace nzbd::api::sab {

bool mode_is_public(std::string_view mode) { return mode == "version" || mode == "auth"; }

bool nzb_key_allowed(std::string_view mode, std::string_view name) {
  static constexpr std::array<std::string_view, 10> job_modes = {
      "addfile", "addurl", "addlocalfile", "version", "auth", "change_cat", "change_script",
      "change_opts", "switch", "move_nzf_bulk"};
  for (auto m : job_modes)
    if (mode == m) return true;
  if (mode == "queue") {
    static constexpr std::array<std::string_view, 8> queue_names = {
        "delete", "pause", "resume", "rename", "priority", "purge", "delete_nzf", "sort"};
    for (auto n : queue_names)
      if (name == n) return true;
  }
  return false;
}

KeyCheck check_key(const http::Params& params, std::string_view api_key, std::string_view nzb_key) {
  std::string mode = params.get("mode");
  if (mode_is_public(mode)) return KeyCheck::Allowed;
  std::string key = params.get("apikey");
  if (key.empty()) return KeyCheck::Required;
  if (constant_time_equals(key, api_key)) return KeyCheck::Allowed;
  if (constant_time_equals(key, nzb_key) && nzb_key_allowed(mode, params.get("name")))
    return KeyCheck::Allowed;
  return KeyCheck::Incorrect;
}

}  // namespace nzbd::api::sab
