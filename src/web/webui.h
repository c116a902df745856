// Serves the web UI (web/ in the repository): index.html, the app's modules
// and the pinned vendor files, from the binary, gzip-compressed, with ETags,
// caching headers and a Content-Security-Policy. Answers at / and /sabnzbd/.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.h"

namespace nzbd::web {

class WebUi {
 public:
  // dev_dir: when set (NZBD_WEBUI_DIR), files under it replace the embedded
  // app files on every request, so the UI can be edited without a rebuild.
  explicit WebUi(std::filesystem::path dev_dir = {});

  // The response for a UI path, or nullopt when the path is not the UI's.
  std::optional<http::Response> serve(const http::Request& request) const;

 private:
  struct File {
    std::string body;
    std::string gzip;  // empty when compression does not pay
    std::string etag;
    std::string content_type;
  };
  File make_file(const std::string& path, std::string body) const;
  std::optional<File> dev_file(const std::string& path) const;
  const File* embedded_file(const std::string& path) const;
  const std::string& csp() const;

  // Built on the first request for each file (hashing and compressing all
  // of them at start-up cost idle memory, and OpenSSL's start-up, for a UI
  // that may never be opened).
  mutable std::mutex mutex_;
  mutable std::map<std::string, File, std::less<>> files_;
  mutable std::once_flag csp_once_;
  mutable std::string csp_;
  std::filesystem::path dev_dir_;
};

// The UI path a request asks for ("/index.html" for "/" and "/sabnzbd/"), or
// "" when it is not a UI path. Never contains "..".
std::string ui_path(const std::string& request_path);

}  // namespace nzbd::web
