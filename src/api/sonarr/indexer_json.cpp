// IndexerResource JSON: Newznab's fields[], schema, input and validation.
#include "api/sonarr/indexer_json.h"

#include <algorithm>
#include <cctype>

#include "pvr/release_parser.h"
#include "util/strings.h"

namespace nzbd::sonarr {
namespace {

constexpr const char* kMasked = "********";

json field(int order, const char* name, const char* label, json value, const char* type, bool advanced,
           const char* help = nullptr, const char* privacy = "normal") {
  json f = {{"order", order}, {"name", name}, {"label", label}};
  if (help) f["helpText"] = help;
  if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) f["value"] = std::move(value);
  f["type"] = type;
  f["advanced"] = advanced;
  f["privacy"] = privacy;
  f["isFloat"] = false;
  return f;
}

json language_options() {
  json out = json::array();
  for (const auto& l : pvr::language_catalogue())
    if (l.id > 0) out.push_back({{"value", l.id}, {"name", l.name}, {"order", 0}});
  return out;
}

json fields_json(const pvr::NewznabSettings& s) {
  json cats = {{"selectOptionsProviderAction", "newznabCategories"}};
  json out = json::array();
  out.push_back(field(0, "baseUrl", "URL", s.base_url, "textbox", false));
  out.push_back(field(1, "apiPath", "API Path", s.api_path, "textbox", true, "Path to the api, usually /api"));
  out.push_back(field(2, "apiKey", "API Key", s.api_key.empty() ? "" : kMasked, "textbox", false, nullptr, "apiKey"));
  json c = field(3, "categories", "Categories", s.categories, "select", false,
                 "Drop down list, leave blank to disable standard/daily shows");
  c.update(cats);
  out.push_back(c);
  json a = field(4, "animeCategories", "Anime Categories", s.anime_categories, "select", false,
                 "Drop down list, leave blank to disable anime");
  a.update(cats);
  out.push_back(a);
  out.push_back(field(5, "animeStandardFormatSearch", "Anime Standard Format Search", s.anime_standard_format_search,
                      "checkbox", false, "Also search for anime using the standard numbering"));
  out.push_back(field(6, "additionalParameters", "Additional Parameters", s.additional_parameters, "textbox", true,
                      "Please note if you change the category you will have to add required/restricted rules about "
                      "the subgroups to avoid foreign language releases."));
  json ml = field(7, "multiLanguages", "Multi Languages", s.multi_languages, "select", true,
                  "What languages are normally in a multi release on this indexer?");
  ml["selectOptions"] = language_options();
  out.push_back(ml);
  json fd = field(8, "failDownloads", "Fail Downloads", s.fail_downloads, "select", true,
                  "While processing completed downloads Sonarr will treat these selected filetypes as failed "
                  "downloads.");
  fd["selectOptions"] = json::array({{{"value", 0}, {"name", "Executables"}, {"order", 0}},
                                     {{"value", 1}, {"name", "Potentially Dangerous"}, {"order", 1}}});
  out.push_back(fd);
  return out;
}

pvr::IndexerDefinition preset(const char* name, const char* url, const char* api_path = nullptr,
                              std::vector<int> cats = {5030, 5040}, std::vector<int> anime = {}) {
  pvr::IndexerDefinition d;
  d.name = name;
  d.settings.base_url = url;
  if (api_path) d.settings.api_path = api_path;
  d.settings.categories = std::move(cats);
  d.settings.anime_categories = std::move(anime);
  d.enable_rss = d.enable_automatic_search = d.enable_interactive_search = false;
  return d;
}

bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

// ^https?://[-_a-z0-9.]+ (case-insensitive), as ValidRootUrl.
bool root_url(std::string_view s) {
  std::string l = to_lower(std::string(s.substr(0, 9)));
  std::size_t n = l.rfind("https://", 0) == 0 ? 8 : l.rfind("http://", 0) == 0 ? 7 : 0;
  return n > 0 && s.size() > n && host_char(s[n]);
}

// (&.+?=.+?)+ found anywhere: some "&name=value".
bool has_parameter(std::string_view s) {
  for (std::size_t amp = s.find('&'); amp != std::string_view::npos; amp = s.find('&', amp + 1)) {
    std::size_t eq = s.find('=', amp + 2);
    if (eq != std::string_view::npos && eq + 1 < s.size()) return true;
  }
  return false;
}

}  // namespace

