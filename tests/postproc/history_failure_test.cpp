// A history database that refuses writes (full disk, busy database) must not
// make a job vanish: post-processing keeps the job's queue record until its
// final row is stored, so a restart post-processes it again.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "postproc/postproc.h"
#include "support/fake_nntp_server.h"
#include "support/temp_dir.h"

namespace nzbd::postproc {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The real store, with writes of final rows (loaded == false) failing the
// first `fail_final` times, as SQLite does on a full disk.
class FlakyHistory : public history::History {
 public:
  explicit FlakyHistory(history::History& real) : real_(real) {}
  std::atomic<int> fail_final{0};
  std::atomic<int> final_attempts{0};

  Status put(const history::Entry& e) override {
    if (!e.loaded) {
      final_attempts++;
      if (fail_final > 0) {
        fail_final--;
        return make_error("database or disk is full");
      }
    }
    return real_.put(e);
  }
  Result<history::Entry> get(const std::string& id) override { return real_.get(id); }
  Result<history::Page> query(const history::Query& q) override { return real_.query(q); }
  Status remove(const std::vector<std::string>& ids, bool archive) override { return real_.remove(ids, archive); }
  Result<history::Totals> totals() override { return real_.totals(); }
  int64_t last_update() override { return real_.last_update(); }
  Result<int64_t> prune(const history::Retention& r, int64_t now) override { return real_.prune(r, now); }
  Status add_server_bytes(const std::string& s, int64_t b, int64_t t, int64_t ok) override {
    return real_.add_server_bytes(s, b, t, ok);
  }
  Result<std::vector<std::pair<std::string, ServerStats>>> server_stats() override { return real_.server_stats(); }

 private:
  history::History& real_;
};

// One file of two articles the (empty) news server does not have: the job
// downloads at once with everything missing, and post-processing fails it.
const char* kNzb = R"NZB(<?xml version="1.0" encoding="UTF-8"?>
<nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
  <file poster="p" date="1700000000" subject="&quot;gone.bin&quot; yEnc (1/2)">
    <groups><group>alt.binaries.test</group></groups>
    <segments>
      <segment bytes="1000" number="1">gone-1@test</segment>
      <segment bytes="1000" number="2">gone-2@test</segment>
    </segments>
  </file>
</nzb>)NZB";

// One run of the daemon's engines over the data folder: config, history,
// queue and post-processor, wired as daemon::App wires them.
struct Engines {
  Engines(const fs::path& home, uint16_t nntp_port, int fail_final) {
    auto cfg = config::Config::load_or_create(home / "nzbd.ini");
    EXPECT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)config->write("servers", [&](config::Config& c) {
      c.set_misc("admin_dir", (home / "admin").string());
      c.set_misc("download_dir", (home / "incomplete").string());
      c.set_misc("complete_dir", (home / "complete").string());
      auto& s = c.item_or_create("servers", "fake");
      s.set("host", "127.0.0.1");
      s.set("port", std::to_string(nntp_port));
      s.set("connections", "1");
      s.set("enable", "1");
    });
    fs::create_directories(home / "admin");
    auto h = history::History::open(home / "admin" / "history.db");
    EXPECT_TRUE(h.ok()) << h.message();
    real = std::move(*h);
    flaky = std::make_unique<FlakyHistory>(*real);
    flaky->fail_final = fail_final;
    queue = std::make_unique<queue::Queue>(*config);
    pp = std::make_unique<PostProcessor>(*config, *flaky, *queue);
    queue->set_finisher([this](queue::FinishedJob job) { pp->submit(std::move(job)); });
    pp->set_on_finished([this](const std::string&) { finished++; });
    auto done = [this](const std::string& id) {
      auto e = real->get(id);
      return e && !e->loaded;
    };
    EXPECT_TRUE(queue->load(done).ok());
    pp->start();
    queue->start();
  }
  ~Engines() {
    queue->stop();
    pp->stop();
  }
  // Until post-processing has tried to write the final row, and is done.
  bool wait_final_row_tried() {
    for (auto until = std::chrono::steady_clock::now() + 30s; std::chrono::steady_clock::now() < until;) {
      if (flaky->final_attempts > 0) {
        pp->stop();  // lets the job's processing end before anything is looked at
        return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }

  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<history::History> real;
  std::unique_ptr<FlakyHistory> flaky;
  std::unique_ptr<queue::Queue> queue;
  std::unique_ptr<PostProcessor> pp;
  std::atomic<int> finished{0};
};

class HistoryFailure : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(200);
    spdlog::default_logger()->sinks().push_back(log_);
  }
  void TearDown() override { spdlog::default_logger()->sinks().pop_back(); }
  bool logged(const std::string& text) const {
    for (const auto& line : log_->last_formatted())
      if (line.find(text) != std::string::npos) return true;
    return false;
  }
  std::string add_job(Engines& e) {
    auto ids = e.queue->add_data(kNzb, "gone.nzb", {});
    EXPECT_TRUE(ids.ok()) << ids.message();
    return ids ? ids->front() : "";
  }
  fs::path queue_record(const std::string& id) const { return dir_ / "admin" / "queue" / id; }

  test::TempDir dir_;
  test::FakeNntpServer news_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> log_;
};

TEST_F(HistoryFailure, AFinalRowThatCannotBeStoredKeepsTheJobForTheNextStart) {
  std::string id;
  {
    Engines run(dir_.path(), news_.port(), 1000);
    id = add_job(run);
    ASSERT_FALSE(id.empty());
    ASSERT_TRUE(run.wait_final_row_tried());
    EXPECT_EQ(run.flaky->final_attempts, PostProcessor::kHistoryWriteAttempts);
    EXPECT_TRUE(fs::exists(queue_record(id) / "job.json")) << "the queue record went without a history row";
    EXPECT_EQ(run.finished, 0);
    EXPECT_TRUE(logged("database or disk is full")) << "the failed write was not reported";
    EXPECT_TRUE(logged("post-processed again at the next start"));
  }
  // The next start, with a store that works again, finishes the job.
  Engines restart(dir_.path(), news_.port(), 0);
  for (int i = 0; i < 1500 && restart.finished == 0; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(restart.finished, 1);
  auto row = restart.real->get(id);
  ASSERT_TRUE(row.ok()) << row.message();
  EXPECT_EQ(row->status, history::JobStatus::Failed);
  EXPECT_FALSE(row->loaded);
  EXPECT_FALSE(fs::exists(queue_record(id)));
}

TEST_F(HistoryFailure, AWriteThatFailsBrieflyIsTriedAgainAndStored) {
  Engines run(dir_.path(), news_.port(), PostProcessor::kHistoryWriteAttempts - 1);
  std::string id = add_job(run);
  ASSERT_FALSE(id.empty());
  for (int i = 0; i < 1500 && run.finished == 0; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(run.finished, 1);
  EXPECT_EQ(run.flaky->final_attempts, PostProcessor::kHistoryWriteAttempts);
  auto row = run.real->get(id);
  ASSERT_TRUE(row.ok()) << row.message();
  EXPECT_FALSE(row->loaded);
  EXPECT_FALSE(fs::exists(queue_record(id)));
  EXPECT_FALSE(logged("database or disk is full"));
}

}  // namespace
}  // namespace nzbd::postproc
