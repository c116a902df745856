// /indexer (CRUD, schema, test, testall, bulk, action), /config/indexer and
// the indexer entries of /health.
#include <algorithm>
#include <cctype>

#include "api/sonarr/context.h"
#include "api/sonarr/indexer_json.h"
#include "pvr/indexer/indexer_factory.h"
#include "pvr/time_util.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

// The live test's failures in Sonarr's NzbDroneValidationFailure shape.
http::Response test_failures(const std::vector<pvr::IndexerTestFailure>& failures) {
  json arr = json::array();
  for (const auto& f : failures)
    arr.push_back({{"isWarning", false}, {"propertyName", f.property}, {"errorMessage", f.message}, {"severity", "error"}});
  return reply(arr, 400);
}

std::optional<json> object_body(const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return std::nullopt;
  return body;
}

http::Response bad_json(const Call& call) {
  return validation_error({{"", "The request body is not a valid JSON object", json(), "InvalidJson"}});
}

pvr::NewznabOptions api_options(Context& ctx) {
  pvr::NewznabOptions o;
  o.store = ctx.indexers.get();
  return o;
}

http::Response create_indexer(Context& ctx, const Call& call) {
  auto body = object_body(call);
  if (!body) return bad_json(call);
  auto in = indexer_from_json(*body, nullptr);
  auto failures = std::move(in.failures);
  if (!member(*body, "fields")) failures.push_back({"Fields", "'Fields' must not be empty.", json(), "NotNullValidator"});
  if (!member(*body, "configContract"))
    failures.push_back({"ConfigContract", "'Config Contract' must not be empty.", json(), "NotEmptyValidator"});
  auto rules = validate_indexer(in.def, ctx.indexers->list(), in.def.enabled());
  failures.insert(failures.end(), rules.begin(), rules.end());
  if (!failures.empty()) return validation_error(failures);
  // An enabled indexer must pass the live test (forceSave only skips warnings).
  if (in.def.enabled())
    if (auto f = pvr::test_indexer(*ctx.indexers, ctx.http_get, in.def, api_options(ctx)); !f.empty())
      return test_failures(f);
  auto added = ctx.indexers->add(in.def);
  if (!added) return bad_request(added.message());
  return reply(indexer_json(*added), 201);
}

http::Response update_indexer(Context& ctx, const Call& call) {
  auto body = object_body(call);
  if (!body) return bad_json(call);
  int id = call.id.value_or(as_int(member(*body, "id")).value_or(0));
  auto existing = ctx.indexers->get(id);
  if (!existing) return not_found("Indexer with ID " + std::to_string(id) + " does not exist");
  auto in = indexer_from_json(*body, &*existing);
  in.def.id = id;
  auto failures = std::move(in.failures);
  auto rules = validate_indexer(in.def, ctx.indexers->list(), in.def.enabled());
  failures.insert(failures.end(), rules.begin(), rules.end());
  if (!failures.empty()) return validation_error(failures);
  bool force = parse_bool(call.param("forceSave")).value_or(false);
  bool changed = indexer_json(in.def) != indexer_json(*existing) || in.def.settings != existing->settings;
  if (in.def.enabled() && !force && changed)
    if (auto f = pvr::test_indexer(*ctx.indexers, ctx.http_get, in.def, api_options(ctx)); !f.empty())
      return test_failures(f);
  if (changed)
    if (auto st = ctx.indexers->update(in.def); !st) return bad_request(st.message());
  return reply(indexer_json(*ctx.indexers->get(id)), 202);
}

http::Response test_indexer(Context& ctx, const Call& call) {
  auto body = object_body(call);
  if (!body) return bad_json(call);
  int id = as_int(member(*body, "id")).value_or(0);
  auto existing = id > 0 ? ctx.indexers->get(id) : std::nullopt;
  auto in = indexer_from_json(*body, existing ? &*existing : nullptr);
  in.def.id = existing ? id : 0;
  auto failures = std::move(in.failures);
  auto rules = validate_indexer(in.def, ctx.indexers->list(), true);
  // The test runs on the settings; a duplicate name does not stop it.
  for (auto& r : rules)
    if (r.property != "Name") failures.push_back(std::move(r));
  if (!failures.empty()) return validation_error(failures);
  if (auto f = pvr::test_indexer(*ctx.indexers, ctx.http_get, in.def, api_options(ctx)); !f.empty())
    return test_failures(f);
  return reply(json::object());
}

http::Response test_all(Context& ctx) {
  json out = json::array();
  bool all_valid = true;
  for (const auto& def : ctx.indexers->list()) {
    if (!def.enabled() || !validate_indexer(def, {}, true).empty()) continue;
    auto f = pvr::test_indexer(*ctx.indexers, ctx.http_get, def, api_options(ctx));
    json failures = json::array();
    for (const auto& x : f)
      failures.push_back({{"isWarning", false}, {"propertyName", x.property}, {"errorMessage", x.message}, {"severity", "error"}});
    all_valid = all_valid && f.empty();
    out.push_back({{"id", def.id}, {"isValid", f.empty()}, {"validationFailures", failures}});
  }
  return reply(out, all_valid ? 200 : 400);
}

