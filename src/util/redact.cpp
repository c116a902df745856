#include "util/redact.h"

#include <regex>

namespace nzbd {

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  // Values behind key names first (query strings, ini lines), then the
  // literal secrets wherever else they appear. Short values (a user "a")
  // would wipe ordinary words, so only those of 3+ characters count.
  static const std::regex pairs(
      R"(((?:api_?key|nzb_?key|apikey|password|passwd|pass|username|user|email_pwd|email_account)\s*[=:]\s*)[^\s&"',;]+)",
      std::regex::icase);
  text = std::regex_replace(text, pairs, "$1<REDACTED>");
  for (const auto& s : secrets) {
    if (s.size() < 3) continue;
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 10))
      text.replace(at, s.size(), "<REDACTED>");
  }
  return text;
}

}  // namespace nzbd
