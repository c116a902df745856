// NZB intake: load_nzb_data (plain XML, gzip, bzip2, zip detected by magic)
// with a small decompression limit so bombs are cheap. Whatever is accepted
// keeps the promises of nzb.h, and write_nzb/parse_nzb round-trips it.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "nzb/nzb.h"

using namespace nzbd;
using nzbd::fuzz::Input;

namespace {

void check_nzb(const nzb::Nzb& doc) {
  FUZZ_CHECK(!doc.files.empty());
  uint64_t total = 0;
  for (const nzb::File& file : doc.files) {
    FUZZ_CHECK(!file.segments.empty());
    FUZZ_CHECK(nzb::sanitize_filename(file.filename) == file.filename);
    FUZZ_CHECK(file.filename.find('/') == std::string::npos);
    FUZZ_CHECK(file.filename != "." && file.filename != "..");
    FUZZ_CHECK(nzb::clean_text(file.subject) == file.subject);
    uint32_t previous = 0;
    for (const nzb::Segment& seg : file.segments) {
      FUZZ_CHECK(seg.number > previous && seg.number <= nzb::kMaxSegmentNumber);
      previous = seg.number;
      FUZZ_CHECK(seg.bytes > 0 && seg.bytes < nzb::kMaxSegmentBytes);
      FUZZ_CHECK(!seg.message_id.empty() && seg.message_id.size() <= nzb::kMaxMessageIdLength);
      for (char c : seg.message_id) FUZZ_CHECK(c > 0x20 && c < 0x7F && c != '<' && c != '>');
    }
    total += file.bytes();
  }
  FUZZ_CHECK(total == doc.total_bytes);
}

// write_nzb promises that parse_nzb of its output gives the same files.
void check_round_trip(const nzb::Nzb& doc) {
  auto again = nzb::parse_nzb(nzb::write_nzb(doc));
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->files.size() == doc.files.size());
  for (size_t i = 0; i < doc.files.size(); ++i) {
    const nzb::File& a = doc.files[i];
    const nzb::File& b = again->files[i];
    FUZZ_CHECK(a.filename == b.filename && a.subject == b.subject && a.groups == b.groups);
    FUZZ_CHECK(a.segments.size() == b.segments.size());
    for (size_t s = 0; s < a.segments.size(); ++s)
      FUZZ_CHECK(a.segments[s].number == b.segments[s].number && a.segments[s].bytes == b.segments[s].bytes &&
                 a.segments[s].message_id == b.segments[s].message_id);
  }
  FUZZ_CHECK(again->total_bytes == doc.total_bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  static const char* const kNames[] = {"job.nzb", "Show.S01E01{{secret}}.nzb", "x.nzb.gz", "", "a/b/../c.nzb.bz2"};
  const char* filename = kNames[in.byte() % 5];
  nzb::LoadOptions options;
  options.max_decompressed_bytes = 1 << 20;
  auto result = nzb::load_nzb_data(in.rest(), filename, options);
  if (!result.ok()) {
    FUZZ_CHECK(!result.message().empty());
    return 0;
  }
  FUZZ_CHECK(!result->empty());
  for (const nzb::NamedNzb& named : *result) {
    FUZZ_CHECK(nzb::clean_job_name(named.job_name) == named.job_name);
    FUZZ_CHECK(!named.job_name.empty());
    check_nzb(named.nzb);
    check_round_trip(named.nzb);
  }
  return 0;
}
