// addfile, addurl, addlocalfile.
#include <spdlog/spdlog.h>

#include "api/sab/call.h"
#include "queue/queue.h"
#include "util/strings.h"

namespace nzbd::api::sab {
namespace {

queue::AddOptions add_options(const Call& c) {
  queue::AddOptions o;
  o.nzbname = c.get("nzbname");
  o.password = c.get("password");
  o.category = c.get("cat");
  o.script = c.get("script");
  o.priority = static_cast<int>(parse_int(c.get("priority")).value_or(queue::kDefaultPriority));
  o.pp = static_cast<int>(parse_int(c.get("pp")).value_or(-1));
  return o;
}

Reply added(const Result<std::vector<std::string>>& r, const std::string& source) {
  if (!r) {
    spdlog::warn("{}", r.message().find(source) == std::string::npos ? "Failed to import " + source + ": " + r.message()
                                                                        : r.message());
    return Reply{"", Json{{"status", false}, {"nzo_ids", Json::array()}}};
  }
  return Reply{"", Json{{"status", true}, {"nzo_ids", *r}}};
}

Reply mode_addfile(Call& c) {
  const http::FormFile* f = c.params.file("name");
  if (!f) f = c.params.file("nzbfile");
  if (!f || f->data.empty()) return error_reply(kOneParam);
  if (!c.services.queue) return error_reply("the download queue is not running");
  std::string filename = f->filename.empty() ? "upload.nzb" : f->filename;
  return added(c.services.queue->add_data(f->data, filename, add_options(c)), filename);
}

Reply mode_addlocalfile(Call& c) {
  std::string name = c.get("name");
  if (name.empty()) return error_reply(kOneParam);
  if (!c.services.queue) return error_reply("the download queue is not running");
  std::filesystem::path p(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(p, ec)) return error_reply("file does not exist");
  std::string lower = to_lower(p.filename().string());
  bool supported = ends_with_icase(lower, ".nzb") || ends_with_icase(lower, ".nzb.gz") ||
                   ends_with_icase(lower, ".nzb.bz2") || ends_with_icase(lower, ".zip") ||
                   ends_with_icase(lower, ".gz") || ends_with_icase(lower, ".bz2");
  if (!supported) return error_reply("no file given");
  return added(c.services.queue->add_local_file(p, add_options(c)), p.filename().string());
}

Reply mode_addurl(Call& c) {
  std::string url = c.get("name");
  if (url.empty()) return error_reply(kOneParam);
  if (!c.services.queue) return error_reply("the download queue is not running");
  if (!starts_with_icase(url, "http://") && !starts_with_icase(url, "https://"))
    return Reply{"", Json{{"status", false}, {"nzo_ids", Json::array()}}};
  return Reply{"", Json{{"status", true}, {"nzo_ids", Json::array({c.services.queue->add_url(url, add_options(c))})}}};
}

}  // namespace

void register_add_modes(ModeTable& t) {
  t["addfile"] = mode_addfile;
  t["addlocalfile"] = mode_addlocalfile;
  t["addurl"] = mode_addurl;
}

}  // namespace nzbd::api::sab