json indexer_json(const pvr::IndexerDefinition& d) {
  json j = {{"enableRss", d.enable_rss},
            {"enableAutomaticSearch", d.enable_automatic_search},
            {"enableInteractiveSearch", d.enable_interactive_search},
            {"supportsRss", true},
            {"supportsSearch", true},
            {"protocol", "usenet"},
            {"priority", d.priority},
            {"seasonSearchMaximumSingleEpisodeAge", d.season_search_maximum_single_episode_age},
            {"downloadClientId", d.download_client_id},
            {"name", d.name},
            {"fields", fields_json(d.settings)},
            {"implementationName", "Newznab"},
            {"implementation", "Newznab"},
            {"configContract", "NewznabSettings"},
            {"infoLink", "https://wiki.servarr.com/sonarr/supported#newznab"},
            {"tags", d.tags}};
  if (d.id > 0) j["id"] = d.id;
  return j;
}

json indexer_schema_json() {
  pvr::IndexerDefinition templ;
  json t = indexer_json(templ);
  json presets = json::array();
  for (const auto& p : {preset("DOGnzb", "https://api.dognzb.cr"), preset("DrunkenSlug", "https://drunkenslug.com"),
                        preset("Nzb.su", "https://api.nzb.su"), preset("NZBCat", "https://nzb.cat"),
                        preset("NZBFinder.ws", "https://nzbfinder.ws", nullptr, {5010, 5030, 5040, 5045, 5090}),
                        preset("NZBgeek", "https://api.nzbgeek.info"), preset("nzbplanet.net", "https://api.nzbplanet.net"),
                        preset("SimplyNZBs", "https://simplynzbs.com"),
                        preset("Tabula Rasa", "https://www.tabula-rasa.pw", "/api/v1/api"),
                        preset("AnimeTosho Usenet", "https://feed.animetosho.org", "/nabapi", {}, {5070})})
    presets.push_back(indexer_json(p));
  t["presets"] = presets;
  return json::array({t});
}

IndexerInput indexer_from_json(const json& body, const pvr::IndexerDefinition* existing) {
  IndexerInput in;
  pvr::IndexerDefinition& d = in.def;
  if (existing) d = *existing;
  if (auto v = as_string(member(body, "name"))) d.name = *v;
  else if (!existing) d.name.clear();
  if (auto v = as_string(member(body, "implementation"))) d.implementation = *v;
  if (auto v = as_bool(member(body, "enableRss"))) d.enable_rss = *v;
  if (auto v = as_bool(member(body, "enableAutomaticSearch"))) d.enable_automatic_search = *v;
  if (auto v = as_bool(member(body, "enableInteractiveSearch"))) d.enable_interactive_search = *v;
  if (const json* p = member(body, "priority")) {
    if (auto v = as_int(p)) d.priority = *v;
    else in.failures.push_back({"Priority", "'Priority' must be a number.", *p, "TypeValidator"});
  }
  if (auto v = as_int(member(body, "seasonSearchMaximumSingleEpisodeAge"))) d.season_search_maximum_single_episode_age = *v;
  if (auto v = as_int(member(body, "downloadClientId"))) d.download_client_id = *v;
  if (const json* t = member(body, "tags")) d.tags = as_int_list(t);

  // Settings: Newznab's defaults, then every supplied field by name.
  pvr::NewznabSettings s;
  const json* fields = member(body, "fields");
  if (fields && !fields->is_array()) in.failures.push_back({"Fields", "'Fields' must be an array.", json(), "TypeValidator"});
  if (!fields || !fields->is_array()) {
    if (existing) s = existing->settings;
    d.settings = s;
    return in;
  }
  for (const auto& f : *fields) {
    if (!f.is_object()) continue;
    auto name = as_string(member(f, "name"));
    if (!name) continue;
    const json* value = member(f, "value");
    std::string n = to_lower(*name);
    auto text = [&] { return as_string(value).value_or(""); };
    if (n == "baseurl") s.base_url = text();
    else if (n == "apipath") s.api_path = text();
    else if (n == "apikey") s.api_key = text() == kMasked && existing ? existing->settings.api_key : text();
    else if (n == "categories") s.categories = as_int_list(value);
    else if (n == "animecategories") s.anime_categories = as_int_list(value);
    else if (n == "animestandardformatsearch") s.anime_standard_format_search = as_bool(value).value_or(false);
    else if (n == "additionalparameters") s.additional_parameters = text();
    else if (n == "multilanguages") s.multi_languages = as_int_list(value);
    else if (n == "faildownloads") s.fail_downloads = as_int_list(value);
  }
  if (s.api_key == kMasked) s.api_key.clear();  // a mask with nothing behind it
  d.settings = std::move(s);
  return in;
}

