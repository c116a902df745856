// Full verify: find every slice of the set in the job folder, under the right
// name, a wrong name, or inside damaged and extra files.
#include <algorithm>
#include <set>
#include <system_error>

#include "par2/hash.h"
#include "par2/io.h"
#include "par2/par2.h"
#include "par2/scan.h"

namespace fs = std::filesystem;

namespace nzbd::par2 {
namespace {

bool is_par2_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".par2";
}

// Symlinks are not followed: they could lead outside the job folder.
bool regular_file(const fs::path& p, uint64_t& size) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(p, ec))) return false;
  size = fs::file_size(p, ec);
  return !ec;
}

Md5 first_16k_md5(const fs::path& p) {
  auto f = File::open(p, File::Mode::read);
  std::vector<uint8_t> buf(16384);
  size_t n = f ? f->read_at(0, buf.data(), buf.size()) : 0;
  return md5_of(buf.data(), n);
}

class Verifier {
 public:
  Verifier(const Par2Set& set, const fs::path& dir, const QuickCheckResult* quick)
      : set_(set), dir_(dir), quick_(quick), index_(set), found_(index_.slices.size()) {
    report_.files.resize(set.files.size());
    for (size_t i = 0; i < set.files.size(); ++i) report_.files[i].name = safe_name(set.files[i].name);
  }

  VerifyReport run(const std::vector<fs::path>& extra) {
    std::vector<fs::path> to_scan;
    std::set<fs::path> targets;
    for (uint32_t i = 0; i < set_.files.size(); ++i) {
      fs::path target = dir_ / report_.files[i].name;
      targets.insert(target);
      if (check_target(i, target)) continue;
      uint64_t size = 0;
      if (regular_file(target, size)) to_scan.push_back(target);
    }
    std::vector<fs::path> others;
    std::set<fs::path> seen = targets;
    for (const auto& path : extra)
      if (seen.insert(path).second) others.push_back(path);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec))
      if (!is_par2_name(entry.path()) && seen.insert(entry.path()).second) others.push_back(entry.path());
    for (const auto& path : others) check_other(path, to_scan);
    for (const auto& path : to_scan) {
      if (missing_count() == 0) break;
      sliding_scan(index_, path, found_);
    }
    finish();
    return std::move(report_);
  }

 private:
  // The file under its own name; true if it is complete.
  bool check_target(uint32_t i, const fs::path& target) {
    uint64_t size = 0;
    if (!regular_file(target, size)) return false;
    const FileEntry& file = set_.files[i];
    FileReport& rep = report_.files[i];
    rep.found_path = target;
    rep.status = FileStatus::damaged;
    std::vector<bool> trusted;
    if (quick_ && i < quick_->files.size() && quick_->files[i].slices.size() == file.slice_count()) {
      for (SliceState s : quick_->files[i].slices) trusted.push_back(s == SliceState::good);
      if (size == file.length && quick_->files[i].complete()) {
        mark_all(i, target);
        return true;
      }
    }
    AlignedResult r = aligned_check(set_, i, target, trusted.empty() ? nullptr : &trusted);
    if (r.md5_matches) {
      mark_all(i, target);
      return true;
    }
    for (uint32_t s = 0; s < r.slice_good.size(); ++s)
      if (r.slice_good[s]) found_[file.first_slice + s] = {target, uint64_t{s} * set_.slice_size, true};
    return false;
  }

  // A file not named like any set file: a misnamed copy, or a place to scan.
  void check_other(const fs::path& path, std::vector<fs::path>& to_scan) {
    uint64_t size = 0;
    if (!regular_file(path, size)) return;
    if (missing_count() == 0 && !any_file_absent()) return;
    Md5 head = first_16k_md5(path);
    for (uint32_t i = 0; i < set_.files.size(); ++i) {
      const FileEntry& file = set_.files[i];
      if (report_.files[i].status == FileStatus::ok || file.md5_16k != head || file.length != size)
        continue;
      AlignedResult r = aligned_check(set_, i, path, nullptr);
      if (r.md5_matches) {
        mark_all(i, path);
        return;
      }
      for (uint32_t s = 0; s < r.slice_good.size(); ++s)
        if (r.slice_good[s] && !found_[file.first_slice + s].found)
          found_[file.first_slice + s] = {path, uint64_t{s} * set_.slice_size, true};
    }
    to_scan.push_back(path);
  }

  void mark_all(uint32_t i, const fs::path& path) {
    const FileEntry& file = set_.files[i];
    report_.files[i].status = FileStatus::ok;
    report_.files[i].found_path = path;
    for (uint32_t s = 0; s < file.slice_count(); ++s)
      found_[file.first_slice + s] = {path, uint64_t{s} * set_.slice_size, true};
  }

  size_t missing_count() const {
    return std::count_if(found_.begin(), found_.end(), [](const SliceLocation& l) { return !l.found; });
  }
  bool any_file_absent() const {
    return std::any_of(report_.files.begin(), report_.files.end(),
                       [](const FileReport& f) { return f.status != FileStatus::ok; });
  }

  void finish() {
    report_.recovery_available = static_cast<uint32_t>(set_.recovery.size());
    for (uint32_t i = 0; i < set_.files.size(); ++i) {
      const FileEntry& file = set_.files[i];
      FileReport& rep = report_.files[i];
      rep.slices.assign(found_.begin() + file.first_slice,
                        found_.begin() + file.first_slice + file.slice_count());
      rep.good_slices = static_cast<uint32_t>(
          std::count_if(rep.slices.begin(), rep.slices.end(), [](const auto& l) { return l.found; }));
      rep.missing_slices = file.slice_count() - rep.good_slices;
      if (rep.status == FileStatus::missing && rep.good_slices > 0) rep.status = FileStatus::damaged;
      report_.missing_slices += rep.missing_slices;
    }
  }

  const Par2Set& set_;
  fs::path dir_;
  const QuickCheckResult* quick_;
  SliceIndex index_;
  std::vector<SliceLocation> found_;
  VerifyReport report_;
};

}  // namespace

Result<VerifyReport> verify(const Par2Set& set, const fs::path& dir,
                            const std::vector<fs::path>& extra_files,
                            const QuickCheckResult* quick) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return invalid_error("Not a folder: " + dir.string());
  if (set.slice_size == 0) return invalid_error("PAR2 set is empty");
  return Verifier(set, dir, quick).run(extra_files);
}

}  // namespace nzbd::par2
