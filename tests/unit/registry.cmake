# The driver registry (src/registry/): binding in either order of
# registration, declines and probe errors, match tables, re-entrant adds
# from inside probes, removal.  Included from tests/unit/CMakeLists.txt once
# CMOCKA is found.
add_executable(test_registry ${CMAKE_CURRENT_LIST_DIR}/test_registry.c)
target_link_libraries(test_registry PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_registry)
add_test(NAME test_registry COMMAND test_registry)

# The interrupt-controller drivers (src/irq/) and their registry driver
# (src/registry/irq_driver.c) over a fake register file, with controllers
# taken from QEMU's trees in tests/fixtures/dtb.
add_executable(test_irqchip ${CMAKE_CURRENT_LIST_DIR}/test_irqchip.c)
target_link_libraries(test_irqchip PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_irqchip)
target_compile_definitions(test_irqchip
                           PRIVATE VDISC_DTB_FIXTURES="${CMAKE_CURRENT_LIST_DIR}/../fixtures/dtb")
add_test(NAME test_irqchip COMMAND test_irqchip)
