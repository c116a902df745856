#include "daemon/app.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "api/sab/sab_api.h"
#include "api/sab/history_hooks.h"
#include "api/sonarr/sonarr_api.h"
#include "daemon/builtin_download_client.h"
#include "daemon/retry.h"
#include "backup/backup.h"
#include "history/history.h"
#include "postproc/postproc.h"
#include "queue/queue.h"
#include "config/store.h"
#include "daemon/logging.h"
#include "daemon/notify_events.h"
#include "daemon/queue_complete.h"
#include "daemon/release_guards.h"
#include "daemon/server_watch.h"
#include "notify/notify.h"
#include "daemon/quota_meter.h"
#include "daemon/router.h"
#include "daemon/scheduled_actions.h"
#include "http/self_signed.h"
#include "metrics/metrics.h"
#include "rss/rss.h"
#include "sort/sort.h"
#include "schedule/schedule.h"
#include "daemon/server_stats_recorder.h"
#include "http/server.h"
#include "util/files.h"
#include "util/warnings.h"
#include "util/strings.h"
#include "watch/watch.h"

namespace nzbd::daemon {
namespace fs = std::filesystem;

struct App::Impl {
  AppOptions options;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<notify::Notifier> notifier;  // before the engines: they notify until they stop
  WarningEvents warning_events;  // warnings and errors -> notifier
  std::unique_ptr<history::History> history;
  std::unique_ptr<queue::Queue> queue;
  std::unique_ptr<postproc::PostProcessor> postproc;
  std::unique_ptr<ServerStatsRecorder> server_stats;  // pool counters -> history's server_stats
  std::unique_ptr<ServerWatch> server_watch;          // per-server quota and expire_date
  std::unique_ptr<watch::DirScanner> dirscan;          // the watched folder -> queue
  std::unique_ptr<rss::Reader> rss_reader;             // RSS feeds -> queue (URL jobs)
  std::unique_ptr<QuotaMeter> quota;                   // pool counters -> quota -> pause
  std::unique_ptr<api::sab::SabApi> sab;
  std::unique_ptr<sonarr::SonarrApi> sonarr;
  // What the post-processor tells when a job is final; set once the TV side exists.
  std::atomic<sonarr::SonarrApi*> tv{nullptr};
  std::unique_ptr<web::WebUi> ui;
  std::unique_ptr<metrics::Metrics> metrics;
  std::unique_ptr<schedule::Scheduler> scheduler;
  std::unique_ptr<Router> router;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<http::Server> https_server;  // enable_https with its own https_port

  // enable_https: the certificate and key, made self-signed when missing
  // (as SABnzbd does); nullopt when HTTPS is off.
  Result<std::optional<http::ServerOptions::Tls>> https_options() {
    if (config->read([](const config::Config& c) { return c.misc_int("enable_https"); }) != 1)
      return std::optional<http::ServerOptions::Tls>{};
    auto files = config->read([](const config::Config& c) { return config::https_files(c); });
    std::error_code ec;
    if (!fs::exists(files.cert, ec) || !fs::exists(files.key, ec)) {
      if (auto st = http::write_self_signed_certificate(files.cert, files.key); !st) return st.error();
      spdlog::info("made a self-signed HTTPS certificate {}", files.cert.string());
    }
    return std::optional<http::ServerOptions::Tls>{http::ServerOptions::Tls{files.cert.string(), files.key.string()}};
  }
  std::atomic<bool> restart_requested{false};

  // Members go in reverse order, but the engines call each other: stop
  // them all first (also when start() failed half way).
  ~Impl() {
    if (server) server->stop();
    tv = nullptr;
    stop_engines();
    warning_events.attach(nullptr);
  }

