#include "postproc/direct_unpacks.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "unpack/rar_scan.h"

namespace nzbd::postproc {
namespace fs = std::filesystem;

namespace {
// SABnzbd's get_formatted_stats: "%02d/%02d".
std::string formatted(size_t n, size_t m) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02zu/%02zu", n, m);
  return buf;
}

// libarchive reads it, and reading can start at its first volume.
bool suitable_first_volume(const fs::path& path) {
  auto info = unpack::scan_rar(path);
  if (!info || info->damaged || info->headers_encrypted || info->has_encrypted_files) return false;
  if (info->version == 4 && info->solid) return false;  // libarchive cannot read RAR4 solid
  return !info->is_volume || info->first_volume;
}
// SABnzbd's format_time_string.
std::string time_string(double seconds) {
  long s = long(seconds + 0.5);
  std::string out;
  if (s >= 60) out = std::to_string(s / 60) + (s / 60 == 1 ? " minute " : " minutes ");
  s %= 60;
  return out + std::to_string(s) + (s == 1 ? " second" : " seconds");
}
}  // namespace

std::vector<unpack::UnpackOptions::Prepared> DirectUnpacks::results(Unpackers& direct, const std::string& job_name) {
  std::vector<unpack::UnpackOptions::Prepared> out;
  for (auto& d : direct) {
    auto r = d->take();
    if (!r) {
      spdlog::info("{}: Direct Unpack not used ({})", job_name, r.message());
      continue;
    }
    std::string first = r->volumes.empty() ? "" : r->volumes.front().filename().string();
    auto named = unpack::rar_sets_by_name({first});
    std::string set = named.empty() ? first : named.front().name;
    out.push_back({r->volumes, r->folder,
                   "[" + set + "] Direct Unpack - Unpacked " + std::to_string(r->entries) + " files/folders in " +
                       time_string(r->seconds)});
  }
  return out;
}

size_t DirectUnpacks::running_locked() const {
  size_t n = 0;
  for (const auto& [id, job] : jobs_)
    for (const auto& u : job.sets) n += u->running() ? 1 : 0;
  return n;
}

void DirectUnpacks::on_event(const queue::FileEvent& e) {
  auto [enabled, limit] = config_.read([](const config::Config& c) {
    return std::pair{c.misc_int("direct_unpack") == 1, std::max<int64_t>(1, c.misc_int("direct_unpack_threads"))};
  });
  Unpackers drop;  // destroyed (joined) outside the lock
  {
    util::Lock lock(mutex_);
    if (stopped_) return;
    auto it = jobs_.find(e.nzo_id);
    if (it == jobs_.end() && (!enabled || e.kind != queue::FileEvent::FileDone)) return;
    JobState& job = jobs_[e.nzo_id];
    if (e.kind == queue::FileEvent::Removed) {
      drop = std::move(job.sets);
      jobs_.erase(e.nzo_id);
    } else if (e.kind == queue::FileEvent::Paused || e.damaged) {
      if (!job.given_up && !job.sets.empty())
        spdlog::info("Direct Unpack of {} aborted: {}", e.nzo_id, e.damaged ? "articles are missing" : "job paused");
      job.given_up = true;
      drop = std::move(job.sets);
    } else if (!job.given_up && e.pp >= 2) {
      on_file_done(e, job, running_locked() < size_t(limit));
    }
  }
  drop.clear();
  if (e.kind == queue::FileEvent::Paused) queue_.set_direct_unpack(e.nzo_id, "");
}

void DirectUnpacks::on_file_done(const queue::FileEvent& e, JobState& job, bool may_start) {
  std::set<std::string> ready;
  std::vector<std::string> names;
  for (const auto& [name, whole] : e.files) {
    names.push_back(name);
    if (whole) ready.insert(name);
  }
  auto feed = [&](unpack::DirectUnpacker& u) {
    for (size_t i = 0; i < u.volumes().size(); ++i)
      if (ready.count(u.volumes()[i].filename().string())) u.ready(i);
  };
  for (auto& u : job.sets)
    if (u->running()) return feed(*u);  // one at a time per job
  if (!may_start) return;  // SABnzbd: "Too many DirectUnpackers currently"
  for (const auto& set : unpack::rar_sets_by_name(names)) {
    if (job.tried.count(set.name) || !ready.count(set.volumes.front())) continue;
    job.tried.insert(set.name);
    if (!suitable_first_volume(e.folder / set.volumes.front())) continue;
    std::vector<fs::path> paths;
    for (const auto& v : set.volumes) paths.push_back(e.folder / v);
    std::string id = e.nzo_id;
    auto progress = [this, id](size_t n, size_t m) { queue_.set_direct_unpack(id, n ? formatted(n, m) : ""); };
    spdlog::info("Direct Unpack of {} started ({} volume(s))", set.name, paths.size());
    job.sets.push_back(std::make_unique<unpack::DirectUnpacker>(std::move(paths), e.folder, progress));
    feed(*job.sets.back());
    return;
  }
}

DirectUnpacks::Unpackers DirectUnpacks::take(const std::string& nzo_id) {
  util::Lock lock(mutex_);
  auto it = jobs_.find(nzo_id);
  if (it == jobs_.end()) return {};
  Unpackers out = std::move(it->second.sets);
  jobs_.erase(it);
  return out;
}

void DirectUnpacks::stop_all() {
  std::map<std::string, JobState> all;
  {
    util::Lock lock(mutex_);
    stopped_ = true;
    all.swap(jobs_);
  }
  all.clear();
}

}  // namespace nzbd::postproc
