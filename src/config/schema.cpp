#include "config/schema.h"

#include <iterator>

#include "config/flat_options.h"

namespace nzbd::config {

const std::vector<Option>& misc_options() {
  static const std::vector<Option> opts(std::begin(tables::kMisc), std::end(tables::kMisc));
  return opts;
}

}  // namespace nzbd::config
