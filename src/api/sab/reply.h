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
  // An answer already written in full, in the format the call asked for.
  static Reply json_written(std::string text) {
    Reply r;
    r.json_text = std::move(text);
    return r;
  }
  static Reply xml_written(std::string text) {
    Reply r;
    r.xml_text = std::move(text);
    return r;
  }
  std::string keyword;  // "" -> the data object itself (XML root <result>)
  Json data;
  std::string json_text;  // set: the whole JSON answer (data is then unused)
  std::string xml_text;   // set: the whole XML answer
};

inline Reply status_reply(bool ok) { return Reply{"status", ok}; }
inline Reply ok_reply() { return Reply{"", Json{{"status", true}}}; }
inline Reply error_reply(std::string message) {
  return Reply{"", Json{{"status", false}, {"error", std::move(message)}}};
}

std::string render_json(const Reply& reply);
std::string render_xml(const Reply& reply);

// The HTTP response for a reply in the format `output` asks for (a written
// answer's text is moved into it, not copied).
http::Response to_response(Reply&& reply, std::string_view output);

// render_xml's names: a key made a valid tag ("2026-11-23" -> "_2026-11-23"),
// and the name of a list's items ("slots" -> "slot", else "item").
std::string xml_tag(const std::string& key);
std::string xml_item_name(const std::string& parent);

}  // namespace nzbd::api::sab
