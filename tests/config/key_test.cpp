// config::Key: the compile-time tables agree with the run-time sections.
#include <gtest/gtest.h>

#include "config/config.h"
#include "config/flat_options.h"
#include "config/schema.h"

namespace nzbd::config {
namespace {

static_assert(tables::is_flat_key("download_dir"));
static_assert(tables::is_flat_key("pushover_prio_disk_full"));
static_assert(tables::is_flat_key("enable_cherrypy_logging"));
static_assert(!tables::is_flat_key("downlod_dir"));
static_assert(!tables::is_flat_key("nscript_prio_"));
static_assert(!tables::is_flat_key("nscript_prio_nothing"));
static_assert(!tables::is_flat_key("nscript"));

TEST(ConfigKey, EveryRunTimeOptionIsAKnownKeyAndNoOther) {
  size_t count = 0;
  for (const auto& section : flat_sections())
    for (const auto& o : *section.options) {
      EXPECT_TRUE(tables::is_flat_key(o.name)) << section.name << "." << o.name;
      ++count;
    }
  // Each table entry is served once: misc + logging + notifiers' own + prio keys.
  size_t expected = std::size(tables::kMisc) + std::size(tables::kLogging);
  for (const auto& n : tables::kNotifiers) expected += n.own.size() + tables::kEventTypes.size();
  EXPECT_EQ(count, expected);
  EXPECT_EQ(flat_sections().size(), 2 + std::size(tables::kNotifiers));
}

TEST(ConfigKey, RunTimeKeyReadsTheSameAsALiteral) {
  auto cfg = Config::defaults("/nonexistent/nzbd.ini");
  cfg.set_misc("history_limit", "42");
  EXPECT_EQ(cfg.misc(Key::at_run_time(std::string("history_") + "limit")), "42");
  EXPECT_EQ(cfg.misc_int("history_limit"), 42);
  // An unknown run-time name reads as empty, as before (the API refuses it first).
  EXPECT_EQ(cfg.misc(Key::at_run_time("no_such_option")), "");
}

}  // namespace
}  // namespace nzbd::config
