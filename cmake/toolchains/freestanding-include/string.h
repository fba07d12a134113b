/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FREESTANDING_STRING_H
#define VDISC_FREESTANDING_STRING_H

/*
 * <string.h> for vdisc's freestanding cross builds, which compile with
 * -nostdinc: the compiler's own freestanding headers (stddef.h, stdint.h,
 * stdbool.h, ...) and this directory are all there is.  It declares exactly
 * the mem/str functions the core and libfdt are allowed to call -- the set
 * tests/cross/check-undefined.sh accepts -- so that calling anything else
 * from a C library is a compile error, not a surprise at link time.  The
 * embedder (a boot loader, a kernel, tests/freestanding/minimal_libc.c)
 * provides the definitions.
 */
#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

#endif
