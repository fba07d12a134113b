# The VFIO platform (src/hosted/vfio_*.c) where there is no IOMMU: pure
# parts, a fake sysfs tree and a fake device fd.  What needs a real IOMMU
# runs in a guest (tests/vfio/).  Included from tests/unit/CMakeLists.txt.
add_executable(test_vfio ${CMAKE_CURRENT_LIST_DIR}/test_vfio.c)
target_link_libraries(test_vfio PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_vfio)
add_test(NAME test_vfio COMMAND test_vfio)
set_tests_properties(test_vfio PROPERTIES TIMEOUT 60)
