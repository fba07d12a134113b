# Size and stack report of the freestanding library, on request (not part of "all"):
#   cmake --build build --target size-report   ->  build/size-report.txt
# scripts/cross-build.sh all builds libvdisc-freestanding.a per architecture (-Os, the cross
# flags of cmake/toolchains/common.cmake) and prints, per architecture, .text/.data/.bss of the
# library and of libfdt (size -t), the external symbols, the largest stack frames
# (-fstack-usage) and the worst call chains from every public entry point
# (-fcallgraph-info=su, tests/cross/stack-report.py).  The numbers are recorded in
# tests/cross/README.md and docs/ARCHITECTURE.md.
find_program(BASH bash REQUIRED)
add_custom_target(size-report
  COMMAND ${CMAKE_COMMAND} -E env VDISC_CROSS_BUILD_ROOT=${PROJECT_BINARY_DIR}
          ${BASH} -o pipefail -c "'${PROJECT_SOURCE_DIR}/scripts/cross-build.sh' all | tee '${PROJECT_BINARY_DIR}/size-report.txt'"
  COMMENT "Size and stack report of libvdisc-freestanding (scripts/cross-build.sh all)"
  USES_TERMINAL VERBATIM)