std::vector<Failure> validate_indexer(const pvr::IndexerDefinition& d, const std::vector<pvr::IndexerDefinition>& all,
                                      bool settings) {
  std::vector<Failure> out;
  if (d.name.empty() || std::all_of(d.name.begin(), d.name.end(), [](unsigned char c) { return std::isspace(c); }))
    out.push_back({"Name", "'Name' must not be empty.", d.name, "NotEmptyValidator"});
  else if (std::any_of(all.begin(), all.end(), [&](const auto& o) { return o.id != d.id && to_lower(o.name) == to_lower(d.name); }))
    out.push_back({"Name", "Should be unique", d.name, "PredicateValidator"});
  else if (d.name.size() > 200)
    out.push_back({"Name", "'Name' must be 200 characters or fewer.", json(), "MaximumLengthValidator"});
  if (d.implementation.empty())
    out.push_back({"Implementation", "'Implementation' must not be empty.", d.implementation, "NotEmptyValidator"});
  else if (d.implementation != "Newznab")
    out.push_back({"Implementation", "Unknown indexer implementation '" + d.implementation.substr(0, 100) +
                                         "': only Newznab is supported", d.implementation.substr(0, 100),
                   "PredicateValidator"});
  if (d.priority < 1 || d.priority > 50)
    out.push_back({"Priority", "'Priority' must be between 1 and 50. You entered " + std::to_string(d.priority) + ".",
                   d.priority, "InclusiveBetweenValidator"});
  if (d.season_search_maximum_single_episode_age < 0)
    out.push_back({"SeasonSearchMaximumSingleEpisodeAge",
                   "'Season Search Maximum Single Episode Age' must be greater than or equal to '0'.",
                   d.season_search_maximum_single_episode_age, "GreaterThanOrEqualValidator"});
  if (!settings) return out;

  const pvr::NewznabSettings& s = d.settings;
  if (s.categories.empty() && s.anime_categories.empty())
    out.push_back({"", "Either 'Categories' or 'Anime Categories' must be provided", json(), "PredicateValidator"});
  if (s.base_url.empty())
    out.push_back({"BaseUrl", "'Base Url' must not be empty.", s.base_url, "NotEmptyValidator"});
  else if (s.base_url.size() > 2000 || !root_url(s.base_url) ||
           s.base_url.find_first_of(" \t\r\n") != std::string::npos)
    out.push_back({"BaseUrl", "must be valid URL that starts with http(s)://", s.base_url.substr(0, 200),
                   "RegularExpressionValidator"});
  if (s.api_path.size() > 500 || root_url(s.api_path[0] == '/' ? std::string_view(s.api_path).substr(1) : std::string_view(s.api_path)) ||
      s.api_path.find_first_of(" \t\r\n?#") != std::string::npos)
    out.push_back({"ApiPath", "Must be a valid URL path (ie: '/api')", s.api_path.substr(0, 200),
                   "RegularExpressionValidator"});
  static const char* kNeedKey[] = {"nzbs.org", "nzb.su", "dognzb.cr", "nzbplanet.net", "nzbid.org", "nzbndx.com",
                                   "nzbindex.in"};
  if (s.api_key.empty() &&
      std::any_of(std::begin(kNeedKey), std::end(kNeedKey), [&](const char* h) { return to_lower(s.base_url).find(h) != std::string::npos; }))
    out.push_back({"ApiKey", "'API Key' must not be empty.", "", "NotEmptyValidator"});
  if (s.api_key.find_first_of("&# \t\r\n") != std::string::npos)
    out.push_back({"ApiKey", "'API Key' contains characters that cannot be sent", json(), "PredicateValidator"});
  if (!s.additional_parameters.empty() &&
      (s.additional_parameters.size() > 1000 || !has_parameter(s.additional_parameters) ||
       s.additional_parameters.find_first_of(" \t\r\n#") != std::string::npos))
    out.push_back({"AdditionalParameters", "'Additional Parameters' is not in the correct format.",
                   s.additional_parameters.substr(0, 200), "RegularExpressionValidator"});
  return out;
}

json newznab_category_options(const std::vector<pvr::NewznabCategory>& categories) {
  std::vector<pvr::NewznabCategory> cats = categories;
  if (cats.empty())  // Sonarr's list when the caps cannot be read
    cats = {{5000, "TV", {{5070, "Anime", {}}, {5080, "Documentary", {}}, {5020, "Foreign", {}}, {5040, "HD", {}},
                          {5045, "UHD", {}}, {5050, "Other", {}}, {5030, "SD", {}}, {5060, "Sport", {}},
                          {5010, "WEB-DL", {}}}}};
  json out = json::array();
  for (const auto& c : cats) {
    out.push_back({{"value", c.id}, {"name", c.name}, {"order", 0}, {"hint", "(" + std::to_string(c.id) + ")"}});
    for (const auto& sub : c.subcategories)
      out.push_back({{"value", sub.id}, {"name", sub.name}, {"order", 0}, {"hint", "(" + std::to_string(sub.id) + ")"},
                     {"parentValue", c.id}});
  }
  return json{{"options", out}};
}

}  // namespace nzbd::sonarr
