// The steps of post-processing, each a function of the job and its history
// row, so the pipeline in postproc.cpp reads as the list of what happens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "history/history.h"
#include "queue/queue.h"

namespace nzbd::postproc {

struct JobContext {
  queue::FinishedJob& job;
  history::Entry& entry;
  const config::Config& config;  // a snapshot taken when the job started
  std::filesystem::path work_dir;  // where the files are now
  std::string fail;                // the first step that failed says why
  std::function<bool()> cancelled; // true once the user cancelled this job's post-processing
  bool handed_back = false;        // a step gave the job back to the queue: nothing else runs
};

// One step of post-processing. A failed Status fails the job: its message is
// the fail_message history shows (the first failure wins), and from there on
// only the steps that must run for a failed job too (the script) still run.
struct Step {
  enum class Runs { UnlessFailed, Always };
  const char* name;                // for the log
  Runs runs = Runs::UnlessFailed;
  bool cancel_point = false;       // a cancel is taken up before this step (with `cancelled_reason`)
  std::function<Status()> run;
};
// Runs `steps` in order, until one hands the job back.
void run_steps(const std::vector<Step>& steps, JobContext& ctx, const std::string& cancelled_reason);

// The history row a job starts post-processing with.
history::Entry entry_for(const queue::FinishedJob& f);
// Seconds since the epoch, as history stores times.
int64_t unix_now();

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
// Checks the articles: fails when data is missing and nothing can repair it.
Status check_completeness(JobContext& ctx);

// SABnzbd's pp letters for the history ("", "R", "U", "D").
std::string pp_letters(int pp);
void add_stage(history::Entry& e, const std::string& stage, const std::string& action);

}  // namespace nzbd::postproc
