#include "config/ini.h"

#include <algorithm>

#include "util/strings.h"

namespace nzbd::config {
namespace {

std::string* find_in(KeyValues& kv, std::string_view key) {
  for (auto& [k, v] : kv)
    if (k == key) return &v;
  return nullptr;
}

void set_in(KeyValues& kv, std::string_view key, std::string value) {
  if (auto* v = find_in(kv, key)) *v = std::move(value);
  else kv.emplace_back(std::string(key), std::move(value));
}

// Removes one level of matching quotes; ConfigObj writes values with commas
// or leading/trailing spaces quoted. A list whose first item is quoted
// (`"", "", A, 1`) is kept as written; parse_list_value reads it.
Result<std::string> unquote(const std::string& v) {
  if (v.size() >= 1 && (v.front() == '"' || v.front() == '\'')) {
    if (auto list = parse_list_value(v); list && list->has_comma) return v;
    if (v.size() < 2 || v.back() != v.front()) return make_error("unterminated quoted value");
    return v.substr(1, v.size() - 2);
  }
  return v;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// "[[name]]" -> depth 2, "name". Returns depth 0 when the line is not a header.
Result<std::pair<int, std::string>> parse_header(const std::string& line) {
  int open = 0;
  while (open < static_cast<int>(line.size()) && line[open] == '[') ++open;
  int close = 0;
  while (close < static_cast<int>(line.size()) && line[line.size() - 1 - close] == ']') ++close;
  if (open != close) return make_error("unbalanced brackets in section header");
  if (open > 2) return make_error("sections nested deeper than [[item]] are not supported");
  std::string name = trim(std::string_view(line).substr(open, line.size() - 2 * open));
  if (name.empty()) return make_error("empty section name");
  if (name.find_first_of("[]") != std::string::npos) return make_error("bad section name");
  return std::make_pair(open, name);
}

}  // namespace

const std::string* IniItem::find(std::string_view key) const {
  return find_in(const_cast<KeyValues&>(values), key);
}
void IniItem::set(std::string_view key, std::string value) { set_in(values, key, std::move(value)); }

IniItem* IniSection::find_item(std::string_view n) {
  for (auto& it : items)
    if (it.name == n) return &it;
  return nullptr;
}
const IniItem* IniSection::find_item(std::string_view n) const {
  return const_cast<IniSection*>(this)->find_item(n);
}
const std::string* IniSection::find(std::string_view key) const {
  return find_in(const_cast<KeyValues&>(values), key);
}
void IniSection::set(std::string_view key, std::string value) { set_in(values, key, std::move(value)); }

IniSection& IniDocument::section(std::string_view name) {
  for (auto& s : sections)
    if (s.name == name) return s;
  sections.push_back(IniSection{std::string(name), {}, {}});
  return sections.back();
}

const IniSection* IniDocument::find_section(std::string_view name) const {
  for (const auto& s : sections)
    if (s.name == name) return &s;
  return nullptr;
}

Result<IniDocument> parse_ini(std::string_view text) {
  IniDocument doc;
  IniSection* section = nullptr;
  IniItem* item = nullptr;
  size_t lineno = 0, pos = 0;
  auto fail = [&](const std::string& why) { return make_error("line " + std::to_string(lineno) + ": " + why); };
  if (!is_valid_utf8(text)) {
    // Find the first bad line for the message.
    size_t p = 0, n = 1;
    while (p < text.size()) {
      size_t e = text.find('\n', p);
      if (e == std::string_view::npos) e = text.size();
      if (!is_valid_utf8(text.substr(p, e - p)))
        return make_error("line " + std::to_string(n) + ": not valid UTF-8");
      p = e + 1;
      ++n;
    }
  }
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      auto header = parse_header(line);
      if (!header) return fail(header.message());
      auto [depth, name] = *header;
      if (depth == 1) {
        for (const auto& s : doc.sections)
          if (s.name == name) return fail("section [" + name + "] appears twice");
        section = &doc.section(name);
        item = nullptr;
      } else {
        if (!section) return fail("[[" + name + "]] outside of any [section]");
        if (section->find_item(name)) return fail("[[" + name + "]] appears twice in [" + section->name + "]");
        section->items.push_back(IniItem{name, {}});
        item = &section->items.back();
      }
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) return fail("expected 'key = value', '[section]' or '[[item]]'");
    std::string key = trim(std::string_view(line).substr(0, eq));
    if (key.empty()) return fail("missing key before '='");
    auto value = unquote(trim(std::string_view(line).substr(eq + 1)));
    if (!value) return fail(value.message());
    KeyValues& target = item ? item->values : section ? section->values : doc.top;
    set_in(target, key, std::move(*value));
  }
  return doc;
}

std::optional<ListValue> parse_list_value(std::string_view v) {
  ListValue out;
  size_t i = 0;
  const size_t n = v.size();
  while (true) {
    while (i < n && is_space(v[i])) ++i;
    if (i == n) break;  // nothing after the last comma: ConfigObj's trailing comma
    if (v[i] == '"' || v[i] == '\'') {
      size_t close = v.find(v[i], i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      out.items.emplace_back(v.substr(i + 1, close - i - 1));
      i = close + 1;
      while (i < n && is_space(v[i])) ++i;
      if (i < n && v[i] != ',') return std::nullopt;
    } else {
      size_t comma = std::min(v.find(',', i), n);
      out.items.push_back(trim(v.substr(i, comma - i)));
      i = comma;
    }
    if (i == n) break;
    ++i;  // the comma
    out.has_comma = true;
  }
  return out;
}

std::string write_list_value(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& it = items[i];
    if (i) out += ", ";
    bool needs = it.empty() || it.find_first_of(",#") != std::string::npos || is_space(it.front()) ||
                 is_space(it.back()) || it.front() == '"' || it.front() == '\'' || it.back() == '"' ||
                 it.back() == '\'';
    if (!needs) out += it;
    else if (it.find('"') == std::string::npos) out += '"' + it + '"';
    else out += '\'' + it + '\'';  // ConfigObj cannot hold an item with both quote kinds either
  }
  if (items.size() == 1) out += ",";
  return out;
}

std::string quote_value(std::string_view v) {
  if (!v.empty() && (v.front() == '"' || v.front() == '\''))
    if (auto list = parse_list_value(v); list && list->has_comma) return std::string(v);
  bool needs = !v.empty() && (v.front() == ' ' || v.back() == ' ' || v.front() == '"' ||
                              v.front() == '\'' || v.front() == '#');
  if (!needs) return std::string(v);
  char q = v.find('"') == std::string_view::npos ? '"' : '\'';
  return q + std::string(v) + q;
}

std::string write_ini(const IniDocument& doc) {
  std::string out;
  auto write_values = [&](const KeyValues& kv, const std::string& indent) {
    for (const auto& [k, v] : kv) {
      // A value with a newline cannot be stored in one line; drop the line break.
      std::string clean;
      for (char c : v) clean += (c == '\n' || c == '\r') ? ' ' : c;
      out += indent + k + " = " + quote_value(clean) + "\n";
    }
  };
  write_values(doc.top, "");
  for (const auto& s : doc.sections) {
    out += "[" + s.name + "]\n";
    write_values(s.values, "");
    for (const auto& it : s.items) {
      out += "[[" + it.name + "]]\n";
      write_values(it.values, "");
    }
  }
  return out;
}

}  // namespace nzbd::config
