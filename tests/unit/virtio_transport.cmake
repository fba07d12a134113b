# The virtio transports (MMIO v2 and v1, PCI modern, PCI legacy) against fake
# devices that decode every access at the spec's register layouts and count
# the ones a driver must not make.  Included from tests/unit/CMakeLists.txt
# once CMOCKA is found.
add_executable(test_virtio_transport ${CMAKE_CURRENT_LIST_DIR}/test_virtio_transport.c)
target_link_libraries(test_virtio_transport PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_virtio_transport)
add_test(NAME test_virtio_transport COMMAND test_virtio_transport)
