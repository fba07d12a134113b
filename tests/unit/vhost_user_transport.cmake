# The vhost-user transport (src/hosted/vhost_user_transport.c) and the
# shared-memory platform it runs on: against a fake back-end scripted for
# protocol faults (test_vhost_user_transport), and end to end against a real
# qemu-storage-daemon (test_vhost_user_qsd, skipped with exit code 77 where
# the daemon is not installed).  Included from tests/unit/CMakeLists.txt.
foreach(name test_vhost_user_transport test_vhost_user_qsd)
  add_executable(${name} ${CMAKE_CURRENT_LIST_DIR}/${name}.c)
  target_link_libraries(${name} PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
  vdisc_strict_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)
endforeach()
