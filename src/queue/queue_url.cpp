// addurl: the job shows as "Grabbing" while net::http_get fetches the NZB; a failed
// fetch becomes a failed history entry, as SABnzbd does.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "net/http_fetch.h"
#include "queue/internal.h"
#include "util/random.h"

namespace nzbd::queue {
namespace {

struct Fetched {
  std::string body;
  std::string filename;  // from Content-Disposition, else the URL's last part
};

std::string url_basename(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  auto slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return name.empty() ? "download.nzb" : name;
}

// Fetches url; an error message in SABnzbd's words on failure.
Result<Fetched> fetch(const std::string& url) {
  net::FetchOptions o;
  o.timeout = std::chrono::seconds(120);
  o.max_body = 64u << 20;
  o.user_agent = "nzbd/" NZBD_QUEUE_VERSION;
  o.what = "NZB";
  auto reply = net::http_get(url, o);
  if (!reply) return make_error("URL Fetching failed; " + reply.message());
  if (reply->status == 404) return make_error("URL Fetching failed; File not on server");
  if (reply->status >= 400)
    return make_error("URL Fetching failed; Server returned HTTP " + std::to_string(reply->status));
  Fetched f{std::move(reply->body), net::disposition_filename(reply->header("Content-Disposition"))};
  if (f.filename.empty()) f.filename = url_basename(url);
  return f;
}

}  // namespace

std::string Queue::add_url(const std::string& url, const AddOptions& o) {
  auto job = std::make_unique<Job>();
  job->nzo_id = "SABnzbd_nzo_" + random_id(8);
  job->name = "Trying to fetch NZB from " + url;
  job->url = url;
  job->grabbing = true;
  job->time_added = now_seconds();
  job->category = o.category.empty() ? "*" : o.category;
  job->priority = o.priority;
  job->pp = o.pp;
  std::string id = job->nzo_id;
  {
    util::Lock lock(mutex_);
    job->serial = next_serial_++;
    if (auto st = store_->save_job(*job, Sync::Later); !st) spdlog::error("saving job {} failed: {}", id, st.message());
    size_t index = insert_by_priority_locked(std::move(job));
    if (!journal_add_locked(id, index)) save_order_locked();
    start_fetch_locked(id, url, o);
  }
  // Answered once stored, as add_data (group commit).
  if (auto st = commit_.sync(store_->written_paths(id)); !st) spdlog::error("storing job {} failed: {}", id, st.message());
  return id;
}

// SABnzbd fetches URLs on one grabber thread; two let a slow indexer not
// hold up the next grab, and a burst of addurl calls no longer costs a
// thread each.
struct Queue::UrlPool {
  boost::asio::thread_pool threads{2};
};

void Queue::UrlPoolStop::operator()(UrlPool* pool) const {
  pool->threads.stop();
  pool->threads.join();
  delete pool;
}

void Queue::start_fetch_locked(const std::string& nzo_id, const std::string& url, const AddOptions& o) {
  if (!url_pool_) url_pool_.reset(new UrlPool);
  boost::asio::post(url_pool_->threads, [this, nzo_id, url, o] { fetch_url(nzo_id, url, o); });
}

void Queue::fetch_url(std::string nzo_id, std::string url, AddOptions o) {
  auto fetched = fetch(url);
  Result<std::vector<std::string>> added = make_error("");
  if (fetched) {
    AddOptions opts = o;
    added = add_data(fetched->body, fetched->filename, opts);
  }
  std::unique_ptr<Job> placeholder;
  {
    util::Lock lock(mutex_);
    for (auto it = order_.begin(); it != order_.end(); ++it)
      if ((*it)->nzo_id == nzo_id) {
        placeholder = std::move(*it);
        order_.erase(it);
        break;
      }
    if (!placeholder) return;  // deleted meanwhile
    by_serial_.erase(placeholder->serial);
    if (added && added->size() == 1) {
      // Keep the id the client got from addurl.
      Job* real = find_locked(added->front());
      if (real) {
        std::string new_id = real->nzo_id;
        real->nzo_id = nzo_id;
        store_->remove_job(nzo_id);
        std::error_code ec;
        std::filesystem::rename(store_->job_dir(new_id), store_->job_dir(nzo_id), ec);
        save_job_locked(*real);
      }
    }
    save_order_locked();
  }
  if (!fetched || !added) {
    std::string reason = !fetched ? fetched.message() : "URL Fetching failed; " + added.message();
    spdlog::warn("{}: {}", url, reason);
    store_->remove_job(nzo_id);
    if (failer_) failer_(*placeholder, reason);
  }
}

}  // namespace nzbd::queue
