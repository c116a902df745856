// What the queue's release guards (no_dupes, pause_on_pwrar, unwanted
// extensions inside archives) need from the rest of the daemon: a look into
// the history by name and a reader of RAR headers. The queue knows neither
// module; the daemon hands them over here.
#pragma once

#include "config/store.h"
#include "history/history.h"
#include "queue/queue.h"

namespace nzbd::daemon {

// SABnzbd's smart-duplicate key of a job name: "showname/1/5" (episodes
// joined by "-"), "showname/2024-03-05" for a daily show, "/proper" added for
// a PROPER/REPACK/REAL when `mark_proper` (dupes_propercheck); "" when the
// name is not an episode.
std::string duplicate_key_of(const std::string& name, bool mark_proper = true);

// Encryption flags and entry names of a RAR volume; nullopt when the file is not RAR.
std::optional<queue::ArchiveFacts> inspect_rar(const std::filesystem::path& file);

void install_release_guards(queue::Queue& queue, history::History& history, config::ConfigStore& config);

}  // namespace nzbd::daemon
