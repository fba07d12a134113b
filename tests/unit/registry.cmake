# The driver registry (src/registry/): binding in either order of
# registration, declines and probe errors, match tables, re-entrant adds
# from inside probes, removal.  Included from tests/unit/CMakeLists.txt once
# CMOCKA is found.
add_executable(test_registry ${CMAKE_CURRENT_LIST_DIR}/test_registry.c)
target_link_libraries(test_registry PRIVATE vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_registry)
add_test(NAME test_registry COMMAND test_registry)
