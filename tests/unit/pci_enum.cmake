# PCI enumeration and decoding against a fake configuration space
# (fake_pci.c) and hand-built snapshots, with the kernel's
# <linux/pci_regs.h> (Debian linux-libc-dev) as the independent source of
# register offsets.  Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_library(vdisc_unit_fake_pci STATIC ${CMAKE_CURRENT_LIST_DIR}/fake_pci.c)
target_link_libraries(vdisc_unit_fake_pci PUBLIC vdisc_core)
vdisc_strict_warnings(vdisc_unit_fake_pci)

add_executable(test_pci_enum ${CMAKE_CURRENT_LIST_DIR}/test_pci_enum.c)
target_link_libraries(test_pci_enum PRIVATE vdisc_unit_fake_pci vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_enum)
add_test(NAME test_pci_enum COMMAND test_pci_enum)

add_executable(test_pci_decode ${CMAKE_CURRENT_LIST_DIR}/test_pci_decode.c)
target_link_libraries(test_pci_decode PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_decode)
add_test(NAME test_pci_decode COMMAND test_pci_decode)

# The fuzz target (tests/fuzz/fuzz_pci_decode.c) built as a plain program, so
# that it compiles under every toolchain's -Werror, and replayed over the
# PCI decode regressions (tests/fuzz/regressions/pci-decode-*), if any.
add_executable(fuzz_pci_decode_replay ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_pci_decode.c
                                      ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_pci_ecaps.c
                                      ${CMAKE_CURRENT_LIST_DIR}/../fuzz/replay_main.c)
target_link_libraries(fuzz_pci_decode_replay PRIVATE vdisc_core)
vdisc_strict_warnings(fuzz_pci_decode_replay)
file(GLOB VDISC_PCI_DECODE_REGRESSIONS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/../fuzz/regressions/pci-decode-*)
add_test(NAME fuzz-replay-pci-decode
         COMMAND fuzz_pci_decode_replay ${VDISC_PCI_DECODE_REGRESSIONS})
set_tests_properties(fuzz-replay-pci-decode PROPERTIES TIMEOUT 60)

# conf1 and ECAM over a fake chipset that drives the same fake config space.
add_executable(test_pci_access ${CMAKE_CURRENT_LIST_DIR}/test_pci_access.c)
target_link_libraries(test_pci_access PRIVATE vdisc_unit_fake_pci vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_access)
add_test(NAME test_pci_access COMMAND test_pci_access)

# A device tree and a PCI bus joined into one tree (src/machine): parents, INTx routed through
# bridges and the host's interrupt-map, virtio children, the walk, a full arena.
add_executable(test_machine ${CMAKE_CURRENT_LIST_DIR}/test_machine.c)
target_link_libraries(test_machine PRIVATE vdisc_unit_fake_pci vdisc_unit_blob vdisc_core
                      PkgConfig::CMOCKA)
vdisc_strict_warnings(test_machine)
add_test(NAME test_machine COMMAND test_machine)
