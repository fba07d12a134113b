# PCI resource assignment (src/pci/assign*.c) against the fake configuration
# space (fake_pci.c, built by pci_enum.cmake), checked again by enumerating
# the result.  Included from tests/unit/CMakeLists.txt after pci_enum.cmake.
add_executable(test_pci_assign ${CMAKE_CURRENT_LIST_DIR}/test_pci_assign.c)
target_link_libraries(test_pci_assign PRIVATE vdisc_unit_fake_pci vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_assign)
add_test(NAME test_pci_assign COMMAND test_pci_assign)
target_compile_definitions(test_pci_assign
                           PRIVATE VDISC_DTB_FIXTURES="${CMAKE_CURRENT_LIST_DIR}/../fixtures/dtb")