  Status start_engines() {
    auto admin = config->read([](const config::Config& c) { return c.resolve_dir("admin_dir"); });
    std::error_code ec;
    std::filesystem::create_directories(admin, ec);
    auto h = history::History::open(admin / "history.db");
    if (!h) return h.error();
    history = std::move(*h);
    queue = std::make_unique<queue::Queue>(*config);
    postproc = std::make_unique<postproc::PostProcessor>(*config, *history, *queue);
    queue->set_warning_handler([](std::string text) { spdlog::warn("{}", text); });
    queue->set_finisher([this](queue::FinishedJob job) { postproc->submit(std::move(job)); });
    queue->set_failer([this](const queue::Job& job, std::string reason) { postproc->record_failure(job, reason); });
    install_release_guards(*queue, *history, *config);
    auto finished = [this](const std::string& id) {
      auto e = history->get(id);
      return e && !e->loaded;
    };
    if (auto st = queue->load(finished); !st) return st;
    notifier = std::make_unique<notify::Notifier>(*config);
    warning_events.attach(notifier.get());
    notifier->post(notify::Message{notify::Event::Startup, "", std::string("nzbd ") + NZBD_VERSION + " started", ""});
    send_engine_events(*notifier, *queue, *postproc);
    metrics = std::make_unique<metrics::Metrics>(metrics_sources());
    postproc->set_figures({[this](const std::string& stage, double s) { metrics->observe_stage(stage, s); },
                           [this](uint64_t blocks) { metrics->count_repaired_blocks(blocks); }});
    postproc->set_on_finished([this](const std::string& nzo_id) {
      if (auto* s = tv.load()) s->refresh_downloads_soon();
      if (auto e = history->get(nzo_id)) {
        notifier->job_finished(e->name, e->category, e->status == history::JobStatus::Failed, e->fail_message);
        queue->settle_alternatives(e->name, e->duplicate_key, e->status == history::JobStatus::Failed);
      }
      check_queue_complete();
    });
    postproc->start();
    queue->start();
    server_watch = std::make_unique<ServerWatch>(*config, history_totals(*history), local_today, std::chrono::seconds(5));
    server_stats = std::make_unique<ServerStatsRecorder>([this] { return queue->server_status(); }, *history,
                                                         std::chrono::seconds(5));
    start_dirscan();
    start_rss(admin);
    start_quota(admin);
    return ok_status();
  }

  // What /metrics reads at each scrape.
  metrics::Sources metrics_sources() {
    Impl& d = *this;
    metrics::Sources s;
    s.servers = [&d] {
      std::vector<metrics::ServerFigures> out;
      for (const auto& st : d.queue->server_status())
        out.push_back({st.name, st.active, st.connections_open, st.bytes_received, st.articles_ok, st.articles_missing,
                       st.articles_failed});
      return out;
    };
    s.queue = [&d] {
      auto q = d.queue->status();
      return metrics::QueueFigures{q.paused, q.active_jobs, q.speed_bps, q.total_bytes, q.left_bytes, q.cache_bytes};
    };
    s.folders = [&d] {
      return d.config->read([](const config::Config& c) {
        return std::vector<std::pair<std::string, fs::path>>{{"download", c.resolve_dir("download_dir")},
                                                             {"complete", c.resolve_dir("complete_dir")}};
      });
    };
    s.tv_events = [&d] {
      auto* api = d.tv.load();
      return api ? api->history_counts() : std::map<std::string, long long>{};
    };
    s.tv_queries = [&d] {
      auto* api = d.tv.load();
      return api ? api->indexer_query_counts() : std::map<std::string, uint64_t>{};
    };
    return s;
  }

  // A scheduled line runs as the SABnzbd API call a user would make.
  void call_sab(http::Params params, const std::string& why) {
    params.add("apikey", config->misc("api_key"));
    params.add("output", "json");
    http::Request req;
    req.method = "GET";
    req.path = "/api";
    req.remote_address = "127.0.0.1";
    req.params = std::move(params);
    auto r = sab->handle(req);
    if (r.body.find("\"status\":false") != std::string::npos || r.status != 200)
      spdlog::warn("Scheduled {} failed: {}", why, r.body);
  }

  void run_scheduled(const schedule::Line& line) {
    if (line.action == "enable_server" || line.action == "disable_server") {
      bool exists = config->read([&](const config::Config& c) { return c.item("servers", line.argument) != nullptr; });
      if (!exists) return spdlog::warn("Schedule for non-existing server {}", line.argument);
    }
    auto calls = sab_calls_for(line);
    if (calls.empty()) return spdlog::warn("Scheduled action {} is not supported by nzbd yet: {}", line.action, line.text);
    spdlog::info("Scheduled: {}", line.text);
    for (auto& p : calls) call_sab(std::move(p), line.action);
  }

