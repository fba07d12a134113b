# virtio-mmio: the register probe against a fake register file decoded at
# the kernel's <linux/virtio_mmio.h> offsets (Debian linux-libc-dev), and the
# virtio_mmio.device= command-line parser.  Included from
# tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_virtio_mmio ${CMAKE_CURRENT_LIST_DIR}/test_virtio_mmio.c)
target_link_libraries(test_virtio_mmio PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_virtio_mmio)
add_test(NAME test_virtio_mmio COMMAND test_virtio_mmio)

# The fuzz target (tests/fuzz/fuzz_virtio_cmdline.c) as a plain program, so
# that it compiles under every toolchain's -Werror, replayed over the
# command-line regressions (tests/fuzz/regressions/virtio-cmdline-*), if any.
add_executable(fuzz_virtio_cmdline_replay ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_virtio_cmdline.c
                                          ${CMAKE_CURRENT_LIST_DIR}/../fuzz/replay_main.c)
target_link_libraries(fuzz_virtio_cmdline_replay PRIVATE vdisc_core)
vdisc_strict_warnings(fuzz_virtio_cmdline_replay)
file(GLOB VDISC_VIRTIO_CMDLINE_REGRESSIONS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/../fuzz/regressions/virtio-cmdline-*)
add_test(NAME fuzz-replay-virtio-cmdline
         COMMAND fuzz_virtio_cmdline_replay ${VDISC_VIRTIO_CMDLINE_REGRESSIONS})
set_tests_properties(fuzz-replay-virtio-cmdline PROPERTIES TIMEOUT 60)

# The hosted side of virtio-mmio and --virtio-select: the selector window over a plain file
# and the sysfs search for a block's virtio device (fake sysfs and /proc/iomem).
add_executable(test_virtio_hosted ${CMAKE_CURRENT_LIST_DIR}/test_virtio_hosted.c)
target_link_libraries(test_virtio_hosted PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_virtio_hosted)
add_test(NAME test_virtio_hosted COMMAND test_virtio_hosted)
