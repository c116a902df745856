# Release-name parser tests, included by tests/pvr/CMakeLists.txt (paths relative to tests/pvr).
# The table of cases is tests/data/parser/cases.tsv (read at run time via NZBD_SOURCE_DIR).
set(PVR_PARSER_TEST_SOURCES
  parser_cases_test.cpp
  parser_quality_test.cpp
  parser_misc_test.cpp
  sonarr_cases_test.cpp)
