// A [misc]/[logging]/notifier option's name as the code names it. A literal is
// checked against the option tables at compile time, so a mistyped key does
// not build instead of reading "" at run time.
#pragma once

#include <string_view>

#include "config/flat_options.h"

namespace nzbd::config {

class Key {
 public:
  // NOLINTNEXTLINE(google-explicit-constructor): written as cfg.misc("name").
  consteval Key(const char* name) : name_(name) {
    if (!tables::is_flat_key(name_)) not_a_known_config_key();
  }
  // A name that arrives at run time (API input, names built from parts). An
  // unknown one reads as its empty default; the API refuses it before.
  static constexpr Key at_run_time(std::string_view name) { return Key(name, RunTime{}); }

  constexpr std::string_view name() const { return name_; }

 private:
  struct RunTime {};
  constexpr Key(std::string_view name, RunTime) : name_(name) {}
  // Never defined: a literal that reaches it fails to compile with this name.
  static void not_a_known_config_key();

  std::string_view name_;
};

}  // namespace nzbd::config
