// The download queue: jobs in priority order, their persistence, and the
// download engine that feeds the NNTP pool (it is the pool's ArticleSource)
// and hands finished jobs to post-processing.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "config/store.h"
#include "nntp/nntp.h"
#include "queue/disk_space.h"
#include "queue/group_commit.h"
#include "queue/intake_rules.h"
#include "queue/job.h"
#include "queue/segments.h"
#include "queue/store.h"
#include "queue/writer.h"
#include "util/result.h"
#include "util/thread_annotations.h"

namespace nzbd::queue {

struct AddOptions {
  std::string nzbname;       // overrides the job name
  std::string password;
  std::string category;      // "" or "*" = default
  std::string script;        // "" or "Default" = category's
  int priority = kDefaultPriority;
  int pp = -1;               // -1 = category's
  // A folder under download_dir to download into instead of a new one (an
  // orphaned job folder being re-added); used when the NZB holds one job and
  // no queued job has that folder.
  std::string reuse_folder;
  // Re-added from history (retry): the add-time checks and fail_hopeless_jobs are skipped.
  bool retry = false;
  // With reuse_folder: a folder holding the failed job's queue record (job.nzb,
  // job.json, journal.bin); the new job takes over the articles it had written.
  std::filesystem::path resume_record;
};

// A job whose articles are all done (or given up): handed to post-processing.
struct FinishedJob {
  Job job;
  std::filesystem::path folder;                      // where its files are
  std::vector<std::vector<SegmentDone>> segments;    // per file, for PAR2's quick check
  std::string nzb_path;                              // stored NZB (for retry)
  int64_t download_seconds = 0;
  uint64_t downloaded_bytes = 0;
  // Non-empty: the queue gave the job up (a rule such as fail_hopeless_jobs);
  // post-processing records it as Failed with this text and does nothing else.
  std::string abort_reason;
};

// What the daemon's archive reader found in a downloaded RAR volume.
struct ArchiveFacts {
  bool encrypted = false;          // entries or headers need a password
  std::vector<std::string> names;  // entry names (empty when headers are encrypted)
};

// What a direct unpack (SABnzbd's direct_unpack) hears of a downloading job.
struct FileEvent {
  enum Kind { FileDone, Paused, Removed } kind = FileDone;
  std::string nzo_id;
  std::filesystem::path folder;  // the job folder
  int pp = 3;
  bool damaged = false;          // the job has articles no server had
  // FileDone: every file of the job (not removed) in order, and whether it is complete and whole.
  std::vector<std::pair<std::string, bool>> files;
};

struct QueueStatus {
  bool paused = false;
  int64_t pause_until = 0;     // epoch seconds, 0 = not timed
  uint64_t speed_bps = 0;      // measured over the last seconds
  uint64_t speed_limit_bps = 0;
  double speed_limit_percent = 0;  // as the user set it (SABnzbd's `speedlimit`)
  std::string finish_action;   // "" = none
  uint64_t cache_bytes = 0;
  size_t cache_articles = 0;
  // Over jobs that are not paused (or are Force): SABnzbd's header mb/mbleft.
  uint64_t total_bytes = 0;
  uint64_t left_bytes = 0;
  int active_jobs = 0;
};

// The jobs in queue order, as with_jobs() shows them: const Job* by index or range-for.
class JobList {
 public:
  explicit JobList(const std::vector<std::unique_ptr<Job>>& jobs) : jobs_(jobs) {}
  size_t size() const { return jobs_.size(); }
  bool empty() const { return jobs_.empty(); }
  const Job* operator[](size_t i) const { return jobs_[i].get(); }
  struct iterator {
    std::vector<std::unique_ptr<Job>>::const_iterator it;
    const Job* operator*() const { return it->get(); }
    iterator& operator++() {
      ++it;
      return *this;
    }
    bool operator!=(const iterator& o) const { return it != o.it; }
  };
  iterator begin() const { return {jobs_.begin()}; }
  iterator end() const { return {jobs_.end()}; }

 private:
  const std::vector<std::unique_ptr<Job>>& jobs_;
};

class Queue : public nntp::ArticleSource {
 public:
  using Finisher = std::function<void(FinishedJob)>;
  using Failer = std::function<void(const Job&, std::string reason)>;  // a job that ends before downloading (bad URL)
  // What no_dupes and no_smart_dupes ask of the rest of the daemon.
  struct DuplicateLookup {
    std::function<bool(const std::string& name)> in_history;     // a job of this name that did not fail
    std::function<std::string(const std::string& name)> key_of;  // "showname/1/5", "" when not a show
    std::function<bool(const std::string& key)> key_in_history;  // a job with this key that did not fail
  };
  // Reads a finished file that may be a RAR volume; nullopt when it is not one.
  using ArchiveInspector = std::function<std::optional<ArchiveFacts>(const std::filesystem::path&)>;

