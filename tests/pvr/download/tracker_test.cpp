#include "pvr/download/tracker.h"
#include "pvr/db.h"

#include <gtest/gtest.h>

#include "pvr/download/fake_client.h"
#include "pvr/test_util.h"

namespace nzbd::pvr {
namespace {
using testing::FakeDownloadClient;

class TrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto lib = Library::open(dir.path() / "tv.db");
    ASSERT_TRUE(lib.ok()) << lib.message();
    library = std::move(*lib);
    clients = std::make_unique<DownloadClientStore>(*library);
    builtin_id = clients->list().at(0).id;  // the built-in row exists by default
    make_tracker();
  }

  void make_tracker() {
    TrackerHooks hooks;
    hooks.import = [this](const DownloadImportRequest& r) -> Result<DownloadImportResult> {
      imports.push_back(r);
      // The state must be on disk before any file moves (kill -9 safety).
      auto td = TrackedDownloads(*library).find(builtin_id, r.download_id);
      state_during_import = td ? td->state : "";
      if (!import_error.empty()) return make_error(import_error);
      DownloadImportResult out;
      out.imported = import_count;
      // History per imported episode, as import_download writes it; a
      // partial import brings only the first episode.
      for (std::size_t i = 0; import_count > 0 && i < r.episode_ids.size() && (i == 0 || !partial); ++i) {
        HistoryEvent h;
        h.series_id = r.series_id;
        h.episode_id = r.episode_ids[i];
        h.event_type = "downloadFolderImported";
        h.download_id = r.download_id;
        nzbd::pvr::must(library->add_history(h));
      }
      if (partial) out.rejections = {"Show.S01E02.mkv: Invalid season or episode"};
      return out;
    };
    hooks.on_failed = [this](const TrackedDownload& td, const std::string& message, bool skip) {
      failures.push_back({td.download_id, message, skip});
    };
    tracker = std::make_unique<DownloadTracker>(*library, *clients, fake, hooks);
  }

  TrackedDownload track(const std::string& id) {
    TrackedDownload d;
    d.download_client_id = builtin_id;
    d.download_id = id;
    d.series_id = 5;
    d.episode_ids = {21, 22};
    d.title = "Show.S01E01E02.720p.HDTV.x264-GRP";
    d.quality.id = 4;
    d.release.size = 1000;
    d.indexer = "Local";
    auto added = TrackedDownloads(*library).add(d);
    EXPECT_TRUE(added.ok()) << added.message();
    return *added;
  }

  std::string state(const std::string& id) { return TrackedDownloads(*library).find(builtin_id, id)->state; }

  std::vector<HistoryEvent> history_of(const std::string& event) {
    std::vector<HistoryEvent> out;
    for (auto& h : nzbd::pvr::must(library->history({1, 1000, "", true})).records)
      if (h.event_type == event) out.push_back(h);
    return out;
  }

  struct Failure {
    std::string id, message;
    bool skip;
  };
  testing::TempDir dir;
  std::unique_ptr<Library> library;
  std::unique_ptr<DownloadClientStore> clients;
  std::shared_ptr<FakeDownloadClient> fake = std::make_shared<FakeDownloadClient>();
  std::unique_ptr<DownloadTracker> tracker;
  int builtin_id = 0;
  std::vector<DownloadImportRequest> imports;
  std::string state_during_import;
  std::string import_error;
  int import_count = 1;
  bool partial = false;
  std::vector<Failure> failures;
};

TEST_F(TrackerTest, DownloadingItemFeedsTheQueueSnapshot) {
  track("nzo_1");
  fake->put("nzo_1", "downloading");
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(fake->categories_asked, std::vector<std::string>{"tv"});
  auto snap = tracker->snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].status, "downloading");
  EXPECT_EQ(snap[0].size, 1000);
  EXPECT_EQ(snap[0].size_left, 400);
  EXPECT_EQ(snap[0].time_left_seconds, 30);
  EXPECT_EQ(snap[0].client_name, "nzbd");
  EXPECT_EQ(snap[0].download.state, "downloading");
  EXPECT_TRUE(imports.empty());
}

