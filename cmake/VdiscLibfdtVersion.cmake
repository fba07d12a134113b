# libfdt's version for `vdisc --version`: libfdt has no version call or macro, so it is taken
# here, once, from what the build links: pkg-config's libfdt.pc where one exists (dtc's own
# install has it), else the library file's name once its links are followed (Debian's
# libfdt.so -> libfdt.so.1 -> libfdt-1.6.1.so).  Sets VDISC_LIBFDT_VERSION and
# VDISC_LIBFDT_VERSION_FROM (how it was learnt, for the same line).
set(VDISC_LIBFDT_VERSION "unknown")
set(VDISC_LIBFDT_VERSION_FROM "neither a libfdt.pc nor a versioned file name")
pkg_check_modules(LIBFDT_PC QUIET libfdt)
if(LIBFDT_PC_FOUND AND LIBFDT_PC_VERSION)
  set(VDISC_LIBFDT_VERSION "${LIBFDT_PC_VERSION}")
  set(VDISC_LIBFDT_VERSION_FROM "pkg-config libfdt")
else()
  get_filename_component(_vdisc_fdt_real "${LIBFDT_LIBRARY}" REALPATH)
  get_filename_component(_vdisc_fdt_name "${_vdisc_fdt_real}" NAME)
  # Two ifs: a failed MATCHES clears CMAKE_MATCH_1.
  if(_vdisc_fdt_name MATCHES "^libfdt-([0-9][0-9.]*[0-9])\\.so$")
    set(VDISC_LIBFDT_VERSION "${CMAKE_MATCH_1}")
  elseif(_vdisc_fdt_name MATCHES "^libfdt\\.so\\.([0-9][0-9.]*[0-9])$")
    set(VDISC_LIBFDT_VERSION "${CMAKE_MATCH_1}")
  endif()
  if(NOT VDISC_LIBFDT_VERSION STREQUAL "unknown")
    set(VDISC_LIBFDT_VERSION_FROM "the file name ${_vdisc_fdt_name}")
  endif()
endif()
message(STATUS "libfdt ${VDISC_LIBFDT_VERSION} (from ${VDISC_LIBFDT_VERSION_FROM})")