  explicit Queue(config::ConfigStore& config);
  ~Queue() override;

  // Jobs from disk. Job folders not in the saved order are jobs that were
  // being handed to post-processing at a crash: they come back unless
  // `finished(nzo_id)` says post-processing already recorded them.
  Status load(const std::function<bool(const std::string&)>& finished = {});
  void start();     // NNTP pool and threads
  // As start(), but no connection is ever opened: the caller plays the pool
  // and drives the ArticleSource side itself (the queue's unit tests).
  void start_without_network();
  void stop();
  void set_finisher(Finisher f) { finisher_ = std::move(f); }
  void set_failer(Failer f) { failer_ = std::move(f); }
  // What the notifiers hear of: a job added, the disk refusing a write (the
  // queue pauses), downloading paused or resumed as a whole (name and
  // category empty). Called outside the queue's lock. Set before start().
  enum class Event { Added, DiskFull, Paused, Resumed };
  void set_event_handler(std::function<void(Event, const std::string& name, const std::string& category)> f) {
    events_ = std::move(f);
  }
  // Both set before start().
  void set_duplicate_lookup(DuplicateLookup f) { dupes_ = std::move(f); }
  void set_archive_inspector(ArchiveInspector f) { inspector_ = std::move(f); }
  void set_warning_handler(std::function<void(std::string)> w);
  // Told (outside the lock, on the writer's or the caller's thread) when a
  // file of a job is finished, and when a job is paused or removed (before
  // its folder goes). Set before start().
  void set_file_listener(std::function<void(const FileEvent&)> f) { file_listener_ = std::move(f); }
  // The slot's direct_unpack text ("03/10"); "" = none.
  void set_direct_unpack(const std::string& nzo_id, const std::string& progress);

  // Adding. Returns the new nzo_ids, or an error (nothing added).
  Result<std::vector<std::string>> add_data(std::string_view data, std::string_view filename, const AddOptions& o);
  Result<std::vector<std::string>> add_local_file(const std::filesystem::path& path, const AddOptions& o);
  std::string add_url(const std::string& url, const AddOptions& o);
  // Puts a finished job back to fetch more files (par2 volumes for a repair).
  void requeue_for_files(FinishedJob job, const std::vector<size_t>& file_indexes);
  // Forgets a job's stored record once post-processing is done with it.
  void forget(const std::string& nzo_id);
  // Returns once every journal record queued so far is in its file: the
  // writer thread appends them after the articles queued before them, so a
  // finished job's last records may still be on their way when it is handed
  // over. Not for the writer thread itself (its callbacks).
  void settle_journals();
  // A job is in history now (SABnzbd's handle_duplicate_alternatives): if it
  // failed, the first queued ALTERNATIVE of it downloads; if it completed,
  // its alternatives are discarded (mode 1), failed (3) or become DUPLICATE (2, 4).
  void settle_alternatives(const std::string& name, const std::string& duplicate_key, bool failed);

  // Reading: f(const JobList& jobs, const QueueStatus&) under the lock. The
  // list is a view of the queue's order (no copy: pollers call this all day).
  template <typename F>
  auto with_jobs(F&& f) const EXCLUDES(mutex_) {
    util::Lock lock(mutex_);
    return f(JobList(order_), status_locked());
  }

  // Operations of the SABnzbd API. Unknown ids are skipped; the result says which changed.
  void pause_all(int64_t minutes = 0);
  void resume_all();
  std::vector<std::string> pause_jobs(const std::vector<std::string>& ids);
  std::vector<std::string> resume_jobs(const std::vector<std::string>& ids);
  std::vector<std::string> delete_jobs(const std::vector<std::string>& ids, bool del_files);
  std::vector<std::string> delete_all(const std::string& search, bool del_files);
  // Moves a job to index `to` (clamped to its priority group): {position, priority}.
  std::optional<std::pair<int, int>> move_job(const std::string& id, int to);
  std::optional<std::pair<int, int>> move_before(const std::string& id, const std::string& other);
  int set_priority(const std::vector<std::string>& ids, int priority);  // new position of the first, -1 unknown
  bool change_category(const std::vector<std::string>& ids, const std::string& cat);
  bool change_script(const std::vector<std::string>& ids, const std::string& script);
  bool change_pp(const std::vector<std::string>& ids, int pp);
  bool rename(const std::string& id, const std::string& name, const std::optional<std::string>& password);
  void sort(const std::string& key, bool descending);
  std::vector<std::string> delete_files(const std::string& id, const std::vector<std::string>& nzf_ids);
  bool move_files(const std::string& id, const std::vector<std::string>& nzf_ids, const std::string& where, int size);
  void set_speed_limit(uint64_t bytes_per_second, double percent);
  void set_finish_action(const std::string& action);
  void unblock_server(const std::string& name);
  // SABnzbd's disconnect: every news-server connection is closed; new ones
  // are opened as work needs them (articles in flight are asked for again).
  void disconnect();
  std::vector<nntp::ServerStatus> server_status() const;
  // The article tables held in memory, one line each (SABnzbd's gc_stats, a
  // leak check): empty once nothing downloads and no connection holds an article.
  std::vector<std::string> memory_report() const;
  QueueStatus status() const;

