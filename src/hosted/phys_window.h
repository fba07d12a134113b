/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PHYS_WINDOW_H
#define VDISC_HOSTED_PHYS_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include <vdisc/platform.h>
#include <vdisc/virtio.h>

/*
 * A window onto device memory: /dev/mem at a physical address, or a PCI BAR
 * through /sys/bus/pci/devices/SLOT/resourceN.  vdisc_phys_window_open maps
 * it PROT_READ, so nothing in vdisc can write a device through it, whoever
 * owns it.  vdisc_phys_window_open_selectors is the one deliberate
 * exception: a writable mapping whose write hooks accept only the selector
 * registers named at open (a feature or queue select), of one width each;
 * every other write is dropped and counted.  Callers take it only for a
 * device no driver owns.
 */
#define VDISC_PHYS_WINDOW_MAX_SELECTORS 4

struct vdisc_phys_window_selector {
	uint64_t offset; /* from the window's first byte */
	unsigned width;	 /* 2 or 4 */
};

struct vdisc_phys_window {
	uint64_t base; /* the address the window's first byte answers to */
	size_t len;
	volatile const uint8_t *bytes;
	volatile uint8_t *wbytes; /* the same bytes, writable: NULL unless opened for selectors */
	struct vdisc_phys_window_selector selectors[VDISC_PHYS_WINDOW_MAX_SELECTORS];
	unsigned nselectors;
	unsigned writes;  /* selector writes done */
	unsigned refused; /* writes dropped: not a selector, or not its width */
	void *map;
	size_t map_len;
};

/* returns 0, or -VDISC_E* (-VDISC_ENOTFOUND: no such file; -VDISC_EPERM: not root), errno set. */
int vdisc_phys_window_open(const char *path, uint64_t offset, size_t len, uint64_t base,
			   struct vdisc_phys_window *w);
/*
 * The same, mapped writable, for writes to @sel[0..@nsel) only (at most
 * VDISC_PHYS_WINDOW_MAX_SELECTORS; offsets from @offset).  returns as above,
 * -VDISC_EINVAL for a selector outside the window or of another width than 2 or 4.
 */
int vdisc_phys_window_open_selectors(const char *path, uint64_t offset, size_t len, uint64_t base,
				     const struct vdisc_phys_window_selector *sel, unsigned nsel,
				     struct vdisc_phys_window *w);
void vdisc_phys_window_close(struct vdisc_phys_window *w);

/* MMIO read hooks over the window; 16- and 32-bit write hooks only for a selector window
 * (absent otherwise: a probe then reads no selectors). */
void vdisc_phys_window_platform(struct vdisc_phys_window *w, struct vdisc_platform *p);

/* Device-configuration reads over the window, @offset bytes in. */
void vdisc_phys_window_config(struct vdisc_phys_window *w, uint16_t size,
			      struct vdisc_virtio_config_ops *ops);

#endif