// PUT/DELETE /indexer/bulk {ids, tags, applyTags, enableRss, ...}.
http::Response bulk(Context& ctx, const Call& call) {
  auto body = object_body(call);
  if (!body) return bad_json(call);
  std::vector<int> ids = as_int_list(member(*body, "ids"));
  if (ids.empty()) return bad_request("ids must be provided");
  if (call.method == "DELETE") {
    for (int id : ids) (void)ctx.indexers->remove(id);
    return reply(json::object());
  }
  if (call.method != "PUT") return method_not_allowed();
  std::vector<int> tags = as_int_list(member(*body, "tags"));
  std::string apply = as_string(member(*body, "applyTags")).value_or("add");
  json out = json::array();
  for (int id : ids) {
    auto d = ctx.indexers->get(id);
    if (!d) continue;
    if (member(*body, "tags")) {
      if (apply == "replace") d->tags = tags;
      for (int t : tags) {
        auto it = std::find(d->tags.begin(), d->tags.end(), t);
        if (apply == "add" && it == d->tags.end()) d->tags.push_back(t);
        if (apply == "remove" && it != d->tags.end()) d->tags.erase(it);
      }
    }
    if (auto v = as_bool(member(*body, "enableRss"))) d->enable_rss = *v;
    if (auto v = as_bool(member(*body, "enableAutomaticSearch"))) d->enable_automatic_search = *v;
    if (auto v = as_bool(member(*body, "enableInteractiveSearch"))) d->enable_interactive_search = *v;
    if (auto v = as_int(member(*body, "priority")); v && *v >= 1 && *v <= 50) d->priority = *v;
    if (auto st = ctx.indexers->update(*d); !st) return bad_request(st.message());
    out.push_back(indexer_json(*d));
  }
  return reply(out, 202);
}

// POST /indexer/action/newznabCategories: the select options from caps.
http::Response action(Context& ctx, const Call& call) {
  if (to_lower(call.rest) != "action/newznabcategories") return not_found();
  std::vector<pvr::NewznabCategory> cats;
  if (auto body = object_body(call)) {
    auto in = indexer_from_json(*body, nullptr);
    if (!in.def.settings.base_url.empty() && validate_indexer(in.def, {}, true).empty()) {
      pvr::NewznabIndexer idx(in.def, ctx.http_get);
      if (auto caps = idx.capabilities()) cats = caps->categories;
    }
  }
  return reply(newznab_category_options(cats));
}

int count_if_blocked(const std::vector<const pvr::IndexerDefinition*>& defs,
                     const std::vector<pvr::IndexerStatus>& statuses, std::time_t now) {
  int n = 0;
  for (const auto* d : defs)
    for (const auto& s : statuses)
      if (s.indexer_id == d->id && s.is_disabled(now)) ++n;
  return n;
}

}  // namespace

http::Response handle_indexer(Context& ctx, const Call& call) {
  if (!call.rest.empty()) {
    if (to_lower(call.rest) == "bulk") return bulk(ctx, call);
    if (call.method == "POST" && to_lower(call.rest).rfind("action/", 0) == 0) return action(ctx, call);
    return not_found();
  }
  if (call.method == "GET") {
    if (call.id) {
      auto d = ctx.indexers->get(*call.id);
      if (!d) return not_found("Indexer with ID " + std::to_string(*call.id) + " does not exist");
      return reply(indexer_json(*d));
    }
    json out = json::array();
    for (const auto& d : ctx.indexers->list()) out.push_back(indexer_json(d));
    return reply(out);
  }
  if (call.method == "POST" && !call.id) return create_indexer(ctx, call);
  if (call.method == "PUT") return update_indexer(ctx, call);
  if (call.method == "DELETE" && call.id) {
    if (!ctx.indexers->remove(*call.id)) return not_found("Indexer with ID " + std::to_string(*call.id) + " does not exist");
    return reply(json::object());
  }
  return method_not_allowed();
}

http::Response handle_indexer_schema(Context&, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  return reply(indexer_schema_json());
}

http::Response handle_indexer_test(Context& ctx, const Call& call) {
  if (call.method != "POST") return method_not_allowed();
  return test_indexer(ctx, call);
}

http::Response handle_indexer_testall(Context& ctx, const Call& call) {
  if (call.method != "POST") return method_not_allowed();
  return test_all(ctx);
}

