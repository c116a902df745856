// Helpers for the unpack tests: temp folders, sha256, the RAR samples'
// expected.json, a PATH override and a fake unrar.
#pragma once

#include <openssl/evp.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

namespace nzbd::unpack::test {
namespace fs = std::filesystem;

inline fs::path rar_data() { return fs::path(NZBD_SOURCE_DIR) / "tests/data/rar"; }

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "nzbd-unpack-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& s) const { return path_ / s; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << data;
}

inline std::string sha256_hex(const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, data.data(), data.size());
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

inline std::string sha256_file(const fs::path& p) { return sha256_hex(read_file(p)); }

inline const nlohmann::json& expected() {
  static const nlohmann::json j = nlohmann::json::parse(read_file(rar_data() / "expected.json"));
  return j;
}

// A reference into the static expected.json (safe in range-for).
inline const nlohmann::json& sample(const std::string& name) {
  static const nlohmann::json none = nlohmann::json::object();
  for (const auto& a : expected()["archives"])
    if (a["name"] == name) return a;
  return none;
}

// Copies the volumes of a sample set into `dir` (optionally leaving one out).
inline void copy_sample(const std::string& name, const fs::path& dir, const std::string& skip = "") {
  for (const auto& v : sample(name)["volumes"]) {
    std::string file = v["file"];
    if (file == skip) continue;
    fs::copy_file(rar_data() / file, dir / file, fs::copy_options::overwrite_existing);
  }
}

// Nothing but `expected_names` in `dir`, recursively (relative paths).
inline std::vector<std::string> tree_of(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it)
    out.push_back(it->path().lexically_relative(dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

// Sets PATH for one test and restores it.
class PathOverride {
 public:
  explicit PathOverride(const std::string& value) {
    if (const char* old = ::getenv("PATH")) old_ = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~PathOverride() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

// A stand-in for RARLAB unrar: records its argv (one per line, "--" between
// calls) into $FAKE_UNRAR_ARGS; with the password in $FAKE_UNRAR_PASSWORD it
// writes a.txt..d.txt ("This is from X.txt") into the destination and exits 0;
// with another password it exits $FAKE_UNRAR_BAD_CODE, with -p- it exits
// $FAKE_UNRAR_NOPW_CODE. Only shell builtins, so PATH may hold just its folder.
inline fs::path write_fake_unrar(const fs::path& bin_dir) {
  fs::create_directories(bin_dir);
  fs::path p = bin_dir / "unrar";
  write_file(p, R"(#!/bin/sh
for a in "$@"; do printf '%s\n' "$a" >> "$FAKE_UNRAR_ARGS"; done
printf -- '--\n' >> "$FAKE_UNRAR_ARGS"
pw=""; nopw=0; dest=""
for a in "$@"; do
  case "$a" in
    -p-) nopw=1 ;;
    -p*) pw="${a#-p}" ;;
  esac
  dest="$a"
done
if [ "$nopw" = 1 ]; then exit "${FAKE_UNRAR_NOPW_CODE:-11}"; fi
if [ "$pw" != "$FAKE_UNRAR_PASSWORD" ]; then exit "${FAKE_UNRAR_BAD_CODE:-11}"; fi
for f in a b c d; do printf 'This is from %s.txt' "$f" > "$dest$f.txt"; done
exit 0
)");
  fs::permissions(p, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  return p;
}

}  // namespace nzbd::unpack::test
