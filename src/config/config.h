// nzbd.ini: SABnzbd's option set in sabnzbd.ini's shape. Not thread-safe; the
// daemon guards its Config with a mutex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/ini.h"
#include "config/key.h"
#include "config/schema.h"
#include "util/result.h"

namespace nzbd::config {

// News servers nzbd can use at once: the download engine keeps, per article,
// the set of servers that lacked it in 32 bits (queue::ServerSet). A config
// with more is refused at load, and set_config will not add one past it.
inline constexpr size_t kMaxServers = 32;
Status check_server_count(size_t count);

class Config {
 public:
  // Reads `path`; when it does not exist, creates it with defaults and fresh
  // random keys. A file that cannot be parsed is an error naming file, line
  // and reason, and the file is left untouched. So is one with more than
  // kMaxServers servers.
  static Result<Config> load_or_create(const std::filesystem::path& path);
  static Config defaults(const std::filesystem::path& path);

  Status save() const;  // atomic: temp file, fsync, rename
  std::string render() const;  // the file's text, as save() writes it
  const std::filesystem::path& path() const { return path_; }

  // [misc] and SABnzbd's other single-level sections ([logging], [nscript],
  // ...; see flat_sections()): stored value, or the option's default.
  // A key in the code is a literal (checked when it compiles, see key.h); one
  // from outside is Key::at_run_time(name).
  std::string misc(Key key) const;
  int64_t misc_int(Key key) const;
  std::vector<std::string> misc_list(Key key) const;
  void set_misc(Key key, std::string value);
  void reset_misc(Key key);  // back to the default
  const KeyValues& section_values(std::string_view section) const;  // as stored

  // Named items of servers / categories / rss / sorters.
  std::vector<const IniItem*> items(std::string_view section) const;
  const IniItem* item(std::string_view section, std::string_view name) const;
  IniItem& item_or_create(std::string_view section, std::string_view name);
  bool delete_item(std::string_view section, std::string_view name);
  // Value of an item's key or the schema default.
  std::string item_value(const IniItem& item, std::string_view section, std::string_view key) const;

  void restore_default_categories();

  // A folder option resolved against the data folder when relative.
  std::filesystem::path resolve_dir(Key misc_key) const;
  const std::filesystem::path& home() const { return home_; }

 private:
  std::filesystem::path path_;
  std::filesystem::path home_;
  IniDocument doc_;
};

// The HTTPS certificate and key files (https_cert/https_key; relative ones
// are in the admin folder, as SABnzbd keeps them).
struct HttpsFiles {
  std::filesystem::path cert, key;
};
HttpsFiles https_files(const Config& cfg);

// Every key, password and user name the config holds (for redaction).
std::vector<std::string> secrets_of(const Config& cfg);

// Parses SABnzbd size strings: "1G", "400K", "4M", "512000", "1.5 G".
std::optional<uint64_t> parse_size(std::string_view s);

}  // namespace nzbd::config
