/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_DUMP_INTERNAL_H
#define VDISC_HOSTED_PCI_DUMP_INTERNAL_H

/*
 * The parsed dump shared by the dump's three files: pci_dump_text.c and
 * pci_dump_binary.c fill it, pci_dump.c stores, indexes and reads it.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pci_dump.h"

#define VDISC_PCI_DUMP_SPACE_ VDISC_PCIE_CONFIG_SIZE /* the most a function can have */

struct vdisc_pci_dump_fn_ {
	uint32_t key;	    /* vdisc_pci_addr_key() of its address */
	uint16_t size;	    /* 64, 256 or 4096 */
	size_t off;	    /* of its bytes in the pool */
	unsigned long line; /* of its device line (0 for binary images) */
};

struct vdisc_pci_dump_ent_ {
	uint32_t key;
	uint32_t idx; /* into fns[] */
};

struct vdisc_pci_dump {
	struct vdisc_pci_dump_fn_ *fns; /* file order */
	size_t count, cap;
	struct vdisc_pci_dump_ent_ *index; /* by key */
	unsigned char *pool;
	size_t pool_len, pool_cap;
};

/* The address of an index key: vdisc_pci_addr_key() backwards. */
struct vdisc_pci_addr vdisc_pci_dump_addr_(uint32_t key);

/* Room for @more pool bytes, or for @n functions: 0 or -VDISC_ENOMEM. */
int vdisc_pci_dump_pool_reserve_(struct vdisc_pci_dump *d, size_t more);
int vdisc_pci_dump_fns_reserve_(struct vdisc_pci_dump *d, size_t n);

/* Writes the message to @where (if any) and returns @err. */
int vdisc_pci_dump_fail_(char *where, size_t wherelen, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
