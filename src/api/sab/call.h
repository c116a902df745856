// What a mode handler gets: the request's parameters and the daemon's services.
#pragma once

#include <map>
#include <string>

#include "api/sab/reply.h"
#include "api/sab/sab_api.h"

namespace nzbd::api::sab {

struct Call {
  const http::Request& request;
  const http::Params& params;
  Services& services;

  std::string get(std::string_view key, std::string_view fallback = "") const {
    return params.get(key, fallback);
  }
  bool has(std::string_view key) const { return params.has(key); }
};

using ModeHandler = Reply (*)(Call&);
using ModeTable = std::map<std::string, ModeHandler, std::less<>>;

// Each modes_*.cpp adds its modes.
void register_misc_modes(ModeTable& table);
void register_config_modes(ModeTable& table);
void register_queue_modes(ModeTable& table);
void register_history_modes(ModeTable& table);
void register_add_modes(ModeTable& table);
void register_status_modes(ModeTable& table);
void register_browse_modes(ModeTable& table);

// Messages as SABnzbd words them.
inline constexpr const char* kNotImplemented = "not implemented";
inline constexpr const char* kOneParam = "expects one parameter";
inline constexpr const char* kTwoParams = "expects two parameters";
inline constexpr const char* kIntValue = "expects integer value";
inline constexpr const char* kNoItem = "item does not exist";
inline constexpr const char* kNoConfig = "Config item does not exist";

}  // namespace nzbd::api::sab
