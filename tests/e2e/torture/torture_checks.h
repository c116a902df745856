// What a torture trial checks on disk, each a count that must be zero.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "e2e/torture/torture_set.h"

namespace nzbd::test::torture {

// The message-ids whose data the queue recorded durably for job `nzo_id`:
// the ones with a "written" record in admin/queue/<nzo_id>/journal.bin (the
// journal is appended after the article's bytes were pwritten, so with the
// process dead these are the articles a restart must not fetch again).
// `record_gone` is set when the queue's record of the job no longer exists
// (the job was final in history): then nothing of it may be fetched again.
std::set<std::string> journaled_ids(const std::filesystem::path& admin, const std::string& nzo_id,
                                    const PostedSet& set, bool& record_gone);

// "ok" or SQLite's first complaint (also when the file cannot be opened).
std::string integrity_check(const std::filesystem::path& db);

// Files a finished, idle daemon must not leave behind: atomic-write temps
// (*.tmp-*, *.tmp), *.partial, direct-unpack folders (.nzbd-*), and any
// job folder under `incomplete` once the queue is empty.
std::vector<std::filesystem::path> leftovers(const std::filesystem::path& home, const std::filesystem::path& incomplete,
                                             const std::filesystem::path& complete);

// The paths under `storage` that differ from `expected` (missing or other bytes).
std::vector<std::string> output_mismatches(const std::filesystem::path& storage, const PostedSet& set);

}  // namespace nzbd::test::torture
