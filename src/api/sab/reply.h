// SABnzbd's response envelope (api.report()): a keyword and its data,
// rendered as JSON or as the same tree in XML.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "http/message.h"

namespace nzbd::api::sab {

using Json = nlohmann::ordered_json;

struct Reply {
  Reply(std::string keyword_ = "", Json data_ = nullptr) : keyword(std::move(keyword_)), data(std::move(data_)) {}
  // A JSON answer already written in full (XML is not offered for it).
  static Reply json_written(std::string text) {
    Reply r;
    r.json_text = std::move(text);
    return r;
  }
  std::string keyword;  // "" -> the data object itself (XML root <result>)
  Json data;
  std::string json_text;  // set: the whole JSON answer (data is then unused)
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
