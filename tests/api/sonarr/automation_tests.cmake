include(${CMAKE_CURRENT_LIST_DIR}/import_tests.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/decision_tests.cmake)
