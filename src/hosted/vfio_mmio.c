/* SPDX-License-Identifier: MIT */
#include <endian.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "vfio_internal.h"

/*
 * The VFIO platform's MMIO hooks: a made-up CPU address is found in one
 * BAR, bounds-checked, and reached with one volatile access of its width
 * through the BAR's mapping, or one pread/pwrite of the device fd where
 * the BAR is not mapped.  Registers are little-endian (virtio 1.x, PCI).
 */

static uint32_t vm_ones(unsigned width)
{
	return 0xffffffffu >> (32 - 8 * width);
}

/* ---- the hooks ---------------------------------------------------------------------- */

int vdisc_vfio_bar_find_(const struct vdisc_vfio_bar bar[VDISC_PCI_MAX_BARS], uint64_t addr,
			 unsigned width, unsigned *index, uint64_t *offset)
{
	unsigned i;

	if ((width != 1 && width != 2 && width != 4 && width != 8) || addr % width)
		return -VDISC_EINVAL;
	for (i = 0; i < VDISC_PCI_MAX_BARS; i++) {
		const struct vdisc_vfio_bar *b = &bar[i];

		if (!b->base || !b->size || b->io || addr < b->base)
			continue;
		if (addr - b->base >= b->size || width > b->size - (addr - b->base))
			continue;
		*index = i;
		*offset = addr - b->base;
		return 0;
	}
	return -VDISC_ERANGE;
}

/* The first refused access is kept: later ones are usually its consequences. */
static void vm_mmio_fault(struct vdisc_vfio *v, int err, uint64_t addr, unsigned width)
{
	if (v->mmio_error)
		return;
	v->mmio_error = err;
	vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER, "%s: MMIO access of %u bytes at %#llx: %s",
			v->name, width, (unsigned long long)addr,
			err == -VDISC_ERANGE   ? "outside every BAR"
			: err == -VDISC_EINVAL ? "misaligned"
					       : "the device fd refused it");
}

/* Where @addr is: a pointer into a mapped BAR, or an offset in the device fd. */
static int vm_locate(struct vdisc_vfio *v, uint64_t addr, unsigned width, volatile uint8_t **p,
		     off_t *at)
{
	uint64_t off;
	unsigned i;
	int err = vdisc_vfio_bar_find_(v->bar, addr, width, &i, &off);

	if (err) {
		vm_mmio_fault(v, err, addr, width);
		return err;
	}
	*p = v->bar[i].map ? v->bar[i].map + off : NULL;
	*at = (off_t)(v->bar[i].offset + off);
	return 0;
}

/* Exactly one access of @width: device registers may act on reads. */
static uint64_t vm_read(struct vdisc_vfio *v, uint64_t addr, unsigned width)
{
	volatile uint8_t *p;
	uint64_t le = 0;
	off_t at;

	if (vm_locate(v, addr, width, &p, &at))
		return width == 8 ? ~0ull : vm_ones(width);
	if (p) {
		switch (width) {
		case 1:
			return *p;
		case 2:
			return le16toh(*(volatile uint16_t *)p);
		case 4:
			return le32toh(*(volatile uint32_t *)p);
		default:
			return le64toh(*(volatile uint64_t *)p);
		}
	}
	if (pread(v->device, &le, width, at) != (ssize_t)width) {
		vm_mmio_fault(v, -VDISC_EIO, addr, width);
		return width == 8 ? ~0ull : vm_ones(width);
	}
	return le64toh(le); /* the low @width bytes were filled, in device (little) order */
}

static void vm_write(struct vdisc_vfio *v, uint64_t addr, unsigned width, uint64_t value)
{
	volatile uint8_t *p;
	uint64_t le = htole64(value);
	off_t at;

	if (vm_locate(v, addr, width, &p, &at))
		return;
	if (p) {
		switch (width) {
		case 1:
			*p = (uint8_t)value;
			return;
		case 2:
			*(volatile uint16_t *)p = htole16((uint16_t)value);
			return;
		case 4:
			*(volatile uint32_t *)p = htole32((uint32_t)value);
			return;
		default:
			*(volatile uint64_t *)p = le;
			return;
		}
	}
	if (pwrite(v->device, &le, width, at) != (ssize_t)width)
		vm_mmio_fault(v, -VDISC_EIO, addr, width);
}

static uint8_t vm_read8(void *ctx, uint64_t addr)
{
	return (uint8_t)vm_read(ctx, addr, 1);
}

static uint16_t vm_read16(void *ctx, uint64_t addr)
{
	return (uint16_t)vm_read(ctx, addr, 2);
}

static uint32_t vm_read32(void *ctx, uint64_t addr)
{
	return (uint32_t)vm_read(ctx, addr, 4);
}

static uint64_t vm_read64(void *ctx, uint64_t addr)
{
	return vm_read(ctx, addr, 8);
}

static void vm_write8(void *ctx, uint64_t addr, uint8_t value)
{
	vm_write(ctx, addr, 1, value);
}

static void vm_write16(void *ctx, uint64_t addr, uint16_t value)
{
	vm_write(ctx, addr, 2, value);
}

static void vm_write32(void *ctx, uint64_t addr, uint32_t value)
{
	vm_write(ctx, addr, 4, value);
}

static void vm_write64(void *ctx, uint64_t addr, uint64_t value)
{
	vm_write(ctx, addr, 8, value);
}

static uint64_t vm_now_ns(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void vm_mb(void *ctx)
{
	(void)ctx;
	/* Ring memory against BAR accesses, both ways: the device is another bus master. */
	atomic_thread_fence(memory_order_seq_cst);
}

void vdisc_vfio_hooks_(struct vdisc_vfio *v)
{
	struct vdisc_platform *p = &v->platform;

	p->ctx = v;
	p->mmio_read8 = vm_read8;
	p->mmio_read16 = vm_read16;
	p->mmio_read32 = vm_read32;
	p->mmio_read64 = vm_read64;
	p->mmio_write8 = vm_write8;
	p->mmio_write16 = vm_write16;
	p->mmio_write32 = vm_write32;
	p->mmio_write64 = vm_write64;
	p->now_ns = vm_now_ns;
	p->mb = vm_mb;
}
