// The download engine's side of the NNTP pool: which article each server
// fetches next (O(1) amortised: a forward cursor per job plus per-server retry
// lists), and what happens when an article fails.
#include <spdlog/spdlog.h>

#include "queue/internal.h"

namespace nzbd::queue {

bool Queue::server_usable_locked(size_t s) const {
  return s < servers_.size() && servers_[s].usable && servers_[s].config.enable;
}

// Servers of the lowest priority number among usable ones take new articles;
// the others only get what better servers could not supply.
int Queue::primary_priority_locked() const {
  int best = INT32_MAX;
  for (size_t s = 0; s < servers_.size(); ++s)
    if (server_usable_locked(s)) best = std::min(best, servers_[s].config.priority);
  return best;
}

bool Queue::job_downloadable_locked(const Job& j) const {
  if (j.grabbing) return false;
  if (j.priority == kForcePriority) return !j.paused && !disk_paused_;
  if (j.propagate_until > 0 && j.propagate_until > now_seconds()) return false;
  return !j.paused && !paused_;
}

Queue::Active* Queue::active_locked(Job& job) {
  auto it = active_.find(job.serial);
  if (it != active_.end()) return it->second.get();
  auto xml = store_->load_nzb(job.nzo_id);
  nzb::Nzb parsed;
  if (xml) {
    auto p = nzb::parse_nzb(*xml);
    if (p) parsed = std::move(*p);
  }
  auto a = std::make_unique<Active>();
  a->table = SegmentTable::build(parsed, job.files);
  // Articles finished before a restart are not fetched again.
  for (auto& f : job.files) {
    f.segments_done = 0;
    f.bytes_done = 0;
    f.bytes_missing = 0;
  }
  for (const auto& r : store_->read_journal(job.nzo_id)) {
    if (r.file >= a->table.files.size() || r.seg >= a->table.files[r.file].size()) continue;
    auto& seg = a->table.files[r.file][r.seg];
    if (seg.state == SegState::Done || seg.state == SegState::Missing) continue;
    auto& f = job.files[r.file];
    f.segments_done++;
    if (r.kind == 0) {
      seg.state = SegState::Done;
      f.bytes_done += seg.bytes;
      a->table.done[r.file].push_back(SegmentDone{r.offset, r.size, r.crc32});
    } else {
      seg.state = SegState::Missing;
      f.bytes_missing += seg.bytes;
    }
  }
  for (size_t i = 0; i < job.files.size(); ++i)
    if (a->table.files[i].size() != job.files[i].segments) job.files[i].segments = static_cast<uint32_t>(a->table.files[i].size());
  Active* raw = a.get();
  active_[job.serial] = std::move(a);
  return raw;
}

std::optional<nntp::ArticleRef> Queue::next_article(size_t server) {
  util::Lock lock(mutex_);
  if (stopping_ || !server_usable_locked(server) || required_server_down_locked()) return std::nullopt;
  auto& slot = servers_[server];
  // Retries of a job that may not download right now (paused, waiting for
  // propagation) stay in the list: dropping them would leave their articles
  // pending for good, as the main cursor has passed them.
  std::deque<uint64_t> waiting;
  struct PutBack {
    std::deque<uint64_t>& from;
    std::deque<uint64_t>& to;
    ~PutBack() { to.insert(to.begin(), from.begin(), from.end()); }
  } put_back{waiting, slot.retry};
  while (!slot.retry.empty()) {
    uint64_t token = slot.retry.front();
    slot.retry.pop_front();
    auto jt = by_serial_.find(token_serial(token));
    if (jt == by_serial_.end()) continue;
    if (!job_downloadable_locked(*jt->second)) {
      waiting.push_back(token);
      continue;
    }
    auto at = active_.find(token_serial(token));
    if (at == active_.end()) continue;
    auto& seg = at->second->table.files[token_file(token)][token_seg(token)];
    if (seg.state != SegState::Pending) continue;
    if (beyond_retention_locked(server, jt->second->files[token_file(token)])) {
      route_to_next_server_locked(*jt->second, *at->second, token_file(token), token_seg(token), server, false);
      continue;
    }
    seg.state = SegState::InFlight;
    at->second->table.in_flight++;
    return nntp::ArticleRef{token, at->second->table.message_id(seg), jt->second->checking};
  }
  if (slot.config.priority != primary_priority_locked()) return std::nullopt;
  for (auto& job : order_) {
    if (!job_downloadable_locked(*job) || job->all_done()) continue;
    Active* a = active_locked(*job);
    auto& t = a->table;
    while (t.cursor_file < t.files.size()) {
      const auto& jf = job->files[t.cursor_file];
      auto& segs = t.files[t.cursor_file];
      if (jf.held_back || jf.removed || t.cursor_seg >= segs.size()) {
        t.cursor_file++;
        t.cursor_seg = 0;
        continue;
      }
      uint32_t seg_index = t.cursor_seg++;
      auto& seg = segs[seg_index];
      if (seg.state != SegState::Pending || seg.tried.contains(server)) continue;
      if (beyond_retention_locked(server, jf)) {
        route_to_next_server_locked(*job, *a, t.cursor_file, seg_index, server, false);
        continue;
      }
      // Intake refuses NZBs beyond the token's limits, so this always fits.
      auto token = ArticleToken::pack(job->serial, t.cursor_file, seg_index);
      if (!token) continue;
      seg.state = SegState::InFlight;
      t.in_flight++;
      return nntp::ArticleRef{token->raw(), t.message_id(seg), job->checking};
    }
  }
  return std::nullopt;
}

// The article is not on `from_server` (or was damaged there): hand it to the
// next usable server that has not tried it, or declare it missing.
void Queue::route_to_next_server_locked(Job& job, Active& a, uint32_t file, uint32_t seg, size_t from_server,
                                        bool in_flight) {
  auto& s = a.table.files[file][seg];
  s.tried.insert(from_server);
  s.failures = 0;
  size_t best = servers_.size();
  for (size_t i = 0; i < servers_.size() && i < ServerSet::kMax; ++i) {
    if (!server_usable_locked(i) || s.tried.contains(i)) continue;
    if (best == servers_.size() || servers_[i].config.priority < servers_[best].config.priority) best = i;
  }
  if (in_flight) a.table.in_flight--;
  // file and seg came from a token, so they fit one again.
  auto token = ArticleToken::pack(job.serial, file, seg);
  if (best < servers_.size() && token) {
    s.state = SegState::Pending;
    servers_[best].retry.push_back(token->raw());
    return;
  }
  s.state = SegState::Missing;
  a.bad_articles++;
  if (!in_flight) settle_pending_ = true;  // found while choosing: the ticker finishes or aborts the job
  job.files[file].segments_done++;
  job.files[file].bytes_missing += s.bytes;
  // What a pre-check finds is not kept: the download afterwards starts afresh.
  // Appended by the writer thread (no disk I/O here, under the lock, often on a network thread).
  if (!job.checking)
    writer_->append_journal(job.serial, store_->journal_path(job.nzo_id).string(), JournalRecord{file, seg, 0, 0, 0, 1});
}

void Queue::on_failure(size_t server, const nntp::ArticleRef& ref, nntp::FetchStatus why, std::string_view reply) {
  std::vector<FinishedJob> finished;
  {
    util::Lock lock(mutex_);
    auto owner = owner_locked(ref.token);
    if (!owner.job || owner.seg->state != SegState::InFlight) return;
    Job& job = *owner.job;
    Active& a = *owner.active;
    Segment& seg = *owner.seg;
    uint32_t file = token_file(ref.token), seg_index = token_seg(ref.token);
    bool retry_here = why == nntp::FetchStatus::Failed && server_usable_locked(server) &&
                      ++seg.failures < max_tries_ && !stopping_;
    if (retry_here || (why == nntp::FetchStatus::Failed && stopping_)) {
      seg.state = SegState::Pending;
      a.table.in_flight--;
      servers_[server].retry.push_back(ref.token);
    } else if (why == nntp::FetchStatus::Failed && !server_usable_locked(server)) {
      // Blocked server: not evidence that the article is gone; try elsewhere
      // without marking it tried, or wait here if nobody else is usable.
      seg.state = SegState::Pending;
      a.table.in_flight--;
      size_t target = server;
      for (size_t i = 0; i < servers_.size(); ++i)
        if (server_usable_locked(i) && !seg.tried.contains(i)) target = i;
      servers_[target].retry.push_back(ref.token);
    } else {
      route_to_next_server_locked(job, a, file, seg_index, server, true);
      if (seg.state == SegState::Missing && job_is_hopeless(job, a.bad_articles, rules_))
        abort_locked(job, kFailHopeless, finished);
      else
        maybe_finish_locked(job, finished);
    }
  }
  deliver(finished);
  pool_->wake();
  (void)reply;
}


}  // namespace nzbd::queue
