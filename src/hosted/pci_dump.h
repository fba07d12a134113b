/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_DUMP_H
#define VDISC_HOSTED_PCI_DUMP_H

/*
 * The "dump" access method (hosted layer): configuration space read from
 * the text `lspci -x`, `-xxx` or `-xxxx` prints (with or without the
 * `-v`/`-vvv` decode lspci interleaves), or from a raw binary image.
 *
 * What the text parser accepts is what `lspci -F FILE` (pciutils
 * lib/dump.c) accepts, and it lists the same functions with the same
 * bytes; it refuses, with a one-line message, the inputs where lspci would
 * silently drop or corrupt data (the rules are listed in pci_dump_text.c).
 *
 * Reads of a function the dump does not hold, and of bytes the dump does not
 * hold (holes between hex lines, bytes past the dumped length), return all
 * ones, as libpci's pci_read_*() do for unreadable bytes.  Not thread-safe
 * to parse into; concurrent reads of a parsed dump are safe.
 */

#include <stddef.h>
#include <stdio.h>

#include <vdisc/error.h>
#include <vdisc/pci.h>

struct vdisc_pci_dump;

/**
 * vdisc_pci_dump_parse - parse a whole lspci -x/-xxx/-xxxx text dump in memory
 * @text: the file's bytes (need not be NUL-terminated; a NUL byte is an error)
 * @len: bytes in @text
 * @out: the parsed dump on success, NULL on error; free with vdisc_pci_dump_free()
 * @where: on error, "LINE N: what is wrong" (no file name); "" on success; may be NULL
 * @wherelen: size of @where
 *
 * A file with no device line parses to an empty dump (lspci lists nothing).
 *
 * returns: 0, or
 *  -VDISC_EINVAL     a NULL argument, a malformed or over-long line, a NUL byte,
 *                    a hex line outside any device, a byte given twice, a device
 *                    or function number out of range, a device with under 64 bytes
 *  -VDISC_ETRUNCATED the last line has no newline
 *  -VDISC_ERANGE     a byte at offset 4096 or beyond
 *  -VDISC_ENOTSUP    a domain above ffff (struct vdisc_pci_addr holds 16 bits)
 *  -VDISC_EDUPLICATE a slot given twice
 *  -VDISC_ENOMEM     out of memory
 */
int vdisc_pci_dump_parse(const char *text, size_t len, struct vdisc_pci_dump **out, char *where,
			 size_t wherelen);

/**
 * vdisc_pci_dump_from_binary - wrap raw configuration-space images of one slot
 * @data: 256 or 4096 bytes per function, concatenated (a multiple of 4096
 *        bytes means 4096-byte functions, as 16 functions cannot share a slot)
 * @len: bytes in @data
 * @first: the slot of the first image; the next ones take fn + 1, fn + 2, ...
 * @out, @where, @wherelen: as for vdisc_pci_dump_parse() (messages have no LINE)
 *
 * Every image is listed, even one whose vendor id reads ffff.
 *
 * returns: 0, -VDISC_EINVAL (NULL argument, empty image, size not a whole
 * number of functions, more functions than the slot has left, @first out of
 * range) or -VDISC_ENOMEM.
 */
int vdisc_pci_dump_from_binary(const unsigned char *data, size_t len, struct vdisc_pci_addr first,
			       struct vdisc_pci_dump **out, char *where, size_t wherelen);

/* Frees @d (NULL is fine).  Ops filled from @d must not be used afterwards. */
void vdisc_pci_dump_free(struct vdisc_pci_dump *d);

/* vdisc_pci_dump_parse() on a stream, a chunk at a time: the text is never held whole. */
int vdisc_pci_dump_parse_file(FILE *f, struct vdisc_pci_dump **out, char *where, size_t wherelen);

/**
 * vdisc_pci_dump_ops - fill @ops to read @d
 *
 * read: O(log n) by address; all ones for absent functions and bytes the dump
 * lacks; -VDISC_EINVAL for a width other than 1, 2, 4, an unaligned offset,
 * an offset past 4095, or a device/function number out of range.
 * config_size: the dumped length rounded up to 64, 256 or 4096 (the length is
 * the highest offset given + 1, as in lspci); 0 for an absent function.
 * list: every function, sorted by address as lspci lists them (not file order).
 * write: NULL.
 */
void vdisc_pci_dump_ops(struct vdisc_pci_dump *d, struct vdisc_pci_ops *ops);

/* Number of functions in @d. */
size_t vdisc_pci_dump_count(const struct vdisc_pci_dump *d);

#endif
