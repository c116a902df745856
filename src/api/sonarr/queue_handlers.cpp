// /queue, /queue/status and /diskspace. The TV side grabs nothing until
// indexers exist, so its queue is truthfully empty.
#include <algorithm>
#include <filesystem>
#include <set>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

http::Response handle_queue(Context&, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  if (call.rest == "status")
    return reply(json{{"totalCount", 0}, {"count", 0}, {"unknownCount", 0}, {"errors", false},
                      {"warnings", false}, {"unknownErrors", false}, {"unknownWarnings", false}});
  if (call.rest == "details") return reply(json::array());
  if (call.id) return not_found("Queue item " + std::to_string(*call.id) + " does not exist");
  int page = std::max(1, parse_int(call.param("page")).value_or(1));
  int size = std::clamp(parse_int(call.param("pageSize")).value_or(10), 1, 10000);
  std::string key = call.param("sortKey");
  std::string dir = call.param("sortDirection");
  return reply(json{{"page", page},
                    {"pageSize", size},
                    {"sortKey", key.empty() ? "timeleft" : key},
                    {"sortDirection", dir == "descending" ? "descending" : "ascending"},
                    {"totalRecords", 0},
                    {"records", json::array()}});
}

http::Response handle_diskspace(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  std::set<std::string> paths = {ctx.options.data_dir.string()};
  for (const auto& rf : ctx.library->list_root_folders()) paths.insert(rf.path);
  json out = json::array();
  for (const auto& p : paths) {
    std::error_code ec;
    auto space = fs::space(p, ec);
    if (ec) continue;
    out.push_back({{"path", p},
                   {"label", fs::path(p).filename().string()},
                   {"freeSpace", static_cast<std::int64_t>(space.available)},
                   {"totalSpace", static_cast<std::int64_t>(space.capacity)}});
  }
  return reply(out);
}

}  // namespace nzbd::sonarr
