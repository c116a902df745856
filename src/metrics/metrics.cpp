#include "metrics/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <mutex>
#include <sstream>

namespace nzbd::metrics {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;

// The pool counts from the start of the process, so a Prometheus counter
// grows by what it grew since the last scrape; a smaller value means the
// pool was rebuilt (servers reconfigured) and counts afresh.
void advance(prometheus::Counter& c, std::uint64_t& last, std::uint64_t now) {
  c.Increment(static_cast<double>(now >= last ? now - last : now));
  last = now;
}

}  // namespace

struct Metrics::Impl {
  explicit Impl(Sources s)
      : sources(std::move(s)),
        registry(std::make_shared<prometheus::Registry>()),
        requests(BuildCounter().Name("nzbd_http_requests_total").Help("HTTP requests answered, by API and status code").Register(*registry)),
        latency(BuildHistogram().Name("nzbd_http_request_duration_seconds").Help("Time to answer an HTTP request, by API").Register(*registry)),
        server_bytes(BuildCounter().Name("nzbd_server_bytes_total").Help("Bytes received from each news server").Register(*registry)),
        server_articles(BuildCounter().Name("nzbd_server_articles_total").Help("Articles asked of each news server, by result").Register(*registry)),
        server_connections(BuildGauge().Name("nzbd_server_connections").Help("Open connections per news server").Register(*registry)),
        server_up(BuildGauge().Name("nzbd_server_active").Help("1 when the server is enabled and not blocked").Register(*registry)),
        queue_jobs(BuildGauge().Name("nzbd_queue_jobs").Help("Jobs in the download queue that are not paused").Register(*registry)),
        queue_bytes(BuildGauge().Name("nzbd_queue_bytes").Help("Bytes of the queue's active jobs, total and left").Register(*registry)),
        queue_paused(BuildGauge().Name("nzbd_queue_paused").Help("1 while the downloader is paused").Register(*registry)),
        speed(BuildGauge().Name("nzbd_download_speed_bytes_per_second").Help("Download speed over the last seconds").Register(*registry)),
        cache(BuildGauge().Name("nzbd_article_cache_bytes").Help("Decoded articles waiting to be written").Register(*registry)),
        disk_free(BuildGauge().Name("nzbd_disk_free_bytes").Help("Free space where each folder lives").Register(*registry)),
        stage_time(BuildHistogram().Name("nzbd_postproc_stage_duration_seconds").Help("Time a job spent in each post-processing stage").Register(*registry)),
        repaired_blocks(BuildCounter().Name("nzbd_par2_repaired_blocks_total").Help("Blocks rebuilt by PAR2 repairs").Register(*registry)),
        tv_queries(BuildCounter().Name("nzbd_tv_indexer_queries_total").Help("Indexer searches and RSS reads by the TV side, by result").Register(*registry)),
        tv_events(BuildGauge().Name("nzbd_tv_history_events").Help("Rows of the TV history, by event type (grabbed, downloadFolderImported, downloadFailed, ...)").Register(*registry)) {}

  Sources sources;
  std::shared_ptr<prometheus::Registry> registry;
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& latency;
  prometheus::Family<prometheus::Counter>& server_bytes;
  prometheus::Family<prometheus::Counter>& server_articles;
  prometheus::Family<prometheus::Gauge>& server_connections;
  prometheus::Family<prometheus::Gauge>& server_up;
  prometheus::Family<prometheus::Gauge>& queue_jobs;
  prometheus::Family<prometheus::Gauge>& queue_bytes;
  prometheus::Family<prometheus::Gauge>& queue_paused;
  prometheus::Family<prometheus::Gauge>& speed;
  prometheus::Family<prometheus::Gauge>& cache;
  prometheus::Family<prometheus::Gauge>& disk_free;
  prometheus::Family<prometheus::Histogram>& stage_time;
  prometheus::Family<prometheus::Counter>& repaired_blocks;
  prometheus::Family<prometheus::Counter>& tv_queries;
  prometheus::Family<prometheus::Gauge>& tv_events;