  // nntp::ArticleSource
  std::optional<nntp::ArticleRef> next_article(size_t server) override;
  void on_body(size_t server, const nntp::ArticleRef& a, char* data, size_t len) override;
  void on_stat(size_t server, const nntp::ArticleRef& a) override;
  void on_failure(size_t server, const nntp::ArticleRef& a, nntp::FetchStatus why, std::string_view reply) override;
  void on_server_state(size_t server, bool usable) override;

 private:
  struct Active;  // download state of a job whose article list is loaded
  struct ServerSlot;

  void start_engine(bool network);
  QueueStatus status_locked() const REQUIRES(mutex_);
  Job* find_locked(const std::string& id) REQUIRES(mutex_);
  Active* active_locked(Job& job) REQUIRES(mutex_);
  size_t insert_by_priority_locked(std::unique_ptr<Job> job) REQUIRES(mutex_);  // the index it went to
  // by_serial_ and the folder index learn of a job entering the queue.
  void index_job_locked(Job* job) REQUIRES(mutex_);
  bool folder_taken_locked(const std::string& folder) REQUIRES(mutex_);
  void save_order_locked() REQUIRES(mutex_);
  // The order journal learns of an add at `index`; false: a snapshot is due instead.
  bool journal_add_locked(const std::string& nzo_id, size_t index) REQUIRES(mutex_);
  void save_job_locked(const Job& job) REQUIRES(mutex_);
  std::string unique_folder_locked(const std::string& name) REQUIRES(mutex_);
  void reload_servers();
  bool server_usable_locked(size_t s) const REQUIRES(mutex_);
  void name_work_locked(nntp::ServerStatus::Work& w) const REQUIRES(mutex_);
  int primary_priority_locked() const REQUIRES(mutex_);
  bool job_downloadable_locked(const Job& j) const REQUIRES(mutex_);
  void route_to_next_server_locked(Job& job, Active& a, uint32_t file, uint32_t seg, size_t from_server,
                                   bool in_flight) REQUIRES(mutex_);
  bool beyond_retention_locked(size_t server, const JobFile& f) const REQUIRES(mutex_);
  bool required_server_down_locked() const REQUIRES(mutex_);
  void settle_jobs();  // finishes or aborts jobs whose last articles went missing outside a callback
  void sample_server_speeds();
  void maybe_finish_locked(Job& job, std::vector<FinishedJob>& out) REQUIRES(mutex_);
  FinishedJob take_out_locked(Job& job) REQUIRES(mutex_);
  // A job's download state leaves active_; while articles of it are still
  // with connections (their message-ids point into it) it waits in retired_.
  void retire_active_locked(uint32_t serial) REQUIRES(mutex_);
  // For an article whose job is gone: true when it belonged to a retired one
  // (now accounted for).
  bool settle_retired_locked(uint64_t token) REQUIRES(mutex_);
  // The job, download state and segment an article belongs to; when its job
  // is gone the article is settled with the retired table and job is null.
  struct ArticleOwner;
  ArticleOwner owner_locked(uint64_t token) REQUIRES(mutex_);
  void abort_locked(Job& job, const std::string& reason, std::vector<FinishedJob>& out) REQUIRES(mutex_);
  bool queued_name_locked(const std::string& name) const REQUIRES(mutex_);
  bool queued_key_locked(const std::string& key) const REQUIRES(mutex_);
  void release_propagated_locked(int64_t now) REQUIRES(mutex_);
  void finish_check_locked(Job& job, std::vector<FinishedJob>& out) REQUIRES(mutex_);
  struct Inspection;
  void inspect_archives(std::vector<Inspection> todo);
  void deliver(std::vector<FinishedJob>& finished);
  void on_written(const WriteRequest& req, const Status& st);
  void on_write_failed(const WriteRequest& req, const Status& st);
  // disk_pause.cpp: SABnzbd's pauses for disk space and write errors.
  struct DiskCheck;
  std::optional<DiskCheck> disk_check_locked(const Job& job, const JobFile& file) const REQUIRES(mutex_);
  void check_disk(const DiskCheck& check);
  bool pause_for_disk(const std::string& job_name, const std::string& category,
                      std::optional<DiskShortage> wait_for);
  void resume_when_space_locked() REQUIRES(mutex_);
  void forget_written_locked(Job& job, Active& a, uint32_t file) REQUIRES(mutex_);
  void ticker();
  void finish_completed_jobs();
  std::unique_ptr<Job> load_one_locked(const std::string& id) REQUIRES(mutex_);
  void fetch_url(std::string nzo_id, std::string url, AddOptions o);
  void start_fetch_locked(const std::string& nzo_id, const std::string& url, const AddOptions& o) REQUIRES(mutex_);
  Result<std::unique_ptr<Job>> make_job(const struct LoadedNzb& n, const AddOptions& o);
  void take_over_record(Job& job, const nzb::Nzb& nzb, const std::filesystem::path& record);
  void warn(const std::string& text);

