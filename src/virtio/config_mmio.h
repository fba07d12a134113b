/* SPDX-License-Identifier: MIT */
#ifndef VDISC_CONFIG_MMIO_H
#define VDISC_CONFIG_MMIO_H

#include "../discover/vdisc_env.h"

#include <vdisc/platform.h>

/*
 * Device-configuration access through MMIO, shared by the MMIO v2 and PCI
 * modern transports: one access of the width asked, and a 64-bit field as
 * two 32-bit accesses, low half first (virtio 1.3, 4.1.3.1 and 4.2.2.2).
 */
static inline uint64_t vdisc_config_mmio_read_(const struct vdisc_platform *p, uint64_t addr,
					       unsigned width)
{
	switch (width) {
	case 1:
		return p->mmio_read8(p->ctx, addr);
	case 2:
		return p->mmio_read16(p->ctx, addr);
	case 4:
		return p->mmio_read32(p->ctx, addr);
	default:
		return p->mmio_read32(p->ctx, addr) | (uint64_t)p->mmio_read32(p->ctx, addr + 4)
							      << 32;
	}
}

static inline void vdisc_config_mmio_write_(const struct vdisc_platform *p, uint64_t addr,
					    unsigned width, uint64_t value)
{
	switch (width) {
	case 1:
		p->mmio_write8(p->ctx, addr, (uint8_t)value);
		break;
	case 2:
		p->mmio_write16(p->ctx, addr, (uint16_t)value);
		break;
	case 4:
		p->mmio_write32(p->ctx, addr, (uint32_t)value);
		break;
	default:
		p->mmio_write32(p->ctx, addr, (uint32_t)value);
		p->mmio_write32(p->ctx, addr + 4, (uint32_t)(value >> 32));
		break;
	}
}

#endif
