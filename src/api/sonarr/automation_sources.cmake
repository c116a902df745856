include(${CMAKE_CURRENT_LIST_DIR}/import_sources.cmake)
