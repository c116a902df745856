// Grouping the files of a job folder into archive sets. The format comes from
// magic bytes, the volume order from the names (RAR headers only confirm).
#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <regex>

#include "unpack/direct.h"
#include "unpack/internal.h"
#include "unpack/rar_scan.h"
#include "unpack/unpack.h"
#include "util/strings.h"

namespace nzbd::unpack {
namespace fs = std::filesystem;

namespace {

enum class Magic { None, Rar, SevenZip, Zip };

Magic magic_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 8> h{};
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  auto n = size_t(in.gcount());
  auto starts = [&](std::initializer_list<unsigned char> m) {
    return n >= m.size() && std::equal(m.begin(), m.end(), h.begin());
  };
  if (starts({'R', 'a', 'r', '!', 0x1a, 0x07, 0x00}) || starts({'R', 'a', 'r', '!', 0x1a, 0x07, 0x01, 0x00}))
    return Magic::Rar;
  if (starts({'7', 'z', 0xbc, 0xaf, 0x27, 0x1c})) return Magic::SevenZip;
  if (starts({'P', 'K', 0x03, 0x04})) return Magic::Zip;
  return Magic::None;
}

// What a file name says about its place in a set.
struct NameInfo {
  enum Style { PartN, OldRar, Numbered, Single } style = Single;
  std::string set;      // set name (without volume suffix)
  uint64_t index = 0;   // PartN: N; OldRar: 0 for .rar, 1 for .r00 ...; Numbered: N
  int width = 0;        // digits in the volume number, kept for messages
};

std::optional<NameInfo> parse_name(const std::string& name) {
  static const std::regex part_re(R"(^(.+)\.part(\d{1,6})\.rar$)", std::regex::icase);
  static const std::regex rar_re(R"(^(.+)\.rar$)", std::regex::icase);
  static const std::regex old_re(R"(^(.+)\.([r-z])(\d{2,3})$)", std::regex::icase);
  static const std::regex num_re(R"(^(.+)\.(\d{3,6})$)");
  std::smatch m;
  NameInfo info;
  if (std::regex_match(name, m, part_re)) {
    info = {NameInfo::PartN, m[1], std::stoull(m[2]), int(m[2].length())};
  } else if (std::regex_match(name, m, rar_re)) {
    info = {NameInfo::OldRar, m[1], 0, 0};
  } else if (std::regex_match(name, m, old_re)) {
    uint64_t letter = uint64_t(std::tolower(m[2].str()[0]) - 'r');
    uint64_t base = m[3].length() == 2 ? 100 : 1000;
    info = {NameInfo::OldRar, m[1], letter * base + std::stoull(m[3]) + 1, int(m[3].length())};
  } else if (std::regex_match(name, m, num_re)) {
    info = {NameInfo::Numbered, m[1], std::stoull(m[2]), int(m[2].length())};
  } else {
    return std::nullopt;
  }
  return info;
}

ArchiveSet::Kind kind_of(Magic m) {
  return m == Magic::SevenZip ? ArchiveSet::SevenZip : m == Magic::Zip ? ArchiveSet::Zip : ArchiveSet::Rar;
}

std::string volume_label(const NameInfo::Style style, const std::string& set, uint64_t index, int width) {
  char buf[32];
  if (style == NameInfo::PartN) {
    std::snprintf(buf, sizeof buf, ".part%0*llu.rar", width, (unsigned long long)index);
  } else if (style == NameInfo::OldRar) {
    if (index == 0) return set + ".rar";
    uint64_t n = index - 1;
    std::snprintf(buf, sizeof buf, ".%c%02llu", char('r' + n / 100), (unsigned long long)(n % 100));
  } else {
    std::snprintf(buf, sizeof buf, ".%0*llu", width, (unsigned long long)index);
  }
  return set + buf;
}

// Volumes keyed by index; checks for gaps from `first` to the last one and
// (for RAR) whether the last present volume says more follow.
void check_complete(ArchiveSet& set, NameInfo::Style style, const std::string& base,
                    const std::map<uint64_t, fs::path>& vols, uint64_t first, int width) {
  uint64_t expect = first;
  for (const auto& [index, path] : vols) {
    if (index != expect) {
      set.incomplete = true;
      set.incomplete_reason = "volume " + volume_label(style, base, expect, width) + " is missing";
      return;
    }
    ++expect;
  }
  if (set.kind != ArchiveSet::Rar || vols.empty()) return;
  auto last = scan_rar(vols.rbegin()->second);
  if (!last) return;
  bool more = last->more_volumes.value_or(!last->files.empty() && last->files.back().split_after);
  if (more) {
    set.incomplete = true;
    set.incomplete_reason = "volume " + volume_label(style, base, expect, width) + " is missing";
  }
}

void mark_encryption(ArchiveSet& set) {
  if (set.kind != ArchiveSet::Rar) {
    set.encrypted = libarchive_reports_encryption(set.volumes);
    return;
  }
  for (const auto& v : set.volumes) {
    auto info = scan_rar(v);
    if (info && (info->headers_encrypted || info->has_encrypted_files)) set.encrypted = true;
  }
}

struct Candidate {
  fs::path path;
  NameInfo name;
  Magic magic;
};

}  // namespace