TEST_F(TrackerTest, CompletedIsImportedExactlyOnce) {
  track("nzo_1");
  fake->put("nzo_1", "completed", "/downloads/complete/Show.S01E01");
  ASSERT_TRUE(tracker->refresh().ok());
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(state_during_import, "importing");
  EXPECT_EQ(imports[0].output_path, "/downloads/complete/Show.S01E01");
  EXPECT_EQ(imports[0].series_id, 5);
  EXPECT_EQ(imports[0].episode_ids, (std::vector<int>{21, 22}));
  EXPECT_EQ(imports[0].release_title, "Show.S01E01E02.720p.HDTV.x264-GRP");
  EXPECT_EQ(imports[0].download_client, "nzbd");
  EXPECT_EQ(state("nzo_1"), "imported");
  // removeCompletedDownloads defaults to true.
  ASSERT_EQ(fake->removed.size(), 1u);
  EXPECT_EQ(fake->removed[0].first, "nzo_1");
  EXPECT_TRUE(tracker->snapshot().empty());

  // The client still reports it (say, the removal failed): no second import.
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(imports.size(), 1u);
}

TEST_F(TrackerTest, CompletedHandlingOffLeavesItAlone) {
  auto c = clients->config();
  c.enable_completed_download_handling = false;
  ASSERT_TRUE(clients->save_config(c).ok());
  track("nzo_1");
  fake->put("nzo_1", "completed", "/x");
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_TRUE(imports.empty());
  EXPECT_EQ(state("nzo_1"), "downloading");
  ASSERT_EQ(tracker->snapshot().size(), 1u);
  EXPECT_EQ(tracker->snapshot()[0].status, "completed");
}

TEST_F(TrackerTest, CompletedWithoutPathWarnsAndWaits) {
  track("nzo_1");
  fake->put("nzo_1", "completed", "");
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_TRUE(imports.empty());
  auto snap = tracker->snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].tracked_status, "warning");
  ASSERT_EQ(snap[0].messages.size(), 1u);
  EXPECT_NE(snap[0].messages[0].messages.at(0).find("intermediate path"), std::string::npos);
}

TEST_F(TrackerTest, RestartAfterImportDoesNotImportAgain) {
  // A crash after the files moved but before "imported" was written.
  auto td = track("nzo_1");
  td.state = "importing";
  ASSERT_TRUE(TrackedDownloads(*library).update(td).ok());
  HistoryEvent h;
  h.series_id = 5;
  h.event_type = "downloadFolderImported";
  h.download_id = "nzo_1";
  for (int episode : {21, 22}) {
    h.episode_id = episode;
    nzbd::pvr::must(library->add_history(h));
  }
  fake->put("nzo_1", "completed", "/x");

  make_tracker();  // the restart
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_TRUE(imports.empty());
  EXPECT_EQ(state("nzo_1"), "imported");
  // Found by the kill -9 torture (phase tv-import): the job and its folder
  // stayed in the client forever. It goes, as after an import not cut short.
  ASSERT_EQ(fake->removed.size(), 1u);
  EXPECT_EQ(fake->removed[0], (std::pair<std::string, bool>{"nzo_1", true}));
}

TEST_F(TrackerTest, APartialImportIsBlockedRetriedAndNeverFailed) {
  track("nzo_1");
  partial = true;
  fake->put("nzo_1", "completed", "/x");
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "importBlocked");
  auto snap = tracker->snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].status, "completed");
  EXPECT_EQ(snap[0].tracked_status, "warning");
  ASSERT_EQ(snap[0].messages.size(), 1u);
  EXPECT_EQ(snap[0].messages[0].messages,
            (std::vector<std::string>{"One or more episodes expected in this release were not imported or missing from the release",
                                      "Show.S01E02.mkv: Invalid season or episode"}));
  EXPECT_TRUE(fake->removed.empty()) << "a blocked download stays in the client";
  // The next refresh tries again; finding nothing more keeps it blocked, not failed.
  import_count = 0;
  partial = false;
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(imports.size(), 2u);
  EXPECT_EQ(state("nzo_1"), "importBlocked");
  EXPECT_TRUE(failures.empty());
  // The missing file turned up: the retry imports it and the download is done.
  import_count = 1;
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "imported");
  EXPECT_EQ(fake->removed.size(), 1u);
}

