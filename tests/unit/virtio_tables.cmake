# Virtio device types, feature bits, status bits and virtio-pci structure
# types against a list written independently of ours: the kernel's uapi
# headers <linux/virtio_*.h> (Debian linux-libc-dev).  Without them the
# header tests skip.  Included from tests/unit/CMakeLists.txt once CMOCKA
# is found.
find_path(VDISC_VIRTIO_UAPI_DIR NAMES linux/virtio_ids.h
          DOC "the directory holding the kernel's linux/virtio_*.h")

add_executable(test_virtio_tables ${CMAKE_CURRENT_LIST_DIR}/test_virtio_tables.c)
target_link_libraries(test_virtio_tables PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_virtio_tables)
add_test(NAME test_virtio_tables COMMAND test_virtio_tables ${VDISC_VIRTIO_UAPI_DIR})
