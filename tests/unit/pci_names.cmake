# PCI class and capability names against two lists written independently of
# ours: the kernel's <linux/pci_regs.h> (Debian linux-libc-dev) and pci.ids
# (Debian pci.ids).  Where one is not installed its test skips.  Included
# from tests/unit/CMakeLists.txt once CMOCKA is found.
find_file(VDISC_PCI_REGS_H NAMES linux/pci_regs.h DOC "the kernel's PCI register header")
find_file(VDISC_PCI_IDS NAMES pci.ids PATHS /usr/share/misc /usr/share/hwdata
          NO_DEFAULT_PATH DOC "the PCI ID Repository's pci.ids")

add_executable(test_pci_names ${CMAKE_CURRENT_LIST_DIR}/test_pci_names.c)
target_link_libraries(test_pci_names PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_pci_names)
add_test(NAME test_pci_names COMMAND test_pci_names ${VDISC_PCI_REGS_H} ${VDISC_PCI_IDS})
