// decode_article_inplace: find the yEnc keyword lines, check the geometry they
// announce, decode the data lines in place and check the decoded size.
#include <algorithm>
#include <string>

#include "yenc/headers.h"
#include "yenc/uudecode.h"
#include "yenc/yenc.h"

namespace nzbd::yenc {
namespace {

using detail::Line;

// A keyword must be followed by a blank or the line end ("=ybegin2" is not "=ybegin").
size_t find_keyword_line(std::string_view body, size_t from, std::string_view keyword) {
  while (from <= body.size()) {
    const size_t pos = detail::find_line_starting(body, from, keyword);
    if (pos == std::string_view::npos) return pos;
    const size_t after = pos + keyword.size();
    if (after == body.size() || body[after] == ' ' || body[after] == '\t' || body[after] == '\r' ||
        body[after] == '\n') {
      return pos;
    }
    from = after;
  }
  return std::string_view::npos;
}

// =yend is nearly always on the last line: look at the tail first so a
// 700 KB body is not scanned twice.
size_t find_yend(std::string_view body, size_t data_start) {
  constexpr size_t kTail = 1024;
  if (body.size() - data_start > kTail) {
    const size_t pos = find_keyword_line(body, body.size() - kTail, "=yend");
    if (pos != std::string_view::npos) return pos;
  }
  return find_keyword_line(body, data_start, "=yend");
}

std::string_view after_keyword(const Line& line, std::string_view keyword) {
  return line.text.substr(std::min(keyword.size(), line.text.size()));
}

struct Geometry {
  uint64_t offset = 0;
  uint64_t size = 0;
};

Result<Geometry> part_geometry(const detail::YBegin& b, const std::optional<detail::YPart>& p) {
  const uint64_t file_size = *b.size;
  if (!b.part) return Geometry{0, file_size};
  if (*b.part == 0) return make_error("yEnc: part=0");
  if (b.total && *b.total != 0 && *b.part > *b.total) {
    return make_error("yEnc: part " + std::to_string(*b.part) + " of " + std::to_string(*b.total));
  }
  if (!p) return Geometry{0, file_size};  // old posters: a "part" that is the whole file
  if (!p->begin || !p->end) return make_error("yEnc: =ypart without begin/end");
  const uint64_t begin = *p->begin, end = *p->end;
  if (begin == 0 || end < begin || end > file_size) {
    return make_error("yEnc: bad =ypart begin=" + std::to_string(begin) + " end=" + std::to_string(end) +
                      " for size=" + std::to_string(file_size));
  }
  return Geometry{begin - 1, end - begin + 1};
}

std::optional<uint32_t> expected_crc(const detail::YBegin& b, const detail::YEnd& e) {
  if (!b.part) return e.crc32 ? e.crc32 : e.pcrc32;
  if (e.pcrc32) return e.pcrc32;
  if (b.total && *b.total == 1) return e.crc32;  // the part is the whole file
  return std::nullopt;
}

Result<ArticleInfo> decode_yenc_article(char* data, std::string_view body, size_t ybegin_pos) {
  const Line begin_line = detail::line_at(body, ybegin_pos);
  if (!begin_line.terminated) return make_error("yEnc: truncated =ybegin line");
  auto b = detail::parse_ybegin(after_keyword(begin_line, "=ybegin"));
  if (!b) return b.error();
  if (!b->size) return make_error("yEnc: =ybegin without size");

  size_t data_start = begin_line.next;
  std::optional<detail::YPart> ypart;
  const Line next = detail::line_at(body, data_start);
  if (b->part && next.text.substr(0, 6) == "=ypart") {
    if (!next.terminated) return make_error("yEnc: truncated =ypart line");
    auto p = detail::parse_ypart(after_keyword(next, "=ypart"));
    if (!p) return p.error();
    ypart = *p;
    data_start = next.next;
  }
  auto geometry = part_geometry(*b, ypart);
  if (!geometry) return geometry.error();

  const size_t yend_pos = find_yend(body, data_start);
  if (yend_pos == std::string_view::npos) return make_error("yEnc: no =yend line (article truncated?)");
  auto e = detail::parse_yend(after_keyword(detail::line_at(body, yend_pos), "=yend"));
  if (!e) return e.error();
  if (e->size && *e->size != geometry->size) {
    return make_error("yEnc: =yend size=" + std::to_string(*e->size) + " but header says " +
                      std::to_string(geometry->size));
  }
  if (e->part && b->part && *e->part != *b->part) return make_error("yEnc: =yend part differs from =ybegin");

  ArticleInfo info;
  info.name = std::move(b->name);
  info.file_size = *b->size;
  info.part = b->part.value_or(0);
  info.total = b->total.value_or(0);
  info.offset = geometry->offset;
  info.expected_crc32 = expected_crc(*b, *e);

  // The decoded bytes never outrun the raw ones, so decoding from
  // data+data_start into data is safe even though the ranges overlap.
  DecoderState state;
  info.size = decode_yenc_part(data + data_start, yend_pos - data_start, data, state);
  if (info.size != geometry->size) {
    return make_error("yEnc: decoded " + std::to_string(info.size) + " bytes, expected " +
                      std::to_string(geometry->size));
  }
  info.crc32 = crc32(data, info.size);
  return info;
}

}  // namespace

Result<ArticleInfo> decode_article_inplace(char* data, size_t len) {
  if (data == nullptr || len == 0) return make_error("empty article body");
  const std::string_view body(data, len);
  const size_t ybegin_pos = find_keyword_line(body, 0, "=ybegin");
  if (ybegin_pos != std::string_view::npos) return decode_yenc_article(data, body, ybegin_pos);
  if (const size_t uu_pos = detail::find_uu_begin(body); uu_pos != std::string_view::npos) {
    return detail::decode_uu_inplace(data, len, uu_pos);
  }
  return make_error("article has no =ybegin line and is not UUencoded");
}

}  // namespace nzbd::yenc
