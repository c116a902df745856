#include "daemon/retry.h"

#include "nzb/nzb.h"
#include "util/files.h"

namespace nzbd::daemon {
namespace fs = std::filesystem;

namespace {
int pp_from_letters(const std::string& pp) {
  if (pp == "R") return 1;
  if (pp == "U") return 2;
  if (pp == "D") return 3;
  return -1;
}
}  // namespace

Result<std::string> retry_job(queue::Queue& queue, const history::Entry& entry, const std::string& password,
                              const http::FormFile* extra_nzb) {
  if (entry.nzb_path.empty() && !entry.url.empty()) {
    // A failed URL fetch: fetch it again.
    queue::AddOptions o;
    o.nzbname = entry.name == entry.url ? "" : entry.name;
    o.password = password;
    o.category = entry.category;
    o.retry = true;
    return queue.add_url(entry.url, o);
  }
  if (entry.nzb_path.empty()) return make_error("the NZB of this job was not kept; add it again");
  auto data = read_file(entry.nzb_path);
  if (!data) return data.error();
  std::string nzb_text = *data;
  if (extra_nzb) {
    // Extra articles (e.g. more par2 files) join the original job.
    auto base = nzb::parse_nzb(nzb_text);
    auto extra = nzb::load_nzb_data(extra_nzb->data, extra_nzb->filename);
    if (!base) return base.error();
    if (!extra) return extra.error();
    for (auto& named : *extra)
      for (auto& f : named.nzb.files) base->files.push_back(std::move(f));
    nzb::order_files(base->files);
    nzb_text = nzb::write_nzb(*base);
  }
  queue::AddOptions o;
  o.nzbname = entry.name;
  o.password = password.empty() ? entry.password : password;
  o.category = entry.category;
  o.script = entry.script;
  o.pp = pp_from_letters(entry.pp);
  o.retry = true;
  // The failed job's folder and its written articles, when both were kept.
  std::error_code ec;
  fs::path record = fs::path(entry.nzb_path).parent_path();
  if (!entry.path.empty() && fs::is_directory(entry.path, ec) && fs::exists(record / "job.json", ec)) {
    o.reuse_folder = fs::path(entry.path).filename().string();
    o.resume_record = record;
  }
  auto ids = queue.add_data(nzb_text, entry.nzb_name.empty() ? entry.name + ".nzb" : entry.nzb_name, o);
  if (!ids) return ids.error();
  if (ids->empty()) return make_error("the NZB holds no job");
  // The new job has its own copy now; the kept record goes with the history row.
  if (record.filename() == entry.nzo_id) fs::remove_all(record, ec);
  return ids->front();
}

}  // namespace nzbd::daemon
