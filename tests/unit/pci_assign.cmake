# PCI resource assignment (src/pci/assign*.c) against the fake configuration
# space (fake_pci.c, built by pci_enum.cmake), checked again by enumerating
# the result.  Included from tests/unit/CMakeLists.txt after pci_enum.cmake.
add_executable(test_pci_assign ${CMAKE_CURRENT_LIST_DIR}/test_pci_assign.c)
target_link_libraries(test_pci_assign PRIVATE vdisc_unit_fake_pci vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_assign)
add_test(NAME test_pci_assign COMMAND test_pci_assign)
target_compile_definitions(test_pci_assign
                           PRIVATE VDISC_DTB_FIXTURES="${CMAKE_CURRENT_LIST_DIR}/../fixtures/dtb")

# The fuzz target (tests/fuzz/fuzz_pci_assign.c) built as a plain program, so
# that it compiles under every toolchain's -Werror, and replayed over its
# seeds and regressions (tests/fuzz/regressions/pci-assign-*).
add_executable(fuzz_pci_assign_replay ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_pci_assign.c
                                      ${CMAKE_CURRENT_LIST_DIR}/../fuzz/replay_main.c)
target_link_libraries(fuzz_pci_assign_replay PRIVATE vdisc_core)
vdisc_strict_warnings(fuzz_pci_assign_replay)
file(GLOB VDISC_PCI_ASSIGN_REGRESSIONS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/../fuzz/regressions/pci-assign-*)
add_test(NAME fuzz-replay-pci-assign
         COMMAND fuzz_pci_assign_replay ${VDISC_PCI_ASSIGN_REGRESSIONS})
set_tests_properties(fuzz-replay-pci-assign PROPERTIES TIMEOUT 60)
