// mode=queue's JSON text (queue_text.cpp) against the tree it replaces: the
// same bytes for every window and filter, for names that need escaping, and
// again after each kind of change to a job whose slot text was cached.
#include <gtest/gtest.h>

#include "api/sab/call.h"
#include "api/sab/queue_json.h"
#include "config/store.h"
#include "queue/queue.h"
#include "support/temp_dir.h"
#include "util/warnings.h"

namespace nzbd::api::sab {
namespace {

std::string nzb(const std::string& file, int segments) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">\n"
                    "<file poster=\"p\" date=\"1700000000\" subject=\"&quot;" + file + "&quot; yEnc (1/1)\">"
                    "<groups><group>a.b.c</group></groups><segments>";
  for (int i = 0; i < segments; ++i)
    out += "<segment bytes=\"" + std::to_string(1000 + i) + "\" number=\"" + std::to_string(i + 1) + "\">" + file +
           std::to_string(i) + "@x</segment>";
  return out + "</segments></file>\n</nzb>\n";
}

class QueueText : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cfg = config::Config::load_or_create(dir.path() / "nzbd.ini");
    ASSERT_TRUE(cfg.ok()) << cfg.message();
    config = std::make_unique<config::ConfigStore>(std::move(*cfg));
    (void)config->write("misc", [&](config::Config& c) {
      c.set_misc("admin_dir", (dir.path() / "admin").string());
      c.set_misc("download_dir", (dir.path() / "incomplete").string());
      c.set_misc("complete_dir", (dir.path() / "complete").string());
    });
    queue = std::make_unique<queue::Queue>(*config);
    ASSERT_TRUE(queue->load().ok());
    queue->pause_all();
    services = std::make_unique<Services>(Services{*config, warnings, "test", {}, {}, queue.get(), nullptr, {}});
  }
  void TearDown() override { queue->stop(); }

  std::string add(const std::string& name, const std::string& password = "") {
    static int serial = 0;
    queue::AddOptions o;
    o.password = password;
    o.nzbname = name;
    std::string file = "file" + std::to_string(++serial);
    auto ids = queue->add_data(nzb(file + ".bin", 3), file + ".nzb", o);
    EXPECT_TRUE(ids.ok()) << ids.message();
    return ids.ok() ? ids->front() : "";
  }
  // Both writers for one query; returns the text after checking it equals the tree.
  std::string both(std::initializer_list<std::pair<std::string, std::string>> args) {
    http::Request req;
    for (const auto& [k, v] : args) req.params.add(k, v);
    Call call{req, req.params, *services};
    QueueFilter f = queue_filter_from(call);
    Json tree = Json{{"queue", queue_json(call, f)}};
    std::string text = queue_json_text(call, f);
    EXPECT_EQ(text, tree.dump(-1, ' ', false, Json::error_handler_t::replace));
    return text;
  }

  test::TempDir dir;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<queue::Queue> queue;
  std::unique_ptr<Services> services;
};

TEST_F(QueueText, SameBytesAsTheTreeForEveryWindowAndFilter) {
  add("Plain.Job");
  add("Quote\"And\\Backslash", "pa\"ss\\");
  add("Ünïcødé.Name");
  add("Tab\tand\x01" "control");
  for (int i = 0; i < 6; ++i) add("Filler." + std::to_string(i));
  both({});
  both({{"start", "2"}, {"limit", "3"}});
  both({{"limit", "1"}});
  both({{"start", "50"}, {"limit", "5"}});
  both({{"search", "filler"}, {"limit", "2"}});
  std::string text = both({{"limit", "4"}});
  EXPECT_NE(text.find(R"("filename":"QuoteAndBackslash")"), std::string::npos) << "names are cleaned at intake";
  EXPECT_NE(text.find(R"("password":"pa\"ss\\")"), std::string::npos) << text;
}

TEST_F(QueueText, AChangedJobIsWrittenAnew) {
  std::string a = add("First.Job"), b = add("Second.Job");
  both({});  // both slots are cached now
  ASSERT_TRUE(queue->rename(a, "First.Renamed", std::string("new-pass")));
  EXPECT_NE(both({}).find("First.Renamed"), std::string::npos);
  queue->pause_jobs({b});
  both({});
  queue->set_priority({b}, queue::kHighPriority);
  EXPECT_NE(both({}).find(R"("priority":"High")"), std::string::npos);
  queue->resume_all();
  both({});
}

}  // namespace
}  // namespace nzbd::api::sab
