# Naming, media management and rename API tests (paths relative to tests/api/sonarr).
list(APPEND SONARR_AUTOMATION_TEST_SOURCES
  naming_api_test.cpp)
