// IndexerTagSpecification: an indexer with tags serves only the series that
// share one of them (RSS and searches alike).
#include "pvr/decision/specs.h"
#include "pvr/library_detail.h"

namespace nzbd::pvr {

std::map<int, std::vector<int>> read_indexer_tags(Library& library) {
  return library.with_db([](Db& db) {
    std::map<int, std::vector<int>> out;
    Stmt s(db, "SELECT id, tags FROM indexers WHERE tags <> ''");
    while (s.step()) out[s.i32(0)] = libdb::split_ints(s.text(1));
    return out;
  });
}

std::optional<Rejection> indexer_tag_spec(const SpecInput& in) {
  auto it = in.indexer_tags.find(in.remote.release.indexer_id);
  if (it == in.indexer_tags.end() || it->second.empty()) return std::nullopt;
  for (int tag : it->second)
    for (int own : in.series.tags)
      if (tag == own) return std::nullopt;
  return Rejection{"Release rejected since the series has none of the tags of indexer " + in.remote.release.indexer, false};
}

}  // namespace nzbd::pvr
