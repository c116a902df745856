# The web UI in Debian's chromium, driven by playwright-core, against the real
# binary. One ctest entry per *.test.mjs; files named *.rig.test.mjs download
# from the test INN2 and hold its lock.
file(GLOB NZBD_WEBUI_TESTS ${CMAKE_CURRENT_LIST_DIR}/*.test.mjs)
set(NZBD_WEBUI_ENV "NZBD_BIN=${CMAKE_BINARY_DIR}/bin/nzbd;NZBD_NODE_MODULES=${CMAKE_SOURCE_DIR}/tests/rig/node_modules;NZBD_SCREENSHOT_DIR=${CMAKE_BINARY_DIR}/webui-screenshots;NZBD_RIG_DIR=${NZBD_RIG_DIR};NZBD_RIG_PORT=${NZBD_RIG_PORT};NZBD_RIG_AUTH_PORT=${NZBD_RIG_AUTH_PORT};NZBD_RIG_SCRIPTS=${CMAKE_SOURCE_DIR}/tests/rig")
foreach(file IN LISTS NZBD_WEBUI_TESTS)
  get_filename_component(name ${file} NAME)
  string(REGEX REPLACE "\\.test\\.mjs$" "" name ${name})
  string(REPLACE "." "_" name ${name})
  add_test(NAME webui_${name} COMMAND node --test --test-reporter=spec --test-concurrency=1 ${file}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(webui_${name} PROPERTIES ENVIRONMENT "${NZBD_WEBUI_ENV}" TIMEOUT 600)
  if(file MATCHES "\\.rig\\.test\\.mjs$")
    set_tests_properties(webui_${name} PROPERTIES FIXTURES_REQUIRED rig RESOURCE_LOCK rig)
  endif()
endforeach()
