# nzbd_library(NAME name SOURCES ... [DEPS ...])
#   A static library nzbd_<name> (alias nzbd::<name>) whose public headers are
#   included as "<module>/<header>.h" from src/.
function(nzbd_library)
  cmake_parse_arguments(A "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(nzbd_${A_NAME} STATIC ${A_SOURCES})
  add_library(nzbd::${A_NAME} ALIAS nzbd_${A_NAME})
  target_include_directories(nzbd_${A_NAME} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(nzbd_${A_NAME} PUBLIC ${A_DEPS} Threads::Threads)
  nzbd_strict_warnings(nzbd_${A_NAME} ${A_NAME})
endfunction()

# nzbd_strict_warnings(target module)
#   In the test build (NZBD_STRICT), the stricter warnings, as errors, for every
#   module that is not (yet) in NZBD_LAX_MODULES.
function(nzbd_strict_warnings target module)
  if(NZBD_STRICT AND NOT module IN_LIST NZBD_LAX_MODULES)
    target_compile_options(${target} PRIVATE ${NZBD_STRICT_FLAGS})
  endif()
endfunction()

# nzbd_test(NAME name SOURCES ... [DEPS ...] [PROPERTIES ...])
#   A GoogleTest executable test_<name>; every TEST is its own ctest entry.
#   PROPERTIES are ctest properties for every entry (e.g. FIXTURES_REQUIRED rig).
function(nzbd_test)
  cmake_parse_arguments(A "" "NAME" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  add_executable(test_${A_NAME} ${A_SOURCES})
  target_link_libraries(test_${A_NAME} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main Threads::Threads)
  target_include_directories(test_${A_NAME} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/tests)
  target_compile_definitions(test_${A_NAME} PRIVATE
    NZBD_SOURCE_DIR="${CMAKE_SOURCE_DIR}" NZBD_BINARY_DIR="${CMAKE_BINARY_DIR}"
    NZBD_BIN="${CMAKE_BINARY_DIR}/bin/nzbd")
  gtest_discover_tests(test_${A_NAME} DISCOVERY_MODE PRE_TEST
    PROPERTIES TIMEOUT 900 ${A_PROPERTIES})
endfunction()
