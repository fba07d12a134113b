# The vhost-user message layer (src/hosted/vhost_user_msg.c) over real
# socketpairs with a raw or forked peer, and its reply-check fuzz target
# (tests/fuzz/fuzz_vhost_user_reply.c) replayed as a plain program over its
# seeds and regressions (tests/fuzz/regressions/vhost-user-*).
# Included from tests/unit/CMakeLists.txt once CMOCKA is found.
add_executable(test_vhost_user_msg ${CMAKE_CURRENT_LIST_DIR}/test_vhost_user_msg.c)
target_link_libraries(test_vhost_user_msg PRIVATE vdisc_hosted vdisc_core PkgConfig::CMOCKA)
vdisc_strict_warnings(test_vhost_user_msg)
add_test(NAME test_vhost_user_msg COMMAND test_vhost_user_msg)
set_tests_properties(test_vhost_user_msg PROPERTIES TIMEOUT 60)
