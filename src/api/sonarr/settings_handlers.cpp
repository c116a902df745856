// /rootfolder, /qualityprofile, /qualitydefinition, /languageprofile, /tag.
#include <algorithm>
#include <filesystem>
#include <set>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/quality.h"

namespace nzbd::sonarr {
namespace fs = std::filesystem;

namespace {

json root_folder_json(Context& ctx, const pvr::RootFolder& rf) {
  std::error_code ec;
  fs::path root(rf.path);
  bool accessible = fs::is_directory(root, ec);
  json j = {{"id", rf.id}, {"path", rf.path}, {"accessible", accessible}};
  json unmapped = json::array();
  if (accessible) {
    auto space = fs::space(root, ec);
    if (!ec) j["freeSpace"] = static_cast<std::int64_t>(space.available);
    std::set<std::string> used;
    for (const auto& s : pvr::must(ctx.library->list_series())) used.insert(fs::path(s.path).lexically_normal().string());
    int listed = 0;
    for (fs::directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end && listed < 10000; it.increment(ec)) {
      if (!it->is_directory(ec)) continue;
      std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.' || used.count(it->path().lexically_normal().string())) continue;
      unmapped.push_back({{"name", name}, {"path", it->path().string()}, {"relativePath", name}});
      ++listed;
    }
  }
  j["unmappedFolders"] = unmapped;
  return j;
}

json profile_json(const pvr::QualityProfile& p) {
  json items = json::array();
  for (const auto& item : p.items)
    items.push_back({{"quality", quality_json(item.quality_id)}, {"items", json::array()}, {"allowed", item.allowed}});
  return json{{"id", p.id},
              {"name", p.name},
              {"upgradeAllowed", p.upgrade_allowed},
              {"cutoff", p.cutoff},
              {"items", items},
              {"minFormatScore", 0},
              {"cutoffFormatScore", 0},
              {"minUpgradeFormatScore", 1},
              {"formatItems", json::array()}};
}

json definition_json(const pvr::QualityDefinitionRow& d) {
  json j = {{"id", d.id},           {"quality", quality_json(d.id)}, {"title", d.title},
            {"weight", d.weight},   {"minSize", d.min_size}};
  if (d.max_size) j["maxSize"] = *d.max_size;
  if (d.preferred_size) j["preferredSize"] = *d.preferred_size;
  return j;
}

json language_profile_json() {
  return json{{"id", 1},
              {"name", "Deprecated"},
              {"upgradeAllowed", false},
              {"cutoff", {{"id", 1}, {"name", "English"}}},
              {"languages", json::array({{{"language", {{"id", 1}, {"name", "English"}}}, {"allowed", true}}})}};
}

http::Response add_root_folder(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Path", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  auto path = as_string(member(*body, "path"));
  if (!path || path->empty()) return validation_error({{"Path", "'Path' must not be empty.", json(), "NotEmptyValidator"}});
  fs::path p(*path);
  std::error_code ec;
  if (!p.is_absolute()) return validation_error({{"Path", "Invalid Path: '" + *path + "'", *path, "PathValidator"}});
  if (!fs::exists(p, ec))
    return validation_error({{"Path", "Path '" + *path + "' does not exist", *path, "FolderValidator"}});
  if (!fs::is_directory(p, ec))
    return validation_error({{"Path", "Path '" + *path + "' is not a folder", *path, "FolderValidator"}});
  std::string normal = p.lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  for (const auto& rf : pvr::must(ctx.library->list_root_folders()))
    if (rf.path == normal)
      return validation_error({{"Path", "Path is already configured as a root folder", *path, "RootFolderValidator"}});
  auto added = ctx.library->add_root_folder(normal);
  if (!added) return validation_error({{"Path", added.message(), *path, "RootFolderValidator"}});
  return reply(root_folder_json(ctx, *added), 201);
}

}  // namespace

http::Response handle_rootfolder(Context& ctx, const Call& call) {
  if (call.method == "GET" && !call.id) {
    json out = json::array();
    for (const auto& rf : pvr::must(ctx.library->list_root_folders())) out.push_back(root_folder_json(ctx, rf));
    return reply(out);
  }
  if (call.method == "POST" && !call.id) return add_root_folder(ctx, call);
  if (!call.id) return method_not_allowed();
  auto rf = pvr::found(ctx.library->get_root_folder(*call.id));
  if (!rf) return not_found("Root folder with ID " + std::to_string(*call.id) + " does not exist");
  if (call.method == "GET") return reply(root_folder_json(ctx, *rf));
  if (call.method == "DELETE") {
    if (auto st = ctx.library->delete_root_folder(*call.id); !st) return error_reply(st.error());
    return empty_ok();
  }
  return method_not_allowed();
}

// Items as Sonarr sends them: qualities, or groups whose allowed flag
// applies to every quality inside. Unknown quality ids are refused.
std::optional<std::vector<pvr::ProfileItem>> read_profile_items(const json& items, std::string& error) {
  std::vector<pvr::ProfileItem> out;
  if (!items.is_array()) return std::nullopt;
  for (const auto& item : items) {
    bool allowed = as_bool(member(item, "allowed")).value_or(false);
    std::vector<const json*> qualities;
    if (const json* inner = member(item, "items"); inner && inner->is_array() && !inner->empty())
      for (const auto& q : *inner) qualities.push_back(member(q, "quality"));
    else
      qualities.push_back(member(item, "quality"));
    for (const json* q : qualities) {
      auto id = q ? as_int(member(*q, "id")) : std::nullopt;
      if (!id || !pvr::find_quality(*id)) {
        error = "Unknown quality in items";
        return std::nullopt;
      }
      out.push_back({*id, allowed});
    }
  }
  return out;
}

http::Response update_profile(Context& ctx, const Call& call) {
  if (!call.id) return method_not_allowed();
  auto existing = pvr::found(ctx.library->get_quality_profile(*call.id));
  if (!existing) return not_found("Quality profile with ID " + std::to_string(*call.id) + " does not exist");
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  pvr::QualityProfile p = *existing;
  if (auto name = as_string(member(*body, "name")); name && !name->empty()) p.name = *name;
  if (auto up = as_bool(member(*body, "upgradeAllowed"))) p.upgrade_allowed = *up;
  if (auto cutoff = as_int(member(*body, "cutoff"))) p.cutoff = *cutoff;
  if (const json* items = member(*body, "items")) {
    std::string error;
    auto read = read_profile_items(*items, error);
    if (!read) return validation_error({{"Items", error.empty() ? "'Items' must be an array" : error, *items}});
    p.items = std::move(*read);
  }
  bool cutoff_allowed = std::any_of(p.items.begin(), p.items.end(),
                                    [&](const pvr::ProfileItem& i) { return i.quality_id == p.cutoff && i.allowed; });
  if (!cutoff_allowed)
    return validation_error({{"Cutoff", "Cutoff must be an allowed quality or group", p.cutoff}});
  if (auto st = ctx.library->update_quality_profile(p); !st) return not_found(st.message());
  return reply(profile_json(p), 202);
}

http::Response handle_qualityprofile(Context& ctx, const Call& call) {
  if (call.method == "PUT") return update_profile(ctx, call);
  if (call.method != "GET") return method_not_allowed();
  if (!call.id) {
    json out = json::array();
    for (const auto& p : pvr::must(ctx.library->quality_profiles())) out.push_back(profile_json(p));
    return reply(out);
  }
  auto p = pvr::found(ctx.library->get_quality_profile(*call.id));
  if (!p) return not_found("Quality profile with ID " + std::to_string(*call.id) + " does not exist");
  return reply(profile_json(*p));
}

http::Response handle_qualitydefinition(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto defs = pvr::must(ctx.library->quality_definitions());
  if (!call.id) {
    json out = json::array();
    for (const auto& d : defs) out.push_back(definition_json(d));
    return reply(out);
  }
  for (const auto& d : defs)
    if (d.id == *call.id) return reply(definition_json(d));
  return not_found("Quality definition with ID " + std::to_string(*call.id) + " does not exist");
}

http::Response handle_languageprofile(Context&, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  if (!call.id) return reply(json::array({language_profile_json()}));
  if (*call.id != 1) return not_found();
  return reply(language_profile_json());
}

http::Response handle_tag(Context& ctx, const Call& call) {
  if (call.method == "GET") {
    if (!call.id) {
      json out = json::array();
      for (const auto& t : pvr::must(ctx.library->list_tags())) out.push_back(tag_json(t));
      return reply(out);
    }
    auto t = pvr::found(ctx.library->get_tag(*call.id));
    return t ? reply(tag_json(*t)) : not_found("Tag with ID " + std::to_string(*call.id) + " does not exist");
  }
  if (call.method == "DELETE") {
    if (!call.id) return method_not_allowed();
    if (!pvr::found(ctx.library->get_tag(*call.id))) return not_found();
    if (auto st = ctx.library->delete_tag(*call.id); !st) return error_reply(st.error());
    return empty_ok();
  }
  if (call.method != "POST" && call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Label", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  auto label = as_string(member(*body, "label"));
  if (!label || label->empty()) return validation_error({{"Label", "'Label' must not be empty.", json(), "NotEmptyValidator"}});
  if (call.method == "POST") {
    auto t = ctx.library->add_tag(*label);
    if (!t) return bad_request(t.message());
    return reply(tag_json(*t), 201);
  }
  int id = call.id.value_or(as_int(member(*body, "id")).value_or(0));
  if (!pvr::found(ctx.library->get_tag(id))) return not_found("Tag with ID " + std::to_string(id) + " does not exist");
  if (auto st = ctx.library->update_tag({id, *label}); !st)
    return validation_error({{"Label", st.message(), *label, "UniqueValidator"}});
  return reply(tag_json(*pvr::found(ctx.library->get_tag(id))), 202);
}

}  // namespace nzbd::sonarr
