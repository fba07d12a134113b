# vdisc_test_path_for_directory(): every test registered so far in the calling directory runs
# with ${PROJECT_BINARY_DIR}/test-path first in its PATH, where tests/CMakeLists.txt links the
# chosen python3.  Called at the end of each directory that registers tests (CMake 3.25 cannot
# set a test property from another directory).
function(vdisc_test_path_for_directory)
  get_property(tests DIRECTORY PROPERTY TESTS)
  if(tests)
    set_property(TEST ${tests} APPEND PROPERTY ENVIRONMENT_MODIFICATION
                 "PATH=path_list_prepend:${PROJECT_BINARY_DIR}/test-path")
  endif()
endfunction()
