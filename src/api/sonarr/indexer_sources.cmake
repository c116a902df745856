# /indexer, /indexer/schema|test|testall, /config/indexer and the indexer
# health checks (paths relative to src/api/sonarr).
list(APPEND SONARR_AUTOMATION_SOURCES
  indexer_handlers.cpp
  indexer_json.cpp)
