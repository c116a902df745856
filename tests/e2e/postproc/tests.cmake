# End-to-end post-processing tests: posts made with nyuu to Debian's INN2 (the
# `rig` fixture), downloaded and post-processed by the real nzbd binary.
set(E2E_PP ${CMAKE_CURRENT_LIST_DIR})
nzbd_test(NAME e2e_postproc
  SOURCES ${E2E_PP}/pp_util.cpp ${E2E_PP}/archive_test.cpp ${E2E_PP}/flow_test.cpp
  DEPS nzbd_testsupport nzbd_rigsupport nlohmann_json::nlohmann_json OpenSSL::Crypto
  PROPERTIES FIXTURES_REQUIRED rig RESOURCE_LOCK rig)
add_dependencies(test_e2e_postproc nzbd)
