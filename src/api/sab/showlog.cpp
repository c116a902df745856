#include "api/sab/showlog.h"

#include <fstream>
#include <iterator>
#include <regex>

namespace nzbd::api::sab {
namespace {

// Enough of the log for a bug report without sending a huge download.
constexpr std::streamoff kMaxLogBytes = 8 << 20;

std::string read_tail(const std::filesystem::path& path, std::streamoff max_bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  std::streamoff size = in.tellg();
  std::streamoff start = size > max_bytes ? size - max_bytes : 0;
  in.seekg(start);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (start > 0) {  // begin at a whole line
    auto nl = text.find('\n');
    text = "[… " + std::to_string(start) + " earlier bytes left out …]\n" +
           (nl == std::string::npos ? text : text.substr(nl + 1));
  }
  return text;
}

std::vector<std::string> secrets_of(const config::Config& cfg) {
  std::vector<std::string> out = {cfg.misc("api_key"), cfg.misc("nzb_key"), cfg.misc("password"),
                                  cfg.misc("username")};
  for (const auto* server : cfg.items("servers")) {
    out.push_back(cfg.item_value(*server, "servers", "password"));
    out.push_back(cfg.item_value(*server, "servers", "username"));
  }
  return out;
}

}  // namespace

std::string redact(std::string text, const std::vector<std::string>& secrets) {
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

http::Response showlog_response(Services& services) {
  auto [log_dir, ini_path, secrets] = services.config.read([](const config::Config& c) {
    return std::make_tuple(c.resolve_dir("log_dir"), c.path(), secrets_of(c));
  });
  std::string body = "The log includes a copy of your nzbd.ini with all usernames, passwords and API-keys "
                     "removed.\n\nnzbd version: " + services.nzbd_version + "\n\n";
  std::string log = read_tail(log_dir / "nzbd.log", kMaxLogBytes);
  body += log.empty() ? "(the log is empty)\n" : log;
  body += "\n\n==== nzbd.ini ====\n" + read_tail(ini_path, kMaxLogBytes);
  http::Response r = http::Response::text(redact(std::move(body), secrets), 200, "text/plain;charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment;filename=\"nzbd.log\"");
  return r;
}

}  // namespace nzbd::api::sab
