# Sonarr API files of the decision engine: /blocklist, /releaseprofile, /delayprofile and the
# ReleaseResource writer. Included by automation_sources.cmake.
list(APPEND SONARR_AUTOMATION_SOURCES
  release_resource.cpp
  blocklist_handlers.cpp
  releaseprofile_handlers.cpp
  delayprofile_handlers.cpp)