http::Response handle_config_indexer(Context& ctx, const Call& call) {
  auto out = [](const pvr::IndexerConfig& c) {
    return json{{"minimumAge", c.minimum_age},
                {"retention", c.retention},
                {"maximumSize", c.maximum_size},
                {"rssSyncInterval", c.rss_sync_interval},
                {"id", 1}};
  };
  if (call.method == "GET") return reply(out(ctx.indexers->config()));
  if (call.method != "PUT") return method_not_allowed();
  auto body = object_body(call);
  if (!body) return bad_json(call);
  pvr::IndexerConfig c = ctx.indexers->config();
  std::vector<Failure> failures;
  auto read = [&](const char* key, const char* prop, const char* label, int& target) {
    const json* v = member(*body, key);
    if (!v) return;
    auto n = as_int(v);
    if (!n) failures.push_back({prop, std::string("'") + label + "' must be a number.", *v, "TypeValidator"});
    else if (*n < 0)
      failures.push_back({prop, std::string("'") + label + "' must be greater than or equal to '0'.", *n,
                          "GreaterThanOrEqualValidator"});
    else target = *n;
  };
  read("minimumAge", "MinimumAge", "Minimum Age", c.minimum_age);
  read("retention", "Retention", "Retention", c.retention);
  read("maximumSize", "MaximumSize", "Maximum Size", c.maximum_size);
  read("rssSyncInterval", "RssSyncInterval", "Rss Sync Interval", c.rss_sync_interval);
  if (c.rss_sync_interval != 0 && (c.rss_sync_interval < 10 || c.rss_sync_interval > 120))
    failures.push_back({"RssSyncInterval", "Must be between 10 and 120 or 0 to disable", c.rss_sync_interval,
                        "RssSyncIntervalValidator"});
  if (!failures.empty()) return validation_error(failures);
  ctx.indexers->save_config(c);
  return reply(out(c), 202);
}

void append_indexer_health(Context& ctx, json& out) {
  const std::string wiki = "https://wiki.servarr.com/sonarr/system#";
  auto add = [&](const char* source, const char* type, const std::string& message, const std::string& anchor) {
    out.push_back({{"source", source}, {"type", type}, {"message", message}, {"wikiUrl", wiki + anchor}});
  };
  auto defs = ctx.indexers->list();
  auto statuses = ctx.indexers->statuses();
  const std::time_t now = std::time(nullptr);
  std::vector<const pvr::IndexerDefinition*> rss, automatic, interactive, enabled;
  for (const auto& d : defs) {
    if (d.enable_rss) rss.push_back(&d);
    if (d.enable_automatic_search) automatic.push_back(&d);
    if (d.enable_interactive_search) interactive.push_back(&d);
    if (d.enabled()) enabled.push_back(&d);
  }
  if (rss.empty())
    add("IndexerRssCheck", "warning", "No indexers available with RSS sync enabled, nzbd will not grab new releases automatically",
        "no-indexers-available-with-rss-sync-enabled");
  else if (count_if_blocked(rss, statuses, now) == static_cast<int>(rss.size()))
    add("IndexerRssCheck", "warning", "All rss-capable indexers are temporarily unavailable due to recent indexer errors",
        "indexers-are-unavailable-due-to-failures");
  if (automatic.empty())
    add("IndexerSearchCheck", "warning",
        "No indexers available with Automatic Search enabled, nzbd will not provide any automatic search results",
        "no-indexers-available-with-automatic-search-enabled");
  else if (interactive.empty())
    add("IndexerSearchCheck", "warning",
        "No indexers available with Interactive Search enabled, nzbd will not provide any interactive search results",
        "no-indexers-available-with-interactive-search-enabled");
  else if (count_if_blocked(automatic, statuses, now) == static_cast<int>(automatic.size()))
    add("IndexerSearchCheck", "warning", "All search-capable indexers are temporarily unavailable due to recent indexer errors",
        "indexers-are-unavailable-due-to-failures");

  // IndexerStatusCheck (failing for under 6 h) and IndexerLongTermStatusCheck.
  std::vector<std::string> recent, long_term, reasons;
  for (const auto* d : enabled)
    for (const auto& s : statuses) {
      if (s.indexer_id != d->id || !s.is_disabled(now) || !s.initial_failure) continue;
      auto since = pvr::parse_utc(*s.initial_failure);
      (since && *since > now - 6 * 3600 ? recent : long_term).push_back(d->name);
      if (!s.last_error.empty()) reasons.push_back(d->name + ": " + s.last_error);
    }
  std::string why = reasons.empty() ? "" : ". Last errors: ";
  for (std::size_t i = 0; i < reasons.size(); ++i) why += (i ? "; " : "") + reasons[i];
  auto names = [](const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
    return s;
  };
  if (!recent.empty()) {
    if (recent.size() == enabled.size())
      add("IndexerStatusCheck", "error", "All indexers are unavailable due to failures" + why,
          "indexers-are-unavailable-due-to-failures");
    else
      add("IndexerStatusCheck", "warning", "Indexers unavailable due to failures: " + names(recent) + why,
          "indexers-are-unavailable-due-to-failures");
  }
  if (!long_term.empty()) {
    if (long_term.size() == enabled.size())
      add("IndexerLongTermStatusCheck", "error", "All indexers are unavailable due to failures for more than 6 hours" + why,
          "indexers-are-unavailable-due-to-failures-for-more-than-6-hours");
    else
      add("IndexerLongTermStatusCheck", "warning",
          "Indexers unavailable due to failures for more than 6 hours: " + names(long_term) + why,
          "indexers-are-unavailable-due-to-failures-for-more-than-6-hours");
  }
}

}  // namespace nzbd::sonarr
