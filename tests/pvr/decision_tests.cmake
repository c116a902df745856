# Decision engine tests (paths relative to tests/pvr), included by tests/pvr/CMakeLists.txt.
set(PVR_DECISION_TEST_SOURCES
  decision/decision_maker_test.cpp
  decision/specs_test.cpp
  decision/specs_disk_indexer_test.cpp
  decision/blocklist_test.cpp
  decision/specs_delay_test.cpp)
