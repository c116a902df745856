// Decode and decode+CRC32 throughput of every yEnc kernel on a ~700 KB article
// (random data, 128-char lines, CRLF, dot-stuffed). Throughput is counted in
// raw (encoded) input bytes per wall-clock second (CPU time is unreliable on a
// shared VM), as the mean and as the best single call (best_GBps).
//
//   bench_yenc [--article=PATH] [benchmark flags]
// With --article=PATH the article is read from PATH, or generated and written
// there if PATH does not exist (run.sh uses this to feed node's yencode the
// very same bytes).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "yenc/encode_for_test.h"
#include "yenc/kernels.h"

namespace {

using namespace nzbd::yenc;

std::string g_article;     // the NNTP body
std::string_view g_lines;  // its yEnc data lines (between =ybegin and =yend)

std::string make_article() {
  test::ArticleSpec spec;
  spec.name = "bench.bin";
  spec.lines.line_len = 128;
  spec.lines.escape_leading_dot = false;  // leave leading dots to NNTP stuffing
  return test::yenc_article(test::random_bytes(700 * 1024, 2024), spec);
}

bool load_or_create(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    g_article.assign(std::istreambuf_iterator<char>(in), {});
    return true;
  }
  g_article = make_article();
  std::ofstream out(path, std::ios::binary);
  out.write(g_article.data(), static_cast<std::streamsize>(g_article.size()));
  return static_cast<bool>(out);
}

std::string_view data_lines(std::string_view article) {
  const size_t start = article.find('\n') + 1;  // after =ybegin (single part)
  const size_t end = article.rfind("\n=yend") + 1;
  return article.substr(start, end - start);
}

// Also reports best_GBps: the fastest single call, which on a shared, noisy
// machine is the most repeatable figure (yencode_bench.js reports the same).
class BestCall {
 public:
  void start() { t0_ = std::chrono::steady_clock::now(); }
  void stop() { best_ = std::min(best_, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count()); }
  void report(benchmark::State& state, size_t bytes) const {
    state.counters["best_GBps"] = static_cast<double>(bytes) / best_ / 1e9;
  }

 private:
  std::chrono::steady_clock::time_point t0_;
  double best_ = 1e9;
};

void BM_Decode(benchmark::State& state, const Kernel* k, bool with_crc) {
  std::vector<char> out(g_lines.size());
  uint32_t crc = 0;
  BestCall best;
  for (auto _ : state) {
    best.start();
    DecoderState st;
    const size_t n = k->decode(g_lines.data(), g_lines.size(), out.data(), st);
    if (with_crc) crc = nzbd::yenc::crc32(out.data(), n);
    benchmark::DoNotOptimize(out.data());
    benchmark::DoNotOptimize(crc);
    best.stop();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_lines.size()));
  best.report(state, g_lines.size());
}

// The whole article path: copy the body (the NNTP layer's buffer) and decode it in place.
void BM_Article(benchmark::State& state) {
  std::vector<char> buf(g_article.size());
  BestCall best;
  for (auto _ : state) {
    best.start();
    std::memcpy(buf.data(), g_article.data(), g_article.size());
    auto r = decode_article_inplace(buf.data(), buf.size());
    if (!r) state.SkipWithError(r.message().c_str());
    benchmark::DoNotOptimize(buf.data());
    best.stop();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * g_article.size()));
  best.report(state, g_article.size());
  state.SetLabel(decoder_kernel_name());
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  std::string path;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--article=", 10) == 0) {
      path = argv[i] + 10;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (path.empty()) {
    g_article = make_article();
  } else if (!load_or_create(path)) {
    fprintf(stderr, "cannot read or write %s\n", path.c_str());
    return 1;
  }
  g_lines = data_lines(g_article);
  {
    std::vector<char> out(g_lines.size());
    DecoderState st;
    const size_t n = decode_yenc_part(g_lines.data(), g_lines.size(), out.data(), st);
    fprintf(stderr, "nzbd decoded %zu bytes, crc32 %08x, input %zu bytes, kernel %s\n", n,
            nzbd::yenc::crc32(out.data(), n), g_lines.size(), decoder_kernel_name());
  }
  for (const Kernel& k : all_kernels()) {
    if (!k.supported()) continue;
    benchmark::RegisterBenchmark((std::string("decode/") + k.name).c_str(), BM_Decode, &k, false)->UseRealTime();
    benchmark::RegisterBenchmark((std::string("decode+crc/") + k.name).c_str(), BM_Decode, &k, true)->UseRealTime();
  }
  benchmark::RegisterBenchmark("article_inplace", BM_Article)->UseRealTime();
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
