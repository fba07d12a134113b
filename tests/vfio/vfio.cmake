# The VFIO guest program: vfio_blk_probe drives one virtio-blk function
# through the VFIO platform inside a guest with an IOMMU (tests/vfio/
# guest-case.sh).  Built always; run by the guest tests.
add_executable(vfio_blk_probe ${CMAKE_CURRENT_LIST_DIR}/vfio_blk_probe.c)
target_link_libraries(vfio_blk_probe PRIVATE vdisc_hosted vdisc_core)
vdisc_strict_warnings(vfio_blk_probe)

# The guest cases (label "guest", about 5 s each): each boots a q35 guest with intel-iommu
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
# name | run.sh options | exit expected of the probe | a console line each (grep -E)
set(VDISC_VFIO_CASES
  "check|-|0|check: ok [(]written and restored[)]|back under virtio-pci as /dev/vd"
  "root-port|--root-port|0|^vfio: 0000:01:00.0 group|check: ok [(]written and restored[)]|back under virtio-pci as /dev/vd"
  "check-read-only|--read-only|0|check: ok [(]read only[)]"
  "readonly-disk|--readonly-disk|0|^blk: .*read-only|check: ok [(]read only[)]"
  "no-iommu|--no-iommu|3|FAIL open [(]no-group[)].*no IOMMU group: the kernel has no IOMMU enabled"
  "intremap-off|--intremap=off|3|FAIL open [(]iommu[)].*no interrupt remapping"
  "iommu-platform-off|--iommu-platform=off|1|FAIL read: timed out|back under virtio-pci"
  "not-viable|bridge|3|is not viable.*0000:01:02.0 [(]virtio-pci[)]"
  "reads|reads|0|^reads: 2000 x 4 KiB in"
  "not-bound|not-bound|3|FAIL open [(]not-bound[)].*bound to virtio-pci, not vfio-pci [(]to bind it: echo vfio-pci > /sys/bus/pci/devices/0000:00:05.0/driver_override"
  "user|user|0|as uid 1000|check: ok [(]written and restored[)]"
  "user-no-node|user-no-chown|3|FAIL open [(]permission[)].*/dev/vfio/[0-9]+: permission denied"
  "user-memlock|user-memlock|3|FAIL open [(]memlock[)].*RLIMIT_MEMLOCK is 65536 bytes. at least 1048576")
foreach(case IN LISTS VDISC_VFIO_CASES)
  string(REPLACE "|" ";" parts "${case}")
  list(POP_FRONT parts name opts code)
  if(opts STREQUAL "-")
    set(opts "")
  elseif(opts STREQUAL "bridge")
    set(opts ${VDISC_VFIO_BRIDGE})
  elseif(opts STREQUAL "reads")
    set(opts --probe-arg --reads --probe-arg 2000)
  elseif(opts STREQUAL "not-bound")
    set(opts --guest-opt --no-bind)
  elseif(opts STREQUAL "user")
    set(opts --guest-opt --user --guest-opt 1000)
  elseif(opts STREQUAL "user-no-chown")
    set(opts --guest-opt --user --guest-opt 1000 --guest-opt --no-chown)
  elseif(opts STREQUAL "user-memlock")
    set(opts --guest-opt --user --guest-opt 1000 --guest-opt --memlock --guest-opt 64)
  endif()
  set(expects "")
  foreach(re IN LISTS parts)
    list(APPEND expects --expect "${re}")
  endforeach()
  add_test(NAME vfio-guest-${name}
           COMMAND ${VDISC_VFIO_RUN} ${opts} --expect-exit ${code} ${expects})
  # The guest runner's cache (tests/guest/guest_tests.cmake fetches it first).
  set_tests_properties(vfio-guest-${name} PROPERTIES
    ENVIRONMENT VDISC_GUEST_CACHE=${VDISC_GUEST_CACHE} FIXTURES_REQUIRED guest_cache
    PROCESSORS 1 LABELS guest TIMEOUT 300 SKIP_RETURN_CODE 77 SKIP_REGULAR_EXPRESSION "SKIP: ")
endforeach()
