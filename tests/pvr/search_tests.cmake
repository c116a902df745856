# Search and grab tests (paths relative to tests/pvr).
set(PVR_SEARCH_TEST_SOURCES
  search/criteria_test.cpp
  search/search_service_test.cpp
  search/pending_test.cpp)
