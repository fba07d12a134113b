# The standard capability decoders (pci_caps.h) on hand-built configuration spaces.
add_executable(test_pci_stdcaps ${CMAKE_CURRENT_LIST_DIR}/test_pci_stdcaps.c)
target_link_libraries(test_pci_stdcaps PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_stdcaps)
add_test(NAME test_pci_stdcaps COMMAND test_pci_stdcaps)
