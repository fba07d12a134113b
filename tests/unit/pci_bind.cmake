# Who owns a PCI function and who uses its block devices (src/hosted/pci_bind.c,
# blk_users.c) against fake sysfs and procfs trees.
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_pci_bind ${CMAKE_CURRENT_LIST_DIR}/test_pci_bind.c)
target_link_libraries(test_pci_bind PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_bind)
add_test(NAME test_pci_bind COMMAND test_pci_bind)
