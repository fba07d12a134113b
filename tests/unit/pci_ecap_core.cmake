# The core extended-capability decoders (AER, VC, DSN, RC link, RCEC, ACS, ARI, ATS, PRI,
# PASID, SR-IOV, multicast, TPH) on hand-built snapshots.  Included from
# tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_pci_ecap_core ${CMAKE_CURRENT_LIST_DIR}/test_pci_ecap_core.c)
target_link_libraries(test_pci_ecap_core PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_ecap_core)
add_test(NAME test_pci_ecap_core COMMAND test_pci_ecap_core)
