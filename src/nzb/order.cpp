// The order files of a job are downloaded in, as SABnzbd's nzf_cmp_name:
// small par2 index files first (they tell what is damaged), RAR volumes next,
// other files, and par2 recovery volumes last (only fetched when needed).
#include <algorithm>
#include <charconv>

#include "nzb/nzb.h"
#include "nzb/text.h"

namespace nzbd::nzb {
namespace {

enum class Group { kPar2Index = 0, kRar = 1, kOther = 2, kRecovery = 3 };

struct SortKey {
  Group group;
  std::string stem;  // name (lower case) without the RAR volume extension
  int volume;        // .rar = -1, .r00 = 0, .s00 = 100, ...; -2 if not RAR
};

// ".rar" or ".[r-v]NN" at the end, as SABnzbd's RE_RAR.
std::optional<int> rar_volume(std::string_view lower) {
  if (lower.ends_with(".rar")) return -1;
  if (lower.size() < 4) return std::nullopt;
  const std::string_view ext = lower.substr(lower.size() - 4);
  if (ext[0] != '.' || ext[1] < 'r' || ext[1] > 'v' || !is_ascii_digit(ext[2]) ||
      !is_ascii_digit(ext[3])) {
    return std::nullopt;
  }
  return (ext[1] - 'r') * 100 + (ext[2] - '0') * 10 + (ext[3] - '0');
}

SortKey sort_key(const File& file) {
  std::string lower = to_lower(file.filename);
  if (file.is_recovery_volume) return {Group::kRecovery, lower, -2};
  if (file.is_par2) return {Group::kPar2Index, lower, -2};
  if (auto volume = rar_volume(lower)) {
    lower.resize(lower.size() - 4);
    return {Group::kRar, lower, *volume};
  }
  return {Group::kOther, lower, -2};
}

// Compares two runs of digits by value (leading zeros ignored).
int compare_numbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string_view digit_run(std::string_view s, size_t from) {
  size_t end = from;
  while (end < s.size() && is_ascii_digit(s[end])) ++end;
  return s.substr(from, end - from);
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_ascii_digit(a[i]) && is_ascii_digit(b[j])) {
      const std::string_view da = digit_run(a, i), db = digit_run(b, j);
      if (int c = compare_numbers(da, db)) return c;
      i += da.size();
      j += db.size();
      continue;
    }
    const unsigned char ca = static_cast<unsigned char>(ascii_lower(a[i]));
    const unsigned char cb = static_cast<unsigned char>(ascii_lower(b[j]));
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  // Equal by value ("a01" vs "a1"): fall back to bytes for a total order.
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::optional<std::pair<int, int>> parse_par2_volume(std::string_view filename) {
  const std::string lower = to_lower(filename);
  if (!std::string_view(lower).ends_with(".par2")) return std::nullopt;
  const std::string_view body = std::string_view(lower).substr(0, lower.size() - 5);
  const size_t vol = body.rfind(".vol");
  if (vol == std::string_view::npos) return std::nullopt;
  const std::string_view numbers = body.substr(vol + 4);  // "NN+MM"
  const size_t sep = numbers.find_first_of("+-");
  if (sep == std::string_view::npos) return std::nullopt;
  auto parse = [](std::string_view digits, int& out) {
    if (digits.empty() || digits.size() > 9) return false;
    for (char c : digits) {
      if (!is_ascii_digit(c)) return false;
    }
    std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return true;
  };
  int first = 0, count = 0;
  if (!parse(numbers.substr(0, sep), first) || !parse(numbers.substr(sep + 1), count)) {
    return std::nullopt;
  }
  return std::make_pair(first, count);
}

bool is_par2_name(std::string_view filename) { return ends_with_icase(filename, ".par2"); }

void order_files(std::vector<File>& files) {
  for (File& file : files) {
    file.is_par2 = is_par2_name(file.filename);
    file.is_recovery_volume = file.is_par2 && parse_par2_volume(file.filename).has_value();
  }
  std::vector<std::pair<SortKey, size_t>> keys;
  keys.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) keys.emplace_back(sort_key(files[i]), i);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& x, const auto& y) {
    const SortKey& a = x.first;
    const SortKey& b = y.first;
    if (a.group != b.group) return a.group < b.group;
    if (int c = natural_compare(a.stem, b.stem)) return c < 0;
    return a.volume < b.volume;
  });
  std::vector<File> sorted;
  sorted.reserve(files.size());
  for (auto& [key, index] : keys) sorted.push_back(std::move(files[index]));
  files = std::move(sorted);
}

}  // namespace nzbd::nzb
