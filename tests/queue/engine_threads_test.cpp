// Connections of two servers and API callers at once, as in the daemon: every
// job completes byte-identical and no article is asked of a server twice.
// Run under ThreadSanitizer by the NZBD_TSAN build.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "queue/offline_engine.h"

namespace nzbd::queue::test {
namespace {
using namespace std::chrono_literals;

TEST(QueueEngineThreads, ConnectionsAndApiCallsAtOnceEndByteIdentical) {
  nzbd::test::TempDir home;
  OfflineEngine e(home.path(), {{"main", 0}, {"backup", 1}});
  std::vector<Post> posts;
  for (int j = 0; j < 3; ++j) posts.emplace_back("job" + std::to_string(j), 3, 40'000, 4'000, j + 7);
  // The main server lacks every seventh article of each job; the backup has all.
  auto rule = [](size_t server, const std::string& id) {
    return server == 0 && std::hash<std::string>{}(id) % 7 == 0 ? Answer::NotFound : Answer::Body;
  };
  std::map<std::string, const Post*> by_name;
  for (int j = 0; j < 3; ++j) by_name["job" + std::to_string(j)] = &posts[j];
  std::atomic<bool> done{false};
  std::vector<std::thread> connections;
  for (size_t server = 0; server < 2; ++server)
    for (int c = 0; c < 3; ++c)
      connections.emplace_back([&, server] {
        while (!done) {
          size_t handed = 0;
          handed = e.serve(server, rule, 5);
          if (handed == 0) std::this_thread::sleep_for(1ms);
        }
      });
  for (int j = 0; j < 3; ++j) e.add(posts[j], "job" + std::to_string(j));
  std::thread api([&] {
    for (int i = 0; !done; ++i) {
      e.queue().with_jobs([](const JobList& jobs, const QueueStatus& st) {
        for (const Job* j : jobs) EXPECT_LE(j->bytes_left(), j->bytes_total());
        EXPECT_LE(st.left_bytes, st.total_bytes);
      });
      (void)e.queue().status();
      (void)e.queue().server_status();
      if (i % 10 == 0) e.queue().pause_all();
      if (i % 10 == 1) e.queue().resume_all();
      std::this_thread::sleep_for(1ms);
    }
    e.queue().resume_all();
  });
  auto finished = e.wait_finished(3);
  if (finished.size() < 3) {  // what is stuck, for the report
    e.queue().with_jobs([](const JobList& jobs, const QueueStatus& st) {
      for (const Job* j : jobs) ADD_FAILURE() << j->name << " left " << j->bytes_left() << " paused " << j->paused;
      ADD_FAILURE() << "queue paused " << st.paused;
    });
    for (const auto& line : e.queue().memory_report()) ADD_FAILURE() << line;
  }
  done = true;
  api.join();
  for (auto& t : connections) t.join();
  ASSERT_EQ(finished.size(), 3u);
  for (const auto& f : finished) {
    EXPECT_EQ(f.job.bytes_missing(), 0u) << f.job.name;
    EXPECT_TRUE(files_match(f.folder, *by_name.at(f.job.name)));
  }
  for (size_t server = 0; server < 2; ++server)
    for (const auto& [id, n] : e.asked(server)) EXPECT_EQ(n, 1) << id << " asked of server " << server;
}

}  // namespace
}  // namespace nzbd::queue::test
