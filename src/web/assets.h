// The web UI's files, compiled into the binary by nzbd_embed (see CMakeLists.txt).
#pragma once

#include <span>
#include <string_view>

namespace nzbd::web {

struct Asset {
  std::string_view path;  // URL path below the UI root, "/index.html", "/vendor/preact.module.js"
  std::string_view data;
};

std::span<const Asset> embedded_assets();

}  // namespace nzbd::web
