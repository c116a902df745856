// get_config's view of nzbd.ini: each option with the JSON type SABnzbd gives it.
#pragma once

#include "api/sab/reply.h"
#include "config/config.h"

namespace nzbd::api::sab {

// Shown instead of any stored password.
inline constexpr const char* kPasswordMask = "**********";

// One of the flat sections ([misc], [logging], [nscript], ...), or one key of it.
Json flat_json(const config::Config& c, const config::FlatSection& section, std::string_view keyword = {});
Json item_json(const config::Config& c, std::string_view section, const config::IniItem& item);
// {"misc": {...}, "servers": [...], ...} limited to section/keyword when given.
Json config_tree(const config::Config& c, std::string_view section, std::string_view keyword);

// The string stored for `value` of an option: integers that don't parse fall
// back to the default and ones outside the option's range are clamped to it
// (as SABnzbd does), lists are normalised to "a, b".
std::string normalise_value(const config::Option* option, std::string_view value);

}  // namespace nzbd::api::sab
