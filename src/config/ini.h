// The sabnzbd.ini file shape (ConfigObj): top-level `key = value` lines,
// `[section]` headers and named `[[item]]` sub-sections. Order and unknown
// keys are kept, so a file written back loses nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace nzbd::config {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct IniItem {  // [[name]]
  std::string name;
  KeyValues values;
  const std::string* find(std::string_view key) const;
  void set(std::string_view key, std::string value);
};

struct IniSection {  // [name]
  std::string name;
  KeyValues values;
  std::vector<IniItem> items;
  IniItem* find_item(std::string_view name);
  const IniItem* find_item(std::string_view name) const;
  const std::string* find(std::string_view key) const;
  void set(std::string_view key, std::string value);
};

struct IniDocument {
  KeyValues top;  // __version__, __encoding__
  std::vector<IniSection> sections;
  IniSection& section(std::string_view name);  // created when missing
  const IniSection* find_section(std::string_view name) const;
};

// Parses text; an error names the line and the reason ("line 12: ...").
Result<IniDocument> parse_ini(std::string_view text);
std::string write_ini(const IniDocument& doc);

// Quotes a value when ConfigObj would need it to read it back unchanged. A
// value that already is a ConfigObj list with quoted items (`"", A, 1`, as
// SABnzbd writes RSS filters) is written as it is, so ConfigObj reads a list.
std::string quote_value(std::string_view v);

// A ConfigObj list value: items split at commas outside quotes, each quoted
// item unquoted, the others trimmed; a trailing comma ends the list. Unlike
// ConfigObj, an empty unquoted item is allowed ("a,,b" has three items), so
// API callers can leave fields of a filter row empty. nullopt when a quote
// is unterminated or followed by something other than a comma.
struct ListValue {
  std::vector<std::string> items;
  bool has_comma = false;  // a list, not a single (quoted) string
};
std::optional<ListValue> parse_list_value(std::string_view v);
// Writes items as ConfigObj does: an item is quoted when it is empty, starts
// or ends with a space or quote, or holds a comma or '#'.
std::string write_list_value(const std::vector<std::string>& items);

}  // namespace nzbd::config
