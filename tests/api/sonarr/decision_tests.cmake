# API tests of the decision engine's resources. Included by automation_tests.cmake.
list(APPEND SONARR_AUTOMATION_TEST_SOURCES
  decision_api_test.cpp
  delay_api_test.cpp)
