// One SABnzbd option: name, JSON type, default and, for numbers, range.
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

namespace nzbd::config {

enum class Type { Str, Int, List, Float, Password };

struct Option {
  std::string_view name;
  Type type;
  std::string_view default_value;  // as stored in the ini ("1", "a, b")
  // SABnzbd's OptionNumber clamps a number set outside its range to the edge.
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();
};

}  // namespace nzbd::config