std::vector<ArchiveSet> find_archive_sets(const fs::path& dir) {
  std::vector<Candidate> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file(ec) || e.is_symlink(ec)) continue;
    auto name = e.path().filename().string();
    auto parsed = parse_name(name);
    Magic magic = magic_of(e.path());
    if (!parsed && magic == Magic::None) continue;
    if (!parsed) parsed = NameInfo{NameInfo::Single, e.path().stem().string(), 0, 0};
    files.push_back({e.path(), *parsed, magic});
  }

  // Group by (style, set name). Names are compared case-insensitively.
  struct Group {
    NameInfo::Style style;
    std::string name;
    std::map<uint64_t, fs::path> vols;
    std::optional<Magic> magic;  // of the first volume
    int width = 0;
  };
  std::map<std::pair<int, std::string>, Group> groups;
  std::vector<ArchiveSet> sets;
  for (const auto& f : files) {
    auto style = f.name.style;
    if (style == NameInfo::Single || (style != NameInfo::Numbered && f.magic != Magic::Rar)) {
      // Not named like a volume (found by magic), or a ".rar" that is really
      // 7z/ZIP; a ".rar" without any archive inside is no archive at all.
      if (f.magic == Magic::None) continue;
      sets.push_back({kind_of(f.magic), f.name.set, {f.path}, false, false, {}});
      continue;
    }
    if (style == NameInfo::PartN && f.magic == Magic::Rar) {
      // "name.part1.rar" that is not a volume at all is a single archive.
      auto info = scan_rar(f.path);
      if (info && !info->damaged && !info->is_volume && !info->headers_encrypted) {
        sets.push_back({ArchiveSet::Rar, f.path.stem().string(), {f.path}, false, false, {}});
        continue;
      }
    }
    auto& g = groups[{int(style), to_lower(f.name.set)}];
    g.style = style;
    g.name = f.name.set;
    g.width = std::max(g.width, f.name.width);
    g.vols[f.name.index] = f.path;
    uint64_t first = style == NameInfo::PartN || style == NameInfo::Numbered ? 1 : 0;
    if (f.name.index == first) g.magic = f.magic;
  }

  for (auto& [key, g] : groups) {
    uint64_t first = g.style == NameInfo::OldRar ? 0 : 1;
    Magic m = g.magic.value_or(Magic::None);
    if (!g.magic) {
      // First volume absent: RAR continuation volumes still carry the magic;
      // for 7z/ZIP splits only the name tells.
      std::string ext = to_lower(fs::path(g.name).extension().string());
      if (magic_of(g.vols.begin()->second) == Magic::Rar) m = Magic::Rar;
      else if (g.style == NameInfo::Numbered && ext == ".7z") m = Magic::SevenZip;
      else if (g.style == NameInfo::Numbered && ext == ".zip") m = Magic::Zip;
      else continue;  // e.g. stray ".002" files of a plain split file
    }
    if (m == Magic::None) continue;  // ".001" of a non-archive (plain split file)
    ArchiveSet s;
    s.kind = kind_of(m);
    s.name = g.name;
    if (s.kind == ArchiveSet::SevenZip && g.style == NameInfo::Numbered) {
      // "show.7z.001" -> set name "show"
      fs::path p(g.name);
      if (to_lower(p.extension().string()) == ".7z") s.name = p.stem().string();
    }
    for (const auto& [i, p] : g.vols) s.volumes.push_back(p);
    check_complete(s, g.style, g.name, g.vols, first, g.width);
    sets.push_back(std::move(s));
  }
  for (auto& s : sets) mark_encryption(s);
  std::sort(sets.begin(), sets.end(), [](const ArchiveSet& a, const ArchiveSet& b) {
    return a.volumes.front() < b.volumes.front();
  });
  return sets;
}

std::vector<NamedRarSet> rar_sets_by_name(const std::vector<std::string>& file_names) {
  struct Group {
    std::string name;
    std::map<uint64_t, std::string> vols;
  };
  std::map<std::pair<int, std::string>, Group> groups;
  for (const auto& n : file_names) {
    auto info = parse_name(n);
    if (!info || (info->style != NameInfo::PartN && info->style != NameInfo::OldRar)) continue;
    auto& g = groups[{int(info->style), to_lower(info->set)}];
    g.name = info->set;
    g.vols.emplace(info->index, n);
  }
  std::vector<NamedRarSet> out;
  for (auto& [key, g] : groups) {
    uint64_t next = key.first == int(NameInfo::PartN) ? 1 : 0;
    NamedRarSet set{g.name, {}};
    // Up to the first gap: volumes after it could not be read in order anyway.
    for (auto it = g.vols.find(next); it != g.vols.end() && it->first == next; ++it, ++next)
      set.volumes.push_back(it->second);
    if (!set.volumes.empty()) out.push_back(std::move(set));
  }
  return out;
}

}  // namespace nzbd::unpack
