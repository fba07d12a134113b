# Tests inside Linux guests: Debian 12's kernel and busybox under QEMU q35 (TCG)
# with intel-iommu, booted by tests/guest/run-guest.sh.
# Included from tests/CMakeLists.txt:  include(guest/guest_tests.cmake)
#
# guest-fetch fills the cache (tests/guest/fetch.sh: apt-get download, never
# installed; VDISC_GUEST_CACHE, a CMake cache variable defaulting to the
# environment variable of that name, else ~/.cache/vdisc/guest, shared by every
# build tree under a lock, lets CI keep it).
# guest-initramfs builds BUILD/guest/initramfs.cpio with this build's vdisc.
# Each case boots one guest (tests/guest/ctest-step.sh run).  Everything skips
# (77) where qemu-system-x86_64 or Debian's archive is missing.
# `ctest -L guest` runs only these.
if(DEFINED ENV{VDISC_GUEST_CACHE})
  set(VDISC_GUEST_CACHE_DEFAULT $ENV{VDISC_GUEST_CACHE})
elseif(DEFINED ENV{HOME})
  # One cache for every build tree of this user (about 430 MB): the suite's nested builds
  # and a second checkout do not fetch and unpack the kernel again.
  set(VDISC_GUEST_CACHE_DEFAULT $ENV{HOME}/.cache/vdisc/guest)
else()
  set(VDISC_GUEST_CACHE_DEFAULT ${CMAKE_BINARY_DIR}/guest-cache)
endif()
set(VDISC_GUEST_CACHE ${VDISC_GUEST_CACHE_DEFAULT} CACHE PATH
    "Where tests/guest/fetch.sh keeps Debian's kernel and busybox for the guest tests")
set(VDISC_GUEST_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VDISC_GUEST_INITRD ${CMAKE_BINARY_DIR}/guest/initramfs.cpio)

add_test(NAME guest-fetch
         COMMAND ${BASH} ${VDISC_GUEST_DIR}/ctest-step.sh fetch ${VDISC_GUEST_CACHE})
set_tests_properties(guest-fetch PROPERTIES FIXTURES_SETUP guest_cache TIMEOUT 600)
add_test(NAME guest-initramfs
         COMMAND ${BASH} ${VDISC_GUEST_DIR}/ctest-step.sh initramfs ${VDISC_GUEST_CACHE}
                 ${VDISC_GUEST_INITRD} $<TARGET_FILE:vdisc>)
set_tests_properties(guest-initramfs PROPERTIES FIXTURES_SETUP guest_initrd
                     FIXTURES_REQUIRED guest_cache TIMEOUT 60)
set_tests_properties(guest-fetch guest-initramfs PROPERTIES SKIP_RETURN_CODE 77 LABELS guest)

# vdisc_guest_case(NAME SCRIPT [ctest-step.sh run options...] [-- SCRIPT ARGS...]):
# the test guest-NAME boots one guest running tests/guest/cases/SCRIPT.
function(vdisc_guest_case name script)
  set(opts ${ARGN})
  set(args)
  list(FIND opts "--" dd)
  if(NOT dd EQUAL -1)
    math(EXPR first "${dd} + 1")
    list(SUBLIST opts ${first} -1 args)
    list(SUBLIST opts 0 ${dd} opts)
  endif()
  add_test(NAME guest-${name}
           COMMAND ${BASH} ${VDISC_GUEST_DIR}/ctest-step.sh run ${VDISC_GUEST_CACHE}
                   ${VDISC_GUEST_INITRD} ${opts} -- ${VDISC_GUEST_DIR}/cases/${script} ${args})
  # run-guest.sh kills a guest after 120 s; one QEMU (TCG) thread each.
  set_tests_properties(guest-${name} PROPERTIES FIXTURES_REQUIRED guest_initrd
                       SKIP_RETURN_CODE 77 TIMEOUT 150 PROCESSORS 1 LABELS guest)
endfunction()

# The ground every VFIO case stands on: IOMMU on, the disk alone in its group,
# vfio-pci binds, vdisc pci --virtio lists it as sysfs describes it.
vdisc_guest_case(iommu-smoke iommu-vfio-smoke.sh
                 --disk iommu_platform=on,disable-legacy=on --untouched)

