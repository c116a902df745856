// Must compile: the same shape as key_typo.cpp with real option names, so the
// typo check fails for the typo and not for the harness.
#include "config/key.h"

nzbd::config::Key known() { return "download_dir"; }
nzbd::config::Key notifier_prio() { return "nscript_prio_complete"; }
nzbd::config::Key logging() { return "log_level"; }
