#include "api/sab/reply.h"

#include "util/strings.h"

namespace nzbd::api::sab {
// List items are named after their parent, as SABnzbd's XML writer does.
std::string xml_item_name(const std::string& parent) {
  static const std::pair<const char*, const char*> names[] = {
      {"categories", "category"}, {"slots", "slot"},     {"warnings", "warning"},
      {"servers", "server"},      {"files", "file"},     {"scripts", "script"},
      {"folders", "folder"},      {"stage_log", "stage"}, {"rss", "feed"},
      {"sorters", "sorter"},      {"paths", "path"}};
  for (const auto& [plural, singular] : names)
    if (parent == plural) return singular;
  return "item";
}

std::string xml_tag(const std::string& key) {
  // Keys like "2026-11-23" (server_stats daily) are not valid XML names.
  if (key.empty()) return "item";
  char c = key[0];
  bool ok = std::isalpha(static_cast<unsigned char>(c)) || c == '_';
  std::string tag = ok ? "" : "_";
  for (char k : key) tag += (std::isalnum(static_cast<unsigned char>(k)) || k == '_' || k == '-' || k == '.') ? k : '_';
  return tag;
}

namespace {

void escape_into(std::string& out, const std::string& s) { xml_escape_into(out, s); }

void write_value(std::string& out, const std::string& name, const Json& v);

void write_children(std::string& out, const std::string& name, const Json& v) {
  if (v.is_object()) {
    for (const auto& [k, child] : v.items()) write_value(out, k, child);
  } else if (v.is_array()) {
    std::string child_name = xml_item_name(name);
    for (const auto& child : v) write_value(out, child_name, child);
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "True" : "False";
  } else if (v.is_string()) {
    escape_into(out, v.get<std::string>());
  } else if (!v.is_null()) {
    out += v.dump();
  }
}

void write_value(std::string& out, const std::string& name, const Json& v) {
  std::string tag = xml_tag(name);
  out += "<" + tag + ">";
  write_children(out, name, v);
  out += "</" + tag + ">\n";
}

}  // namespace

std::string render_json(const Reply& reply) {
  if (!reply.json_text.empty()) return reply.json_text;
  if (reply.keyword.empty()) return reply.data.dump(-1, ' ', false, Json::error_handler_t::replace);
  Json wrapped = Json::object();
  wrapped[reply.keyword] = reply.data;
  return wrapped.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string render_xml(const Reply& reply) {
  if (!reply.xml_text.empty()) return reply.xml_text;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";
  write_value(out, reply.keyword.empty() ? "result" : reply.keyword, reply.data);
  return out;
}

http::Response to_response(Reply&& reply, std::string_view output) {
  http::Response r;
  if (!reply.xml_text.empty()) output = "xml";
  else if (!reply.json_text.empty()) output = "json";
  if (output == "xml") {
    r.content_type = "text/xml;charset=utf-8";
    r.body = reply.xml_text.empty() ? render_xml(reply) : std::move(reply.xml_text);
  } else {
    r.content_type = "application/json;charset=UTF-8";
    r.body = reply.json_text.empty() ? render_json(reply) : std::move(reply.json_text);
  }
  r.headers.emplace_back("Pragma", "no-cache");
  return r;
}

}  // namespace nzbd::api::sab
