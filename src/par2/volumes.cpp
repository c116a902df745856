// Recovery volume helpers: parse "<base>.volNN+MM.par2" and pick volumes.
#include <algorithm>
#include <cctype>
#include <limits>
#include <numeric>

#include "par2/par2.h"

namespace nzbd::par2 {

uint32_t volume_blocks(const std::string& name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string suffix = ".par2";
  if (lower.size() < suffix.size() || lower.compare(lower.size() - suffix.size(), suffix.size(), suffix))
    return 0;
  size_t end = lower.size() - suffix.size();
  size_t vol = lower.rfind(".vol", end);
  if (vol == std::string::npos) return 0;
  size_t plus = lower.find('+', vol);
  if (plus == std::string::npos || plus >= end) return 0;
  auto digits = [&](size_t from, size_t to) {
    if (from >= to || to - from > 9) return false;
    return std::all_of(lower.begin() + from, lower.begin() + to,
                       [](unsigned char c) { return std::isdigit(c); });
  };
  if (!digits(vol + 4, plus) || !digits(plus + 1, end)) return 0;
  return static_cast<uint32_t>(std::stoul(lower.substr(plus + 1, end - plus - 1)));
}

std::vector<size_t> choose_volumes(const std::vector<VolumeFile>& volumes, uint32_t needed) {
  if (needed == 0) return {};
  // PAR2 has at most 65535 recovery blocks: larger numbers are bogus names.
  constexpr uint32_t kMaxBlocks = 65535;
  if (needed > kMaxBlocks) return {};
  std::vector<uint32_t> blocks;
  uint64_t sum = 0;
  uint32_t largest = 0;
  for (const auto& v : volumes) {
    blocks.push_back(std::min(v.blocks, kMaxBlocks));
    sum += blocks.back();
    largest = std::max(largest, blocks.back());
  }
  if (sum < needed) return {};
  // 0/1 knapsack over totals up to needed + largest: best[t] = fewest files
  // reaching exactly t blocks; the smallest t >= needed wins.
  const size_t cap = static_cast<size_t>(needed) + largest;
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> best(cap + 1, kNone);
  std::vector<std::vector<bool>> took(blocks.size(), std::vector<bool>(cap + 1));
  best[0] = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const uint32_t b = blocks[i];
    if (b == 0) continue;
    for (size_t t = cap; t >= b; --t) {
      if (best[t - b] == kNone || best[t - b] + 1 >= best[t]) continue;
      best[t] = best[t - b] + 1;
      took[i][t] = true;
    }
  }
  size_t t = needed;
  while (t <= cap && best[t] == kNone) ++t;
  if (t > cap) return {};
  std::vector<size_t> chosen;
  for (size_t i = blocks.size(); i-- > 0 && t > 0;)
    if (took[i][t]) {
      chosen.push_back(i);
      t -= blocks[i];
    }
  std::reverse(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace nzbd::par2
