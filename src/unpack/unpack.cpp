// Choosing the extractor for a set, trying passwords, checking the output in
// a private staging folder, then moving it into place; nested archives last.
#include <stdlib.h>

#include <algorithm>
#include <set>

#include "unpack/internal.h"
#include "unpack/rar_scan.h"
#include "unpack/safe_tree.h"
#include "unpack/unpack.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kStagingPrefix = ".nzbd-unpack-";

// A fresh folder inside dest for one extraction; removed again in any case.
class Staging {
 public:
  static nzbd::Result<Staging> create(const fs::path& dest) {
    std::error_code ec;
    fs::create_directories(dest, ec);
    std::string tmpl = (dest / (std::string(kStagingPrefix) + "XXXXXX")).string();
    if (ec || ::mkdtemp(tmpl.data()) == nullptr) return make_error(std::string(kMsgDiskFull));
    return Staging(fs::path(tmpl));
  }
  // A folder another extraction left in dest (a direct unpack's output).
  static Staging adopt(fs::path folder) { return Staging(std::move(folder)); }
  Staging(Staging&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  Staging& operator=(Staging&&) = delete;
  ~Staging() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  // Empties the folder between two password attempts.
  void clear() const {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(path_, ec)) fs::remove_all(e.path(), ec);
  }

 private:
  explicit Staging(fs::path p) : path_(std::move(p)) {}
  fs::path path_;
};

Attempt failed(std::string_view message) { return Attempt{Attempt::Failed, std::string(message), {}}; }

using Runner = std::function<Attempt(const std::string* password)>;

// Runs `run` once per password (or once without one) until the password is
// not the problem. An encrypted set with no password is not even tried.
Attempt with_passwords(const ArchiveSet& set, const UnpackOptions& opts, const Staging& staging, const Runner& run) {
  if (set.encrypted && opts.passwords.empty()) return Attempt{Attempt::NeedsPassword, std::string(kMsgPasswordRequired), {}};
  if (opts.passwords.empty()) return run(nullptr);
  Attempt last;
  std::vector<std::string> log;
  for (const auto& pw : opts.passwords) {
    staging.clear();
    last = run(&pw);
    log.insert(log.end(), last.log.begin(), last.log.end());
    bool password_issue = last.status == Attempt::WrongPassword || last.status == Attempt::NeedsPassword;
    if (!password_issue || !set.encrypted) break;
  }
  last.log = std::move(log);
  return last;
}

Attempt extract_rar(const ArchiveSet& set, const UnpackOptions& opts, const Staging& staging) {
  if (auto unrar = find_unrar(opts)) {
    return with_passwords(set, opts, staging, [&](const std::string* pw) {
      return extract_with_unrar(*unrar, set, staging.path(), pw, opts.cancelled);
    });
  }
  if (set.encrypted) return failed(kMsgRarEncryptedNoUnrar);
  auto first = scan_rar(set.volumes.front());
  if (first && first->version == 4 && first->solid)
    return failed("Unpacking failed, RAR4 solid archive needs unrar (libarchive cannot read it)");
  return extract_with_libarchive(set, staging.path(), opts.cancelled);
}

Attempt extract_7z_or_zip(ArchiveSet set, const UnpackOptions& opts, const Staging& staging) {
  if (!set.encrypted) {
    Attempt a = extract_with_libarchive(set, staging.path(), opts.cancelled);
    if (a.status != Attempt::Encrypted) return a;
    staging.clear();
    set.encrypted = true;
  }
  auto sevenzip = find_7zz(opts);
  if (!sevenzip) return failed(kMsgEncryptedNo7zz);
  return with_passwords(set, opts, staging, [&](const std::string* pw) {
    return extract_with_7zz(*sevenzip, set, staging.path(), pw, opts.cancelled);
  });
}

// RAR headers name every file; each must be in the output (unrar and
// libarchive can both end early without saying so in every case).
std::string first_missing_rar_file(const ArchiveSet& set, const fs::path& staging) {
  if (set.kind != ArchiveSet::Rar) return {};
  for (const auto& v : set.volumes) {
    auto info = scan_rar(v);
    if (!info || info->headers_encrypted) return {};
    for (const auto& f : info->files) {
      if (!f.name_reliable || f.name.empty()) continue;
      std::string why;
      auto parts = split_entry_path(f.name, why);
      if (!parts || parts->empty()) continue;
      fs::path p = staging;
      for (const auto& c : *parts) p /= c;
      std::error_code ec;
      if (!fs::exists(fs::symlink_status(p, ec))) return f.name;
    }
  }
  return {};
}

std::string kind_name(ArchiveSet::Kind k) {
  return k == ArchiveSet::Rar ? "RAR" : k == ArchiveSet::SevenZip ? "7z" : "ZIP";
}

nzbd::Result<UnpackResult> unpack_at_depth(const ArchiveSet& set, const UnpackOptions& opts, int depth);

