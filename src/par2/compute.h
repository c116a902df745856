// The Reed-Solomon hot loop: stream every input slice once and accumulate it,
// times its coefficient, into every missing slice.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "util/result.h"

namespace nzbd::par2 {

struct RepairInput {
  std::filesystem::path path;
  uint64_t offset = 0;
  uint64_t length = 0;             // <= slice size; the rest is zero padding
  std::vector<uint16_t> coefficients;  // one per output
};

// outputs[k * slice_size ...] = sum over inputs of coefficients[k] * input.
// `threads` = 0 uses every core.
Status accumulate(const std::vector<RepairInput>& inputs, size_t output_count, uint64_t slice_size,
                  std::vector<uint8_t>& outputs, unsigned threads = 0);

}  // namespace nzbd::par2
