# The VFIO guest program: vfio_blk_probe drives one virtio-blk function
# through the VFIO platform inside a guest with an IOMMU (tests/vfio/
# guest-case.sh).  Built always; run by the guest tests.
add_executable(vfio_blk_probe ${CMAKE_CURRENT_LIST_DIR}/vfio_blk_probe.c)
target_link_libraries(vfio_blk_probe PRIVATE vdisc_hosted vdisc_core)
vdisc_strict_warnings(vfio_blk_probe)
