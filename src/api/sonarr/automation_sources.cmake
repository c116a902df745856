include(${CMAKE_CURRENT_LIST_DIR}/import_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/decision_sources.cmake)
