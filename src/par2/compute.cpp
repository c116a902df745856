#include "par2/compute.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <thread>

#include "par2/io.h"
#include "par2/region.h"

namespace nzbd::par2 {
namespace {

constexpr size_t kChunk = 16 << 10;  // bytes of each slice processed together (fits L1/L2)

class Accumulator {
 public:
  Accumulator(const std::vector<RepairInput>& inputs, size_t outputs, uint64_t slice_size,
              std::vector<uint8_t>& out, unsigned threads)
      : inputs_(inputs), m_(outputs), S_(slice_size), out_(out), threads_(threads) {
    batch_ = static_cast<size_t>(std::clamp<uint64_t>(kStreamBufferBytes / S_, 1, 32));
    for (auto& b : buffers_) b.resize(batch_ * S_);
  }

  Status run() {
    out_.assign(m_ * S_, 0);
    if (inputs_.empty() || m_ == 0) return ok_status();
    const size_t batches = (inputs_.size() + batch_ - 1) / batch_;
    if (!read_batch(0, buffers_[0])) return read_error();
    for (size_t b = 0; b < batches; ++b) {
      std::vector<uint8_t>& current = buffers_[b % 2];
      std::vector<std::thread> workers;
      std::vector<MulTable> tables = make_tables(b);
      const size_t count = batch_count(b);
      for (unsigned t = 0; t < threads_; ++t)
        workers.emplace_back([&, t] { compute(current, count, tables, t); });
      bool ok = b + 1 >= batches || read_batch(b + 1, buffers_[(b + 1) % 2]);
      for (auto& w : workers) w.join();
      if (!ok) return read_error();
    }
    if (kernel_.split_fn)
      for (size_t k = 0; k < m_; ++k) from_split(out_.data() + k * S_, S_);
    return ok_status();
  }

 private:
  size_t batch_count(size_t b) const { return std::min(batch_, inputs_.size() - b * batch_); }

  Status read_error() const { return io_error("Repair failed, cannot read " + failed_.string()); }

  bool read_batch(size_t b, std::vector<uint8_t>& buf) {
    for (size_t i = 0; i < batch_count(b); ++i) {
      const RepairInput& in = inputs_[b * batch_ + i];
      uint8_t* dst = buf.data() + i * S_;
      auto it = files_.find(in.path);
      if (it == files_.end()) it = files_.emplace(in.path, File::open(in.path, File::Mode::read)).first;
      if (in.length > S_ || !it->second || it->second->read_at(in.offset, dst, in.length) != in.length) {
        failed_ = in.path;
        return false;
      }
      std::memset(dst + in.length, 0, S_ - in.length);
      if (kernel_.split_fn) to_split(dst, S_);
    }
    return true;
  }

  // tables[k * count + i]: multiply input i of the batch into output k.
  std::vector<MulTable> make_tables(size_t b) const {
    const size_t count = batch_count(b);
    std::vector<MulTable> tables(m_ * count);
    for (size_t i = 0; i < count; ++i)
      for (size_t k = 0; k < m_; ++k)
        tables[k * count + i] = make_table(inputs_[b * batch_ + i].coefficients[k]);
    return tables;
  }

  // Thread t takes its share of every slice, chunk by chunk, so the chunk of
  // all batch inputs stays in cache while it is added into every output.
  void compute(const std::vector<uint8_t>& buf, size_t count, const std::vector<MulTable>& tables,
               unsigned t) const {
    const size_t share = ((S_ / threads_) + kSplitBlock - 1) & ~(kSplitBlock - 1);
    const size_t begin = std::min<size_t>(S_, share * t);
    const size_t end = t + 1 == threads_ ? S_ : std::min<size_t>(S_, begin + share);
    const MulAddFn kernel = kernel_.split_fn ? kernel_.split_fn : kernel_.fn;
    std::vector<const uint8_t*> srcs(count);
    for (size_t off = begin; off < end; off += kChunk) {
      const size_t len = std::min(kChunk, end - off);
      for (size_t i = 0; i < count; ++i) srcs[i] = buf.data() + i * S_ + off;
      for (size_t k = 0; k < m_; ++k)
        kernel(out_.data() + k * S_ + off, srcs.data(), &tables[k * count], count, len);
    }
  }

  const std::vector<RepairInput>& inputs_;
  size_t m_;
  uint64_t S_;
  std::vector<uint8_t>& out_;
  unsigned threads_;
  size_t batch_ = 1;
  const Kernel& kernel_ = best_kernel();
  std::vector<uint8_t> buffers_[2];
  std::map<std::filesystem::path, Result<File>> files_;  // an unopenable one is kept as its error
  std::filesystem::path failed_;
};

}  // namespace

Status accumulate(const std::vector<RepairInput>& inputs, size_t output_count, uint64_t slice_size,
                  std::vector<uint8_t>& outputs, unsigned threads) {
  if (threads == 0) threads = std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
  for (const auto& in : inputs)
    if (in.coefficients.size() != output_count) return make_error("Repair failed, internal error");
  return Accumulator(inputs, output_count, slice_size, outputs, threads).run();
}

}  // namespace nzbd::par2
