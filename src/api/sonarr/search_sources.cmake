# Search, grab and schedule: the search commands, /release, /system/task and the wiring.
list(APPEND SONARR_AUTOMATION_SOURCES
  automation.cpp
  search_commands.cpp
  release_handlers.cpp
  scheduler.cpp
  task_handlers.cpp)
