# The CLI's streaming JSON writer (src/cli/json_out.c) against json-c
# printing the whole document.  Included from tests/unit/CMakeLists.txt.
add_executable(test_json_stream ${CMAKE_CURRENT_LIST_DIR}/test_json_stream.c
                                ${PROJECT_SOURCE_DIR}/src/cli/json_out.c
                                ${PROJECT_SOURCE_DIR}/src/cli/out_buf.c)
target_include_directories(test_json_stream PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_json_stream PRIVATE vdisc_core PkgConfig::JSONC PkgConfig::CMOCKA)
vdisc_strict_warnings(test_json_stream)
add_test(NAME test_json_stream COMMAND test_json_stream)
