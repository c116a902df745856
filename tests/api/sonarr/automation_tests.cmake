# Each automation part lists its API test files in its own file.
include(${CMAKE_CURRENT_LIST_DIR}/import_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/decision_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/download_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/indexer_tests.cmake)
