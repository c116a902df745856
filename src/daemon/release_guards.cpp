#include "daemon/release_guards.h"

#include "unpack/rar_scan.h"
#include "util/strings.h"

namespace nzbd::daemon {

bool history_has_job_named(history::History& history, const std::string& name) {
  if (name.empty()) return false;
  history::Query q;
  q.search = name;
  for (bool archived : {false, true}) {
    q.archived = archived;
    for (const auto& e : history.query(q).entries)
      if (e.status != "Failed" && iequals(e.name, name)) return true;
  }
  return false;
}

std::optional<queue::ArchiveFacts> inspect_rar(const std::filesystem::path& file) {
  if (unpack::rar_version_of(file) == 0) return std::nullopt;
  auto info = unpack::scan_rar(file);
  if (!info) return std::nullopt;
  queue::ArchiveFacts facts;
  // The header's own flags, not names: the peers' name guesses misfire.
  facts.encrypted = info->headers_encrypted || info->has_encrypted_files;
  for (const auto& f : info->files)
    if (!f.directory) facts.names.push_back(f.name);
  return facts;
}

void install_release_guards(queue::Queue& queue, history::History& history) {
  queue.set_duplicate_check([&history](const std::string& name) { return history_has_job_named(history, name); });
  queue.set_archive_inspector(inspect_rar);
}

}  // namespace nzbd::daemon
