#include "http/form.h"
#include "util/strings.h"

#include <gmime/gmime.h>
#include <uriparser/Uri.h>

#include <memory>
#include <mutex>
#include <string>

namespace nzbd::http {
namespace {

struct GObjectUnref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

void init_gmime_once() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string part_bytes(GMimePart* part) {
  GMimeDataWrapper* wrapper = g_mime_part_get_content(part);
  if (!wrapper) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(wrapper, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

void add_part(GMimeObject* obj, Params& out) {
  if (!GMIME_IS_PART(obj)) return;
  GMimeContentDisposition* disp = g_mime_object_get_content_disposition(obj);
  if (!disp) return;
  const char* name = g_mime_content_disposition_get_parameter(disp, "name");
  if (!name) return;
  const char* filename = g_mime_content_disposition_get_parameter(disp, "filename");
  std::string data = part_bytes(GMIME_PART(obj));
  if (filename) {
    GMimeContentType* ct = g_mime_object_get_content_type(obj);
    char* mime = ct ? g_mime_content_type_get_mime_type(ct) : nullptr;
    out.add(name, filename);
    out.files.push_back(FormFile{name, filename, mime ? mime : "", std::move(data)});
    g_free(mime);
  } else {
    out.add(name, std::move(data));
  }
}

}  // namespace

void parse_urlencoded(std::string_view text, Params& out) {
  if (text.empty()) return;
  UriQueryListA* list = nullptr;
  int count = 0;
  if (uriDissectQueryMallocExA(&list, &count, text.data(), text.data() + text.size(), URI_TRUE,
                             URI_BR_DONT_TOUCH) != URI_SUCCESS)
    return;
  for (UriQueryListA* it = list; it; it = it->next)
    if (it->key) out.add(it->key, it->value ? it->value : "");
  uriFreeQueryListA(list);
}

Status parse_multipart(std::string_view content_type, std::string_view body, Params& out) {
  init_gmime_once();
  std::string doc = "Content-Type: " + std::string(content_type) + "\r\n\r\n";
  doc.append(body);
  GPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(doc.data(), static_cast<gsize>(doc.size())));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeObject> root(g_mime_parser_construct_part(parser.get(), nullptr));
  if (!root || !GMIME_IS_MULTIPART(root.get()))
    return make_error("malformed multipart/form-data body");
  auto* multipart = GMIME_MULTIPART(root.get());
  int n = g_mime_multipart_get_count(multipart);
  for (int i = 0; i < n; ++i) add_part(g_mime_multipart_get_part(multipart, i), out);
  return ok_status();
}

Status parse_params(Request& req) {
  parse_urlencoded(req.query, req.params);
  if (req.method != "POST" && req.method != "PUT") return ok_status();
  std::string ct = req.header("content-type");
  std::string lower = to_lower(ct);
  if (lower.rfind("application/x-www-form-urlencoded", 0) == 0) {
    parse_urlencoded(req.body, req.params);
  } else if (lower.rfind("multipart/form-data", 0) == 0) {
    return parse_multipart(ct, req.body, req.params);
  }
  return ok_status();
}

std::string decode_path(std::string_view path) {
  std::string s(path);
  const char* end = uriUnescapeInPlaceExA(s.data(), URI_FALSE, URI_BR_DONT_TOUCH);
  s.resize(static_cast<size_t>(end - s.data()));
  return s;
}

}  // namespace nzbd::http
