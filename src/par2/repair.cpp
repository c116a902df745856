// Repair: solve for the missing slices with Reed-Solomon, put every file back
// together under its own name and check it against its MD5.
#include <algorithm>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "par2/compute.h"
#include "par2/gf16.h"
#include "par2/hash.h"
#include "par2/io.h"
#include "par2/matrix.h"
#include "par2/par2.h"

namespace fs = std::filesystem;

namespace nzbd::par2 {
namespace {

struct Missing {
  uint32_t file, slice, global;
};

// A name next to `target` that does not exist yet ("name.1", "name.2", ...).
fs::path free_name(const fs::path& target) {
  std::error_code ec;
  for (int i = 1;; ++i) {
    fs::path p = target;
    p += "." + std::to_string(i);
    if (!fs::exists(p, ec)) return p;
  }
}

// Whole-file MD5; the next block is read on a second thread while this one hashes.
Result<Md5> file_md5(const fs::path& path) {
  auto opened = File::open(path, File::Mode::read);
  if (!opened) return io_error("Repair failed, " + opened.message());
  const File& f = *opened;
  constexpr size_t kBlock = 2u << 20;  // MD5 is slower than reading; bigger blocks buy nothing
  std::vector<uint8_t> bufs[2] = {std::vector<uint8_t>(kBlock), std::vector<uint8_t>(kBlock)};
  Md5Hasher h;
  uint64_t off = 0;
  size_t n = f.read_at(0, bufs[0].data(), kBlock);
  for (int cur = 0; n > 0; cur ^= 1) {
    size_t next = 0;
    std::thread reader([&] { next = f.read_at(off + n, bufs[cur ^ 1].data(), kBlock); });
    h.update(bufs[cur].data(), n);
    reader.join();
    off += n;
    n = next;
  }
  return h.finish();
}

class Repairer {
 public:
  Repairer(const Par2Set& set, const fs::path& dir, const VerifyReport& report)
      : set_(set), dir_(dir), report_(report) {}

  Result<RepairReport> run() {
    if (report_.files.size() != set_.files.size()) return invalid_error("Repair failed, report does not match the set");
    collect_missing();
    if (missing_.size() > set_.recovery.size())
      return corrupt_error("Repair failed, not enough repair blocks (" +
                           std::to_string(missing_.size() - set_.recovery.size()) + " short)");
    std::vector<uint8_t> computed;
    if (!missing_.empty()) {
      Status st = solve(computed);
      if (!st) return st.error();
    }
    return rebuild(std::move(computed));
  }

 private:
  void collect_missing() {
    for (uint32_t f = 0; f < set_.files.size(); ++f) {
      const FileEntry& file = set_.files[f];
      const auto& locs = report_.files[f].slices;
      for (uint32_t s = 0; s < file.slice_count(); ++s)
        if (s >= locs.size() || !locs[s].found) missing_.push_back({f, s, file.first_slice + s});
    }
  }

  // Computes every missing slice into `out` (missing_.size() * slice_size).
  Status solve(std::vector<uint8_t>& out) {
    const size_t m = missing_.size();
    std::vector<uint32_t> exponents;
    for (size_t j = 0; j < m; ++j) exponents.push_back(set_.recovery[j].exponent);
    // Recovery j = sum_i base_i^e_j * input_i, so the missing inputs solve
    // A x = recovery - known part, with A[j][k] = base(missing_k)^e_j.
    std::vector<uint16_t> a(m * m);
    for (size_t j = 0; j < m; ++j)
      for (size_t k = 0; k < m; ++k) a[j * m + k] = gf::pow(gf::input_base(missing_[k].global), exponents[j]);
    if (!invert(a, m)) return corrupt_error("Repair failed, the recovery blocks are not independent");
    std::vector<RepairInput> inputs;
    for (uint32_t f = 0; f < set_.files.size(); ++f) {
      const FileEntry& file = set_.files[f];
      for (uint32_t s = 0; s < file.slice_count(); ++s) {
        if (s >= report_.files[f].slices.size() || !report_.files[f].slices[s].found) continue;
        const SliceLocation& loc = report_.files[f].slices[s];
        const uint16_t base = gf::input_base(file.first_slice + s);
        std::vector<uint16_t> v(m);
        for (size_t j = 0; j < m; ++j) v[j] = gf::pow(base, exponents[j]);
        uint64_t len = std::min(set_.slice_size, file.length - uint64_t{s} * set_.slice_size);
        inputs.push_back({loc.path, loc.offset, len, times(a, v, m)});
      }
    }
    for (size_t j = 0; j < m; ++j) {
      std::vector<uint16_t> unit(m, 0);
      unit[j] = 1;
      const RecoverySource& r = set_.recovery[j];
      inputs.push_back({r.path, r.offset, set_.slice_size, times(a, unit, m)});
    }
    return accumulate(inputs, m, set_.slice_size, out);
  }

  // inverse * v: the coefficient of one input in each missing slice.
  static std::vector<uint16_t> times(const std::vector<uint16_t>& inv, const std::vector<uint16_t>& v,
                                     size_t m) {
    std::vector<uint16_t> c(m, 0);
    for (size_t k = 0; k < m; ++k)
      for (size_t j = 0; j < m; ++j) c[k] ^= gf::mul(inv[k * m + j], v[j]);
    return c;
  }

  Result<RepairReport> rebuild(std::vector<uint8_t> computed);
  Status write_in_place(uint32_t f, const std::vector<uint8_t>& computed);
  Status write_fresh(uint32_t f, const std::vector<uint8_t>& computed, const fs::path& out);
  bool in_place_ok(uint32_t f) const;

