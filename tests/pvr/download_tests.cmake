# Tests of src/pvr/download (paths relative to tests/pvr).
set(PVR_DOWNLOAD_TEST_SOURCES
  download/tracked_download_test.cpp
  download/tracker_test.cpp
  download/sabnzbd_client_test.cpp
  download/grab_test.cpp)
