#pragma once

#include <string>
#include <vector>

namespace nzbd {

// Replaces each secret of 3+ characters in `text`, and the value of any
// key=value / key: value pair whose key names a secret (apikey, password,
// username, ...), with <REDACTED>. Used for the log and for showlog.
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace nzbd
