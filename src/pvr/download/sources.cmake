# The TV side's download clients (provider rows, SABnzbd over HTTP) and the
# tracking of what it grabbed (paths relative to src/pvr).
set(PVR_DOWNLOAD_SOURCES
  download/tracked_download.cpp
  download/client_store.cpp
  download/sabnzbd_client.cpp
  download/tracker.cpp
  download/grab.cpp)
