# End-to-end TV automation: the real nzbd against INN2 (the `rig` fixture),
# a fake TVMaze and a fake Newznab indexer whose NZBs are real nyuu posts.
set(E2E_TV ${CMAKE_CURRENT_LIST_DIR})
nzbd_test(NAME e2e_tv
  SOURCES ${E2E_TV}/fake_newznab.cpp ${E2E_TV}/tv_setup.cpp ${E2E_TV}/tv_util.cpp ${E2E_TV}/tv_flow_test.cpp
          ${E2E_TV}/tv_fault_test.cpp ${E2E_TV}/tv_remote_test.cpp
          ${CMAKE_SOURCE_DIR}/tests/e2e/postproc/pp_util.cpp ${CMAKE_SOURCE_DIR}/tests/api/sonarr/fake_tvmaze.cpp
  DEPS nzbd_testsupport nzbd_rigsupport nlohmann_json::nlohmann_json OpenSSL::Crypto Boost::boost
  PROPERTIES FIXTURES_REQUIRED rig RESOURCE_LOCK rig)
target_include_directories(test_e2e_tv PRIVATE ${CMAKE_SOURCE_DIR}/tests/api/sonarr)
add_dependencies(test_e2e_tv nzbd)
