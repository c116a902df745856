// mode=config&name=create_backup (SABnzbd's) and name=restore_backup (nzbd's:
// the upload of such a backup, applied by a restart).
#include <spdlog/spdlog.h>

#include "api/sab/call.h"
#include "backup/backup.h"

namespace nzbd::api::sab {

// {"value":{"result":true,"message":"<path of the zip>"}}. SABnzbd gives
// message false on failure; nzbd gives the reason, which is also logged.
Reply create_backup_call(Call& c) {
  auto [sources, out_dir] = c.services.config.read([](const config::Config& cfg) {
    backup::Sources s{cfg.path(), cfg.resolve_dir("admin_dir")};
    bool own_dir = !cfg.misc("backup_dir").empty();
    return std::make_pair(s, cfg.resolve_dir(own_dir ? config::Key("backup_dir") : config::Key("complete_dir")));
  });
  auto zip = backup::create_backup(sources, out_dir);
  if (!zip) {
    spdlog::warn("backup failed: {}", zip.message());
    return Reply{"value", Json{{"result", false}, {"message", zip.message()}}};
  }
  spdlog::info("backup written to {}", zip->string());
  return Reply{"value", Json{{"result", true}, {"message", zip->string()}}};
}

// The zip in the multipart field "backup": checked, staged, then a restart
// puts it in place. A zip that fails a check changes nothing.
Reply restore_backup_call(Call& c) {
  const http::FormFile* file = c.params.file("backup");
  if (!file || file->data.empty()) return error_reply("no file given");
  auto home = c.services.config.read([](const config::Config& cfg) { return cfg.home(); });
  if (auto st = backup::stage_restore(file->data, home); !st) {
    spdlog::warn("restore refused: {}", st.message());
    return error_reply(st.message());
  }
  spdlog::info("backup {} staged; restarting to restore it", file->filename);
  if (c.services.restart) c.services.restart();
  return ok_reply();
}

}  // namespace nzbd::api::sab
