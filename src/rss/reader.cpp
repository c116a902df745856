// The reader's thread and one read-out of all enabled feeds. Fetching runs
// without the state lock (a slow indexer must not block rss_now or a
// config change); judging and saving hold it.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <set>
#include <thread>

#include "rss/read.h"
#include "rss/rss.h"
#include "util/strings.h"

namespace nzbd::rss {

struct Reader::Impl {
  config::ConfigStore& config;
  AddUrl add;
  ReaderOptions options;

  std::mutex run_mutex;  // one read-out at a time (thread and callers)

  std::mutex state_mutex;
  SeenState state;
  std::map<std::string, std::set<std::string>> warned;  // per feed: the problems of its last read-out

  std::mutex mutex;  // the thread's
  std::condition_variable cv;
  bool stopping = false;
  bool running = false;
  bool requested = false;
  uint64_t started = 0;  // read-outs the thread has begun
  std::thread thread;

  Impl(config::ConfigStore& c, AddUrl a, ReaderOptions o) : config(c), add(std::move(a)), options(std::move(o)) {}

  void load_state() {
    auto loaded = load_seen(options.state_file);
    if (loaded) {
      state = std::move(*loaded);
      return;
    }
    // SABnzbd starts empty too; every feed's next read-out is then a first
    // one, which downloads nothing.
    spdlog::warn("Cannot read {}: {}; RSS feeds start afresh", options.state_file.filename().string(), loaded.message());
  }

  void save_state_locked() {
    if (options.state_file.empty()) return;
    if (auto st = save_seen(options.state_file, state); !st) spdlog::error("Cannot save RSS state: {}", st.message());
  }

  // A feed deleted from the config is forgotten (SABnzbd's clear_feed), so
  // one added again under the same name starts with a first read-out.
  void forget_deleted() {
    auto names = config.read([](const config::Config& c) {
      std::set<std::string> n;
      for (const auto* it : c.items("rss")) n.insert(it->name);
      return n;
    });
    std::lock_guard lock(state_mutex);
    bool changed = false;
    for (auto it = state.feeds.begin(); it != state.feeds.end();) {
      if (names.count(it->first)) {
        ++it;
        continue;
      }
      spdlog::info("RSS feed \"{}\" is no longer configured; its links are forgotten", it->first);
      warned.erase(it->first);
      it = state.feeds.erase(it);
      changed = true;
    }
    if (changed) save_state_locked();
  }

  // Problems are warned once; the same one again at the next read-out is
  // not (a broken feed read every hour would fill the warnings otherwise).
  void report_problems(const std::string& feed, const std::vector<std::string>& problems, ReadReport& report) {
    std::set<std::string> now(problems.begin(), problems.end());
    std::lock_guard lock(state_mutex);
    auto& before = warned[feed];
    for (const auto& p : problems) {
      if (before.count(p)) continue;
      std::string text = "RSS feed \"" + feed + "\" " + p;
      spdlog::warn("{}", text);
      report.warnings.push_back(text);
      before.insert(p);
    }
    std::erase_if(before, [&](const std::string& p) { return !now.count(p); });
  }

  bool downloaded_locked(const std::string& title) const {
    std::string low = to_lower(title);
    for (const auto& [feed, links] : state.feeds)
      for (const auto& [link, s] : links)
        if (!s.status.empty() && s.status[0] == 'D' && to_lower(s.title) == low) return true;
    return false;
  }

  // Sleeps; false when stop() came meanwhile.
  bool pause(std::chrono::milliseconds d) {
    std::unique_lock lock(mutex);
    cv.wait_for(lock, d, [&] { return stopping; });
    return !stopping;
  }

