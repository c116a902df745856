# The x86 SIMD kernels (yEnc decode, PAR2 region multiply), chosen at run time
# by CPU. OFF, or any other CPU family, builds the portable scalar code only
# (as on ARM); the tests then run that path. Included by the top CMakeLists.txt
# and by the standalone bench/par2 build, which otherwise measures the scalar
# kernel only.
option(NZBD_SIMD "Build the x86 SIMD kernels" ON)
if(NZBD_SIMD AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i[3-6]86)$")
  set(NZBD_X86_SIMD ON)
  add_compile_definitions(NZBD_X86_SIMD=1)
else()
  set(NZBD_X86_SIMD OFF)
endif()
