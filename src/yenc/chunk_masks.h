// Scalar bit logic shared by the SIMD kernels: from per-byte masks of one
// chunk (bit i = byte i) to the bytes to drop and the state carried on.
// Plain C++, no intrinsics, so every kernel can inline it.
#pragma once

#include <cstdint>

namespace nzbd::yenc::detail {
namespace {

template <typename Mask>  // uint32_t or uint64_t: chunk of 32 or 64 bytes
struct ChunkMasks {
  Mask remove;       // bytes that produce no output: '=', CR, LF, stuffed '.'
  bool fallback;     // (esc and ls are then left unchanged) an escaped '=' ("==", broken input): decode this chunk with the scalar code
};

// eqm/crm/lfm/dotm: bytes equal to '=', '\r', '\n', '.'. esc/ls: state in, updated to the state out.
template <typename Mask>
inline __attribute__((always_inline)) ChunkMasks<Mask> chunk_masks(Mask eqm, Mask crm, Mask lfm, Mask dotm,
                                                                  unsigned& esc, unsigned& ls) {
  constexpr int kTop = sizeof(Mask) * 8 - 1;
  const Mask escm = static_cast<Mask>(eqm << 1) | esc;
  if (eqm & escm) return {0, true};
  lfm &= ~escm;
  crm &= ~escm;
  dotm &= static_cast<Mask>((lfm << 1) | ls) & ~escm;
  esc = static_cast<unsigned>(eqm >> kTop);
  ls = static_cast<unsigned>(lfm >> kTop);
  return {static_cast<Mask>(eqm | crm | lfm | dotm), false};
}

}  // namespace
}  // namespace nzbd::yenc::detail
