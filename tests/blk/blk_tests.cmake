# `vdisc blk` over vhost-user against real qemu-storage-daemon exports.
# Included from tests/CMakeLists.txt:  include(blk/blk_tests.cmake)
#
# Each export is a ctest fixture: blk-setup-NAME starts a daemon on a fresh
# 8 MiB image (tests/blk/qsd.sh start NAME OPTIONS), blk-cleanup-NAME stops it.
# Each case (tests/blk/run-case.sh) runs vdisc against one export and checks
# its exit status, its output and the image's checksum.  A daemon serves one
# front-end at a time (a second connection is accepted and never answered), so
# the cases of one export hold its RESOURCE_LOCK.  Everything skips (77) where
# qemu-storage-daemon is not installed.  `ctest -L blk` runs only these.
set(VDISC_BLK_TESTS ${CMAKE_CURRENT_LIST_DIR})
set(VDISC_BLK_STATE ${CMAKE_CURRENT_BINARY_DIR}/blk-state)

# vdisc_blk_export(NAME start|silent [qsd.sh start options...])
function(vdisc_blk_export name how)
  add_test(NAME blk-setup-${name}
           COMMAND ${BASH} ${VDISC_BLK_TESTS}/qsd.sh ${how} ${name} ${ARGN})
  add_test(NAME blk-cleanup-${name} COMMAND ${BASH} ${VDISC_BLK_TESTS}/qsd.sh stop ${name})
  set_tests_properties(blk-setup-${name} PROPERTIES FIXTURES_SETUP blk_${name})
  set_tests_properties(blk-cleanup-${name} PROPERTIES FIXTURES_CLEANUP blk_${name})
  set_tests_properties(blk-setup-${name} blk-cleanup-${name} PROPERTIES
                       ENVIRONMENT VDISC_BLK_STATE=${VDISC_BLK_STATE}
                       SKIP_RETURN_CODE 77 TIMEOUT 30 LABELS blk RESOURCE_LOCK blk_${name})
endfunction()

# vdisc_blk_case(NAME CASE EXPORT): the test blk-NAME, run-case.sh's CASE on EXPORT
# (run-case.sh lists what each case checks).
function(vdisc_blk_case name case export)
  add_test(NAME blk-${name}
           COMMAND ${BASH} ${VDISC_BLK_TESTS}/run-case.sh $<TARGET_FILE:vdisc> ${case} ${export})
  set_tests_properties(blk-${name} PROPERTIES
                       ENVIRONMENT VDISC_BLK_STATE=${VDISC_BLK_STATE}
                       FIXTURES_REQUIRED blk_${export} RESOURCE_LOCK blk_${export}
                       SKIP_RETURN_CODE 77 TIMEOUT 40 LABELS blk)
endfunction()

# 8 MiB unless said otherwise; 8 MiB + 1536 is a multiple of 512 but not of 4096.
# The blkdebug exports fail I/O on sector 8192, the middle block the check visits.
vdisc_blk_export(writable start)
vdisc_blk_export(ro start --ro)
vdisc_blk_export(lbs4k start --lbs=4096)
vdisc_blk_export(mq2 start --queues=2)
vdisc_blk_export(odd start --size=8390144)
# The same size with 4 KiB blocks: QSD 7.2 accepts it, and reports a capacity of
# 16387 sectors, which is not a whole number of logical blocks.
vdisc_blk_export(oddlbs start --size=8390144 --lbs=4096)
vdisc_blk_export(bdread start --blkdebug=read:8192)
vdisc_blk_export(bdwrite start --blkdebug=write:8192:once)
vdisc_blk_export(silent silent)
# The fault cases kill their daemon or interrupt vdisc: one export each.
vdisc_blk_export(killbench start --aio=threads)
vdisc_blk_export(killcheck start)
vdisc_blk_export(sigint start)

vdisc_blk_case(info-writable info writable)
vdisc_blk_case(info-ro info-ro ro)
vdisc_blk_case(info-lbs4k info-lbs4k lbs4k)
vdisc_blk_case(info-mq2 info-mq2 mq2)
vdisc_blk_case(info-odd info odd)
vdisc_blk_case(info-oddlbs info-lbs4k oddlbs)
vdisc_blk_case(check-writable check writable)
vdisc_blk_case(check-ro check-ro ro)
vdisc_blk_case(check-lbs4k check lbs4k)
vdisc_blk_case(check-mq2 check mq2)
vdisc_blk_case(check-odd check odd)
vdisc_blk_case(check-oddlbs check oddlbs)
vdisc_blk_case(check-read-only check-read-only writable)
vdisc_blk_case(bench-qd1 bench-qd1 writable)
vdisc_blk_case(bench-qd32 bench-qd32 ro)
vdisc_blk_case(bench-mq2 bench-mq2 mq2)
vdisc_blk_case(bench-sleep bench-sleep writable)
vdisc_blk_case(bench-size bench-size lbs4k)
vdisc_blk_case(bench-write-noallow bench-write-noallow writable)
vdisc_blk_case(bench-write-ro bench-write-ro ro)
vdisc_blk_case(bench-bs-small bench-bs-small lbs4k)
vdisc_blk_case(sectors-past-end sectors-past-end writable)
vdisc_blk_case(blkdebug-read blkdebug-read bdread)
vdisc_blk_case(blkdebug-write blkdebug-write bdwrite)
vdisc_blk_case(kill-bench kill-bench killbench)
vdisc_blk_case(kill-check kill-check killcheck)
vdisc_blk_case(silent silent silent)
vdisc_blk_case(busy busy writable)
vdisc_blk_case(sigint-check sigint-check sigint)
vdisc_blk_case(no-socket no-socket writable)
vdisc_blk_case(not-a-socket not-a-socket writable)
vdisc_blk_case(eacces eacces writable)
vdisc_blk_case(refused refused writable)
