#include "queue/segments.h"

namespace nzbd::queue {

SegmentTable SegmentTable::build(const nzb::Nzb& nzb, const std::vector<JobFile>& job_files) {
  SegmentTable t;
  size_t arena_bytes = 0;
  for (const auto& jf : job_files)
    if (jf.nzb_index < nzb.files.size())
      for (const auto& s : nzb.files[jf.nzb_index].segments) arena_bytes += s.message_id.size();
  t.arena_.reserve(arena_bytes);
  t.files.resize(job_files.size());
  t.done.resize(job_files.size());
  for (size_t i = 0; i < job_files.size(); ++i) {
    const auto& jf = job_files[i];
    if (jf.nzb_index >= nzb.files.size()) continue;
    const auto& segs = nzb.files[jf.nzb_index].segments;
    auto& out = t.files[i];
    out.reserve(segs.size());
    for (const auto& s : segs) {
      Segment seg;
      seg.bytes = s.bytes;
      seg.msgid_off = static_cast<uint32_t>(t.arena_.size());
      seg.msgid_len = static_cast<uint16_t>(s.message_id.size());
      t.arena_ += s.message_id;
      out.push_back(seg);
    }
  }
  return t;
}

}  // namespace nzbd::queue
