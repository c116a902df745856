// A DownloadClient the tests script: items are set by hand, calls recorded.
#pragma once

#include <string>
#include <vector>

#include "pvr/download/download_client.h"

namespace nzbd::pvr::testing {

class FakeDownloadClient : public DownloadClient {
 public:
  Result<std::string> add_nzb(const AddNzbRequest& r) override {
    added.push_back(r);
    return "nzo_" + std::to_string(added.size());
  }
  Result<std::vector<DownloadItem>> items(const std::string& category) override {
    categories_asked.push_back(category);
    if (!error.empty()) return make_error(error);
    return list;
  }
  Status remove(const std::string& id, bool delete_data) override {
    removed.emplace_back(id, delete_data);
    return ok_status();
  }
  Status test() override { return error.empty() ? ok_status() : Status(make_error(error)); }

  DownloadItem& put(const std::string& id, const std::string& status, const std::string& output = "") {
    list.push_back({id, "Show.S01E01.720p.HDTV.x264-GRP", "tv", status, 1000, 400, 30, output, "", false});
    return list.back();
  }

  std::vector<DownloadItem> list;
  std::string error;  // non-empty: items() fails
  std::vector<AddNzbRequest> added;
  std::vector<std::string> categories_asked;
  std::vector<std::pair<std::string, bool>> removed;
};

}  // namespace nzbd::pvr::testing
