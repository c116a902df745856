# End-to-end download tests: the real nzbd binary against Debian's INN2 (the
# `rig` fixture) and, for fault cases, the in-test fake NNTP server.
set(E2E_DL ${CMAKE_CURRENT_LIST_DIR})
nzbd_test(NAME e2e_download
  SOURCES ${E2E_DL}/rig_util.cpp ${E2E_DL}/local_http.cpp ${E2E_DL}/download_test.cpp
          ${E2E_DL}/servers_test.cpp ${E2E_DL}/raw_articles_test.cpp ${E2E_DL}/guards_test.cpp
          ${E2E_DL}/automation_test.cpp
          ${CMAKE_SOURCE_DIR}/tests/support/fake_nntp_server.cpp
  DEPS nzbd_testsupport nzbd_rigsupport nlohmann_json::nlohmann_json OpenSSL::SSL OpenSSL::Crypto ZLIB::ZLIB
  PROPERTIES FIXTURES_REQUIRED rig RESOURCE_LOCK rig)
target_compile_options(test_e2e_download PRIVATE -Wno-missing-field-initializers)
add_dependencies(test_e2e_download nzbd)
