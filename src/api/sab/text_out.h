// Where an answer's fields go as they are written: JSON text, XML text (the
// shape render_xml gives a tree) or an nlohmann tree (fullstatus, which
// embeds the queue header). One piece of code names the fields, in SABnzbd's
// order and JSON types, for all three; the text sinks write straight into
// one buffer, so pollers' answers cost no tree of their own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/sab/reply.h"

namespace nzbd::api::sab {

class Out {
 public:
  virtual ~Out() = default;
  // `key` names a member of the enclosing object; inside an array it is ignored.
  virtual void str(std::string_view key, std::string_view value) = 0;
  virtual void num(std::string_view key, int64_t value) = 0;
  virtual void boolean(std::string_view key, bool value) = 0;
  virtual void null(std::string_view key) = 0;
  virtual void begin_object(std::string_view key) = 0;
  virtual void end_object() = 0;
  virtual void begin_array(std::string_view key) = 0;
  virtual void end_array() = 0;
  // Members written earlier by a sink of the same kind (a cached slot's fields).
  virtual void raw(std::string_view text) = 0;

  void str_or_null(std::string_view key, const std::string& value) {
    value.empty() ? null(key) : str(key, value);
  }
  void strings(std::string_view key, const std::vector<std::string>& values) {
    begin_array(key);
    for (const auto& v : values) str("", v);
    end_array();
  }
};

// Compact JSON, byte for byte what Json::dump(-1, ' ', false, replace) gives.
class JsonOut final : public Out {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}
  void str(std::string_view key, std::string_view value) override;
  void num(std::string_view key, int64_t value) override;
  void boolean(std::string_view key, bool value) override;
  void null(std::string_view key) override;
  void begin_object(std::string_view key) override;
  void end_object() override;
  void begin_array(std::string_view key) override;
  void end_array() override;
  void raw(std::string_view text) override;
  // A fragment of members to be raw()-ed later into an object that already has some.
  void start_fragment() {
    first_.push_back(true);
    in_array_.push_back(false);
  }

 private:
  void member(std::string_view key);
  std::string& out_;
  std::vector<bool> first_;  // per open object/array: nothing written in it yet
  std::vector<bool> in_array_;
};

// render_xml's shape: <key>value</key>\n, list items named after the list.
class XmlOut final : public Out {
 public:
  explicit XmlOut(std::string& out) : out_(out) {}
  void str(std::string_view key, std::string_view value) override;
  void num(std::string_view key, int64_t value) override;
  void boolean(std::string_view key, bool value) override;
  void null(std::string_view key) override;
  void begin_object(std::string_view key) override;
  void end_object() override;
  void begin_array(std::string_view key) override;
  void end_array() override;
  void raw(std::string_view text) override;

 private:
  std::string tag(std::string_view key) const;
  void open(const std::string& tag);
  std::string& out_;
  std::vector<std::string> open_;       // tags of the open elements
  std::vector<std::string> item_name_;  // per open element: its items' name, "" when an object
};

// An nlohmann tree, for answers still built as one.
class TreeOut final : public Out {
 public:
  explicit TreeOut(Json& root) : stack_{&root} {}
  void str(std::string_view key, std::string_view value) override { put(key, Json(std::string(value))); }
  void num(std::string_view key, int64_t value) override { put(key, Json(value)); }
  void boolean(std::string_view key, bool value) override { put(key, Json(value)); }
  void null(std::string_view key) override { put(key, Json(nullptr)); }
  void begin_object(std::string_view key) override { stack_.push_back(&put(key, Json::object())); }
  void end_object() override { stack_.pop_back(); }
  void begin_array(std::string_view key) override { stack_.push_back(&put(key, Json::array())); }
  void end_array() override { stack_.pop_back(); }
  void raw(std::string_view) override {}  // text fragments have no place in a tree

 private:
  Json& put(std::string_view key, Json value);
  std::vector<Json*> stack_;
};

// The XML answer's first line, as render_xml writes it.
inline constexpr std::string_view kXmlProlog = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

// Appends one answer to `text`: XML as `write` gives it, JSON inside the
// unnamed top-level object every SABnzbd answer has.
template <typename Write>
void write_answer(std::string& text, bool xml, Write&& write) {
  if (xml) {
    XmlOut out(text);
    write(out);
    return;
  }
  JsonOut out(text);
  out.begin_object("");
  write(out);
  out.end_object();
}

}  // namespace nzbd::api::sab
