# The VFIO guest program: vfio_blk_probe drives one virtio-blk function
# through the VFIO platform inside a guest with an IOMMU (tests/vfio/
# guest-case.sh).  Built always; run by the guest tests.
add_executable(vfio_blk_probe ${CMAKE_CURRENT_LIST_DIR}/vfio_blk_probe.c)
target_link_libraries(vfio_blk_probe PRIVATE vdisc_hosted vdisc_core)
vdisc_strict_warnings(vfio_blk_probe)

# The guest cases (label "guest"): each boots a q35 guest with intel-iommu
# under TCG through tests/guest/run-guest.sh (skipped, 77, until that runner
# and its cache exist) and checks on the host that the spare image is unchanged.
set(VDISC_VFIO_RUN ${BASH} ${CMAKE_CURRENT_LIST_DIR}/run.sh ${PROJECT_BINARY_DIR})
set(VDISC_VFIO_BRIDGE
  --slot 0000:01:01.0
  --qemu -blockdev --qemu driver=null-co,node-name=n1,size=16777216,read-zeroes=on
  --qemu -blockdev --qemu driver=null-co,node-name=n2,size=16777216,read-zeroes=on
  --qemu -device --qemu pcie-pci-bridge,id=br,addr=0x6
  --qemu -device --qemu virtio-blk-pci,drive=n1,bus=br,addr=0x1,disable-legacy=on,iommu_platform=on
  --qemu -device --qemu virtio-blk-pci,drive=n2,bus=br,addr=0x2,disable-legacy=on,iommu_platform=on)
# name | run.sh options | what the output must show
set(VDISC_VFIO_CASES
  "check|-|check: ok \\(written and restored\\).*RESULT pass.*back under virtio-pci.*guest exit 0"
  "check-read-only|--read-only|check: ok \\(read only\\).*RESULT pass.*guest exit 0"
  "readonly-disk|--readonly-disk|read-only.*check: ok \\(read only\\).*RESULT pass.*guest exit 0"
  "no-iommu|--no-iommu|FAIL open \\(no-group\\).*no IOMMU group.*guest exit 3"
  "intremap-off|--intremap=off|FAIL open \\(iommu\\).*interrupt remapping.*guest exit 3"
  "iommu-platform-off|--iommu-platform=off|FAIL read: timed out.*back under virtio-pci.*guest exit 1"
  "not-viable|bridge|is not viable.*0000:01:02.0 \\(virtio-pci\\).*guest exit 3")
foreach(case IN LISTS VDISC_VFIO_CASES)
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 name)
  list(GET parts 1 opts)
  list(GET parts 2 expect)
  if(opts STREQUAL "-")
    set(opts "")
  elseif(opts STREQUAL "bridge")
    set(opts ${VDISC_VFIO_BRIDGE})
  endif()
  add_test(NAME vfio-guest-${name} COMMAND ${VDISC_VFIO_RUN} ${opts})
  set_tests_properties(vfio-guest-${name} PROPERTIES
    LABELS guest TIMEOUT 300 SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "SKIP: "
    PASS_REGULAR_EXPRESSION "${expect}")
endforeach()
