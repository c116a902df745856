// Must NOT compile: "downlod_dir" is not an option (see tests/config/CMakeLists.txt).
#include "config/key.h"

nzbd::config::Key typo() { return "downlod_dir"; }