  ReadReport read_all();
  void run();
};

ReadReport Reader::Impl::read_all() {
  std::lock_guard run_lock(run_mutex);
  ReadReport report;
  forget_deleted();
  Snapshot snap = config.read([](const config::Config& c) { return take_snapshot(c); });
  bool changed = false;
  for (std::size_t i = 0; i < snap.feeds.size(); ++i) {
    const FeedConfig& feed = snap.feeds[i];
    if (i > 0 && !pause(options.pause_between_feeds)) break;
    spdlog::info("Starting RSS read-out for \"{}\"", feed.name);
    Fetched fetched = fetch_feed(feed, options.fetch);
    FilterSet filters(feed.filters);
    std::vector<std::string> problems = fetched.problems;
    for (const auto& p : filters.problems()) problems.push_back(p);
    std::vector<UrlJob> jobs;
    {
      std::lock_guard lock(state_mutex);
      const bool first = !state.feeds.count(feed.name);
      // Nothing read, or a first read-out that missed a URI (its items would
      // count as new next time): the feed stays as it was.
      if (fetched.any_read && (!first || fetched.all_read)) {
        FeedLinks& links = state.feeds[feed.name];
        jobs = judge_items(feed, filters, fetched, first, links, snap, static_cast<int64_t>(std::time(nullptr)),
                           [this](const std::string& t) { return downloaded_locked(t); });
        changed = true;
        report.feeds_read.push_back(feed.name);
        if (first)
          spdlog::info("RSS feed \"{}\": first read-out, {} items marked as seen without downloading", feed.name,
                       fetched.items.size());
        else if (fetched.items.empty())
          spdlog::info("RSS feed \"{}\" was empty", feed.name);
      }
    }
    for (const auto& job : jobs) {
      spdlog::info("Adding {} ({}) to queue", shown_uri(job.url), job.title);
      report.added.push_back(add(job));
    }
    report_problems(feed.name, problems, report);
  }
  if (changed) {
    std::lock_guard lock(state_mutex);
    save_state_locked();
  }
  if (!snap.feeds.empty()) spdlog::info("Finished RSS read-outs");
  return report;
}

void Reader::Impl::run() {
  using clock = std::chrono::steady_clock;
  auto next = clock::now() + options.first_read_after;
  std::unique_lock lock(mutex);
  while (!stopping) {
    // Wakes each second so a changed rss_rate applies without a restart.
    cv.wait_for(lock, std::chrono::seconds(1), [&] { return stopping || requested; });
    if (stopping) break;
    const bool asked = requested;
    bool due = clock::now() >= next;
    if (!asked && !due) continue;
    requested = false;
    ++started;
    cv.notify_all();  // read_now waits for this
    lock.unlock();
    if (due) {
      int64_t rate = config.read([](const config::Config& c) { return c.misc_int("rss_rate"); });
      next = clock::now() + std::chrono::minutes(std::clamp<int64_t>(rate, 15, 24 * 60));
    }
    if (asked || !options.periodic || options.periodic()) read_all();
    lock.lock();
  }
}

Reader::Reader(config::ConfigStore& config, AddUrl add, ReaderOptions options)
    : impl_(std::make_shared<Impl>(config, std::move(add), std::move(options))) {
  // stop() waits for a fetch under way: a short timeout keeps shutdown quick.
  if (!impl_->options.fetch) impl_->options.fetch = pvr::curl_http_get(std::chrono::seconds(30), kMaxFeedBytes);
  impl_->load_state();
  std::weak_ptr<Impl> weak = impl_;
  config.on_change([weak](const std::string& section) {
    if (section != "rss") return;
    if (auto impl = weak.lock()) impl->forget_deleted();
  });
}

Reader::~Reader() { stop(); }

void Reader::start() {
  std::lock_guard lock(impl_->mutex);
  if (impl_->running || impl_->stopping) return;
  impl_->running = true;
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

void Reader::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  std::lock_guard lock(impl_->mutex);
  impl_->running = false;
}

bool Reader::read_now() {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->running || impl_->stopping) return false;
  const uint64_t target = impl_->started + 1;
  impl_->requested = true;
  impl_->cv.notify_all();
  // A read-out under way first ends; the request then starts the next one.
  impl_->cv.wait_for(lock, std::chrono::seconds(5), [&] { return impl_->started >= target || impl_->stopping; });
  return !impl_->stopping;
}

ReadReport Reader::read_once() { return impl_->read_all(); }

}  // namespace nzbd::rss
