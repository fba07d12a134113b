# Device configuration decoding (vdisc_virtio_config_decode) over a fake
# configuration space.  Where the kernel's uapi headers <linux/virtio_*.h>
# are installed, field offsets are also held against their structs; without
# them that one test skips.  Included from tests/unit/CMakeLists.txt once
# CMOCKA is found.
add_executable(test_virtio_config ${CMAKE_CURRENT_LIST_DIR}/test_virtio_config.c)
target_link_libraries(test_virtio_config PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_virtio_config)
add_test(NAME test_virtio_config COMMAND test_virtio_config)
