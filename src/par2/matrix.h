// Square matrices over GF(2^16) for the repair equations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nzbd::par2 {

// Inverts the n x n row-major matrix in place by Gauss-Jordan elimination.
// Returns false (matrix unchanged in meaning) if it is singular.
bool invert(std::vector<uint16_t>& matrix, size_t n);

}  // namespace nzbd::par2
