#include <nlohmann/json.hpp>

#include "history/store.h"

namespace nzbd::history {

std::string stage_log_to_json(const std::vector<StageLog>& log) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& stage : log) arr.push_back({{"name", stage.name}, {"actions", stage.actions}});
  return arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The column is ours, but a damaged value must not take the listing down:
// anything unexpected is skipped.
std::vector<StageLog> stage_log_from_json(const std::string& text) {
  std::vector<StageLog> out;
  auto arr = nlohmann::json::parse(text, nullptr, false);
  if (!arr.is_array()) return out;
  for (const auto& item : arr) {
    if (!item.is_object()) continue;
    StageLog stage;
    if (auto it = item.find("name"); it != item.end() && it->is_string()) stage.name = it->get<std::string>();
    if (auto it = item.find("actions"); it != item.end() && it->is_array())
      for (const auto& a : *it)
        if (a.is_string()) stage.actions.push_back(a.get<std::string>());
    out.push_back(std::move(stage));
  }
  return out;
}

}  // namespace nzbd::history