// A direct unpack's output for exactly this set's volumes, in a folder directly in dest.
const UnpackOptions::Prepared* find_prepared(const ArchiveSet& set, const UnpackOptions& opts) {
  std::error_code ec;
  for (const auto& p : opts.prepared) {
    auto same_name = [](const fs::path& a, const fs::path& b) { return a.filename() == b.filename(); };
    if (!std::equal(p.volumes.begin(), p.volumes.end(), set.volumes.begin(), set.volumes.end(), same_name)) continue;
    if (!fs::equivalent(p.folder.parent_path(), opts.dest, ec) || !fs::equivalent(p.volumes.front().parent_path(), opts.dest, ec) ||
        !fs::is_directory(fs::symlink_status(p.folder, ec)))
      continue;
    return &p;
  }
  return nullptr;
}

// Archives among the files just extracted, unpacked next to themselves.
nzbd::Status unpack_nested(const UnpackOptions& opts, int depth, UnpackResult& result, size_t first_new) {
  std::set<fs::path> fresh(result.extracted.begin() + long(first_new), result.extracted.end());
  std::set<fs::path> dirs;
  for (const auto& f : fresh) dirs.insert(f.parent_path());
  for (const auto& dir : dirs) {
    for (const auto& nested : find_archive_sets(dir)) {
      bool all_new = std::all_of(nested.volumes.begin(), nested.volumes.end(),
                                 [&](const fs::path& v) { return fresh.count(v) > 0; });
      if (!all_new) continue;
      UnpackOptions sub = opts;
      sub.dest = dir;
      auto r = unpack_at_depth(nested, sub, depth + 1);
      if (!r) return r.error();
      result.extracted.insert(result.extracted.end(), r->extracted.begin(), r->extracted.end());
      result.used_volumes.insert(result.used_volumes.end(), r->used_volumes.begin(), r->used_volumes.end());
      result.log.insert(result.log.end(), r->log.begin(), r->log.end());
    }
  }
  return ok_status();
}

nzbd::Result<UnpackResult> unpack_at_depth(const ArchiveSet& set, const UnpackOptions& opts, int depth) {
  if (set.volumes.empty()) return make_error(std::string(kMsgMissingVolume));
  if (set.incomplete) return make_error(std::string(kMsgMissingVolume) + " (" + set.incomplete_reason + ")");
  UnpackResult result;
  const UnpackOptions::Prepared* prepared = depth == 0 ? find_prepared(set, opts) : nullptr;
  auto staging = prepared ? nzbd::Result<Staging>(Staging::adopt(prepared->folder)) : Staging::create(opts.dest);
  if (!staging) return staging.error();
  if (prepared) {
    result.log.push_back(prepared->log);
  } else {
    Attempt a = set.kind == ArchiveSet::Rar ? extract_rar(set, opts, *staging) : extract_7z_or_zip(set, opts, *staging);
    result.log = a.log;
    if (a.status != Attempt::Ok) return make_error(a.message.empty() ? std::string(kMsgDamaged) : a.message);
  }

  TreeCheck check = check_tree(staging->path());
  std::string missing = check.refused.empty() ? first_missing_rar_file(set, staging->path()) : "";
  if (prepared && (!check.refused.empty() || !missing.empty())) {
    // What the direct unpack made does not pass: extract as if it had not run.
    UnpackOptions plain = opts;
    plain.prepared.clear();
    staging->clear();  // the adopted folder itself goes when this returns
    return unpack_at_depth(set, plain, depth);
  }
  if (!check.refused.empty()) return make_error(std::string(kMsgUnsafePath) + " (" + check.refused.front() + ")");
  if (!missing.empty()) return make_error(std::string(kMsgNotUnpacked) + " (" + missing + ")");
  if (auto st = merge_tree(staging->path(), opts.dest); !st) return make_error(std::string(kMsgDiskFull));

  for (const auto& rel : check.files) result.extracted.push_back(opts.dest / rel);
  result.used_volumes = set.volumes;
  result.log.push_back("Unpacked " + kind_name(set.kind) + " set " + set.name + " (" +
                       std::to_string(set.volumes.size()) + " volume(s), " + std::to_string(check.files.size()) +
                       " file(s))");
  if (opts.recursive && depth < opts.max_depth) {
    if (auto st = unpack_nested(opts, depth, result, 0); !st) return st.error();
  }
  return result;
}

// Staging folders left by a run that was killed (kill -9, power loss).
void remove_stale_staging(const fs::path& dest) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dest, ec)) {
    if (e.path().filename().string().rfind(kStagingPrefix, 0) == 0 && e.is_directory(ec) && !e.is_symlink(ec))
      fs::remove_all(e.path(), ec);
  }
}

}  // namespace

nzbd::Result<UnpackResult> unpack_set(const ArchiveSet& set, const UnpackOptions& opts) {
  return unpack_at_depth(set, opts, 0);
}

nzbd::Result<UnpackResult> unpack_all(const fs::path& dir, const UnpackOptions& opts) {
  remove_stale_staging(opts.dest);
  UnpackResult all;
  for (const auto& set : find_archive_sets(dir)) {
    auto r = unpack_at_depth(set, opts, 0);
    if (!r) return r.error();
    all.extracted.insert(all.extracted.end(), r->extracted.begin(), r->extracted.end());
    all.used_volumes.insert(all.used_volumes.end(), r->used_volumes.begin(), r->used_volumes.end());
    all.log.insert(all.log.end(), r->log.begin(), r->log.end());
  }
  return all;
}

}  // namespace nzbd::unpack
