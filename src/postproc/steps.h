// The steps of post-processing, each a function of the job and its history
// row, so the pipeline in postproc.cpp reads as the list of what happens.
#pragma once

#include <functional>

#include <filesystem>
#include <string>

#include "config/config.h"
#include "history/history.h"
#include "queue/queue.h"

namespace nzbd::postproc {

struct JobContext {
  queue::FinishedJob& job;
  history::Entry& entry;
  const config::Config& config;  // a snapshot taken when the job started
  std::filesystem::path work_dir;  // where the files are now
  std::string fail;                // set by a step that failed
  std::function<bool()> cancelled; // true once the user cancelled this job's post-processing
};

// complete_dir, or the job's category's dir (absolute, or under complete_dir).
std::filesystem::path category_folder(const config::Config& c, const queue::Job& job);
// Folder a finished job goes to: the category folder and the job name.
std::filesystem::path final_folder(const config::Config& c, const queue::Job& job);
// Moves every file of work_dir into a new unique folder, or into the folder a
// sorter names for the job (renaming its files as the sorter says); sets entry.storage.
// Without a sorter the target is announced first (`storage` set, then
// `before_move`), so a restart after a kill finds the files there: `to`
// appears only complete (util's move_path).
Status move_to_final(JobContext& ctx, const std::function<void()>& before_move);
// Checks the articles: fails the job when data is missing and nothing can repair it.
void check_completeness(JobContext& ctx);

// SABnzbd's pp letters for the history ("", "R", "U", "D").
std::string pp_letters(int pp);
void add_stage(history::Entry& e, const std::string& stage, const std::string& action);

}  // namespace nzbd::postproc
