# MSI-X programming (src/pci/msix.c) on a fake function's configuration space
# (fake_pci.c, built by pci_enum.cmake) and a table in an array-backed BAR.
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_pci_msix ${CMAKE_CURRENT_LIST_DIR}/test_pci_msix.c)
target_link_libraries(test_pci_msix PRIVATE vdisc_unit_fake_pci vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_msix)
add_test(NAME test_pci_msix COMMAND test_pci_msix)
