// What one trial keeps between the kill and the checks after the restart
// (shared by torture_trial.cpp and torture_verdict.cpp).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "e2e/torture/torture_actors.h"
#include "e2e/torture/torture_set.h"
#include "e2e/torture/torture_trial.h"

namespace nzbd::test::torture {

struct Torture::Kill {
  std::string seen;  // the job's status when the phase was seen (or when it ended first)
  int delay_ms = 0;
};

struct Torture::Work {
  PostedSet archive, plain, racing;
  std::string archive_id, plain_id;
  std::map<std::string, const PostedSet*> answered;  // nzo_id -> its set
  std::map<std::string, size_t> count_at_kill;       // message-id -> BODY requests
  std::set<std::string> durable;                     // message-ids a restart must not fetch
  std::vector<std::string> deleted;                  // history deletes the API acknowledged
  std::unique_ptr<ConfigWriter> config;
  std::unique_ptr<HistoryDeleter> deleter;
  // Phase tv-import: the grabbed release, its job, what the series folder held at the kill.
  PostedSet video;
  std::string tv_title, tv_nzo;
  std::filesystem::path tv_job;  // its folder in the complete folder
  int nzb_downloads_before = 0;
};

}  // namespace nzbd::test::torture
