// ConfigStore writes the file outside the readers' lock; saves still land in
// the order of the changes, so the file ends with the newest text.
#include "config/store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace nzbd::config {
namespace {

TEST(ConfigStore, WritersAtOnceLeaveTheNewestTextOnDisk) {
  test::TempDir dir;
  auto cfg = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(cfg.ok()) << cfg.message();
  ConfigStore store(std::move(*cfg));
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&store, t] {
      for (int i = 0; i < 40; ++i) {
        auto st = store.write("misc", [&](Config& c) {
          c.set_misc("email_to", "writer" + std::to_string(t) + "-" + std::to_string(i) + "@example.com");
          c.set_misc("refresh_rate", std::to_string(t * 100 + i));
        });
        EXPECT_TRUE(st.ok()) << st.message();
      }
    });
  std::thread reader([&store] {
    for (int i = 0; i < 200; ++i) EXPECT_FALSE(store.misc("api_key").empty());
  });
  for (auto& w : writers) w.join();
  reader.join();
  auto on_disk = Config::load_or_create(dir / "nzbd.ini");
  ASSERT_TRUE(on_disk.ok()) << on_disk.message();
  std::string in_memory = store.read([](const Config& c) { return c.render(); });
  EXPECT_EQ(on_disk->render(), in_memory);
  EXPECT_EQ(on_disk->misc("email_to"), store.misc("email_to"));
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
}

}  // namespace
}  // namespace nzbd::config
