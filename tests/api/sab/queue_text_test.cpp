// mode=queue's text writer (queue_text.cpp) against the tree builder it
// replaced (tree_reference.cpp): the same bytes, JSON and XML, for every
// window and filter, for names that need escaping, for an empty queue, and
// again after each kind of change to a job whose slot text was cached.
#include <gtest/gtest.h>

#include "api/sab/call.h"
#include "api/sab/queue_json.h"
#include "config/store.h"
#include "queue/queue.h"
#include "support/temp_dir.h"
#include "tree_reference.h"
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

// The disk figures are measured apart by the two writers and free space
// moves meanwhile: the reference takes the writer's values (same keys, same
// places, strings in both).
void take_disk_values(Json& reference, const Json& written) {
  for (const char* k : {"diskspace1", "diskspace2", "diskspace1_norm", "diskspace2_norm", "diskspacetotal1",
                        "diskspacetotal2"}) {
    ASSERT_TRUE(reference.at(k).is_string()) << k;
    ASSERT_TRUE(written.at(k).is_string()) << k;
    reference[k] = written[k];
  }
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

  std::string add(const std::string& name, const std::string& password = "", int priority = queue::kDefaultPriority,
                  int segments = 3) {
    static int serial = 0;
    queue::AddOptions o;
    o.password = password;
    o.nzbname = name;
    o.priority = priority;
    std::string file = "file" + std::to_string(++serial);
    auto ids = queue->add_data(nzb(file + ".bin", segments), file + ".nzb", o);
    EXPECT_TRUE(ids.ok()) << ids.message();
    return ids.ok() ? ids->front() : "";
  }
  // Both writers, JSON and XML, for one query; returns the JSON text after
  // checking that each equals the reference tree's rendering.
  std::string both(std::initializer_list<std::pair<std::string, std::string>> args) {
    http::Request req;
    for (const auto& [k, v] : args) req.params.add(k, v);
    Call call{req, req.params, *services};
    QueueFilter f = queue_filter_from(call);
    std::string text = queue_text(call, f, false);
    std::string xml = queue_text(call, f, true);
    Json written = Json::parse(text);
    Json tree = reference::queue_tree(call, f);
    take_disk_values(tree, written["queue"]);
    Json expected = Json{{"queue", tree}};
    EXPECT_EQ(written, expected);  // ordered: keys, order, values and types
    EXPECT_EQ(text, expected.dump(-1, ' ', false, Json::error_handler_t::replace));
    EXPECT_EQ(xml, render_xml(Reply{"queue", tree}));
    return text;
  }

  test::TempDir dir;
  WarningLog warnings;
  std::unique_ptr<config::ConfigStore> config;
  std::unique_ptr<queue::Queue> queue;
  std::unique_ptr<Services> services;
};

TEST_F(QueueText, EmptyQueue) {
  std::string text = both({});
  EXPECT_NE(text.find(R"("slots":[])"), std::string::npos) << text;
  both({{"start", "3"}, {"limit", "50"}});
}

TEST_F(QueueText, SameBytesAsTheTreeForEveryWindowAndFilter) {
  std::string plain = add("Plain.Job");
  add("Quote\"And\\Backslash", "pa\"ss\\");
  std::string high = add("Ünïcødé.Name", "", queue::kHighPriority);
  add("Tab\tand\x01" "control & <xml>", "<pw>&'");
  add("Low.One", "", queue::kLowPriority);
  std::string forced = add("Forced.One", "", queue::kForcePriority, 40);
  for (int i = 0; i < 60; ++i) add("Filler." + std::to_string(i), i % 7 ? "" : "pw" + std::to_string(i));
  ASSERT_TRUE(queue->change_category({high, plain}, "tv"));
  queue->pause_jobs({plain});
  both({});
  both({{"start", "2"}, {"limit", "3"}});
  both({{"limit", "1"}});
  both({{"limit", "50"}});
  both({{"start", "50"}, {"limit", "5"}});
  both({{"start", "500"}, {"limit", "5"}});
  both({{"search", "filler"}, {"limit", "2"}});
  both({{"search", "ÜNÏ"}});
  both({{"nzo_ids", plain + "," + forced}});
  both({{"nzo_ids", "SABnzbd_nzo_unknown"}});
  both({{"cat", "tv"}});
  both({{"category", "*"}, {"limit", "4"}});
  both({{"priority", "1,2"}});
  both({{"status", "Paused"}});
  std::string text = both({{"limit", "6"}});
  EXPECT_NE(text.find(R"("filename":"QuoteAndBackslash")"), std::string::npos) << "names are cleaned at intake";
  EXPECT_NE(text.find(R"("password":"pa\"ss\\")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("priority":"Force")"), std::string::npos) << text;
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
  ASSERT_TRUE(queue->change_category({a}, "movies"));
  EXPECT_NE(both({}).find(R"("cat":"movies")"), std::string::npos);
  ASSERT_TRUE(queue->change_pp({a}, 1));
  EXPECT_NE(both({}).find(R"("unpackopts":"1")"), std::string::npos);
  queue->resume_all();
  both({});
  queue->delete_jobs({a}, false);
  both({});
}

}  // namespace
}  // namespace nzbd::api::sab