# vdisc blk --pci through VFIO (tests/guest/cases/vfio-blk.sh says what each checks).
set(VDISC_GUEST_DISK "iommu_platform=on,disable-legacy=on")
vdisc_guest_case(vfio-main vfio-blk.sh --disk ${VDISC_GUEST_DISK} --untouched -- main)
vdisc_guest_case(vfio-mounted vfio-blk.sh --disk ${VDISC_GUEST_DISK} -- mounted)
vdisc_guest_case(vfio-rootport-ro vfio-blk.sh
                 --qemu -device --qemu pcie-root-port,id=rp1,chassis=1,slot=1
                 --disk ${VDISC_GUEST_DISK},bus=rp1 --ro-disk ${VDISC_GUEST_DISK}
                 --untouched -- rootport-ro)
vdisc_guest_case(vfio-no-iommu-platform vfio-blk.sh --disk disable-legacy=on --untouched
                 -- no-iommu-platform)
vdisc_guest_case(vfio-no-iommu vfio-blk.sh --disk disable-legacy=on --guest-opt --no-iommu
                 --untouched -- no-iommu)

# virtio-mmio on microvm, register versions 1 and 2: offered features read from blocks no
# driver owns, then, with virtio_mmio loaded, the negotiated ones from sysfs
# (tests/guest/cases/virtio-mmio.sh); the offered words held against what QEMU's QMP says
# the same devices offer (tests/virtio/mmio-qmp-features.py boots the guest itself).
foreach(v 1 2)
  add_test(NAME guest-virtio-mmio-v${v}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/../virtio/mmio-qmp-features.py ${v}
                   ${VDISC_GUEST_DIR}/ctest-step.sh ${VDISC_GUEST_CACHE} ${VDISC_GUEST_INITRD}
                   ${VDISC_GUEST_DIR}/cases/virtio-mmio.sh)
  set_tests_properties(guest-virtio-mmio-v${v} PROPERTIES FIXTURES_REQUIRED guest_initrd
                       SKIP_RETURN_CODE 77 TIMEOUT 200 PROCESSORS 1 LABELS guest)
endforeach()

# vdisc pci --virtio --read-bars --virtio-select: selectors only on a driverless function
# (tests/guest/cases/virtio-pci-select.sh).
vdisc_guest_case(virtio-pci-select virtio-pci-select.sh --disk disable-legacy=off --untouched)

# vdisc scan in a live guest against the guest kernel's own account (sysfs, busybox lspci):
# q35 with a root port and a PCI-to-PCI bridge; microvm with virtio-mmio from the kernel
# command line (tests/guest/scan-vs-sysfs.py boots the guest and compares field by field).
foreach(machine q35 microvm)
  add_test(NAME guest-scan-${machine}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/scan-vs-sysfs.py ${machine}
                   ${VDISC_GUEST_DIR}/ctest-step.sh ${VDISC_GUEST_CACHE} ${VDISC_GUEST_INITRD}
                   ${VDISC_GUEST_DIR}/cases/scan.sh)
  set_tests_properties(guest-scan-${machine} PROPERTIES FIXTURES_REQUIRED guest_initrd
                       SKIP_RETURN_CODE 77 TIMEOUT 150 PROCESSORS 1 LABELS guest)
endforeach()

# The same in QEMU's aarch64 virt board: Debian 12's arm64 kernel and busybox and the
# libraries vdisc links, in a cache of their own (tests/guest/fetch-cross.sh, a private apt
# state), vdisc cross-built for it (tests/guest/cross-vdisc.sh); the live tree, PCI behind
# the ECAM host, each function's INTx against the GIC line Linux mapped (pci=nomsi).
# riscv64 likewise, with Debian 13's kernel and userland: Debian 12 has no riscv64 port.
foreach(arch aarch64 riscv64)
  set(cache ${VDISC_GUEST_CACHE}-${arch})
  set(initrd ${CMAKE_BINARY_DIR}/guest/initramfs-${arch}.cpio)
  add_test(NAME guest-cross-${arch}
           COMMAND ${BASH} ${VDISC_GUEST_DIR}/ctest-step.sh cross ${arch} ${cache} ${initrd}
                   ${CMAKE_BINARY_DIR}/guest/vdisc-${arch})
  set_tests_properties(guest-cross-${arch} PROPERTIES FIXTURES_SETUP guest_${arch}
                       SKIP_RETURN_CODE 77 TIMEOUT 600 LABELS guest)
  add_test(NAME guest-scan-${arch}
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/scan-vs-sysfs.py ${arch}
                   ${VDISC_GUEST_DIR}/ctest-step.sh ${cache} ${initrd}
                   ${VDISC_GUEST_DIR}/cases/scan.sh)
  set_tests_properties(guest-scan-${arch} PROPERTIES FIXTURES_REQUIRED guest_${arch}
                       SKIP_RETURN_CODE 77 TIMEOUT 150 PROCESSORS 1 LABELS guest)
endforeach()
