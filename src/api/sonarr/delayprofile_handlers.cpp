// /delayprofile (Sonarr's DelayProfileController): CRUD and reorder over the
// delay profiles the Delay and Protocol specifications read. Profile 1 is
// the global one: no tags, always last, never deleted.
#include <algorithm>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/decision/delay_profiles.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

json profile_json(const pvr::DelayProfile& p) {
  return json{{"enableUsenet", p.enable_usenet},
              {"enableTorrent", p.enable_torrent},
              {"preferredProtocol", p.preferred_protocol},
              {"usenetDelay", p.usenet_delay},
              {"torrentDelay", p.torrent_delay},
              {"bypassIfHighestQuality", p.bypass_if_highest_quality},
              {"bypassIfAboveCustomFormatScore", p.bypass_if_above_custom_format_score},
              {"minimumCustomFormatScore", p.minimum_custom_format_score},
              {"order", p.order},
              {"tags", p.tags},
              {"id", p.id}};
}

json list_json(const std::vector<pvr::DelayProfile>& all) {
  json out = json::array();
  for (const auto& p : all) out.push_back(profile_json(p));
  return out;
}

// "usenet" / "torrent", or Sonarr's enum numbers 1 / 2.
std::optional<std::string> read_protocol(const json* v) {
  if (!v) return std::string("usenet");
  if (auto n = as_int(v)) return *n == 2 ? std::optional<std::string>("torrent")
                                         : (*n == 1 ? std::optional<std::string>("usenet") : std::nullopt);
  auto s = to_lower(as_string(v).value_or(""));
  if (s == "usenet" || s == "torrent") return s;
  return std::nullopt;
}

// Reads and validates a body with Sonarr's rules; fills `out` or returns the 400.
std::optional<http::Response> read_profile(Context& ctx, const Call& call, int id, pvr::DelayProfile& out) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object())
    return validation_error({{"Required", "The request body is not a valid JSON object", call.req.body, "InvalidJson"}});
  out.id = id;
  out.enable_usenet = as_bool(member(*body, "enableUsenet")).value_or(true);
  out.enable_torrent = as_bool(member(*body, "enableTorrent")).value_or(true);
  out.usenet_delay = as_int(member(*body, "usenetDelay")).value_or(0);
  out.torrent_delay = as_int(member(*body, "torrentDelay")).value_or(0);
  out.bypass_if_highest_quality = as_bool(member(*body, "bypassIfHighestQuality")).value_or(false);
  out.bypass_if_above_custom_format_score = as_bool(member(*body, "bypassIfAboveCustomFormatScore")).value_or(false);
  out.minimum_custom_format_score = as_int(member(*body, "minimumCustomFormatScore")).value_or(0);
  out.tags = as_int_list(member(*body, "tags"));
  std::vector<Failure> failures;
  auto protocol = read_protocol(member(*body, "preferredProtocol"));
  if (!protocol) failures.push_back({"PreferredProtocol", "'Preferred Protocol' must be usenet or torrent", json()});
  else out.preferred_protocol = *protocol;
  const bool global = id == pvr::kGlobalDelayProfileId;
  if (!global && out.tags.empty()) failures.push_back({"Tags", "'Tags' must not be empty.", json::array(), "NotEmptyValidator"});
  if (global && !out.tags.empty()) failures.push_back({"Tags", "'Tags' must be empty.", out.tags, "EmptyCollectionValidator"});
  for (int tag : out.tags)
    if (!pvr::found(ctx.library->get_tag(tag))) failures.push_back({"Tags", "Tag with ID " + std::to_string(tag) + " does not exist", tag});
  for (const auto& other : pvr::DelayProfiles(*ctx.library).list()) {
    if (other.id == id) continue;
    bool shared = std::any_of(out.tags.begin(), out.tags.end(), [&](int t) {
      return std::find(other.tags.begin(), other.tags.end(), t) != other.tags.end();
    });
    if (shared) failures.push_back({"Tags", "One or more tags is used in another profile", out.tags});
  }
  if (out.usenet_delay < 0)
    failures.push_back({"UsenetDelay", "'Usenet Delay' must be greater than or equal to '0'.", out.usenet_delay,
                        "GreaterThanOrEqualValidator"});
  if (out.torrent_delay < 0)
    failures.push_back({"TorrentDelay", "'Torrent Delay' must be greater than or equal to '0'.", out.torrent_delay,
                        "GreaterThanOrEqualValidator"});
  if (!out.enable_usenet && !out.enable_torrent)
    failures.push_back({"", "Either Usenet or Torrent should be enabled", json()});
  if (!failures.empty()) return validation_error(failures);
  return std::nullopt;
}

http::Response reorder(Context& ctx, const Call& call) {
  // PUT /delayprofile/reorder/{id}?after={afterId}
  auto id = parse_int(call.rest.substr(std::string_view("reorder/").size()));
  if (!id) return not_found();
  std::optional<int> after;
  if (auto a = call.param("after"); !a.empty()) {
    after = parse_int(a);
    if (!after) return bad_request("'after' must be a delay profile id");
  }
  auto all = pvr::DelayProfiles(*ctx.library).reorder(*id, after);
  if (!all) return not_found(all.message());
  return reply(list_json(*all));
}

}  // namespace

http::Response handle_delayprofile(Context& ctx, const Call& call) {
  pvr::DelayProfiles store(*ctx.library);
  if (call.rest.rfind("reorder/", 0) == 0 && !call.id) {
    if (call.method != "PUT") return method_not_allowed();
    return reorder(ctx, call);
  }
  if (!call.rest.empty()) return not_found();
  if (call.method == "GET") {
    if (!call.id) return reply(list_json(store.list()));
    auto p = store.get(*call.id);
    return p ? reply(profile_json(*p)) : not_found("Delay profile " + std::to_string(*call.id) + " does not exist");
  }
  if (call.method == "DELETE") {
    if (!call.id) return method_not_allowed();
    if (*call.id == pvr::kGlobalDelayProfileId) return reply(json{{"message", "Cannot delete global delay profile"}}, 405);
    if (auto st = store.remove(*call.id); !st) return not_found(st.message());
    return empty_ok();
  }
  if (call.method == "POST" && !call.id) {
    pvr::DelayProfile p;
    if (auto err = read_profile(ctx, call, 0, p)) return *err;
    auto added = store.add(p);
    if (!added) return bad_request(added.message());
    return reply(profile_json(*added), 201);
  }
  if (call.method == "PUT") {
    auto body = parse_body(call.req.body);
    int id = call.id.value_or(body && body->is_object() ? as_int(member(*body, "id")).value_or(0) : 0);
    if (!store.get(id)) return not_found("Delay profile " + std::to_string(id) + " does not exist");
    pvr::DelayProfile p;
    if (auto err = read_profile(ctx, call, id, p)) return *err;
    if (auto st = store.update(p); !st) return bad_request(st.message());
    return reply(profile_json(*store.get(id)), 202);
  }
  return method_not_allowed();
}

}  // namespace nzbd::sonarr
