# Dependencies, found the CMake way, each failure naming the Debian package.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config' (scripts/bootstrap.sh does)")
endif()

pkg_check_modules(JSONC IMPORTED_TARGET json-c)
if(NOT JSONC_FOUND)
  message(FATAL_ERROR "json-c not found: install the Debian package 'libjson-c-dev' (scripts/bootstrap.sh does)")
endif()

pkg_check_modules(LIBPCI IMPORTED_TARGET libpci)
if(NOT LIBPCI_FOUND)
  message(FATAL_ERROR "libpci not found: install the Debian package 'libpci-dev' (scripts/bootstrap.sh does)")
endif()

# libfdt-dev ships no .pc file.
find_path(LIBFDT_INCLUDE_DIR libfdt.h)
find_library(LIBFDT_LIBRARY NAMES fdt)
if(NOT LIBFDT_INCLUDE_DIR OR NOT LIBFDT_LIBRARY)
  message(FATAL_ERROR "libfdt not found: install the Debian package 'libfdt-dev' (scripts/bootstrap.sh does)")
endif()
# The freestanding link test needs the static archive (Debian's libfdt-dev ships it).
find_library(LIBFDT_STATIC_LIBRARY NAMES libfdt.a)