TEST_F(TrackerTest, RestartAfterAPartialImportBlocksIt) {
  auto td = track("nzo_1");
  td.state = "importing";
  ASSERT_TRUE(TrackedDownloads(*library).update(td).ok());
  HistoryEvent h;
  h.series_id = 5;
  h.episode_id = 21;
  h.event_type = "downloadFolderImported";
  h.download_id = "nzo_1";
  nzbd::pvr::must(library->add_history(h));
  fake->put("nzo_1", "completed", "/x");
  import_count = 0;  // what was left is not importable
  make_tracker();
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "importBlocked");
  EXPECT_TRUE(failures.empty());
}

TEST_F(TrackerTest, RestartBeforeAnyFileImportsOnce) {
  auto td = track("nzo_1");
  td.state = "importing";
  ASSERT_TRUE(TrackedDownloads(*library).update(td).ok());
  fake->put("nzo_1", "completed", "/x");
  make_tracker();
  ASSERT_TRUE(tracker->refresh().ok());
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(imports.size(), 1u);
  EXPECT_EQ(state("nzo_1"), "imported");
}

TEST_F(TrackerTest, CrashBeforeTheTrackedRowIsFoundFromGrabHistory) {
  // The grab wrote its history and the client took the job, then the process died.
  for (int episode : {31, 32}) {
    HistoryEvent h;
    h.series_id = 6;
    h.episode_id = episode;
    h.source_title = "Other.Show.S02E01E02.1080p.WEB-DL-GRP";
    h.quality_id = 3;
    h.event_type = "grabbed";
    h.download_id = "nzo_9";
    h.data = {{"indexer", "Local"}, {"size", "5"}};
    nzbd::pvr::must(library->add_history(h));
  }
  fake->put("nzo_9", "completed", "/downloads/complete/Other");
  fake->put("nzo_untracked", "completed", "/downloads/complete/Manual");  // not ours: left alone
  make_tracker();
  ASSERT_TRUE(tracker->refresh().ok());
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0].download_id, "nzo_9");
  EXPECT_EQ(imports[0].series_id, 6);
  EXPECT_EQ(imports[0].episode_ids, (std::vector<int>{31, 32}));
  EXPECT_EQ(imports[0].quality.id, 3);
  auto td = TrackedDownloads(*library).find(builtin_id, "nzo_9");
  ASSERT_TRUE(td);
  EXPECT_EQ(td->indexer, "Local");
  EXPECT_EQ(td->state, "imported");
  EXPECT_FALSE(TrackedDownloads(*library).find(builtin_id, "nzo_untracked"));
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(imports.size(), 1u);
}

TEST_F(TrackerTest, FailedJobIsMarkedFailedOnceWithHistoryAndCallback) {
  track("nzo_1");
  auto& item = fake->put("nzo_1", "failed");
  item.message = "Aborted, cannot be completed";
  ASSERT_TRUE(tracker->refresh().ok());
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].id, "nzo_1");
  EXPECT_EQ(failures[0].message, "Aborted, cannot be completed");
  EXPECT_FALSE(failures[0].skip);
  auto rows = history_of("downloadFailed");
  ASSERT_EQ(rows.size(), 2u);  // one per episode
  std::map<std::string, std::string> data(rows[0].data.begin(), rows[0].data.end());
  EXPECT_EQ(data["message"], "Aborted, cannot be completed");
  EXPECT_EQ(data["downloadClient"], "nzbd (built-in)");
  EXPECT_EQ(data["downloadClientName"], "nzbd");
  EXPECT_EQ(data["releaseGroup"], "GRP");
  EXPECT_EQ(data["size"], "1000");
  EXPECT_EQ(rows[0].download_id, "nzo_1");
  EXPECT_EQ(rows[0].source_title, "Show.S01E01E02.720p.HDTV.x264-GRP");
  ASSERT_EQ(fake->removed.size(), 1u);  // removeFailedDownloads
  EXPECT_TRUE(imports.empty());
  EXPECT_TRUE(tracker->snapshot().empty());
}

