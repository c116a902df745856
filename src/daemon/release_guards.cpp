#include "daemon/release_guards.h"

#include "pvr/release_parser.h"
#include "unpack/rar_scan.h"
#include "util/strings.h"

namespace nzbd::daemon {

std::string duplicate_key_of(const std::string& name, bool mark_proper) {
  auto info = pvr::parse_release(name);
  if (!info || info->clean_title.empty()) return "";
  std::string key = info->clean_title + "/";
  if (info->is_daily && info->air_date) {
    key += *info->air_date;
  } else if (info->season >= 0 && !info->episodes.empty()) {
    key += std::to_string(info->season) + "/";
    for (size_t i = 0; i < info->episodes.size(); ++i) key += (i ? "-" : "") + std::to_string(info->episodes[i]);
  } else {
    return "";  // a season pack or something else: SABnzbd gives those no key either
  }
  // One PROPER may follow the release it fixes (dupes_propercheck).
  if (!mark_proper) return key;
  // REAL only in capitals, as Sonarr reads it: "The.Real.Housewives" is a title.
  std::string lower = to_lower(name);
  for (const char* tag : {".proper.", " proper ", ".repack.", " repack "})
    if (lower.find(tag) != std::string::npos) return key + "/proper";
  if (name.find(".REAL.") != std::string::npos || name.find(" REAL ") != std::string::npos) return key + "/proper";
  return key;
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

void install_release_guards(queue::Queue& queue, history::History& history, config::ConfigStore& config) {
  queue::Queue::DuplicateLookup dupes;
  dupes.in_history = [&history](const std::string& name) { return history.has_job_named(name); };
  dupes.key_of = [&config](const std::string& name) {
    return duplicate_key_of(name, config.read([](const config::Config& c) { return c.misc_int("dupes_propercheck") != 0; }));
  };
  dupes.key_in_history = [&history](const std::string& key) { return history.has_duplicate_key(key); };
  queue.set_duplicate_lookup(std::move(dupes));
  queue.set_archive_inspector(inspect_rar);
}

}  // namespace nzbd::daemon
