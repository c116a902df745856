// Sonarr's `Sabnzbd` download client: talks SABnzbd's HTTP API (addfile,
// queue, history, delete, version, get_config) to any SABnzbd-compatible
// server — a real SABnzbd or another nzbd. Every reply is hostile until
// parsed: HTML, bad JSON or wrong types become errors, never a crash.
#pragma once

#include <optional>
#include <string>

#include "pvr/download/client_store.h"
#include "pvr/download/download_client.h"
#include "pvr/http_get.h"

namespace nzbd::pvr {

class SabnzbdClient : public DownloadClient {
 public:
  // Empty transports use libcurl.
  explicit SabnzbdClient(DownloadClientSettings settings, HttpGet get = {}, HttpPostForm post = {});

  Result<std::string> add_nzb(const AddNzbRequest& request) override;
  Result<std::vector<DownloadItem>> items(const std::string& category) override;
  Status remove(const std::string& download_id, bool delete_data) override;
  Status test() override;

  // Sonarr's test, with the field it blames (for /downloadclient/test).
  struct TestFailure {
    std::string property;  // "Host", "APIKey", "TvCategory", "Version", ""
    std::string message;   // Sonarr's text, e.g. "Category does not exist"
    std::string detail;    // the longer explanation
    bool warning = false;
  };
  std::optional<TestFailure> check();

  // http[s]://host:port[/urlBase]/api?mode=...&apikey=...&output=json
  std::string api_url(const std::string& mode, const std::string& params) const;

 private:
  DownloadClientSettings settings_;
  HttpGet get_;
  HttpPostForm post_;
};

// "0:16:44" or "1:02:03:04" (days first) -> seconds; nullopt otherwise.
std::optional<int> parse_sab_timeleft(const std::string& text);

}  // namespace nzbd::pvr