TEST_F(TrackerTest, ImportThatFindsNothingFailsTheDownload) {
  track("nzo_1");
  fake->put("nzo_1", "completed", "/downloads/x");
  import_count = 0;
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].message.find("No files found are eligible for import"), std::string::npos);
  EXPECT_EQ(history_of("downloadFailed").size(), 2u);
}

TEST_F(TrackerTest, ImportErrorFailsTheDownloadWithItsReason) {
  track("nzo_1");
  fake->put("nzo_1", "completed", "/downloads/x");
  import_error = "No video files found in /downloads/x";
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].message, "No video files found in /downloads/x");
}

TEST_F(TrackerTest, JobDeletedInTheClientStopsBeingTracked) {
  track("nzo_1");
  fake->put("nzo_1", "downloading");
  ASSERT_TRUE(tracker->refresh().ok());
  fake->list.clear();
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "downloading");  // one miss may be a job in transit
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(state("nzo_1"), "ignored");
  EXPECT_TRUE(tracker->snapshot().empty());
  EXPECT_TRUE(failures.empty());
  EXPECT_TRUE(history_of("downloadFailed").empty());
}

TEST_F(TrackerTest, UnreachableClientChangesNothing) {
  track("nzo_1");
  fake->error = "Unable to connect to SABnzbd: refused";
  for (int i = 0; i < 3; ++i) {
    auto st = tracker->refresh();
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("refused"), std::string::npos);
  }
  EXPECT_EQ(state("nzo_1"), "downloading");
  auto snap = tracker->snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap[0].tracked_status, "warning");
  ASSERT_EQ(snap[0].messages.size(), 1u);
  EXPECT_NE(snap[0].messages[0].messages.at(0).find("unavailable"), std::string::npos);
  EXPECT_NE(tracker->last_error().find("refused"), std::string::npos);
  fake->error.clear();
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_EQ(tracker->last_error(), "");
}

TEST_F(TrackerTest, DisabledClientIsNotPolled) {
  auto def = clients->get(builtin_id);
  def->enable = false;
  ASSERT_TRUE(clients->update(*def).ok());
  track("nzo_1");
  ASSERT_TRUE(tracker->refresh().ok());
  EXPECT_TRUE(fake->categories_asked.empty());
}

TEST_F(TrackerTest, RemoveByHandIgnoresBlocklistsOrDeletes) {
  auto a = track("a");
  auto b = track("b");
  auto c = track("c");
  ASSERT_TRUE(tracker->remove(a.id, false, false, false).ok());
  EXPECT_EQ(state("a"), "ignored");
  EXPECT_EQ(history_of("downloadIgnored").size(), 2u);
  EXPECT_TRUE(fake->removed.empty());

  ASSERT_TRUE(tracker->remove(b.id, true, true, true).ok());
  EXPECT_EQ(state("b"), "failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].message, "Manually marked as failed");
  EXPECT_TRUE(failures[0].skip);
  ASSERT_EQ(fake->removed.size(), 1u);
  EXPECT_EQ(fake->removed[0], std::make_pair(std::string("b"), true));

  ASSERT_TRUE(tracker->remove(c.id, true, false, false).ok());
  EXPECT_EQ(state("c"), "ignored");
  EXPECT_EQ(history_of("downloadIgnored").size(), 2u);  // removal writes no ignore row
  EXPECT_FALSE(tracker->remove(c.id, true, false, false).ok());  // no longer in the queue
}

}  // namespace
}  // namespace nzbd::pvr