  void start_scheduler() {
    schedule::Actions actions;
    actions.run = [this](const schedule::Line& l) { run_scheduled(l); };
    actions.warn = [](const std::string& message) { spdlog::warn("{}", message); };
    scheduler = std::make_unique<schedule::Scheduler>(
        [this] { return split_list(config->misc("schedlines")); }, std::move(actions));
    // Start in the state the schedule says it should be in now (SABnzbd's analyse()).
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    for (auto& p : sab_calls_for(schedule::state_at(scheduler->lines(), local))) call_sab(std::move(p), "start-up state");
  }

  // SABnzbd's handle_empty_queue: after post-processing, when nothing is left
  // to download or post-process, the end-of-queue action runs once and is
  // cleared (SABnzbd keeps it only with queue_complete_pers, which nzbd lacks).
  void check_queue_complete() {
    if (!postproc->idle()) return;
    auto st = queue->status();
    if (st.active_jobs > 0) return;
    notifier->post(notify::Message{notify::Event::QueueDone, "", "The queue is empty", ""});
    if (st.finish_action.empty()) return;
    queue->set_finish_action("");
    auto [scripts, timeout] = config->read([](const config::Config& c) {
      return std::make_pair(c.resolve_dir("script_dir"), c.misc_int("script_timeout"));
    });
    run_queue_complete_action(st.finish_action, scripts, timeout, [this] { request_stop(false); });
  }

  // The watched folder goes through the same intake as mode=addlocalfile.
  void start_dirscan() {
    auto add = [this](const fs::path& path, const std::string& category) {
      queue::AddOptions o;
      o.category = category;
      return queue->add_local_file(path, o);
    };
    dirscan = std::make_unique<watch::DirScanner>(*config, add);
    dirscan->start();
  }

  // Accepted feed items become URL jobs, as SABnzbd's add_url with the
  // item's title as the job name. An enabled rss_scan line in the schedule
  // replaces the rss_rate timer (SABnzbd's rss_planned).
  void start_rss(const fs::path& admin) {
    rss::ReaderOptions o;
    o.state_file = admin / "rss_data.json";
    o.periodic = [this] {
      for (const auto& text : split_list(config->misc("schedlines")))
        if (auto line = schedule::parse_line(text); line && line->enabled && line->action == "rss_scan") return false;
      return true;
    };
    auto add = [this](const rss::UrlJob& job) {
      queue::AddOptions a;
      a.nzbname = job.title;
      a.category = job.category;
      a.script = job.script;
      a.priority = job.priority;
      a.pp = static_cast<int>(parse_int(job.pp).value_or(-1));
      return queue->add_url(job.url, a);
    };
    rss_reader = std::make_unique<rss::Reader>(*config, add, std::move(o));
    rss_reader->start();
  }

  // Counts what the news servers delivered (the same pool counters the
  // server statistics read) against quota_size.
  void start_quota(const fs::path& admin) {
    QuotaHooks hooks;
    hooks.bytes_received = [this] {
      uint64_t total = 0;
      for (const auto& s : queue->server_status()) total += s.bytes_received;
      return total;
    };
    hooks.pause = [this] { queue->pause_all(); };
    hooks.resume = [this] { queue->resume_all(); };
    hooks.paused = [this] { return queue->status().paused; };
    quota = std::make_unique<QuotaMeter>(*config, std::move(hooks), admin / "quota.txt");
    quota->start(std::chrono::seconds(1));
  }

  void stop_engines() {
    scheduler.reset();  // no scheduled call may reach the engines while they stop
    if (quota) quota->stop();
    if (dirscan) dirscan->stop();
    if (rss_reader) rss_reader->stop();
    server_watch.reset();
    server_stats.reset();  // records the last bytes while the pool still counts them
    if (queue) queue->stop();
    if (postproc) postproc->stop();
  }

