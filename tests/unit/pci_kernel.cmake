# The kernel's view of a PCI function and its modules (src/hosted/pci_kernel.c,
# pci_modules.c) against a fake sysfs tree and a fake modules directory.
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_pci_kernel ${CMAKE_CURRENT_LIST_DIR}/test_pci_kernel.c)
target_link_libraries(test_pci_kernel PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_kernel)
add_test(NAME test_pci_kernel COMMAND test_pci_kernel)
