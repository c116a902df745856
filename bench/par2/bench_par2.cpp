// Command-line driver for the PAR2 benchmark (bench/par2/run.sh):
//   bench_par2 verify|repair <folder>
// loads every .par2 file of the folder, verifies, and repairs if asked.
// Exit code 0 when the files are (or were made) whole.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "par2/par2.h"
#include "par2/region.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

static double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// GB/s of each region kernel on one core: 16 sources into one 16 KiB chunk,
// as the repair loop runs them.
static int kernels() {
  constexpr size_t kLen = 16 << 10, kSources = 16;
  std::vector<std::vector<uint8_t>> src(kSources, std::vector<uint8_t>(kLen, 0x5a));
  std::vector<const uint8_t*> ptrs;
  std::vector<nzbd::par2::MulTable> tables;
  for (size_t i = 0; i < kSources; ++i) {
    ptrs.push_back(src[i].data());
    tables.push_back(nzbd::par2::make_table(static_cast<uint16_t>(0x1234 + 77 * i)));
  }
  std::vector<uint8_t> dst(kLen);
  auto measure = [&](const std::string& name, nzbd::par2::MulAddFn fn) {
    size_t rounds = 0;
    auto t = Clock::now();
    while (since(t) < 0.3) {
      for (int r = 0; r < 20; ++r) fn(dst.data(), ptrs.data(), tables.data(), kSources, kLen);
      rounds += 20;
    }
    std::printf("%-18s %7.2f GB/s\n", name.c_str(), rounds * kSources * kLen / since(t) / 1e9);
  };
  for (const auto& k : nzbd::par2::available_kernels()) {
    measure(k.name, k.fn);
    if (k.split_fn && k.name != "scalar") measure(k.name + " (split)", k.split_fn);
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "kernels") return kernels();
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s verify|repair <folder> | kernels\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const fs::path dir = argv[2];
  std::vector<fs::path> par2_files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".par2") par2_files.push_back(e.path());
  auto t0 = Clock::now();
  auto set = nzbd::par2::load_set(par2_files);
  if (!set) {
    std::fprintf(stderr, "%s\n", set.message().c_str());
    return 1;
  }
  double t_load = since(t0);
  auto t1 = Clock::now();
  auto report = nzbd::par2::verify(*set, dir);
  if (!report) {
    std::fprintf(stderr, "%s\n", report.message().c_str());
    return 1;
  }
  double t_verify = since(t1);
  std::fprintf(stderr, "load %.2fs verify %.2fs: %u slices missing, %u recovery blocks\n", t_load,
               t_verify, report->missing_slices, report->recovery_available);
  if (mode == "verify") return report->all_ok() ? 0 : 1;
  if (report->all_ok()) return 0;
  auto t2 = Clock::now();
  auto repaired = nzbd::par2::repair(*set, dir, *report);
  if (!repaired) {
    std::fprintf(stderr, "%s\n", repaired.message().c_str());
    return 1;
  }
  std::fprintf(stderr, "repair %.2fs: %u slices\n", since(t2), repaired->repaired_slices);
  return 0;
}
