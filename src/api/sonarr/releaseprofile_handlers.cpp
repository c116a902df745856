// /releaseprofile (Sonarr v4's ReleaseProfileController): CRUD over the
// release profiles the decisions use for "must contain" / "must not contain".
#include <algorithm>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/db.h"
#include "pvr/decision/release_profiles.h"

namespace nzbd::sonarr {
namespace {

json profile_json(const pvr::ReleaseProfile& p) {
  return json{{"id", p.id},          {"name", p.name},       {"enabled", p.enabled}, {"required", p.required},
              {"ignored", p.ignored}, {"indexerId", p.indexer_id}, {"tags", p.tags}};
}

// Terms as an array of strings, or Sonarr 3's comma-separated string.
std::vector<std::string> read_terms(const json* v) {
  std::vector<std::string> out;
  if (!v) return out;
  auto add = [&](std::string t) {
    auto b = t.find_first_not_of(" \t");
    auto e = t.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : t.substr(b, e - b + 1));
  };
  if (v->is_array()) {
    for (const auto& t : *v)
      if (t.is_string()) add(t.get<std::string>());
  } else if (v->is_string()) {
    std::string s = v->get<std::string>();
    std::size_t start = 0;
    while (start <= s.size()) {
      auto comma = s.find(',', start);
      std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) add(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

bool indexer_exists(Context& ctx, int id) {
  return ctx.library->with_db([&](pvr::Db& db) {
    pvr::Stmt s(db, "SELECT 1 FROM indexers WHERE id=?1");
    s.bind(1, id);
    return s.step();
  });
}

// Reads and validates a body; fills `out` or returns the 400 to send.
std::optional<http::Response> read_profile(Context& ctx, const Call& call, pvr::ReleaseProfile& out) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Required", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  out.name = as_string(member(*body, "name")).value_or("");
  out.enabled = as_bool(member(*body, "enabled")).value_or(true);
  out.required = read_terms(member(*body, "required"));
  out.ignored = read_terms(member(*body, "ignored"));
  out.indexer_id = as_int(member(*body, "indexerId")).value_or(0);
  out.tags = as_int_list(member(*body, "tags"));
  std::vector<Failure> failures;
  auto blank = [](const std::string& t) { return t.empty(); };
  if (out.required.empty() && out.ignored.empty())
    failures.push_back({"Required", "'Must contain' or 'Must not contain' is required", json()});
  if (std::any_of(out.required.begin(), out.required.end(), blank))
    failures.push_back({"Required", "'Must contain' should not contain whitespaces or an empty string", json()});
  if (std::any_of(out.ignored.begin(), out.ignored.end(), blank))
    failures.push_back({"Ignored", "'Must not contain' should not contain whitespaces or an empty string", json()});
  for (const auto* list : {&out.required, &out.ignored})
    for (const auto& t : *list)
      if (auto err = pvr::term_error(t)) failures.push_back({list == &out.required ? "Required" : "Ignored", *err, t});
  if (out.enabled && out.indexer_id != 0 && !indexer_exists(ctx, out.indexer_id))
    failures.push_back({"IndexerId", "Indexer does not exist", out.indexer_id});
  if (!failures.empty()) return validation_error(failures);
  return std::nullopt;
}

}  // namespace

http::Response handle_releaseprofile(Context& ctx, const Call& call) {
  if (!call.rest.empty()) return not_found();
  pvr::ReleaseProfiles store(*ctx.library);
  if (call.method == "GET") {
    if (!call.id) {
      json out = json::array();
      for (const auto& p : store.list()) out.push_back(profile_json(p));
      return reply(out);
    }
    auto p = store.get(*call.id);
    return p ? reply(profile_json(*p)) : not_found("Release profile " + std::to_string(*call.id) + " does not exist");
  }
  if (call.method == "DELETE") {
    if (!call.id) return method_not_allowed();
    if (auto st = store.remove(*call.id); !st) return not_found(st.message());
    return empty_ok();
  }
  if (call.method == "POST" && !call.id) {
    pvr::ReleaseProfile p;
    if (auto err = read_profile(ctx, call, p)) return *err;
    auto added = store.add(p);
    if (!added) return bad_request(added.message());
    return reply(profile_json(*added), 201);
  }
  if (call.method == "PUT") {
    pvr::ReleaseProfile p;
    if (auto err = read_profile(ctx, call, p)) return *err;
    auto body = parse_body(call.req.body);
    p.id = call.id.value_or(body ? as_int(member(*body, "id")).value_or(0) : 0);
    if (!store.get(p.id)) return not_found("Release profile " + std::to_string(p.id) + " does not exist");
    if (auto st = store.update(p); !st) return bad_request(st.message());
    return reply(profile_json(*store.get(p.id)), 202);
  }
  return method_not_allowed();
}

}  // namespace nzbd::sonarr
