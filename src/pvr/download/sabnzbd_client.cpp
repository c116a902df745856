// SabnzbdClient: the calls and mappings of Sonarr's SabnzbdProxy/Sabnzbd
// (see docs clients.md §A), written for hostile replies.
#include "pvr/download/sabnzbd_client.h"
#include "util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <regex>

namespace nzbd::pvr {
namespace {
using nlohmann::json;

constexpr int kHistoryLimit = 60;  // Sonarr's DownloadClientHistoryLimit
constexpr const char* kDiskFull = "unpacking failed, write error or disk is full?";

// A short, single-line excerpt of a reply for an error message.
std::string excerpt(const std::string& body) {
  std::string out;
  for (char c : body.substr(0, 160)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Strings as they are, numbers and bools written out; anything else "".
std::string text(const json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number()) return std::to_string(it->get<double>());
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return {};
}

// A number or a numeric string (SAB sends "1277.65"); nullopt otherwise.
std::optional<double> number(const json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (!it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

bool flag(const json& obj, const char* key) {
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  if (it->is_number()) return it->get<double>() != 0;
  if (it->is_string()) return to_lower(it->get<std::string>()) == "true" || it->get<std::string>() == "1";
  return false;
}

std::int64_t bytes_of(double mb) {
  if (mb < 0 || mb > 1e12) return 0;
  return static_cast<std::int64_t>(std::llround(mb * 1048576.0));
}

// Sonarr's CheckForError plus the HTTP and JSON failures before it.
Result<json> decode(const Result<HttpReply>& r) {
  if (!r) return make_error("Unable to connect to SABnzbd: " + r.message());
  if (r->status >= 400) {
    std::string msg = "Unable to connect to SABnzbd: HTTP " + std::to_string(r->status);
    if (!r->body.empty()) msg += " (" + excerpt(r->body) + ")";
    return make_error(msg);
  }
  json j = json::parse(r->body, nullptr, false);
  if (j.is_discarded()) {
    if (to_lower(r->body.substr(0, 5)) == "error") {
      std::string rest = r->body.substr(5);
      auto b = rest.find_first_not_of(": ");
      return make_error("Error response received from SABnzbd: " + excerpt(b == std::string::npos ? "" : rest.substr(b)));
    }
    return make_error("SABnzbd answered something that is not JSON (is this the address of a SABnzbd API?): " +
                      excerpt(r->body));
  }
  if (!j.is_object()) return make_error("SABnzbd answered JSON that is not an object");
  if (j.contains("status") && to_lower(text(j, "status")) == "false") {
    std::string error = text(j, "error");
    return make_error("Error response received from SABnzbd: " + (error.empty() ? std::string("unknown error") : error));
  }
  return j;
}

// Sonarr takes the ancestor of `storage` named like the job as the output
// folder (SAB may report a file inside it).
std::string output_path(const std::string& storage, const std::string& name) {
  if (storage.empty()) return {};
  std::filesystem::path p(storage);
  for (auto a = p; !a.empty() && a != a.parent_path(); a = a.parent_path())
    if (!name.empty() && a.filename() == name) return a.string();
  return storage;
}

std::string clean_file_name(const std::string& title) {
  std::string out;
  for (unsigned char c : title) out += (c < 32 || std::string_view("\\/:*?\"<>|").find(c) != std::string_view::npos) ? '_' : static_cast<char>(c);
  return out.empty() ? "download" : out;
}

}  // namespace

std::optional<int> parse_sab_timeleft(const std::string& s) {
  std::vector<long> parts;
  std::size_t start = 0;
  while (true) {
    auto colon = s.find(':', start);
    std::string part = s.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (part.empty() || part.size() > 6 || !std::all_of(part.begin(), part.end(), ::isdigit)) return std::nullopt;
    parts.push_back(std::stol(part));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 3 && parts.size() != 4) return std::nullopt;
  long secs = 0;
  if (parts.size() == 4) secs = parts[0] * 86400, parts.erase(parts.begin());
  secs += parts[0] * 3600 + parts[1] * 60 + parts[2];
  if (secs > 100L * 365 * 86400) return std::nullopt;
  return static_cast<int>(secs);
}

SabnzbdClient::SabnzbdClient(DownloadClientSettings settings, HttpGet get, HttpPostForm post)
    : settings_(std::move(settings)),
      get_(get ? std::move(get) : curl_http_get(std::chrono::seconds(30))),
      post_(post ? std::move(post) : curl_http_post_form(std::chrono::seconds(60))) {}

std::string SabnzbdClient::api_url(const std::string& mode, const std::string& params) const {
  std::string base = settings_.url_base;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
  std::string url = (settings_.use_ssl ? "https://" : "http://") + settings_.host + ":" +
                    std::to_string(settings_.port) + base + "/api?mode=" + url_escape(mode);
  if (!params.empty()) url += "&" + params;
  if (!settings_.api_key.empty()) url += "&apikey=" + url_escape(settings_.api_key);
  else if (!settings_.username.empty())
    url += "&ma_username=" + url_escape(settings_.username) + "&ma_password=" + url_escape(settings_.password);
  return url + "&output=json";
}

Result<std::string> SabnzbdClient::add_nzb(const AddNzbRequest& r) {
  std::string params = "cat=" + url_escape(r.category) + "&priority=" + std::to_string(r.priority);
  if (!r.name.empty()) params += "&nzbname=" + url_escape(r.name);
  std::vector<FormPart> parts{{"name", r.nzb, clean_file_name(r.name) + ".nzb", "application/x-nzb"}};
  auto j = decode(post_(api_url("addfile", params), parts));
  if (!j) return j.error();
  auto ids = j->find("nzo_ids");
  if (ids == j->end() || !ids->is_array() || ids->empty() || !(*ids)[0].is_string() ||
      (*ids)[0].get<std::string>().empty())
    return make_error("SABnzbd did not answer an id for the added NZB");
  return (*ids)[0].get<std::string>();
}

Result<std::vector<DownloadItem>> SabnzbdClient::items(const std::string& category) {
  std::string cat = category.empty() ? "" : "&category=" + url_escape(category);
  std::vector<DownloadItem> out;

  // The queue first: a job that moves to the history in between is then
  // seen twice (harmless) rather than not at all.
  auto q = decode(get_(api_url("queue", "start=0&limit=0" + cat)));
  if (!q) return q.error();
  const json& queue = (*q)["queue"];
  if (!queue.is_object() || !queue.contains("slots") || !queue["slots"].is_array())
    return make_error("SABnzbd's queue reply has no slots list");
  bool paused = flag(queue, "paused");
  for (const auto& s : queue["slots"]) {
    DownloadItem item;
    item.download_id = text(s, "nzo_id");
    std::string status = text(s, "status");
    if (item.download_id.empty() || status == "Deleted") continue;
    item.title = text(s, "filename");
    item.category = text(s, "cat");
    if (!category.empty() && item.category != category) continue;
    item.total_size = bytes_of(number(s, "mb").value_or(0));
    item.remaining_size = bytes_of(number(s, "mbleft").value_or(0));
    bool force = text(s, "priority") == "Force" || text(s, "priority") == "2";
    if ((paused && !force) || status == "Paused") {
      item.status = "paused";
    } else {
      item.status = (status == "Queued" || status == "Grabbing" || status == "Propagating") ? "queued" : "downloading";
      item.time_left_seconds = parse_sab_timeleft(text(s, "timeleft"));
    }
    constexpr std::string_view kEncrypted = "ENCRYPTED / ";
    if (item.title.rfind(kEncrypted, 0) == 0) {
      item.title.erase(0, kEncrypted.size());
      item.status = "failed";
      item.message = "Encrypted download detected";
    }
    out.push_back(std::move(item));
  }

  auto h = decode(get_(api_url("history", "start=0&limit=" + std::to_string(kHistoryLimit) + cat)));
  if (!h) return h.error();
  const json& history = (*h)["history"];
  if (!history.is_object() || !history.contains("slots") || !history["slots"].is_array())
    return make_error("SABnzbd's history reply has no slots list");
  for (const auto& s : history["slots"]) {
    DownloadItem item;
    item.download_id = text(s, "nzo_id");
    std::string status = text(s, "status");
    if (item.download_id.empty() || status == "Deleted") continue;
    if (std::any_of(out.begin(), out.end(), [&](const auto& i) { return i.download_id == item.download_id; }))
      continue;
    item.title = text(s, "name");
    item.category = text(s, "category");
    if (!category.empty() && item.category != category) continue;
    item.total_size = static_cast<std::int64_t>(std::max(0.0, number(s, "bytes").value_or(0)));
    item.message = text(s, "fail_message");
    if (status == "Failed") item.status = to_lower(item.message) == kDiskFull ? "warning" : "failed";
    else if (status == "Completed") item.status = "completed";
    else item.status = "downloading";  // post-processing still runs
    item.output_path = output_path(text(s, "storage"), item.title);
    out.push_back(std::move(item));
  }
  return out;
}

Status SabnzbdClient::remove(const std::string& id, bool delete_data) {
  std::string v = "&value=" + url_escape(id) + "&del_files=" + (delete_data ? "1" : "0");
  // SAB answers status:false for an id it does not hold: then it is in the history.
  auto q = decode(get_(api_url("queue", "name=delete" + v)));
  if (q) {
    auto ids = q->find("nzo_ids");
    if (ids != q->end() && ids->is_array() && !ids->empty()) return ok_status();
  } else if (q.message().rfind("Error response received", 0) != 0) {
    return q.error();
  }
  // Sonarr deletes failed jobs for good and archives the others.
  bool failed = false;
  if (auto h = decode(get_(api_url("history", "nzo_ids=" + url_escape(id))))) {
    const json& slots = (*h)["history"].is_object() ? (*h)["history"]["slots"] : json();
    if (slots.is_array())
      for (const auto& s : slots)
        if (text(s, "nzo_id") == id) failed = text(s, "status") == "Failed";
  }
  auto r = decode(get_(api_url("history", "name=delete" + v + "&archive=" + (failed ? "0" : "1"))));
  if (!r) return r.error();
  return ok_status();
}

std::optional<SabnzbdClient::TestFailure> SabnzbdClient::check() {
  auto v = decode(get_(api_url("version", "")));
  if (!v) return TestFailure{"Host", "Unable to connect to SABnzbd", v.message()};
  std::string raw = text(*v, "version");
  if (to_lower(raw) == "develop")
    return TestFailure{"Version", "Sabnzbd develop version, assuming version 1.1.0 or higher.",
                       "nzbd may not support features added to SABnzbd develop versions.", true};
  std::smatch m;
  static const std::regex kVersion(R"((\d+)\.(\d+)\.(\d+|x))");
  if (!std::regex_search(raw, m, kVersion)) return TestFailure{"Version", "Unknown Version: " + raw, ""};
  int major = std::stoi(m[1].str().substr(0, 6)), minor = std::stoi(m[2].str().substr(0, 6));
  if (major < 1 && minor < 7)
    return TestFailure{"Version", "Version 0.7.0+ is required, but found: " + m[0].str(), ""};

  auto c = decode(get_(api_url("get_config", "")));
  if (!c) {
    if (to_lower(c.message()).find("api key incorrect") != std::string::npos) return TestFailure{"APIKey", "API Key Incorrect", ""};
    if (to_lower(c.message()).find("api key required") != std::string::npos) return TestFailure{"APIKey", "API Key Required", ""};
    return TestFailure{"Host", "Unable to connect to SABnzbd", c.message()};
  }
  const json& config = (*c)["config"];
  if (!config.is_object()) return TestFailure{"Host", "Unable to connect to SABnzbd", "get_config answered no config"};
  const json& misc = config.contains("misc") ? config["misc"] : json::object();
  if (flag(misc, "pre_check") && major < 1 && minor < 1)
    return TestFailure{"", "Disable 'Check before download' option in Sabnbzd", ""};

  const json* category = nullptr;
  if (config.contains("categories") && config["categories"].is_array())
    for (const auto& cat : config["categories"])
      if (text(cat, "name") == settings_.tv_category) category = &cat;
  if (category) {
    std::string dir = text(*category, "dir");
    if (!dir.empty() && dir.back() == '*')
      return TestFailure{"TvCategory", "Enable Job folders",
                         "nzbd prefers each download to have a separate folder. With * appended to the "
                         "Folder/Path SABnzbd will not create these job folders."};
  } else if (!settings_.tv_category.empty()) {
    return TestFailure{"TvCategory", "Category does not exist",
                       "The Category you entered doesn't exist in SABnzbd. Go to SABnzbd to create it."};
  }
  // An empty list means "every category", as in Sonarr.
  auto covers = [&](const char* key) {
    if (!misc.is_object() || !misc.contains(key)) return true;
    const json& list = misc[key];
    std::string cat = settings_.tv_category.empty() ? "Default" : settings_.tv_category;
    if (list.is_string()) return list.get<std::string>().empty() || list.get<std::string>() == cat;
    if (!list.is_array() || list.empty()) return true;
    return std::any_of(list.begin(), list.end(), [&](const json& e) { return e.is_string() && e.get<std::string>() == cat; });
  };
  if (flag(misc, "enable_tv_sorting") && covers("tv_categories"))
    return TestFailure{"TvCategory", "Disable TV Sorting", "You must disable SABnzbd TV Sorting for the category nzbd uses."};
  if (flag(misc, "enable_movie_sorting") && covers("movie_categories"))
    return TestFailure{"TvCategory", "Disable Movie Sorting", "You must disable SABnzbd Movie Sorting for the category nzbd uses."};
  if (flag(misc, "enable_date_sorting") && covers("date_categories"))
    return TestFailure{"TvCategory", "Disable Date Sorting", "You must disable SABnzbd Date Sorting for the category nzbd uses."};
  return std::nullopt;
}

Status SabnzbdClient::test() {
  auto f = check();
  if (!f || f->warning) return ok_status();
  return make_error(f->detail.empty() ? f->message : f->message + ": " + f->detail);
}

}  // namespace nzbd::pvr
