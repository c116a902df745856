# API tests of the download side (/downloadclient, /config/downloadclient, /queue).
list(APPEND SONARR_AUTOMATION_TEST_SOURCES download_api_test.cpp)
