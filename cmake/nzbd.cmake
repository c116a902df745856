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
  # For scripts/check_borders.py (ctest build.module_borders): who may include whom.
  set(srcs "")
  foreach(s IN LISTS A_SOURCES)
    get_filename_component(s ${s} ABSOLUTE)
    list(APPEND srcs ${s})
  endforeach()
  list(JOIN srcs "," srcs)
  list(JOIN A_DEPS "," deps)
  set_property(GLOBAL APPEND PROPERTY NZBD_LIBRARY_LINES "${A_NAME}|${CMAKE_CURRENT_SOURCE_DIR}|${srcs}|${deps}")
endfunction()

# The libraries nzbd_library made, one a line (name|folder|sources|deps), for
# the include border check.
function(nzbd_write_library_list file)
  get_property(lines GLOBAL PROPERTY NZBD_LIBRARY_LINES)
  if(TARGET nzbd)
    get_target_property(dir nzbd SOURCE_DIR)
    get_target_property(srcs nzbd SOURCES)
    get_target_property(deps nzbd LINK_LIBRARIES)
    list(TRANSFORM srcs PREPEND ${dir}/)
    list(JOIN srcs "," srcs)
    list(JOIN deps "," deps)
    list(APPEND lines "nzbd|${dir}|${srcs}|${deps}")
  endif()
  list(JOIN lines "\n" text)
  file(WRITE ${file} "${text}\n")
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
  if(NZBD_STRICT)
    target_compile_options(test_${A_NAME} PRIVATE ${NZBD_TEST_STRICT_FLAGS})
  endif()
  target_compile_definitions(test_${A_NAME} PRIVATE
    NZBD_SOURCE_DIR="${CMAKE_SOURCE_DIR}" NZBD_BINARY_DIR="${CMAKE_BINARY_DIR}"
    NZBD_BIN="${CMAKE_BINARY_DIR}/bin/nzbd")
  gtest_discover_tests(test_${A_NAME} DISCOVERY_MODE PRE_TEST
    PROPERTIES TIMEOUT 900 ${A_PROPERTIES})
endfunction()
