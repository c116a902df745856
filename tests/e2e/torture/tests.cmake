# kill -9 torture of the real binary against the in-test news server (no INN2
# rig needed): a short run here, long runs with bench/torture/run.sh N.
set(E2E_TORTURE ${CMAKE_CURRENT_LIST_DIR})
nzbd_test(NAME e2e_torture
  SOURCES ${E2E_TORTURE}/torture_test.cpp ${E2E_TORTURE}/torture_trial.cpp ${E2E_TORTURE}/torture_verdict.cpp
          ${E2E_TORTURE}/torture_set.cpp ${E2E_TORTURE}/torture_checks.cpp ${E2E_TORTURE}/torture_api.cpp
          ${E2E_TORTURE}/torture_actors.cpp ${E2E_TORTURE}/torture_regression_test.cpp
          ${E2E_TORTURE}/torture_tv.cpp ${E2E_TORTURE}/torture_tv_trial.cpp ${CMAKE_SOURCE_DIR}/tests/e2e/tv/tv_setup.cpp
          ${CMAKE_SOURCE_DIR}/tests/e2e/tv/fake_newznab.cpp ${CMAKE_SOURCE_DIR}/tests/api/sonarr/fake_tvmaze.cpp ${CMAKE_SOURCE_DIR}/tests/support/fake_nntp_server.cpp
  DEPS nzbd_testsupport nzbd::queue nlohmann_json::nlohmann_json SQLite::SQLite3 OpenSSL::SSL OpenSSL::Crypto
       ZLIB::ZLIB Boost::boost
  PROPERTIES TIMEOUT 300)
add_dependencies(test_e2e_torture nzbd)
target_include_directories(test_e2e_torture PRIVATE ${CMAKE_SOURCE_DIR}/tests/api/sonarr)
