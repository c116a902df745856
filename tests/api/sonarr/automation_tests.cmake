# Each automation helper lists its API test files in its own file.
include(${CMAKE_CURRENT_LIST_DIR}/download_tests.cmake)
