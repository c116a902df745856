# Import, naming and rename tests (paths relative to tests/pvr).
set(PVR_IMPORT_TEST_SOURCES
  import/naming_test.cpp
  import/download_import_test.cpp
  import/rename_test.cpp)
