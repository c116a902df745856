# Test files of the TV automation resources; each part lists its own.
include(${CMAKE_CURRENT_LIST_DIR}/indexer_tests.cmake)
