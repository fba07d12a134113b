# The PCI Express capability decoder on hand-built configuration spaces, with
# the kernel's <linux/pci_regs.h> as the independent source of offsets and bits.
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_pci_express ${CMAKE_CURRENT_LIST_DIR}/test_pci_express.c)
target_link_libraries(test_pci_express PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_express)
add_test(NAME test_pci_express COMMAND test_pci_express)
