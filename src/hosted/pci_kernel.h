/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_KERNEL_H
#define VDISC_HOSTED_PCI_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vdisc/error.h>
#include <vdisc/pci.h>

/*
 * What Linux says about a function beyond its configuration space, read
 * the way lspci reads it from sysfs: the IRQ the kernel assigned, the
 * resources as the CPU sees them (with the kernel's IORESOURCE flags), the
 * firmware label, the physical slot, the device-tree node and the modalias
 * that names the modules able to drive it.
 */

/* Linux's IORESOURCE_* bits in a sysfs "resource" line (include/linux/ioport.h). */
#define VDISC_IORESOURCE_IO 0x00000100
#define VDISC_IORESOURCE_MEM 0x00000200
#define VDISC_IORESOURCE_TYPE_BITS 0x00001f00
#define VDISC_IORESOURCE_PREFETCH 0x00002000
#define VDISC_IORESOURCE_MEM_64 0x00100000
#define VDISC_IORESOURCE_IO_16BIT_ADDR 0x00000001 /* bridge windows: 16-bit I/O decode */
#define VDISC_IORESOURCE_PCI_EA_BEI 0x00000020	  /* the BAR is an Enhanced Allocation entry */

/* Lines of a sysfs resource file: 6 BARs, the ROM, 6 SR-IOV BARs, 4 bridge windows. */
#define VDISC_PCI_KERNEL_MAX_RES 17

struct vdisc_pci_kernel_res {
	uint64_t start, end, flags;
};

struct vdisc_pci_kernel {
	unsigned nres; /* lines read from "resource"; 0 when it could not be read */
	struct vdisc_pci_kernel_res res[VDISC_PCI_KERNEL_MAX_RES];
	int irq;	    /* -1 when unknown */
	char label[256];    /* "label" (firmware's name for an on-board device), or "" */
	char modalias[256]; /* "modalias", or "" */
	char phy_slot[64];  /* the /sys/bus/pci/slots entry whose address is this device */
	char dt_node[256];  /* the of_node link's target, or "" */
};

/**
 * vdisc_pci_kernel_read - what sysfs knows about the function at @addr
 * @root: the devices directory, "/sys/bus/pci/devices" (tests pass a fake tree);
 *        physical slots are looked up in @root/../slots
 * returns: 0, or -VDISC_ENOTFOUND when @root has no such function.
 */
int vdisc_pci_kernel_read(const char *root, struct vdisc_pci_addr addr, struct vdisc_pci_kernel *k);

/**
 * vdisc_pci_kernel_bridge_windows - a bridge's forwarding windows from @k's resource lines
 * @win: receives the I/O, memory, prefetchable and fourth windows, as lspci takes them
 * returns: true when the file had the window lines (a configured bridge), false otherwise.
 */
bool vdisc_pci_kernel_bridge_windows(const struct vdisc_pci_kernel *k,
				     struct vdisc_pci_kernel_res win[4]);

/**
 * vdisc_pci_modules - the kernel modules whose aliases match @modalias
 * @dir: the modules directory, /lib/modules/RELEASE; NULL for the running kernel's
 * @modalias: "pci:v00008086d...", as sysfs gives it (without its newline)
 * @emit: called once per module name ('-' written '_'), in modules.alias order;
 *        the same name twice in a row is given once, as lspci does
 *
 * fnmatch(3) patterns of modules.alias; where none matches, the aliases of
 * built-in modules (modules.builtin.modinfo), as libkmod falls back to them.
 * returns: the number of names emitted, or -VDISC_ENOTFOUND without modules.alias.
 */
int vdisc_pci_modules(const char *dir, const char *modalias,
		      void (*emit)(void *arg, const char *module), void *arg);

#endif
