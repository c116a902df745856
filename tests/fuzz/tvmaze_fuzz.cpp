// The TVMaze JSON mapping: every mapper over the same (hostile) document;
// each answers a value or an error, never throws out or crashes.
#include <string>

#include "fuzz_support.h"
#include "pvr/tvmaze.h"

using namespace nzbd::pvr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  if (auto show = map_tvmaze_show(json); !show.ok()) FUZZ_CHECK(!show.message().empty());
  if (auto info = map_tvmaze_show_with_episodes(json); !info.ok()) FUZZ_CHECK(!info.message().empty());
  (void)map_tvmaze_search(json);
  (void)map_tvmaze_show_list(json);
  (void)map_tvmaze_status(json);
  return 0;
}
