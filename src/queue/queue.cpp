// Queue life cycle: loading from disk, the NNTP pool and servers, the ticker.
#include <spdlog/spdlog.h>

#include <set>
#include <utility>

#include "queue/internal.h"
#include "util/files.h"
#include "util/strings.h"

namespace nzbd::queue {
namespace fs = std::filesystem;

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
int64_t now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A file gone before its fsync pass (a placeholder job has no job.nzb; a
// job deleted right after its add) needs no syncing.
static Status fsync_if_present(const fs::path& p) {
  auto st = fsync_path(p);
  std::error_code ec;
  return st || fs::exists(p, ec) ? st : ok_status();
}

Queue::Queue(config::ConfigStore& config) : config_(config), commit_(fsync_if_present) {
  auto [admin, download, cache, tries] = config_.read([](const config::Config& c) {
    return std::make_tuple(c.resolve_dir("admin_dir"), c.resolve_dir("download_dir"),
                           config::parse_size(c.misc("cache_limit")).value_or(64u << 20),
                           c.misc_int("max_art_tries"));
  });
  store_ = std::make_unique<QueueStore>(admin / "queue");
  download_dir_ = download;
  max_tries_ = static_cast<int>(std::clamp<int64_t>(tries, 1, 20));
  // The cache holds decoded articles waiting for the disk; bench/download ran
  // as fast with 2 MB (about three articles) as with 8 or 64 MB, so more only
  // costs memory, whatever cache_limit says.
  writer_ = std::make_unique<ArticleWriter>(std::min<uint64_t>(cache, 2u << 20),
                                            [this](const WriteRequest& r, const Status& st) { on_written(r, st); });
  pool_ = std::make_unique<nntp::ConnectionPool>(*this, nntp::PoolOptions{2, 32u << 20, 1u << 20});
  rules_ = config_.read([](const config::Config& c) { return IntakeRules::from(c); });
  disk_rules_ = config_.read([](const config::Config& c) { return DiskRules::from(c); });
  config_.on_change([this](const std::string& section) {
    if (section == "servers") reload_servers();
    if (section == "misc") {
      auto rules = config_.read([](const config::Config& c) { return IntakeRules::from(c); });
      auto disk = config_.read([](const config::Config& c) { return DiskRules::from(c); });
      util::Lock lock(mutex_);
      rules_ = std::move(rules);
      disk_rules_ = std::move(disk);
    }
  });
}

Queue::~Queue() { stop(); }

void Queue::set_warning_handler(std::function<void(std::string)> w) { pool_->set_warning_handler(std::move(w)); }

void Queue::warn(const std::string& text) {
  spdlog::warn("{}", text);
}

std::unique_ptr<Job> Queue::load_one_locked(const std::string& id) {
  auto job = store_->load_job(id);
  if (!job) {
    spdlog::error("skipping queued job {}: {}", id, job.message());
    return nullptr;
  }
  // A job stored before intake checked the token limits: downloading it
  // would mix up its articles, so it stays on disk and is not queued.
  uint32_t most = 0;
  for (const auto& f : job->files) most = std::max(most, f.segments);
  if (auto st = check_token_limits(job->files.size(), most, ""); !st) {
    spdlog::error("skipping queued job {}: {}", id, st.message());
    return nullptr;
  }
  auto j = std::make_unique<Job>(std::move(*job));
  j->serial = next_serial_++;
  // Progress from the journal; exact per-article state comes when it downloads.
  for (const auto& r : store_->read_journal(id)) {
    if (r.file >= j->files.size()) continue;
    auto& f = j->files[r.file];
    f.segments_done = std::min(f.segments_done + 1, f.segments);
    if (r.kind == 0) f.bytes_done += r.size;
  }
  for (auto& f : j->files) f.bytes_done = std::min(f.bytes_done, f.bytes);
  if (j->grabbing && !j->url.empty()) {
    std::string nzo = j->nzo_id, url = j->url;
    AddOptions o;
    o.category = j->category;
    o.priority = j->priority;
    o.pp = j->pp;
    start_fetch_locked(nzo, url, o);
  }
  index_job_locked(j.get());
  return j;
}

Status Queue::load(const std::function<bool(const std::string&)>& finished) {
  if (auto st = store_->init(); !st) return st;
  std::error_code ec;
  fs::create_directories(download_dir_, ec);
  util::Lock lock(mutex_);
  std::set<std::string> known;
  for (const auto& id : store_->load_order()) {
    known.insert(id);
    if (auto j = load_one_locked(id)) order_.push_back(std::move(j));
  }
  for (const auto& e : fs::directory_iterator(store_->job_dir(""), ec)) {
    std::string id = e.path().filename().string();
    if (!e.is_directory() || known.count(id)) continue;
    if (!fs::exists(e.path() / "job.json")) {
      // An add killed before its job record was written: it was never
      // answered (the record comes first), so there is nothing to resume.
      spdlog::info("removing {}: an add that was interrupted before its job record was stored", id);
      store_->remove_job(id);
      continue;
    }
    if (finished && finished(id)) {
      store_->remove_job(id);
      continue;
    }
    spdlog::info("resuming job {} that was interrupted before post-processing", id);
    if (auto j = load_one_locked(id)) order_.push_back(std::move(j));
  }
  save_order_locked();
  spdlog::info("queue loaded: {} jobs", order_.size());
  return ok_status();
}

void Queue::finish_completed_jobs() {
  std::vector<FinishedJob> finished;
  {
    util::Lock lock(mutex_);
    std::vector<Job*> done;
    for (auto& j : order_)
      if (!j->grabbing && j->all_done()) done.push_back(j.get());
    for (Job* j : done) {
      active_locked(*j);
      maybe_finish_locked(*j, finished);
    }
  }
  deliver(finished);
}

void Queue::start() { start_engine(true); }

// The pool is configured but never started: its connections stay closed and
// its wake-ups wait in an io_context nobody runs.
void Queue::start_without_network() { start_engine(false); }

void Queue::start_engine(bool network) {
  reload_servers();
  finish_completed_jobs();
  if (network) pool_->start();
  ticker_ = std::thread([this] { ticker(); });
}

void Queue::stop() {
  {
    util::Lock lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (pool_) pool_->stop();
  if (ticker_.joinable()) ticker_.join();
  // A fetch under way ends (libcurl's timeout bounds it); queued ones are
  // dropped: their placeholder jobs fetch again at the next start.
  url_pool_.reset();
  if (writer_) writer_->flush();
}

void Queue::ticker() {
  util::Lock lock(mutex_);
  while (!stopping_) {
    stop_cv_.wait_for(lock.native(), std::chrono::milliseconds(500));
    int64_t ms = now_millis();
    speed_samples_.emplace_back(ms, bytes_received_.load());
    totals_dirty_ = true;
    while (speed_samples_.size() > 1 && ms - speed_samples_.front().first > 4000)
      speed_samples_.erase(speed_samples_.begin());
    release_propagated_locked(now_seconds());
    bool settle = std::exchange(settle_pending_, false);
    lock.unlock();
    sample_server_speeds();
    if (settle) settle_jobs();
    lock.lock();
    resume_when_space_locked();
    if (paused_ && pause_until_ > 0 && now_seconds() >= pause_until_) {
      paused_ = false;
      pause_until_ = 0;
      lock.unlock();
      pool_->set_paused(false);
      pool_->wake();
      if (events_) events_(Event::Resumed, "", "");
      lock.lock();
    }
  }
}

QueueStatus Queue::status_locked() const {
  QueueStatus s;
  s.paused = paused_;
  s.pause_until = pause_until_;
  s.speed_limit_bps = speed_limit_;
  s.speed_limit_percent = speed_limit_percent_;
  s.finish_action = finish_action_;
  if (speed_samples_.size() >= 2) {
    auto [t0, b0] = speed_samples_.front();
    auto [t1, b1] = speed_samples_.back();
    if (t1 > t0) s.speed_bps = (b1 - b0) * 1000 / static_cast<uint64_t>(t1 - t0);
  }
  if (totals_dirty_) {
    totals_ = Totals{};
    for (const auto& j : order_)
      if (!j->paused || j->priority == kForcePriority) {
        totals_.total += j->bytes_total();
        totals_.left += j->bytes_left();
        ++totals_.active;
      }
    totals_dirty_ = false;
  }
  s.total_bytes = totals_.total;
  s.left_bytes = totals_.left;
  s.active_jobs = totals_.active;
  s.cache_bytes = writer_->cached_bytes();
  s.cache_articles = writer_->cached_articles();
  return s;
}

QueueStatus Queue::status() const {
  util::Lock lock(mutex_);
  return status_locked();
}



}  // namespace nzbd::queue
