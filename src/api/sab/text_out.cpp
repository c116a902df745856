#include "api/sab/text_out.h"

#include <fmt/format.h>

#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

// Bytes a JSON string can carry as they are: printable ASCII but the quote
// and the backslash. Anything else (escapes, UTF-8 to check) goes through the
// library, so the bytes stay exactly its own.
bool plain_ascii(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch >= 0x80 || ch == '"' || ch == '\\') return false;
  return true;
}

void append_json_string(std::string& out, std::string_view s) {
  if (!plain_ascii(s)) {
    out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

void append_int(std::string& out, int64_t v) {
  fmt::format_int digits(v);
  out.append(digits.data(), digits.size());
}

}  // namespace

// --- JSON ---------------------------------------------------------------------------------------

void JsonOut::member(std::string_view key) {
  if (first_.empty()) return;  // the document's root value
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  if (in_array_.back()) return;
  append_json_string(out_, key);
  out_ += ':';
}

void JsonOut::str(std::string_view key, std::string_view value) {
  member(key);
  append_json_string(out_, value);
}

void JsonOut::num(std::string_view key, int64_t value) {
  member(key);
  append_int(out_, value);
}

void JsonOut::boolean(std::string_view key, bool value) {
  member(key);
  out_ += value ? "true" : "false";
}

void JsonOut::null(std::string_view key) {
  member(key);
  out_ += "null";
}

void JsonOut::begin_object(std::string_view key) {
  member(key);
  out_ += '{';
  first_.push_back(true);
  in_array_.push_back(false);
}

void JsonOut::begin_array(std::string_view key) {
  member(key);
  out_ += '[';
  first_.push_back(true);
  in_array_.push_back(true);
}

void JsonOut::end_object() {
  out_ += '}';
  first_.pop_back();
  in_array_.pop_back();
}

void JsonOut::end_array() {
  out_ += ']';
  first_.pop_back();
  in_array_.pop_back();
}

void JsonOut::raw(std::string_view text) {
  if (text.empty()) return;
  if (!first_.back()) out_ += ',';
  first_.back() = false;
  out_ += text;
}

// --- XML ----------------------------------------------------------------------------------------

std::string XmlOut::tag(std::string_view key) const {
  if (!item_name_.empty() && !item_name_.back().empty()) return item_name_.back();
  return xml_tag(std::string(key));
}

void XmlOut::open(const std::string& t) {
  out_ += '<';
  out_ += t;
  out_ += '>';
}

void XmlOut::str(std::string_view key, std::string_view value) {
  std::string t = tag(key);
  open(t);
  xml_escape_into(out_, value);
  out_ += "</" + t + ">\n";
}

void XmlOut::num(std::string_view key, int64_t value) {
  std::string t = tag(key);
  open(t);
  append_int(out_, value);
  out_ += "</" + t + ">\n";
}

void XmlOut::boolean(std::string_view key, bool value) {
  std::string t = tag(key);
  open(t);
  out_ += value ? "True" : "False";
  out_ += "</" + t + ">\n";
}

void XmlOut::null(std::string_view key) {
  std::string t = tag(key);
  out_ += "<" + t + "></" + t + ">\n";
}

void XmlOut::begin_object(std::string_view key) {
  std::string t = tag(key);
  open(t);
  open_.push_back(std::move(t));
  item_name_.emplace_back();
}

void XmlOut::begin_array(std::string_view key) {
  // Items take their name from the list's own key, as render_xml names them.
  std::string items = xml_item_name(item_name_.empty() || item_name_.back().empty() ? std::string(key)
                                                                                   : item_name_.back());
  std::string t = tag(key);
  open(t);
  open_.push_back(std::move(t));
  item_name_.push_back(std::move(items));
}

void XmlOut::end_object() {
  out_ += "</" + open_.back() + ">\n";
  open_.pop_back();
  item_name_.pop_back();
}

void XmlOut::end_array() { end_object(); }

void XmlOut::raw(std::string_view text) { out_ += text; }

// --- tree ---------------------------------------------------------------------------------------

Json& TreeOut::put(std::string_view key, Json value) {
  Json& top = *stack_.back();
  if (top.is_array()) {
    top.push_back(std::move(value));
    return top.back();
  }
  Json& slot = top[std::string(key)];
  slot = std::move(value);
  return slot;
}

}  // namespace nzbd::api::sab
