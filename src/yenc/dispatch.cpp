// Run-time kernel selection.
#include <cstdlib>
#include <cstring>

#include "yenc/kernels.h"

namespace nzbd::yenc {
namespace {

bool always() { return true; }

#if NZBD_X86_SIMD
bool has_avx512vbmi2() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vbmi2");
}
bool has_avx2() { return __builtin_cpu_supports("avx2"); }
bool has_ssse3() { return __builtin_cpu_supports("ssse3"); }
bool has_sse2() { return __builtin_cpu_supports("sse2"); }
#endif

constexpr Kernel kKernels[] = {
#if NZBD_X86_SIMD
    {"avx512vbmi2", has_avx512vbmi2, detail::decode_avx512},
    {"avx2", has_avx2, detail::decode_avx2},
    {"ssse3", has_ssse3, detail::decode_ssse3},
    {"sse2", has_sse2, detail::decode_sse2},
#endif
    {"scalar", always, detail::decode_scalar},
};

const Kernel& choose_kernel() {
  if (const char* forced = std::getenv("NZBD_YENC_KERNEL")) {
    if (const Kernel* k = find_kernel(forced)) return *k;
  }
  for (const Kernel& k : kKernels) {
    if (k.supported()) return k;
  }
  return kKernels[std::size(kKernels) - 1];
}

const Kernel& active_kernel() {
  static const Kernel& chosen = choose_kernel();
  return chosen;
}

}  // namespace

std::span<const Kernel> all_kernels() { return kKernels; }

const Kernel* find_kernel(const char* name) {
  for (const Kernel& k : kKernels) {
    if (std::strcmp(k.name, name) == 0 && k.supported()) return &k;
  }
  return nullptr;
}

size_t decode_yenc_part(const char* src, size_t len, char* dst, DecoderState& state) {
  return active_kernel().decode(src, len, dst, state);
}

const char* decoder_kernel_name() { return active_kernel().name; }

}  // namespace nzbd::yenc
