// The queue's download engine without a network: a data folder with a config
// naming news servers, a Queue started without its pool, and a stand-in for
// the pool's connections that asks next_article() and answers with on_body()
// / on_failure() as a server would — from as many threads as a test wants.
#pragma once

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/store.h"
#include "queue/queue.h"
#include "support/temp_dir.h"

namespace nzbd::queue::test {

// A posted file: its bytes and the article bodies (yEnc, as on the wire) by message-id.
struct PostedFile {
  std::string name;
  std::string data;
  std::vector<std::string> message_ids;
};

// What a server does with one request.
enum class Answer { Body, NotFound, Failed, Damaged };
using Rule = std::function<Answer(size_t server, const std::string& message_id)>;

// A set of files posted as one NZB: random bytes cut into articles of `article_bytes`.
class Post {
 public:
  Post(const std::string& tag, int files, size_t file_bytes, size_t article_bytes, uint32_t seed = 1);
  std::string nzb() const;
  const std::vector<PostedFile>& files() const { return files_; }
  const std::map<std::string, std::string>& bodies() const { return bodies_; }
  const std::string& body(const std::string& message_id) const { return bodies_.at(message_id); }
  std::vector<std::string> all_ids() const;

 private:
  std::vector<PostedFile> files_;
  std::map<std::string, std::string> bodies_;
  std::map<std::string, size_t> body_sizes_;
};

struct ServerSpec {
  std::string name;
  int priority = 0;
};

class OfflineEngine {
 public:
  explicit OfflineEngine(const std::filesystem::path& home, std::vector<ServerSpec> servers = {{"a", 0}},
                         int max_tries = 3);
  ~OfflineEngine();

  Queue& queue() { return *queue_; }
  // The post's articles are on every server from now on.
  void publish(const Post& post);
  // Publishes the post and adds its NZB as job `name`.
  std::string add(const Post& post, const std::string& name);
  // One connection of `server`: asks for articles until the queue has none
  // for it now, answering each by `rule`; returns how many it was handed.
  size_t serve(size_t server, const Rule& rule, size_t at_most = SIZE_MAX);
  // Message-ids handed to each server so far, with how often.
  std::map<std::string, int> asked(size_t server) const;
  // Waits (up to 30 s) for `count` jobs to have been handed to post-processing.
  std::vector<FinishedJob> wait_finished(size_t count);
  // Runs on the thread that hands a job over (the writer's, for a written
  // last article), after the job is in wait_finished's list.
  void set_finish_hook(std::function<void()> hook) {
    std::lock_guard lock(mu_);
    finish_hook_ = std::move(hook);
  }
  void stop();  // the queue stops; the writer has flushed

 private:
  std::unique_ptr<config::ConfigStore> config_;
  std::unique_ptr<Queue> queue_;
  mutable std::mutex mu_;
  std::condition_variable finished_cv_;
  std::vector<FinishedJob> finished_;
  std::function<void()> finish_hook_;
  std::vector<std::map<std::string, int>> asked_;
  std::map<std::string, std::string> bodies_;  // of every post added
};

// True when the files under `folder` hold exactly the posted bytes.
::testing::AssertionResult files_match(const std::filesystem::path& folder, const Post& post);

}  // namespace nzbd::queue::test
