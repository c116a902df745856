// The token the download engine gives the NNTP pool for one article: job
// serial, file index and segment index packed into 64 bits. The limits are
// checked, never masked: intake refuses an NZB whose files or segments do not
// fit (fits_nzb), and pack() says so instead of aliasing another article.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace nzbd::queue {

class ArticleToken {
 public:
  static constexpr unsigned kSegmentBits = 24;
  static constexpr unsigned kFileBits = 16;
  static constexpr unsigned kSerialBits = 64 - kFileBits - kSegmentBits;
  static constexpr uint64_t kMaxFiles = uint64_t{1} << kFileBits;               // files per job
  static constexpr uint64_t kMaxSegmentsPerFile = uint64_t{1} << kSegmentBits;  // articles per file
  static constexpr uint64_t kMaxSerial = (uint64_t{1} << kSerialBits) - 1;      // job serials in one run

  static constexpr bool fits(uint64_t serial, uint64_t file, uint64_t segment) {
    return serial <= kMaxSerial && file < kMaxFiles && segment < kMaxSegmentsPerFile;
  }
  static constexpr std::optional<ArticleToken> pack(uint64_t serial, uint64_t file, uint64_t segment) {
    if (!fits(serial, file, segment)) return std::nullopt;
    return ArticleToken((serial << (kFileBits + kSegmentBits)) | (file << kSegmentBits) | segment);
  }
  // A token as the pool hands it back.
  static constexpr ArticleToken from_raw(uint64_t raw) { return ArticleToken(raw); }

  constexpr uint64_t raw() const { return raw_; }
  constexpr uint32_t serial() const { return static_cast<uint32_t>(raw_ >> (kFileBits + kSegmentBits)); }
  constexpr uint32_t file() const { return static_cast<uint32_t>((raw_ >> kSegmentBits) & (kMaxFiles - 1)); }
  constexpr uint32_t segment() const { return static_cast<uint32_t>(raw_ & (kMaxSegmentsPerFile - 1)); }

 private:
  explicit constexpr ArticleToken(uint64_t raw) : raw_(raw) {}
  uint64_t raw_;
};

// Whether a job of `files` files, the largest (`largest_name`) with
// `most_segments` articles, fits the tokens; the error says which limit.
inline Status check_token_limits(size_t files, size_t most_segments, std::string_view largest_name) {
  if (files > ArticleToken::kMaxFiles)
    return make_error("the NZB has " + std::to_string(files) + " files, but nzbd downloads at most " +
                      std::to_string(ArticleToken::kMaxFiles) + " files per job; split it into smaller NZBs");
  if (most_segments > ArticleToken::kMaxSegmentsPerFile)
    return make_error((largest_name.empty() ? std::string("a file") : "the file " + std::string(largest_name)) +
                      " of the NZB has " + std::to_string(most_segments) +
                      " articles, but nzbd downloads at most " + std::to_string(ArticleToken::kMaxSegmentsPerFile) +
                      " articles per file");
  return ok_status();
}

}  // namespace nzbd::queue