  const Par2Set& set_;
  fs::path dir_;
  const VerifyReport& report_;
  std::vector<Missing> missing_;
};

// The damaged file can be patched in place if its good slices all sit at their
// own offsets in it and no other file's slice was found inside it.
bool Repairer::in_place_ok(uint32_t f) const {
  const fs::path target = dir_ / report_.files[f].name;
  for (uint32_t g = 0; g < set_.files.size(); ++g)
    for (uint32_t s = 0; s < report_.files[g].slices.size(); ++s) {
      const SliceLocation& loc = report_.files[g].slices[s];
      if (!loc.found) continue;
      const bool aligned_here = loc.path == target && loc.offset == uint64_t{s} * set_.slice_size;
      if (g == f && !aligned_here) return false;
      if (g != f && loc.path == target) return false;
    }
  return true;
}

Status Repairer::write_in_place(uint32_t f, const std::vector<uint8_t>& computed) {
  const FileEntry& file = set_.files[f];
  auto out = File::open(dir_ / report_.files[f].name, File::Mode::create);
  if (!out) return io_error("Repair failed, " + out.message());
  for (size_t k = 0; k < missing_.size(); ++k) {
    if (missing_[k].file != f) continue;
    uint64_t off = uint64_t{missing_[k].slice} * set_.slice_size;
    uint64_t len = std::min(set_.slice_size, file.length - off);
    if (auto st = out->write_at(off, computed.data() + k * set_.slice_size, len); !st)
      return io_error("Repair failed, " + st.message());
  }
  if (auto st = out->truncate(file.length); !st) return io_error("Repair failed, " + st.message());
  return ok_status();
}

Status Repairer::write_fresh(uint32_t f, const std::vector<uint8_t>& computed, const fs::path& path) {
  const FileEntry& file = set_.files[f];
  auto out = File::open(path, File::Mode::create);
  if (!out) return io_error("Repair failed, " + out.message());
  if (auto st = out->truncate(0); !st) return io_error("Repair failed, " + st.message());
  std::vector<uint8_t> buf(set_.slice_size);
  for (uint32_t s = 0; s < file.slice_count(); ++s) {
    uint64_t off = uint64_t{s} * set_.slice_size;
    uint64_t len = std::min(set_.slice_size, file.length - off);
    const bool found = s < report_.files[f].slices.size() && report_.files[f].slices[s].found;
    const uint8_t* data = buf.data();
    if (found) {
      const SliceLocation& loc = report_.files[f].slices[s];
      auto in = File::open(loc.path, File::Mode::read);
      if (!in || in->read_at(loc.offset, buf.data(), len) != len)
        return io_error("Repair failed, cannot read " + loc.path.string());
    } else {
      auto it = std::find_if(missing_.begin(), missing_.end(),
                             [&](const Missing& m) { return m.file == f && m.slice == s; });
      data = computed.data() + (it - missing_.begin()) * set_.slice_size;
    }
    if (auto st = out->write_at(off, data, len); !st) return io_error("Repair failed, " + st.message());
  }
  if (auto st = out->truncate(file.length); !st) return io_error("Repair failed, " + st.message());
  return ok_status();
}

Result<RepairReport> Repairer::rebuild(std::vector<uint8_t> computed) {
  RepairReport result;
  result.repaired_slices = static_cast<uint32_t>(missing_.size());
  std::vector<std::pair<fs::path, fs::path>> moves;  // built file -> target, after all writes
  std::vector<std::pair<uint32_t, fs::path>> patched;  // file, where it was written
  std::error_code ec;
  for (uint32_t f = 0; f < set_.files.size(); ++f) {
    const FileReport& rep = report_.files[f];
    const fs::path target = dir_ / rep.name;
    if (rep.status == FileStatus::ok && rep.found_path == target) continue;
    if (fs::is_symlink(target, ec)) fs::remove(target, ec);  // never write through one
    if (rep.status == FileStatus::ok) {  // complete but misnamed
      moves.emplace_back(rep.found_path, target);
      continue;
    }
    if (in_place_ok(f)) {
      Status st = write_in_place(f, computed);
      if (!st) return st.error();
      patched.emplace_back(f, target);
    } else {
      fs::path tmp = free_name(dir_ / (rep.name + ".nzbd-repair"));
      Status st = write_fresh(f, computed, tmp);
      if (!st) return st.error();
      moves.emplace_back(tmp, target);
      patched.emplace_back(f, tmp);
    }
  }
  computed = {};  // written: its memory is not held through the MD5 pass
  for (const auto& [f, path] : patched) {  // nothing replaces a file before it is proven right
    auto md5 = file_md5(path);
    if (!md5) return md5.error();
    if (*md5 != set_.files[f].md5_full)
      return corrupt_error("Repair failed, " + report_.files[f].name + " does not match its MD5 after repair");
    result.repaired_files.push_back(report_.files[f].name);
  }
  for (const auto& [from, to] : moves) {
    bool is_tmp = from.filename().string().find(".nzbd-repair") != std::string::npos;
    if (fs::exists(to, ec)) {
      if (is_tmp) fs::remove(to, ec);                 // the damaged copy, now rebuilt
      else fs::rename(to, free_name(to), ec);         // keep what was there
    }
    fs::rename(from, to, ec);
    if (ec) return io_error("Repair failed, cannot rename to " + to.filename().string() + ": " + ec.message());
    if (!is_tmp) result.renamed_files.push_back(to.filename().string());
  }
  return result;
}

}  // namespace

Result<RepairReport> repair(const Par2Set& set, const fs::path& dir, const VerifyReport& report) {
  return Repairer(set, dir, report).run();
}

}  // namespace nzbd::par2
