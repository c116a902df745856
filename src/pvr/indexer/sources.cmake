# The indexer side of the TV automation (paths relative to src/pvr):
# indexer rows and status, the Newznab client, and the factory the search
# code calls.
set(PVR_INDEXER_SOURCES
  indexer/indexer_store.cpp
  indexer/indexer_status.cpp
  indexer/indexer_factory.cpp
  indexer/newznab.cpp
  indexer/newznab_requests.cpp
  indexer/newznab_caps.cpp
  indexer/newznab_feed.cpp
  indexer/newznab_text.cpp)
