# Indexer tests (paths relative to tests/pvr): the Newznab client against
# canned replies, feed/caps/NZB parsing incl. hostile documents, and the
# indexer store with its back-off and factory.
set(PVR_INDEXER_TEST_SOURCES
  indexer/newznab_test.cpp
  indexer/newznab_feed_test.cpp
  indexer/newznab_fetch_test.cpp
  indexer/indexer_store_test.cpp)
