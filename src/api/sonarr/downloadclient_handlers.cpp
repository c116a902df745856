// /api/v3/downloadclient (Sonarr's provider shape: fields[], schema, test,
// testall) and /api/v3/config/downloadclient. Two implementations: the
// built-in client (nzbd's own queue) and `Sabnzbd` over HTTP.
#include <algorithm>
#include <cctype>

#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "pvr/download/sabnzbd_client.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {
using pvr::DownloadClientDefinition;
using pvr::DownloadClientSettings;

constexpr const char* kMask = "********";

struct FieldDef {
  const char* name;
  const char* label;
  const char* type;
  const char* privacy;
  bool advanced;
  const char* help;
};

constexpr FieldDef kSabFields[] = {
    {"host", "Host", "textbox", "normal", false, nullptr},
    {"port", "Port", "textbox", "normal", false, nullptr},
    {"useSsl", "Use SSL", "checkbox", "normal", false, "Use secure connection when connecting to SABnzbd"},
    {"urlBase", "URL Base", "textbox", "normal", true,
     "Adds a prefix to the SABnzbd url, such as http://[host]:[port]/[urlBase]/api"},
    {"apiKey", "API Key", "textbox", "apiKey", false, nullptr},
    {"username", "Username", "textbox", "userName", false, nullptr},
    {"password", "Password", "password", "password", false, nullptr},
    {"tvCategory", "Category", "textbox", "normal", false,
     "Adding a category specific to Sonarr avoids conflicts with unrelated downloads. Using a category is "
     "optional, but strongly recommended."},
    {"recentTvPriority", "Recent Priority", "select", "normal", false,
     "Priority to use when grabbing episodes that aired within the last 14 days"},
    {"olderTvPriority", "Older Priority", "select", "normal", false,
     "Priority to use when grabbing episodes that aired over 14 days ago"},
};

bool is_builtin(const DownloadClientDefinition& d) { return d.implementation == pvr::kBuiltinImplementation; }

json priority_options() {
  static const std::pair<int, const char*> kOptions[] = {{-100, "Default"}, {-2, "Paused"}, {-1, "Low"},
                                                         {0, "Normal"},     {1, "High"},    {2, "Force"}};
  json out = json::array();
  int order = 0;
  for (const auto& [v, n] : kOptions) out.push_back({{"value", v}, {"name", n}, {"order", order++}});
  return out;
}

json field_value(const DownloadClientSettings& s, const std::string& name, bool mask) {
  auto secret = [&](const std::string& v) { return mask && !v.empty() ? std::string(kMask) : v; };
  if (name == "host") return s.host;
  if (name == "port") return s.port;
  if (name == "useSsl") return s.use_ssl;
  if (name == "urlBase") return s.url_base;
  if (name == "apiKey") return secret(s.api_key);
  if (name == "username") return s.username;
  if (name == "password") return secret(s.password);
  if (name == "tvCategory") return s.tv_category;
  if (name == "recentTvPriority") return s.recent_tv_priority;
  return s.older_tv_priority;
}

json fields_json(const DownloadClientDefinition& d, bool mask) {
  json out = json::array();
  int order = 0;
  for (const auto& f : kSabFields) {
    std::string name = f.name;
    if (is_builtin(d) && name != "tvCategory" && name != "recentTvPriority" && name != "olderTvPriority") continue;
    json field = {{"order", order++}, {"name", name},       {"label", f.label},     {"value", field_value(d.settings, name, mask)},
                  {"type", f.type},   {"advanced", f.advanced}, {"privacy", f.privacy}, {"isFloat", false}};
    if (f.help) field["helpText"] = f.help;
    if (std::string(f.type) == "select") field["selectOptions"] = priority_options();
    out.push_back(std::move(field));
  }
  return out;
}

json client_json(const DownloadClientDefinition& d, bool mask = true) {
  std::string contract = is_builtin(d) ? "NzbdBuiltinSettings" : "SabnzbdSettings";
  std::string impl_lower = to_lower(d.implementation);
  json j = {{"enable", d.enable},
            {"protocol", "usenet"},
            {"priority", d.priority},
            {"removeCompletedDownloads", d.remove_completed_downloads},
            {"removeFailedDownloads", d.remove_failed_downloads},
            {"name", d.name},
            {"fields", fields_json(d, mask)},
            {"implementationName", pvr::implementation_name(d.implementation)},
            {"implementation", d.implementation},
            {"configContract", contract},
            {"infoLink", "https://wiki.servarr.com/sonarr/supported#" + impl_lower},
            {"tags", d.tags}};
  if (d.id) j["id"] = d.id;
  return j;
}

