// Small string helpers shared by the modules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nzbd {

std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool starts_with_icase(std::string_view s, std::string_view prefix);
bool ends_with_icase(std::string_view s, std::string_view suffix);
// Splits on `sep`, trimming each piece and dropping empty ones.
std::vector<std::string> split_list(std::string_view s, char sep = ',');
std::string join(const std::vector<std::string>& items, std::string_view sep);
// XML/HTML text and attribute escaping (& < > " '); control characters XML
// cannot carry are dropped.
void xml_escape_into(std::string& out, std::string_view s);
std::string xml_escape(std::string_view s);

// Strict integer parsing: the whole string must be a number.
std::optional<int64_t> parse_int(std::string_view s);
std::optional<double> parse_double(std::string_view s);

// Compares secrets in time independent of where they differ.
bool constant_time_equals(std::string_view a, std::string_view b);

// True when s is valid UTF-8.
bool is_valid_utf8(std::string_view s);

}  // namespace nzbd
