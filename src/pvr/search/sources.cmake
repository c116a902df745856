# Search and grab (paths relative to src/pvr).
set(PVR_SEARCH_SOURCES
  search/criteria.cpp
  search/search_service.cpp
  search/pending.cpp)
