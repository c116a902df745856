# The fault-injecting NNTP proxy (fault_proxy.h): a library for the tests and
# the program nntp_fault_proxy for bench/soak. Included from tests/support and,
# in a benchmark-only build, from bench/soak.
set(NZBD_FP ${CMAKE_SOURCE_DIR}/tests/support)
add_library(nzbd_faultproxy STATIC ${NZBD_FP}/fault_proxy.cpp ${NZBD_FP}/fault_proxy_relay.cpp
  ${NZBD_FP}/fault_proxy_wire.cpp)
target_include_directories(nzbd_faultproxy PUBLIC ${CMAKE_SOURCE_DIR}/tests)
target_link_libraries(nzbd_faultproxy PUBLIC Threads::Threads)
add_executable(nntp_fault_proxy ${NZBD_FP}/fault_proxy_main.cpp)
target_link_libraries(nntp_fault_proxy PRIVATE nzbd_faultproxy)
set_target_properties(nntp_fault_proxy PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
if(NZBD_STRICT)
  target_compile_options(nzbd_faultproxy PRIVATE ${NZBD_TEST_STRICT_FLAGS})
  target_compile_options(nntp_fault_proxy PRIVATE ${NZBD_TEST_STRICT_FLAGS})
endif()