// Sonarr rebuilds the settings from the defaults and applies the given
// fields; "********" keeps the stored secret.
void apply_fields(const json& fields, DownloadClientSettings& s, const DownloadClientSettings& stored) {
  if (!fields.is_array()) return;
  for (const auto& f : fields) {
    if (!f.is_object()) continue;
    std::string name = as_string(member(f, "name")).value_or("");
    const json* v = member(f, "value");
    auto str = [&](std::string& out, const std::string& old, bool secret) {
      if (auto t = as_string(v)) out = (secret && *t == kMask) ? old : *t;
      else if (!v) out.clear();
    };
    if (name == "host") str(s.host, stored.host, false);
    else if (name == "port") s.port = as_int(v).value_or(0);
    else if (name == "useSsl") s.use_ssl = as_bool(v).value_or(false);
    else if (name == "urlBase") str(s.url_base, stored.url_base, false);
    else if (name == "apiKey") str(s.api_key, stored.api_key, true);
    else if (name == "username") str(s.username, stored.username, false);
    else if (name == "password") str(s.password, stored.password, true);
    else if (name == "tvCategory") str(s.tv_category, stored.tv_category, false);
    else if (name == "recentTvPriority") s.recent_tv_priority = as_int(v).value_or(pvr::kSabPriorityDefault);
    else if (name == "olderTvPriority") s.older_tv_priority = as_int(v).value_or(pvr::kSabPriorityDefault);
  }
}

// The definition a POST/PUT/test body describes, or the validation failures.
std::optional<DownloadClientDefinition> from_body(const json& body, const DownloadClientDefinition* existing,
                                                  std::vector<Failure>& failures) {
  DownloadClientDefinition d;
  if (existing) d.id = existing->id;
  d.name = as_string(member(body, "name")).value_or("");
  std::string impl = as_string(member(body, "implementation")).value_or("");
  std::string lower = to_lower(impl);
  if (lower == "sabnzbd") d.implementation = pvr::kSabnzbdImplementation;
  else if (lower == "nzbdbuiltin") d.implementation = pvr::kBuiltinImplementation;
  else if (impl.empty()) failures.push_back({"Implementation", "'Implementation' must not be empty.", json()});
  else failures.push_back({"Implementation", "Unknown download client implementation: " + impl, impl});
  if (as_string(member(body, "configContract")).value_or("").empty())
    failures.push_back({"ConfigContract", "'Config Contract' must not be empty.", json()});
  const json* fields = member(body, "fields");
  if (!fields || !fields->is_array()) failures.push_back({"Fields", "'Fields' must not be empty.", json()});
  if (d.name.empty()) failures.push_back({"Name", "'Name' must not be empty.", json()});
  d.enable = as_bool(member(body, "enable")).value_or(true);
  d.priority = as_int(member(body, "priority")).value_or(1);
  d.remove_completed_downloads = as_bool(member(body, "removeCompletedDownloads")).value_or(true);
  d.remove_failed_downloads = as_bool(member(body, "removeFailedDownloads")).value_or(true);
  d.tags = as_int_list(member(body, "tags"));
  DownloadClientSettings stored = existing ? existing->settings : DownloadClientSettings{};
  if (fields) apply_fields(*fields, d.settings, stored);
  if (d.priority < 1 || d.priority > 50)
    failures.push_back({"Priority", "'Priority' must be between 1 and 50. You entered " + std::to_string(d.priority) + ".", d.priority});
  if (d.implementation == pvr::kSabnzbdImplementation) {
    const auto& s = d.settings;
    if (s.host.empty()) failures.push_back({"Host", "'Host' must not be empty.", s.host});
    if (s.port < 1 || s.port > 65535) failures.push_back({"Port", "'Port' must be between 1 and 65535.", s.port});
    if (s.api_key.empty() && (s.username.empty() || s.password.empty()))
      failures.push_back({"ApiKey", "'API Key' must not be empty.", json()});
  }
  if (!failures.empty()) return std::nullopt;
  return d;
}

struct TestFailure {
  std::string property, message, detail;
  bool warning = false;
};

std::optional<TestFailure> run_test(Context& ctx, const DownloadClientDefinition& d) {
  if (d.implementation == pvr::kSabnzbdImplementation) {
    auto f = pvr::SabnzbdClient(d.settings).check();
    if (!f) return std::nullopt;
    return TestFailure{f->property, f->message, f->detail, f->warning};
  }
  auto client = pvr::make_download_client(d, ctx.options.builtin_download_client);
  if (!client) return TestFailure{"", "The built-in download client is not running in this process", "", false};
  if (auto st = client->test(); !st) return TestFailure{"", st.message(), "", false};
  return std::nullopt;
}

json failure_json(const TestFailure& f) {
  json j = {{"propertyName", f.property},
            {"errorMessage", f.message},
            {"severity", f.warning ? "warning" : "error"},
            {"isWarning", f.warning}};
  if (!f.detail.empty()) j["detailedDescription"] = f.detail;
  return j;
}

http::Response test_reply(Context& ctx, const Call& call) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return bad_request("the body must be a download client resource");
  std::vector<Failure> failures;
  auto d = from_body(*body, nullptr, failures);
  if (!d) return validation_error(failures);
  auto f = run_test(ctx, *d);
  if (f && !(f->warning && parse_bool(call.param("forceTest")).value_or(false)))
    return reply(json::array({failure_json(*f)}), 400);
  return reply(json::object());
}

