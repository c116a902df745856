# The npm client sabnzbd-api against the real binary (no news server needed).
file(GLOB NZBD_SABCLIENT_TESTS ${CMAKE_CURRENT_LIST_DIR}/*.test.mjs)
add_test(NAME e2e_sabclient
  COMMAND node --test --test-reporter=spec ${NZBD_SABCLIENT_TESTS}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(e2e_sabclient PROPERTIES
  ENVIRONMENT "NZBD_BIN=${CMAKE_BINARY_DIR}/bin/nzbd;NZBD_NODE_MODULES=${CMAKE_SOURCE_DIR}/tests/rig/node_modules"
  TIMEOUT 300)
