#include "api/sab/showlog.h"

#include <fstream>
#include <iterator>
#include "util/redact.h"

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


}  // namespace

http::Response showlog_response(Services& services) {
  auto [log_dir, ini_path, secrets] = services.config.read([](const config::Config& c) {
    return std::make_tuple(c.resolve_dir("log_dir"), c.path(), config::secrets_of(c));
  });
  std::string body = "The log includes a copy of your nzbd.ini with all usernames, passwords and API-keys "
                     "removed.\n\nnzbd version: " + services.nzbd_version + "\n\n";
  std::string log = read_tail(log_dir / "nzbd.log", kMaxLogBytes);
  body += log.empty() ? "(the log is empty)\n" : log;
  body += "\n\n==== nzbd.ini ====\n" + read_tail(ini_path, kMaxLogBytes);
  http::Response r = http::Response::text(redact_secrets(std::move(body), secrets), 200, "text/plain;charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment;filename=\"nzbd.log\"");
  return r;
}

}  // namespace nzbd::api::sab