  std::mutex render_mu;  // one scrape at a time: the `seen` totals below
  struct Seen {
    std::uint64_t bytes = 0, ok = 0, missing = 0, failed = 0;
  };
  std::map<std::string, Seen> seen;
  std::map<std::string, std::uint64_t> seen_queries;

  void read_servers() {
    for (const auto& s : sources.servers()) {
      auto& last = seen[s.name];
      advance(server_bytes.Add({{"server", s.name}}), last.bytes, s.bytes);
      advance(server_articles.Add({{"server", s.name}, {"result", "ok"}}), last.ok, s.articles_ok);
      advance(server_articles.Add({{"server", s.name}, {"result", "missing"}}), last.missing, s.articles_missing);
      advance(server_articles.Add({{"server", s.name}, {"result", "failed"}}), last.failed, s.articles_failed);
      server_connections.Add({{"server", s.name}}).Set(s.connections);
      server_up.Add({{"server", s.name}}).Set(s.active ? 1 : 0);
    }
  }

  void read_queue() {
    const QueueFigures q = sources.queue();
    queue_jobs.Add({}).Set(q.jobs);
    queue_bytes.Add({{"kind", "total"}}).Set(static_cast<double>(q.total_bytes));
    queue_bytes.Add({{"kind", "left"}}).Set(static_cast<double>(q.left_bytes));
    queue_paused.Add({}).Set(q.paused ? 1 : 0);
    speed.Add({}).Set(static_cast<double>(q.speed_bps));
    cache.Add({}).Set(static_cast<double>(q.cache_bytes));
  }

  void read_disks() {
    for (const auto& [label, folder] : sources.folders()) {
      // A folder made at the first job: its nearest existing parent has the same disk.
      std::error_code ec;
      std::filesystem::path path = folder;
      while (!path.empty() && !std::filesystem::exists(path, ec) && path.has_parent_path() && path != path.parent_path())
        path = path.parent_path();
      auto space = std::filesystem::space(path, ec);
      if (!ec) disk_free.Add({{"folder", label}}).Set(static_cast<double>(space.available));
    }
  }
};

Metrics::Metrics(Sources sources) : impl_(std::make_unique<Impl>(std::move(sources))) {}
Metrics::~Metrics() = default;

void Metrics::observe_request(std::string_view api, int status, double seconds) {
  // Families and their Add() are thread-safe in prometheus-cpp.
  const std::string label(api);
  impl_->requests.Add({{"api", label}, {"code", std::to_string(status)}}).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                                   0.025,  0.05,  0.1,    0.25,  1.0};
  impl_->latency.Add({{"api", label}}, kBuckets).Observe(seconds);
}

void Metrics::observe_stage(std::string_view stage, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600};
  impl_->stage_time.Add({{"stage", std::string(stage)}}, kBuckets).Observe(seconds);
}

void Metrics::count_repaired_blocks(std::uint64_t blocks) {
  impl_->repaired_blocks.Add({}).Increment(static_cast<double>(blocks));
}

std::string Metrics::render() {
  std::lock_guard lock(impl_->render_mu);
  if (impl_->sources.servers) impl_->read_servers();
  if (impl_->sources.queue) impl_->read_queue();
  if (impl_->sources.folders) impl_->read_disks();
  if (impl_->sources.tv_events)
    for (const auto& [event, rows] : impl_->sources.tv_events())
      impl_->tv_events.Add({{"event", event}}).Set(static_cast<double>(rows));
  if (impl_->sources.tv_queries)
    for (const auto& [result, count] : impl_->sources.tv_queries())
      advance(impl_->tv_queries.Add({{"result", result}}), impl_->seen_queries[result], count);
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, impl_->registry->Collect());
  return out.str();
}

}  // namespace nzbd::metrics
