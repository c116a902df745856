# Faults on the wire: nzbd against the rig's INN2 through the fault proxy
# (tests/support/fault_proxy.h). Short form for CI; bench/soak/run.sh is the long one.
set(E2E_FAULTS ${CMAKE_CURRENT_LIST_DIR})
nzbd_test(NAME e2e_faults
  SOURCES ${E2E_FAULTS}/fault_util.cpp ${E2E_FAULTS}/two_servers_test.cpp ${E2E_FAULTS}/faulty_only_test.cpp
          ${E2E_FAULTS}/leaks_test.cpp
          ${CMAKE_SOURCE_DIR}/tests/e2e/download/rig_util.cpp
  DEPS nzbd_testsupport nzbd_rigsupport nzbd_faultproxy nlohmann_json::nlohmann_json
  PROPERTIES FIXTURES_REQUIRED rig RESOURCE_LOCK rig)
add_dependencies(test_e2e_faults nzbd)
target_compile_options(test_e2e_faults PRIVATE -Wno-missing-field-initializers)

# The proxy on its own, in front of the in-test fake server: no rig needed.
nzbd_test(NAME fault_proxy
  SOURCES ${E2E_FAULTS}/proxy_test.cpp ${CMAKE_SOURCE_DIR}/tests/support/fake_nntp_server.cpp
  DEPS nzbd_faultproxy OpenSSL::SSL OpenSSL::Crypto)
target_compile_options(test_fault_proxy PRIVATE -Wno-missing-field-initializers)
