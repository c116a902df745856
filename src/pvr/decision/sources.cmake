# The decision engine (paths relative to src/pvr), included by src/pvr/CMakeLists.txt.
set(PVR_DECISION_SOURCES
  decision/decision_maker.cpp
  decision/mapping.cpp
  decision/comparer.cpp
  decision/upgradable.cpp
  decision/specs_release.cpp
  decision/specs_quality.cpp
  decision/specs_search.cpp
  decision/specs_history.cpp
  decision/specs_disk.cpp
  decision/specs_indexer.cpp
  decision/quality_json.cpp
  decision/blocklist.cpp
  decision/release_profiles.cpp
  decision/delay_profiles.cpp
  decision/pending_releases.cpp
  decision/specs_delay.cpp)