  // The API answers first; the signal stops the daemon a moment later.
  void request_stop(bool restart) {
    restart_requested = restart;
    std::thread([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      ::kill(::getpid(), SIGTERM);
    }).detach();
  }
};

App::App(AppOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }

App::~App() = default;

Status App::start() {
  auto& d = *impl_;
  std::error_code ec;
  fs::create_directories(d.options.home, ec);
  if (ec) return make_error("cannot create the data folder " + d.options.home.string() + ": " + ec.message());
  // A restore staged by config&name=restore_backup is put in place before anything is read.
  auto restoring = backup::apply_staged_config(d.options.home);
  if (!restoring) return make_error("cannot restore the staged backup: " + restoring.message());
  auto cfg = config::Config::load_or_create(d.options.home / "nzbd.ini");
  if (!cfg) return cfg.error();
  // SABnzbd 4 turns the old tv/movie/date sorting keys into [sorters] once.
  if (sort::convert_legacy_sorters(*cfg))
    if (auto st = cfg->save(); !st) return st;
  d.config = std::make_unique<config::ConfigStore>(std::move(*cfg));

  auto [log_dir, max_log, backups, host, port] = d.config->read([](const config::Config& c) {
    return std::make_tuple(c.resolve_dir("log_dir"), c.misc_int("max_log_size"), c.misc_int("log_backups"),
                           c.misc("host"), c.misc("port"));
  });
  d.warnings.set_listener([&d](const Warning& w) { d.warning_events.on_warning(w); });
  setup_logging(log_dir, d.warnings, static_cast<size_t>(std::max<int64_t>(max_log, 1 << 16)),
                static_cast<size_t>(std::clamp<int64_t>(backups, 1, 50)));

  set_log_secrets(d.config->read([](const config::Config& c) { return config::secrets_of(c); }));
  d.config->on_change([&d](const std::string&) {
    set_log_secrets(d.config->read([](const config::Config& c) { return config::secrets_of(c); }));
  });
  if (*restoring) {
    auto admin = d.config->read([](const config::Config& c) { return c.resolve_dir("admin_dir"); });
    if (auto st = backup::apply_staged_databases(d.options.home, admin); !st)
      return make_error("cannot restore the staged backup: " + st.message());
    spdlog::info("restored the backup staged in {}", (d.options.home / "restore").string());
  }
  if (auto st = d.start_engines(); !st) return st;
  api::sab::Services services{*d.config, d.warnings, NZBD_VERSION, [&d] { d.request_stop(false); },
                              [&d] { d.request_stop(true); }, d.queue.get(), d.history.get(),
                              [&d](bool pause) { pause ? d.postproc->pause() : d.postproc->resume(); },
                              [&d] { d.dirscan->scan_soon(); },
                              [&d] {
                                auto q = d.quota->state();
                                return api::sab::QuotaView{q.quota, q.left};
                              },
                              [&d] { d.quota->reset(static_cast<int64_t>(std::time(nullptr))); },
                              [&d] { return d.rss_reader->read_now(); },
                              [&d] { return d.notifier->test_script(); },
                              [&d] { return d.notifier->test_email(); },
                              [&d](const std::string& id) { return d.postproc->cancel(id); },
                              [&d](const history::Entry& e, std::string password, const http::FormFile* extra) {
                                return retry_job(*d.queue, e, password, extra);
                              }};
  d.sab = std::make_unique<api::sab::SabApi>(std::move(services));
  d.start_scheduler();
  try {
    sonarr::SonarrOptions so;
    so.data_dir = d.config->read([](const config::Config& c) { return c.resolve_dir("admin_dir"); });
    so.api_key = [&d] { return d.config->misc("api_key"); };
    so.tvmaze_base_url = d.config->misc("tvmaze_url");
    // Grabs go straight into our own queue; tracking reads queue and history.
    so.builtin_download_client = std::make_shared<BuiltinDownloadClient>(*d.queue, *d.history, *d.config);
    d.sonarr = std::make_unique<sonarr::SonarrApi>(std::move(so));
    d.tv = d.sonarr.get();
  } catch (const std::exception& e) {
    return make_error(std::string("cannot open the TV library: ") + e.what());
  }
  const char* web_dir = std::getenv("NZBD_WEBUI_DIR");  // UI development: serve web/ from disk
  d.ui = std::make_unique<web::WebUi>(web_dir ? std::filesystem::path(web_dir) : std::filesystem::path());
  Router::Options ro;
  ro.metrics = d.metrics.get();
  ro.door = [&d] {
    return d.config->read([](const config::Config& c) {
      DoorSettings s;
      s.host_whitelist = split_list(c.misc("host_whitelist"));
      s.local_ranges = split_list(c.misc("local_ranges"));
      s.inet_exposure = static_cast<int>(c.misc_int("inet_exposure"));
      s.username = c.misc("username");
      s.password = c.misc("password");
      s.url_base = normalize_url_base(c.misc("url_base"));
      return s;
    });
  };
  ro.on_login = [&d](const std::string& remote) {
    d.notifier->post(notify::Message{notify::Event::NewLogin, "", "User logged in to the web interface from " + remote, ""});
  };
  ro.sonarr = [&d](const http::Request& r) { return d.sonarr->handle(r); };
  ro.ui = d.ui.get();
  ro.api_key = [&d] { return d.config->misc("api_key"); };
  ro.version = NZBD_VERSION;
  d.router = std::make_unique<Router>(*d.sab, std::move(ro));
  d.config->on_change([&d](const std::string& section) {
    if (section == "misc") d.router->reload_front_door();
  });

  http::ServerOptions so;
  so.may_block = may_block;
  so.host = d.options.listen_given ? d.options.listen_host : host;
  so.port = d.options.listen_port;
  if (!d.options.listen_given) {
    auto p = parse_int(port);
    if (!p || *p < 0 || *p > 65535) return make_error("invalid port '" + port + "' in " + d.config->read([](auto& c) { return c.path().string(); }));
    so.port = static_cast<uint16_t>(*p);
  }
  auto tls = d.https_options();
  if (!tls) return tls.error();
  const bool https_only = *tls && d.config->misc("https_port").empty();  // SABnzbd: HTTPS on the main port
  if (https_only) so.tls = **tls;
  d.server = std::make_unique<http::Server>(so, [&d](http::Request& r) { return d.router->route(r); });
  auto bound = d.server->start();
  if (!bound) return bound.error();
  if (*tls && !https_only) {
    http::ServerOptions hs = so;
    auto p = parse_int(d.config->misc("https_port"));
    if (!p || *p < 0 || *p > 65535) return make_error("invalid https_port '" + d.config->misc("https_port") + "'");
    hs.port = static_cast<uint16_t>(*p);
    hs.tls = **tls;
    d.https_server = std::make_unique<http::Server>(hs, [&d](http::Request& r) { return d.router->route(r); });
    auto https_bound = d.https_server->start();
    if (!https_bound) return https_bound.error();
    std::printf("HTTPS: https://%s:%u/\n", (so.host == "0.0.0.0" ? std::string("127.0.0.1") : so.host).c_str(),
                static_cast<unsigned>(*https_bound));
  }

  std::string addr = so.host + ":" + std::to_string(*bound);
  remove_atomic_write_leftovers(d.options.home / "listen.addr");
  (void)write_file_atomic(d.options.home / "listen.addr", addr + "\n");
  std::string url_host = so.host == "0.0.0.0" ? "127.0.0.1" : so.host;
  std::string key = d.config->misc("api_key");
  spdlog::info("nzbd {} started, data folder {}", NZBD_VERSION, d.options.home.string());
  const char* scheme = https_only ? "https" : "http";
  std::printf("nzbd %s listening on %s://%s:%u\nWeb UI: %s://%s:%u/\nAPI key: %s\nData folder: %s\n",
              NZBD_VERSION, scheme, url_host.c_str(), static_cast<unsigned>(*bound), scheme, url_host.c_str(),
              static_cast<unsigned>(*bound), key.c_str(), d.options.home.c_str());
  std::fflush(stdout);
  return ok_status();
}

ExitAction App::run_until_stopped() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("stopping ({})", sig == SIGINT ? "SIGINT" : "SIGTERM");
  if (impl_->server) impl_->server->stop();
  if (impl_->https_server) impl_->https_server->stop();
  impl_->stop_engines();
  std::error_code ec;
  fs::remove(impl_->options.home / "listen.addr", ec);
  spdlog::info("stopped");
  spdlog::default_logger()->flush();
  return impl_->restart_requested ? ExitAction::Restart : ExitAction::Exit;
}

}  // namespace nzbd::daemon
