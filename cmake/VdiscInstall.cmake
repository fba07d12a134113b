# What "cmake --install" puts where, for embedders: the archives, the headers, one pkg-config
# file per archive and a CMake package (find_package(vdisc CONFIG)).  Included by the root
# CMakeLists.txt after the libraries are defined, in both builds: the hosted one installs
# libvdisc.a and libvdisc-freestanding.a (libfdt is the system's); the freestanding-only one
# (scripts/cross-build.sh) installs libvdisc-freestanding.a with its own libfdt-freestanding.a.
include(CMakePackageConfigHelpers)

set(VDISC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/vdisc)
set(VDISC_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The installed targets find their headers under the prefix; libfdt is found again by the
# consumer (vdiscConfig.cmake), never recorded as this machine's path.
set_target_properties(vdisc_core_freestanding PROPERTIES EXPORT_NAME freestanding)
if(VDISC_FREESTANDING_ONLY)
  set_target_properties(libfdt_freestanding PROPERTIES EXPORT_NAME fdt_freestanding)
  target_link_libraries(vdisc_core_freestanding INTERFACE $<INSTALL_INTERFACE:vdisc::fdt_freestanding>)
  set(VDISC_INSTALL_TARGETS vdisc_core_freestanding libfdt_freestanding)
  set(VDISC_FREESTANDING_LIBFDT fdt-freestanding)
else()
  set_target_properties(vdisc_core PROPERTIES EXPORT_NAME vdisc)
  # The embedder's libfdt, by name: under -static (a freestanding link) the linker takes libfdt.a.
  target_link_libraries(vdisc_core_freestanding INTERFACE $<INSTALL_INTERFACE:fdt>)
  set(VDISC_INSTALL_TARGETS vdisc_core vdisc_core_freestanding)
  set(VDISC_FREESTANDING_LIBFDT fdt)
endif()

install(TARGETS ${VDISC_INSTALL_TARGETS} EXPORT vdiscTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/vdisc DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT vdiscTargets NAMESPACE vdisc:: DESTINATION ${VDISC_CMAKE_DIR})
configure_package_config_file(cmake/vdiscConfig.cmake.in ${PROJECT_BINARY_DIR}/vdiscConfig.cmake
                              INSTALL_DESTINATION ${VDISC_CMAKE_DIR})
# 0.x: a minor release may change the API, so only the same X.Y satisfies a request.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/vdiscConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/vdiscConfig.cmake ${PROJECT_BINARY_DIR}/vdiscConfigVersion.cmake
        DESTINATION ${VDISC_CMAKE_DIR})

# pkg-config: libdir and includedir under ${prefix} unless GNUInstallDirs was given absolute ones.
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(VDISC_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  elseif(dir STREQUAL "LIBDIR")
    set(VDISC_PC_${dir} "\${exec_prefix}/${CMAKE_INSTALL_${dir}}")
  else()
    set(VDISC_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()

# The build's libfdt, with its directory where the linker would not look by itself.
set(VDISC_PC_LIBFDT "-lfdt")
if(LIBFDT_LIBRARY)
  get_filename_component(vdisc_libfdt_dir "${LIBFDT_LIBRARY}" DIRECTORY)
  if(NOT vdisc_libfdt_dir IN_LIST CMAKE_C_IMPLICIT_LINK_DIRECTORIES)
    set(VDISC_PC_LIBFDT "-L${vdisc_libfdt_dir} -lfdt")
  endif()
endif()

# What the freestanding archive was compiled for and with, for vdisc-freestanding.pc's record.
execute_process(COMMAND ${CMAKE_C_COMPILER} ${VDISC_CROSS_FLAGS} -dumpmachine
                OUTPUT_VARIABLE VDISC_FREESTANDING_TARGET OUTPUT_STRIP_TRAILING_WHITESPACE)
string(JOIN " " VDISC_FREESTANDING_BUILD_CFLAGS ${VDISC_CROSS_FLAGS} ${VDISC_FREESTANDING_OPTIONS})
string(JOIN " " VDISC_LIBC_SYMBOLS ${VDISC_FREESTANDING_LIBC})

# The prefix is the one "cmake --install [--prefix DIR]" installs to, known only then: each .pc
# is configured here with every value but the prefix, and finished at install time.
set(VDISC_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
set(VDISC_PC_FILES vdisc-freestanding)
if(NOT VDISC_FREESTANDING_ONLY)
  list(APPEND VDISC_PC_FILES vdisc)
endif()
foreach(pc ${VDISC_PC_FILES})
  configure_file(cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc.in @ONLY)
  install(CODE "
    file(READ \"${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc.in\" vdisc_pc)
    string(CONFIGURE \"\${vdisc_pc}\" vdisc_pc @ONLY)
    file(WRITE \"${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc\" \"\${vdisc_pc}\")")
  install(FILES ${PROJECT_BINARY_DIR}/pkgconfig/${pc}.pc DESTINATION ${VDISC_PC_DIR})
endforeach()
