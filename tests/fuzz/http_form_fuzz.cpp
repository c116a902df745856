// HTTP parameters: a request built from the input ("query|||content-type|||
// body") goes through parse_params (uriparser for the query and urlencoded
// bodies, GMime for multipart/form-data), then the lookups the API uses.
#include <string>

#include "fuzz_support.h"
#include "http/form.h"
#include "http/message.h"

using namespace nzbd::http;
using nzbd::fuzz::Input;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const uint8_t flags = in.byte();
  Request req;
  req.method = (flags & 1) ? "POST" : "GET";
  req.query = std::string(in.until("|||"));
  std::string_view ct = in.until("|||");
  static const char* const kTypes[] = {"", "application/x-www-form-urlencoded",
                                       "multipart/form-data; boundary=XyZ", "MULTIPART/form-data; boundary=\"a b\""};
  // Half the time a fixed, well-formed type so the body parser gets real work.
  req.headers["content-type"] = (flags & 6) ? kTypes[(flags >> 1) & 3] : std::string(ct);
  req.body = std::string(in.rest());
  auto status = parse_params(req);
  if (!status.ok()) FUZZ_CHECK(!status.message().empty());
  for (const auto& [key, value] : req.params.items()) {
    FUZZ_CHECK(req.params.has(key));
    (void)req.params.get_icase(key);
  }
  for (const FormFile& f : req.params.files) FUZZ_CHECK(req.params.file(f.field) != nullptr);
  (void)carries_api_key(req, "0123456789abcdef0123456789abcdef");
  std::string decoded = decode_path(req.query);
  FUZZ_CHECK(decoded.size() <= req.query.size());
  return 0;
}
