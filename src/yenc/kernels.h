// Decoder kernels behind decode_yenc_part(). Exposed (not part of the small
// public API) so tests and benchmarks can run every kernel the CPU supports.
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <span>

#include "yenc/yenc.h"

namespace nzbd::yenc {

using DecodeFn = size_t (*)(const char* src, size_t len, char* dst, DecoderState& state);

struct Kernel {
  const char* name;
  bool (*supported)();
  DecodeFn decode;
};

// Every kernel compiled in, best first; check supported() before calling.
std::span<const Kernel> all_kernels();
// The kernel with this name if compiled in and supported by this CPU.
const Kernel* find_kernel(const char* name);

namespace detail {
// Scalar reference; also used for block tails by the SIMD kernels.
size_t decode_scalar(const char* src, size_t len, char* dst, DecoderState& state);
size_t decode_sse2(const char* src, size_t len, char* dst, DecoderState& state);
size_t decode_ssse3(const char* src, size_t len, char* dst, DecoderState& state);
size_t decode_avx512(const char* src, size_t len, char* dst, DecoderState& state);
size_t decode_avx2(const char* src, size_t len, char* dst, DecoderState& state);

// For an 8-bit "remove" mask: how many bytes are kept (its zero bits), for
// kernels that cannot count on a popcnt instruction.
extern const std::array<uint8_t, 256> kKept8;

// For 16-byte blocks: indices of the kept bytes for the low 15 bits of a
// remove mask (byte 15 always counts as kept: when it is really dropped it
// lands just past the kept bytes and the next store overwrites it).
const uint8_t (*compact15())[16];
}  // namespace detail

}  // namespace nzbd::yenc
