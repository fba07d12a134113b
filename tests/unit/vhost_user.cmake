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

add_executable(fuzz_vhost_user_reply_replay ${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz_vhost_user_reply.c
                                            ${CMAKE_CURRENT_LIST_DIR}/../fuzz/replay_main.c)
target_link_libraries(fuzz_vhost_user_reply_replay PRIVATE vdisc_hosted vdisc_core)
vdisc_strict_warnings(fuzz_vhost_user_reply_replay)
file(GLOB VDISC_VHOST_USER_REGRESSIONS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_LIST_DIR}/../fuzz/regressions/vhost-user-*)
add_test(NAME fuzz-replay-vhost-user
         COMMAND fuzz_vhost_user_reply_replay ${VDISC_VHOST_USER_REGRESSIONS})
set_tests_properties(fuzz-replay-vhost-user PROPERTIES TIMEOUT 60)
