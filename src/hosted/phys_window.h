/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PHYS_WINDOW_H
#define VDISC_HOSTED_PHYS_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#include <vdisc/platform.h>
#include <vdisc/virtio.h>

/*
 * A read-only window onto device memory: /dev/mem at a physical address, or
 * a PCI BAR through /sys/bus/pci/devices/SLOT/resourceN.  Mapped PROT_READ,
 * so nothing in vdisc can write a device through it, whoever owns it.
 */
struct vdisc_phys_window {
	uint64_t base; /* the address the window's first byte answers to */
	size_t len;
	volatile const uint8_t *bytes;
	void *map;
	size_t map_len;
};

/* returns 0, or -VDISC_E* (-VDISC_ENOTFOUND: no such file; -VDISC_EPERM: not root), errno set. */
int vdisc_phys_window_open(const char *path, uint64_t offset, size_t len, uint64_t base,
			   struct vdisc_phys_window *w);
void vdisc_phys_window_close(struct vdisc_phys_window *w);

/* MMIO read hooks over the window (writes absent: a probe then reads no selectors). */
void vdisc_phys_window_platform(struct vdisc_phys_window *w, struct vdisc_platform *p);

/* Device-configuration reads over the window, @offset bytes in. */
void vdisc_phys_window_config(struct vdisc_phys_window *w, uint16_t size,
			      struct vdisc_virtio_config_ops *ops);

#endif