http::Response testall_reply(Context& ctx) {
  json out = json::array();
  bool all_ok = true;
  for (const auto& d : ctx.download_clients->list()) {
    if (!d.enable) continue;
    auto f = run_test(ctx, d);
    bool valid = !f || f->warning;
    all_ok = all_ok && valid;
    json failures = json::array();
    if (f) failures.push_back(failure_json(*f));
    out.push_back({{"id", d.id}, {"isValid", valid}, {"validationFailures", failures}});
  }
  return reply(out, all_ok ? 200 : 400);
}

json schema_json() {
  json out = json::array();
  for (const char* impl : {pvr::kBuiltinImplementation, pvr::kSabnzbdImplementation}) {
    DownloadClientDefinition d;
    d.implementation = impl;
    json j = client_json(d, false);
    j["presets"] = json::array();
    out.push_back(std::move(j));
  }
  return out;
}

http::Response save(Context& ctx, const Call& call, const DownloadClientDefinition* existing) {
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return bad_request("the body must be a download client resource");
  std::vector<Failure> failures;
  auto d = from_body(*body, existing, failures);
  if (!d) return validation_error(failures);
  bool force = parse_bool(call.param("forceSave")).value_or(false);
  bool changed = !existing || client_json(*d, false) != client_json(*existing, false);
  // Sonarr runs the live test before saving an enabled client; warnings block too.
  if (d->enable && changed && !force) {
    if (auto f = run_test(ctx, *d)) return reply(json::array({failure_json(*f)}), 400);
  }
  if (existing) {
    if (auto st = ctx.download_clients->update(*d); !st)
      return validation_error({{"Name", st.message(), d->name}});
    return reply(client_json(*ctx.download_clients->get(d->id)), 202);
  }
  auto added = ctx.download_clients->add(*d);
  if (!added) return validation_error({{"Name", added.message(), d->name}});
  return reply(client_json(*added), 201);
}

}  // namespace

http::Response handle_downloadclient(Context& ctx, const Call& call) {
  auto& store = *ctx.download_clients;
  if (call.rest == "schema" && !call.id) {
    if (call.method != "GET") return method_not_allowed();
    return reply(schema_json());
  }
  if (call.rest == "test" && !call.id) return call.method == "POST" ? test_reply(ctx, call) : method_not_allowed();
  if (call.rest == "testall" && !call.id) return call.method == "POST" ? testall_reply(ctx) : method_not_allowed();
  if (!call.rest.empty()) return not_found();
  if (!call.id) {
    if (call.method == "GET") {
      json out = json::array();
      for (const auto& d : store.list()) out.push_back(client_json(d));
      return reply(out);
    }
    if (call.method == "POST") return save(ctx, call, nullptr);
    if (call.method == "PUT") {  // some clients put to the collection with the id in the body
      auto body = parse_body(call.req.body);
      auto id = body ? as_int(member(*body, "id")) : std::nullopt;
      auto existing = id ? store.get(*id) : std::nullopt;
      if (!existing) return not_found("Download client does not exist");
      return save(ctx, call, &*existing);
    }
    return method_not_allowed();
  }
  auto existing = store.get(*call.id);
  if (!existing) return not_found("Download client with ID " + std::to_string(*call.id) + " does not exist");
  if (call.method == "GET") return reply(client_json(*existing));
  if (call.method == "PUT") return save(ctx, call, &*existing);
  if (call.method == "DELETE") {
    (void)store.remove(existing->id);
    return reply(json::object());
  }
  return method_not_allowed();
}

http::Response handle_config_downloadclient(Context& ctx, const Call& call) {
  auto& store = *ctx.download_clients;
  auto to_json = [](const pvr::DownloadClientConfig& c) {
    return json{{"id", 1},
                {"downloadClientWorkingFolders", c.download_client_working_folders},
                {"enableCompletedDownloadHandling", c.enable_completed_download_handling},
                {"autoRedownloadFailed", c.auto_redownload_failed},
                {"autoRedownloadFailedFromInteractiveSearch", c.auto_redownload_failed_from_interactive_search}};
  };
  if (call.method == "GET") return reply(to_json(store.config()));
  if (call.method != "PUT") return method_not_allowed();
  auto body = parse_body(call.req.body);
  if (!body || !body->is_object()) return bad_request("the body must be the downloadclient config resource");
  auto c = store.config();
  if (auto v = as_string(member(*body, "downloadClientWorkingFolders"))) c.download_client_working_folders = *v;
  if (auto v = as_bool(member(*body, "enableCompletedDownloadHandling"))) c.enable_completed_download_handling = *v;
  if (auto v = as_bool(member(*body, "autoRedownloadFailed"))) c.auto_redownload_failed = *v;
  if (auto v = as_bool(member(*body, "autoRedownloadFailedFromInteractiveSearch")))
    c.auto_redownload_failed_from_interactive_search = *v;
  if (auto st = store.save_config(c); !st) return bad_request(st.message());
  return reply(to_json(store.config()), 202);
}

}  // namespace nzbd::sonarr