  config::ConfigStore& config_;
  std::unique_ptr<QueueStore> store_;
  std::filesystem::path download_dir_;
  mutable util::Mutex mutex_;
  std::vector<std::unique_ptr<Job>> order_ GUARDED_BY(mutex_);
  std::map<uint32_t, Job*> by_serial_ GUARDED_BY(mutex_);
  // Folder -> serial of the job that took it, so an add finds a free folder
  // name without a pass over the queue. Entries of jobs gone (not in
  // by_serial_) are dropped when met, and all at once when they pile up.
  std::unordered_multimap<std::string, uint32_t> folders_ GUARDED_BY(mutex_);
  // Adds answer once their files and order record are fsync'd; concurrent
  // adds share the fsync pass (see group_commit.h).
  GroupCommit commit_;
  std::map<uint32_t, std::unique_ptr<Active>> active_ GUARDED_BY(mutex_);
  std::map<uint32_t, std::unique_ptr<Active>> retired_ GUARDED_BY(mutex_);
  std::vector<ServerSlot> servers_ GUARDED_BY(mutex_);
  uint32_t next_serial_ GUARDED_BY(mutex_) = 1;
  bool paused_ GUARDED_BY(mutex_) = false;
  int64_t pause_until_ GUARDED_BY(mutex_) = 0;
  std::string finish_action_ GUARDED_BY(mutex_);
  uint64_t speed_limit_ GUARDED_BY(mutex_) = 0;
  double speed_limit_percent_ GUARDED_BY(mutex_) = 0;
  std::atomic<uint64_t> bytes_received_{0};
  std::vector<std::pair<int64_t, uint64_t>> speed_samples_ GUARDED_BY(mutex_);  // (ms, bytes)
  // Queue totals are summed at most twice a second or after a change, so a
  // queue call costs O(limit), not O(jobs).
  struct Totals {
    uint64_t total = 0, left = 0;
    int active = 0;
  };
  mutable Totals totals_ GUARDED_BY(mutex_);
  mutable bool totals_dirty_ GUARDED_BY(mutex_) = true;
  std::unique_ptr<ArticleWriter> writer_;
  std::unique_ptr<nntp::ConnectionPool> pool_;
  Finisher finisher_;
  Failer failer_;
  DuplicateLookup dupes_;
  std::function<void(Event, const std::string&, const std::string&)> events_;
  ArchiveInspector inspector_;
  std::function<void(const FileEvent&)> file_listener_;
  FileEvent file_event_locked(const Job& job, FileEvent::Kind kind) const REQUIRES(mutex_);
  IntakeRules rules_ GUARDED_BY(mutex_);  // from [misc], refreshed when it changes
  DiskRules disk_rules_ GUARDED_BY(mutex_);  // likewise
  // Paused for disk space or a write error: Force jobs wait too (their
  // writes would fail as well). Cleared by resume_all().
  bool disk_paused_ GUARDED_BY(mutex_) = false;
  // With fulldisk_autoresume: the space that resumes downloading.
  std::optional<DiskShortage> disk_wait_ GUARDED_BY(mutex_);
  int64_t disk_checked_ms_ GUARDED_BY(mutex_) = 0;
  std::thread ticker_;
  // The addurl fetchers' threads (queue_url.cpp, the one file with Asio's pool).
  struct UrlPool;
  struct UrlPoolStop {
    void operator()(UrlPool* pool) const;  // lets the fetch under way end, drops the queued ones
  };
  std::unique_ptr<UrlPool, UrlPoolStop> url_pool_;  // made at the first fetch
  std::condition_variable stop_cv_;
  bool stopping_ GUARDED_BY(mutex_) = false;
  int max_tries_ = 3;
  bool settle_pending_ GUARDED_BY(mutex_) = false;
  std::vector<std::pair<int64_t, std::vector<uint64_t>>> server_bytes_samples_;  // (ms, bytes per server)
  std::vector<uint64_t> server_bps_;
};

}  // namespace nzbd::queue
