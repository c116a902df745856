include(${CMAKE_CURRENT_LIST_DIR}/decision_tests.cmake)
