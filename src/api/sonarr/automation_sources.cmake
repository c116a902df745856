include(${CMAKE_CURRENT_LIST_DIR}/import_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/decision_sources.cmake)
# Each automation helper lists its handler files in its own file.
include(${CMAKE_CURRENT_LIST_DIR}/download_sources.cmake)
