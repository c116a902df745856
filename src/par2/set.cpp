// load_set: merge the packets of several .par2 files into one checked set.
#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "par2/packets.h"
#include "par2/par2.h"

namespace nzbd::par2 {

uint32_t FileEntry::slice_count() const {
  if (slice_size == 0) return 0;
  return static_cast<uint32_t>(length / slice_size + (length % slice_size ? 1 : 0));
}

namespace {

// The set to use: the one with a main packet and the most valid packets.
const std::pair<const Md5, SetPackets>* pick_set(const std::map<Md5, SetPackets>& sets) {
  const std::pair<const Md5, SetPackets>* best = nullptr;
  for (const auto& entry : sets)
    if (entry.second.main && (!best || entry.second.packets > best->second.packets)) best = &entry;
  return best;
}

Result<Par2Set> build_set(const Md5& set_id, const SetPackets& p) {
  Par2Set set;
  set.set_id = set_id;
  set.slice_size = p.main->slice_size;
  set.creator = p.creator;
  std::set<Md5> seen;
  uint64_t total = 0;
  for (const Md5& id : p.main->recovery_ids) {
    if (!seen.insert(id).second) return corrupt_error("PAR2 set lists a file twice");
    auto desc = p.descriptions.find(id);
    auto sums = p.checksums.find(id);
    if (desc == p.descriptions.end() || sums == p.checksums.end())
      return corrupt_error("PAR2 set is incomplete: a file description or checksum packet is missing");
    FileEntry e = desc->second;
    e.slice_size = set.slice_size;
    if (sums->second.size() != e.slice_count())
      return corrupt_error("PAR2 checksum packet of " + e.name + " has the wrong number of slices");
    e.slices = sums->second;
    e.first_slice = static_cast<uint32_t>(total);
    total += e.slice_count();
    if (total > kMaxSlices) return corrupt_error("PAR2 set has more slices than PAR2 allows");
    set.files.push_back(std::move(e));
  }
  set.total_slices = static_cast<uint32_t>(total);
  for (const auto& [exponent, source] : p.recovery)
    if (p.recovery_length.at(exponent) == set.slice_size && exponent < 65535)
      set.recovery.push_back(source);
  return set;
}

}  // namespace

Result<Par2Set> load_set(const std::vector<std::filesystem::path>& paths) {
  if (paths.empty()) return invalid_error("No PAR2 files given");
  // Files are read in parallel (recovery packets make them big and every
  // packet's MD5 is checked), then merged in the given order.
  std::vector<std::map<Md5, SetPackets>> per_file(paths.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> opened{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < paths.size();)
      if (scan_file(paths[i], per_file[i])) ++opened;
  };
  const unsigned threads = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < std::min<size_t>(threads, paths.size()); ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  std::map<Md5, SetPackets> sets;
  for (auto& m : per_file) merge(sets, std::move(m));
  const auto* chosen = pick_set(sets);
  // Not one file readable is a disk (or permission) problem, not bad PAR2 data.
  if (!chosen) return make_error("No usable PAR2 main packet found", opened ? ErrorKind::Corrupt : ErrorKind::Io);
  return build_set(chosen->first, chosen->second);
}

bool QuickCheckFile::complete() const {
  return std::all_of(slices.begin(), slices.end(),
                     [](SliceState s) { return s == SliceState::good; });
}

bool VerifyReport::needs_rename() const {
  return std::any_of(files.begin(), files.end(), [](const FileReport& f) {
    return f.status == FileStatus::ok && f.found_path.filename() != f.name;
  });
}

bool VerifyReport::all_ok() const {
  return missing_slices == 0 && !needs_rename() &&
         std::all_of(files.begin(), files.end(),
                     [](const FileReport& f) { return f.status == FileStatus::ok; });
}

std::vector<std::string> file_names(const Par2Set& set) {
  std::vector<std::string> names;
  for (const auto& f : set.files) names.push_back(safe_name(f.name));
  return names;
}

const FileEntry* match_16k(const Par2Set& set, const Md5& md5_16k) {
  for (const auto& f : set.files)
    if (f.md5_16k == md5_16k) return &f;
  return nullptr;
}

std::string safe_name(const std::string& name) {
  // Keep only the last path component; PAR2 uses '/' but be strict about '\\' too.
  size_t cut = name.find_last_of("/\\");
  std::string base = cut == std::string::npos ? name : name.substr(cut + 1);
  for (char& c : base)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
  if (base.empty() || base == "." || base == "..") base = "_";
  return base;
}

}  // namespace nzbd::par2
