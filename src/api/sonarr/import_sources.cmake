# Naming, media management and rename resources (paths relative to src/api/sonarr).
list(APPEND SONARR_AUTOMATION_SOURCES
  naming_handlers.cpp)
