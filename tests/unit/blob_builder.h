/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TEST_BLOB_BUILDER_H
#define VDISC_TEST_BLOB_BUILDER_H

/*
 * Device trees for the unit tests, built in memory with libfdt's
 * sequential-write API so that each test reads like a small .dts:
 *
 *	bb_start(&b);
 *	bb_begin(&b, "");                  / {
 *	bb_bus(&b, 2, 2);                      #address-cells = <2>; #size-cells = <2>;
 *	bb_begin(&b, "uart@10000000");         uart@10000000 {
 *	bb_cells(&b, "reg", 0, 0x10000000, 0, 0x100);   reg = <0 0x10000000 0 0x100>;
 *	bb_end(&b);                            };
 *	bb_end(&b);                        };
 *
 * The first libfdt error is kept and makes bb_finish() return NULL, so a
 * test only has to check the finished blob.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/vdisc.h>

#define BB_CAPACITY (64u * 1024u)

struct bb {
	_Alignas(8) unsigned char buf[BB_CAPACITY]; /* libfdt wants 8-byte alignment */
	int err;				    /* first libfdt error, or 0 */
	bool rsvmap_done;
	size_t size; /* totalsize, once finished */
};

void bb_start(struct bb *b);
/* A /memreserve/ entry; only before the first bb_begin(). */
void bb_memreserve(struct bb *b, uint64_t address, uint64_t size);
void bb_begin(struct bb *b, const char *name);
void bb_end(struct bb *b);
void bb_u32(struct bb *b, const char *name, uint32_t value);
void bb_cells_(struct bb *b, const char *name, const uint32_t *cells, size_t n);
void bb_string(struct bb *b, const char *name, const char *value);
void bb_strings_(struct bb *b, const char *name, const char *const *values, size_t n);
void bb_empty(struct bb *b, const char *name);
void bb_bytes(struct bb *b, const char *name, const void *data, size_t len);
/* #address-cells and #size-cells of the open node. */
void bb_bus(struct bb *b, uint32_t address_cells, uint32_t size_cells);
/* QEMU riscv64 virt's PLIC node (plic@c000000, one interrupt cell) with @phandle, in a
 * parent of 2 address and 2 size cells. */
void bb_virt_plic(struct bb *b, uint32_t phandle);
/* QEMU riscv64 virt's ECAM host (pci@30000000, buses 0-255) whose interrupt-map sends 4 slots'
 * INTA..D to the PLIC @plic as QEMU swizzles them, left open for the caller's own
 * properties and children (bb_end closes it). */
void bb_virt_pci_host_begin(struct bb *b, uint32_t plic);
/* The blob, or NULL if any step failed; *size (if given) gets its totalsize. */
const void *bb_finish(struct bb *b, size_t *size);

/* bb_cells(b, "reg", 0x1000, 0x100): a property of big-endian cells. */
#define bb_cells(b, name, ...)                                  \
	bb_cells_((b), (name), (const uint32_t[]){__VA_ARGS__}, \
		  sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

/* bb_strings(b, "compatible", "arm,gic-400", "arm,cortex-a15-gic"): a string list. */
#define bb_strings(b, name, ...)                                     \
	bb_strings_((b), (name), (const char *const[]){__VA_ARGS__}, \
		    sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/*
 * Scanning and looking things up in the result.
 */

/* Finish @b and scan it into @model, backed by a large arena private to this file. */
int bb_scan(struct bb *b, struct vdisc_model *model);

/* The device at @path, or NULL. */
const struct vdisc_device *find_device(const struct vdisc_model *model, const char *path);

/* The first diag with @error whose path and prop match (NULL matches anything). */
const struct vdisc_diag *find_diag(const struct vdisc_model *model, int error, const char *path,
				   const char *prop);

/* How many diags carry @error. */
unsigned count_diags(const struct vdisc_model *model, int error);

#endif
