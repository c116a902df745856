// SABnzbd's response envelope (api.report()): a keyword and its data,
// rendered as JSON or as the same tree in XML.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "http/message.h"

namespace nzbd::api::sab {

using Json = nlohmann::ordered_json;

struct Reply {
  std::string keyword;  // "" -> the data object itself (XML root <result>)
  Json data;
};

inline Reply status_reply(bool ok) { return Reply{"status", ok}; }
inline Reply ok_reply() { return Reply{"", Json{{"status", true}}}; }
inline Reply error_reply(std::string message) {
  return Reply{"", Json{{"status", false}, {"error", std::move(message)}}};
}

std::string render_json(const Reply& reply);
std::string render_xml(const Reply& reply);

// The HTTP response for a reply in the format `output` asks for.
http::Response to_response(const Reply& reply, std::string_view output);

}  // namespace nzbd::api::sab
