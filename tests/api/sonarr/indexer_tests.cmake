# /indexer and /config/indexer API tests with a Beast fake Newznab server
# (paths relative to tests/api/sonarr).
list(APPEND SONARR_AUTOMATION_TEST_SOURCES
  fake_newznab.cpp
  indexer_api_test.cpp)
# Beast and the precompiled json/gtest headers do not mix (as fake_tvmaze.cpp).
set_source_files_properties(fake_newznab.cpp PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
