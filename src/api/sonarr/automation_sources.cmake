# Each automation part lists its handler files in its own file.
include(${CMAKE_CURRENT_LIST_DIR}/import_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/decision_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/download_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/search_sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/indexer_sources.cmake)
