# The virtio driver stack (src/virtio/negotiate.c, virtq.c, blk.c,
# blk_async.c, blk_sync.c, blk_check.c) against sw_blk.c, a software virtio-blk device in the same
# process, and the virtqueue fuzz targets (used ring, packed ring) replayed as
# plain programs over their regressions (tests/fuzz/regressions/virtq-used-*,
# virtq-packed-*).
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_library(vdisc_unit_sw_blk STATIC ${CMAKE_CURRENT_LIST_DIR}/sw_blk.c)
target_link_libraries(vdisc_unit_sw_blk PUBLIC vdisc_core)
target_include_directories(vdisc_unit_sw_blk PUBLIC ${CMAKE_CURRENT_LIST_DIR})
vdisc_strict_warnings(vdisc_unit_sw_blk)

add_library(vdisc_unit_blk_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/blk_fixture.c)
target_link_libraries(vdisc_unit_blk_fixture PUBLIC vdisc_unit_sw_blk PkgConfig::CMOCKA)
vdisc_strict_warnings(vdisc_unit_blk_fixture)

foreach(name test_virtq test_blk test_blk_async)
  add_executable(${name} ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
  target_link_libraries(${name} PRIVATE vdisc_unit_sw_blk vdisc_core PkgConfig::CMOCKA)
  vdisc_strict_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
endforeach()
target_link_libraries(test_blk PRIVATE vdisc_unit_blk_fixture)
target_link_libraries(test_blk_async PRIVATE vdisc_unit_blk_fixture)

# The virtqueue fuzz targets, split (used ring) and packed, replayed over their regressions.
foreach(ring used packed)
  add_executable(fuzz_virtq_${ring}_replay ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_virtq_${ring}.c
                 ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_blk_ops.c
                 ${CMAKE_CURRENT_LIST_DIR}/../fuzz/replay_main.c)
  target_link_libraries(fuzz_virtq_${ring}_replay PRIVATE vdisc_unit_sw_blk vdisc_core)
  vdisc_strict_warnings(fuzz_virtq_${ring}_replay)
  file(GLOB VDISC_VIRTQ_${ring}_REGRESSIONS CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_LIST_DIR}/../fuzz/regressions/virtq-${ring}-*)
  add_test(NAME fuzz-replay-virtq-${ring}
           COMMAND fuzz_virtq_${ring}_replay ${VDISC_VIRTQ_${ring}_REGRESSIONS})
  set_tests_properties(fuzz-replay-virtq-${ring} PROPERTIES TIMEOUT 60)
endforeach()
