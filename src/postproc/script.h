// Running a user's post-processing script the way SABnzbd does: the script
// from script_dir gets SABnzbd's eight positional arguments and SAB_*
// environment, runs in the job's final folder in a process group of its own,
// and is ended when it outlives its time limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace nzbd::postproc {

struct ScriptJob {
  std::string script_name;            // plain file name inside script_dir
  std::filesystem::path script_dir;
  std::filesystem::path final_dir;    // arg 1, SAB_COMPLETE_DIR
  std::string nzb_name;               // arg 2, SAB_FILENAME (original NZB file name)
  std::string job_name;               // arg 3, SAB_FINAL_NAME (clean name, no ".nzb")
  std::string category;               // arg 5, SAB_CAT
  std::string group;                  // arg 6, SAB_GROUP
  std::string nzo_id, password, fail_message;
  std::string status = "Completed";   // SAB_STATUS: "Completed" / "Failed"
  std::string url;                    // SAB_URL: where the NZB came from (addurl)
  std::string sab_version = "4.5.1";  // SAB_VERSION: pass the API's version string
  int pp_status = 0;  // arg 7: 0 OK, 1 verify failed, 2 unpack failed, 3 both, -1 failed pp
  int pp = 3;         // SAB_PP; also SAB_REPAIR (pp>=1) and SAB_UNPACK (pp>=2)
  int priority = 0;
  int64_t bytes = 0, bytes_downloaded = 0, age_seconds = 0, avg_bps = 0;
};

struct ScriptResult {
  // The script's exit status; when a signal ended it, minus the signal number
  // (as SABnzbd's Python reports it: "Script returned exit code -15").
  int exit_code = 0;
  bool timed_out = false;
  std::string output;     // stdout+stderr interleaved; the last 1 MiB, valid UTF-8
  std::string last_line;  // last non-empty output line, trimmed (SABnzbd's script_line)
};

// Most output kept; older output is dropped and a note says how much.
inline constexpr std::size_t kMaxScriptOutput = 1 << 20;

// True for a name SABnzbd would offer as a script: a plain, non-hidden file
// name ("None" means no script and is not one).
bool is_valid_script_name(std::string_view name);

// The runnable scripts in script_dir, sorted (for the get_scripts API and the
// category/job script options). Does not include "None".
std::vector<std::string> list_user_scripts(const std::filesystem::path& script_dir);

// Runs script_dir/script_name with SABnzbd's arguments and environment:
//   argv: script, final_dir, nzb_name, job_name, "" (report number), category,
//         group, pp_status, "" (failure URL)
//   env:  the daemon's own environment (minus any SAB_* it had) plus
//         SAB_SCRIPT SAB_NZO_ID SAB_FINAL_NAME SAB_FILENAME SAB_COMPLETE_DIR
//         SAB_PP_STATUS SAB_CAT SAB_BYTES SAB_BYTES_TRIED (= bytes downloaded)
//         SAB_BYTES_DOWNLOADED SAB_DUPLICATE (always 0) SAB_PASSWORD SAB_STATUS
//         SAB_AGE SAB_URL SAB_FAILURE_URL ("") SAB_AVG_BPS SAB_FAIL_MSG
//         SAB_GROUP SAB_PRIORITY SAB_PP SAB_REPAIR SAB_UNPACK SAB_VERSION
//         SAB_PROGRAM_DIR (folder of the nzbd binary) and SAB_PAR2_COMMAND,
//         SAB_RAR_COMMAND, SAB_ZIP_COMMAND, SAB_7ZIP_COMMAND (par2, unrar,
//         unzip, 7zz/7z found on PATH, else empty). Not set: SAB_ORIG_NZB_GZ,
//         SAB_MULTIPAR_COMMAND (Windows only), SAB_ENCRYPTED/OVERSIZED etc.
// The script must be executable; if it is not, a ".sh" runs with /bin/sh and a
// ".py" with python3. cwd is final_dir (script_dir when final_dir is missing),
// stdin is /dev/null. A timeout of zero or less means no limit; on timeout the
// whole process group gets SIGTERM, then SIGKILL 3 s later. When the script
// itself has exited, output is read until the pipe closes; background children
// still holding the pipe after a short wait are ended the same way (children
// that closed their output are left alone, as SABnzbd does).
// Errors (bad name, missing or non-runnable file, spawn failure) are values;
// a script that ran and failed is a ScriptResult with exit_code != 0.
// Needs SIGCHLD not set to SIG_IGN (the exit status is collected here).
nzbd::Result<ScriptResult> run_user_script(const ScriptJob& job, std::chrono::seconds timeout);

// SABnzbd's failure text for a result ("Script returned exit code 2"; a
// timeout says so), or "" when the script succeeded. Whether it fails the job
// is the caller's choice (script_can_fail).
std::string script_failure_message(const ScriptResult& result, std::chrono::seconds timeout);

}  // namespace nzbd::postproc
