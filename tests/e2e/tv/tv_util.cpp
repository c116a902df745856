#include "e2e/tv/tv_util.h"

#include <iostream>
#include <thread>

#include "support/http_client.h"

namespace e2etv {
namespace {
constexpr const char* kIndexerKey = "newznab-test-key";
}

void TvE2E::SetUp() {
  tmp_ = std::make_unique<nzbd::test::TempDir>();
  tvmaze_ = std::make_unique<nzbd::sonarr::testing::FakeTvMaze>();
  newznab_ = std::make_unique<nzbd::e2e::FakeNewznab>(kIndexerKey);
  path home = tmp_->path() / "home";
  e2epp::fs::create_directories(home);
  e2epp::fs::create_directories(tv_root());
  nzbd::test::write_text(home / "nzbd.ini", "[misc]\ntvmaze_url = " + tvmaze_->base_url() + "\n");
  daemon_ = std::make_unique<e2epp::Daemon>(home);
  ASSERT_TRUE(daemon_->start());
}

void TvE2E::TearDown() {
  if (HasFailure()) std::cerr << debug_state() << "\n";
  daemon_->stop();
  daemon_.reset();
  newznab_.reset();
  tvmaze_.reset();
  tmp_.reset();
}

std::string TvE2E::debug_state() {
  std::string out = daemon_->debug_state();
  out += "\n--- tv queue: " + sonarr("GET", "/api/v3/queue?pageSize=50").dump();
  out += "\n--- tv history: " + sonarr("GET", "/api/v3/history?pageSize=50").dump();
  out += "\n--- commands: " + sonarr("GET", "/api/v3/command").dump();
  out += "\n--- indexer requests:";
  for (const auto& r : newznab_->requests()) out += "\n  " + r;
  return out;
}

e2epp::fs::path TvE2E::data_dir(const std::string& name) {
  path p = tmp_->path() / "data" / name;
  e2epp::fs::create_directories(p);
  return p;
}

Json TvE2E::sonarr(const std::string& method, const std::string& p, const Json& body, long* status) {
  std::vector<std::string> headers = {"X-Api-Key: " + daemon_->proc().api_key()};
  if (!body.is_null()) headers.push_back("Content-Type: application/json");
  auto r = nzbd::test::http_request(method, daemon_->proc().url() + p, body.is_null() ? "" : body.dump(), headers);
  if (status) *status = r.status;
  if (r.body.empty()) return Json::object();
  return Json::parse(r.body, nullptr, false);
}

int TvE2E::add_series(int profile_id) {
  // Only S01E01 and S01E02 are wanted.
  series_id_ = add_test_series(sonarr_call(), tv_root(), profile_id, {{1, 1}, {1, 2}});
  return series_id_;
}

int TvE2E::episode_id(int season, int number) {
  for (const auto& e : sonarr("GET", "/api/v3/episode?seriesId=" + std::to_string(series_id_)))
    if (e["seasonNumber"] == season && e["episodeNumber"] == number) return e["id"];
  return 0;
}

bool TvE2E::add_indexer() {
  std::string answer;
  bool ok = add_test_indexer(sonarr_call(), newznab_->base_url(), kIndexerKey, &answer);
  if (!ok) ADD_FAILURE() << "POST /indexer -> " << answer;
  return ok;
}

Sonarr TvE2E::sonarr_call() {
  return [this](const std::string& m, const std::string& p, const Json& body, long* st) { return sonarr(m, p, body, st); };
}

std::string TvE2E::post_release(const std::string& name, path* mkv, size_t bytes) {
  path dir = data_dir(name);
  path src = dir / "src";
  e2epp::fs::create_directories(src);
  path file = src / (name + ".mkv");
  nzbd::test::write_random_file(file, bytes, static_cast<unsigned>(std::hash<std::string>{}(name)));
  if (mkv) *mkv = file;
  path set = dir / "set";
  e2epp::fs::create_directories(set);
  std::string archive = (set / (name + ".7z")).string();
  if (!e2epp::must_run("cd " + e2epp::quote(src.string()) + " && 7zz a -bd -mx=0 -v250k " + e2epp::quote(archive) + " " +
                       e2epp::quote(file.filename().string()) + " >/dev/null"))
    return {};
  if (!e2epp::must_run("cd " + e2epp::quote(set.string()) + " && par2 create -q -q -r10 " + e2epp::quote(name + ".par2") +
                       " " + e2epp::quote(name) + ".7z.* >/dev/null"))
    return {};
  std::vector<path> files;
  for (const auto& f : e2epp::fs::directory_iterator(set)) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  return e2epp::post(dir / (name + ".nzb"), files);
}

int TvE2E::seed_missing_search() {
  std::string out = e2epp::run("curl -s -d '{name: \"missingEpisodeSearch\"}' -H \"Content-Type: application/json\" "
                               "-X POST \"" + daemon_->proc().url() + "/api/command?apikey=" +
                               daemon_->proc().api_key() + "\"");
  Json j = Json::parse(out, nullptr, false);
  if (!j.is_object() || !j.contains("id")) {
    ADD_FAILURE() << "the seed's request answered: " << out;
    return 0;
  }
  return j["id"];
}

Json TvE2E::wait_command(int id, std::chrono::seconds timeout) {
  Json c;
  wait_until([&] {
    c = sonarr("GET", "/api/v3/command/" + std::to_string(id));
    return c.is_object() && (c.value("status", "") == "completed" || c.value("status", "") == "failed");
  }, timeout);
  return c;
}

Json TvE2E::run_command(const Json& body) {
  long st = 0;
  Json c = sonarr("POST", "/api/v3/command", body, &st);
  if (st != 201 || !c.contains("id")) {
    ADD_FAILURE() << "POST /command " << body.dump() << " -> " << st << " " << c.dump();
    return Json::object();
  }
  return wait_command(c["id"]);
}

bool TvE2E::wait_until(const std::function<bool()>& pred, std::chrono::seconds timeout) {
  auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(250ms);
  }
  return pred();
}

Json TvE2E::history_of(int episode_id) {
  Json out = Json::array();
  Json page = sonarr("GET", "/api/v3/history?pageSize=200&sortKey=date&sortDirection=descending");
  if (!page.contains("records")) return out;
  for (const auto& r : page["records"])
    if (r.value("episodeId", 0) == episode_id) out.push_back(r);
  return out;
}

std::vector<std::string> TvE2E::history_events(int episode_id) {
  std::vector<std::string> out;
  for (const auto& r : history_of(episode_id)) out.push_back(r.value("eventType", ""));
  return out;
}

}  // namespace e2etv
