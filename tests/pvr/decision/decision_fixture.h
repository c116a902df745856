// A temp library with "The Test Show" (S01E01, S01E02 aired and missing,
// HD-1080p profile, 45 min) and helpers to build indexer releases.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "pvr/db.h"
#include "pvr/decision/decision_maker.h"
#include "pvr/library.h"
#include "../test_util.h"

namespace nzbd::pvr::testing {

inline constexpr const char* kNow = "2026-06-01T12:00:00Z";
inline constexpr std::int64_t kMiB = 1024 * 1024;

class DecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok()) << lib.message();
    library = std::move(*lib);
    Series s;
    s.tvdb_id = 300101;
    s.tvmaze_id = 9001;
    s.title = "The Test Show";
    s.sort_title = "test show";
    s.clean_title = clean_series_title(s.title);
    s.path = (dir.path() / "tv" / "The Test Show").string();
    s.runtime = 45;
    s.quality_profile_id = 4;  // HD-1080p
    s.seasons = {{1, true}};
    std::vector<Episode> eps = {episode(1, 1, "2026-01-01T02:00:00Z"), episode(1, 2, "2026-01-08T02:00:00Z")};
    auto added = library->add_series(s, eps);
    ASSERT_TRUE(added.ok()) << added.message();
    series = *added;
    auto all = nzbd::pvr::must(library->episodes_for_series(series.id));
    ASSERT_EQ(all.size(), 2u);
    e1 = all[0];
    e2 = all[1];
  }

  static Episode episode(int season, int number, std::optional<std::string> air_utc) {
    Episode e;
    e.season_number = season;
    e.episode_number = number;
    e.title = "Episode " + std::to_string(number);
    e.air_date_utc = air_utc;
    if (air_utc) e.air_date = air_utc->substr(0, 10);
    return e;
  }

  static ReleaseInfo release(const std::string& title, std::int64_t size, const std::string& published = "2026-06-01T10:00:00Z") {
    ReleaseInfo r;
    r.guid = "guid-" + title;
    r.title = title;
    r.size = size;
    r.download_url = "http://indexer/getnzb/" + title;
    r.indexer_id = 1;
    r.indexer = "Local";
    r.publish_date = published;
    return r;
  }

  DecisionMaker maker() {
    DecisionServices services;
    services.queued = [this] { return queue; };
    services.now_utc = [] { return std::string(kNow); };
    return DecisionMaker(*library, services);
  }

  DownloadDecision decide_one(const ReleaseInfo& r, const std::optional<SearchTarget>& target = std::nullopt) {
    auto m = maker();
    auto out = m.decide({r}, target);
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? DownloadDecision{} : out.front();
  }

  static std::vector<std::string> reasons(const DownloadDecision& d) {
    std::vector<std::string> out;
    for (const auto& r : d.rejections) out.push_back(r.reason);
    return out;
  }

  static bool has_reason(const DownloadDecision& d, const std::string& reason) {
    auto rs = reasons(d);
    return std::find(rs.begin(), rs.end(), reason) != rs.end();
  }

  void set_setting(const std::string& name, const std::string& json) {
    library->with_db([&](Db& db) {
      Stmt s(db, "INSERT OR REPLACE INTO settings (name, value) VALUES (?1, ?2)");
      s.bind(1, name).bind(2, json).run();
    });
  }

  // The HD-1080p profile with upgrades on, cutoff Bluray-1080p.
  void allow_upgrades() {
    library->with_db([](Db& db) { nzbd::pvr::exec(db, "UPDATE quality_profiles SET upgrade_allowed=1, cutoff=7 WHERE id=4"); });
  }

  EpisodeFile add_file(const Episode& e, int quality_id, const std::string& group = "GRP", int version = 1,
                       const std::string& added = "2026-05-30T00:00:00Z") {
    EpisodeFile f;
    f.series_id = series.id;
    f.season_number = e.season_number;
    f.relative_path = "Season 1/file" + std::to_string(e.id) + ".mkv";
    f.path = series.path + "/" + f.relative_path;
    f.size = 1000;
    f.date_added = added;
    f.release_group = group;
    f.quality_id = quality_id;
    f.quality_version = version;
    auto r = library->add_episode_file(f, {e.id});
    EXPECT_TRUE(r.ok()) << r.message();
    return *r;
  }

  TempDir dir;
  std::unique_ptr<Library> library;
  Series series;
  Episode e1, e2;
  std::vector<QueuedRelease> queue;
};

}  // namespace nzbd::pvr::testing
