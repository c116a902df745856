# The download side of the automation: /downloadclient, /config/downloadclient
# and the real /queue (queue_handlers.cpp stays in the main list).
list(APPEND SONARR_AUTOMATION_SOURCES downloadclient_handlers.cpp)
