/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "phys_window.h"

static int window_map(const char *path, uint64_t offset, size_t len, uint64_t base, bool rw,
		      struct vdisc_phys_window *w)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t start = offset & ~(uint64_t)(page - 1);
	size_t lead = (size_t)(offset - start);
	void *map;
	int fd, err;

	memset(w, 0, sizeof(*w));
	fd = open(path, (rw ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_SYNC);
	if (fd < 0)
		return vdisc_hosted_errno_(errno);
	map = mmap(NULL, lead + len, rw ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd,
		   (off_t)start);
	err = map == MAP_FAILED ? errno : 0;
	close(fd);
	if (err)
		return vdisc_hosted_errno_(err);
	w->map = map;
	w->map_len = lead + len;
	w->bytes = (volatile const uint8_t *)map + lead;
	w->wbytes = rw ? (volatile uint8_t *)map + lead : NULL;
	w->len = len;
	w->base = base;
	return 0;
}

int vdisc_phys_window_open(const char *path, uint64_t offset, size_t len, uint64_t base,
			   struct vdisc_phys_window *w)
{
	return window_map(path, offset, len, base, false, w);
}

int vdisc_phys_window_open_selectors(const char *path, uint64_t offset, size_t len, uint64_t base,
				     const struct vdisc_phys_window_selector *sel, unsigned nsel,
				     struct vdisc_phys_window *w)
{
	unsigned i;
	int err;

	memset(w, 0, sizeof(*w));
	if (nsel == 0 || nsel > VDISC_PHYS_WINDOW_MAX_SELECTORS)
		return -VDISC_EINVAL;
	for (i = 0; i < nsel; i++)
		if ((sel[i].width != 2 && sel[i].width != 4) || sel[i].offset % sel[i].width ||
		    sel[i].offset + sel[i].width > len)
			return -VDISC_EINVAL;
	err = window_map(path, offset, len, base, true, w);
	if (err)
		return err;
	memcpy(w->selectors, sel, nsel * sizeof(*sel));
	w->nselectors = nsel;
	return 0;
}

void vdisc_phys_window_close(struct vdisc_phys_window *w)
{
	if (w->map)
		munmap(w->map, w->map_len);
	memset(w, 0, sizeof(*w));
}

/* Device memory wants single accesses of the exact width: volatile loads, never memcpy. */
static uint64_t window_load(const struct vdisc_phys_window *w, uint64_t off, unsigned width)
{
	volatile const uint8_t *p = w->bytes + off;

	switch (width) {
	case 1:
		return *p;
	case 2:
		return *(volatile const uint16_t *)p;
	case 4:
		return *(volatile const uint32_t *)p;
	default:
		/* 64-bit fields as two 32-bit reads, low first (virtio 1.3, 4.1.3.1). */
		return *(volatile const uint32_t *)p |
		       (uint64_t) * (volatile const uint32_t *)(p + 4) << 32;
	}
}

static uint32_t window_read32(void *ctx, uint64_t addr)
{
	const struct vdisc_phys_window *w = ctx;

	if (addr < w->base || addr - w->base + 4 > w->len || (addr & 3))
		return 0xffffffff;
	return (uint32_t)window_load(w, addr - w->base, 4);
}

static uint16_t window_read16(void *ctx, uint64_t addr)
{
	const struct vdisc_phys_window *w = ctx;

	if (addr < w->base || addr - w->base + 2 > w->len || (addr & 1))
		return 0xffff;
	return (uint16_t)window_load(w, addr - w->base, 2);
}

static uint8_t window_read8(void *ctx, uint64_t addr)
{
	const struct vdisc_phys_window *w = ctx;

	if (addr < w->base || addr - w->base >= w->len)
		return 0xff;
	return (uint8_t)window_load(w, addr - w->base, 1);
}

/* A write lands only on a selector of the window, at its width; anything else is dropped. */
static bool window_selector(struct vdisc_phys_window *w, uint64_t addr, unsigned width)
{
	unsigned i;

	for (i = 0; w->wbytes && addr >= w->base && i < w->nselectors; i++)
		if (w->selectors[i].offset == addr - w->base && w->selectors[i].width == width) {
			w->writes++;
			return true;
		}
	w->refused++;
	return false;
}

static void window_write32(void *ctx, uint64_t addr, uint32_t value)
{
	struct vdisc_phys_window *w = ctx;

	if (window_selector(w, addr, 4))
		*(volatile uint32_t *)(w->wbytes + (addr - w->base)) = value;
}

static void window_write16(void *ctx, uint64_t addr, uint16_t value)
{
	struct vdisc_phys_window *w = ctx;

	if (window_selector(w, addr, 2))
		*(volatile uint16_t *)(w->wbytes + (addr - w->base)) = value;
}

void vdisc_phys_window_platform(struct vdisc_phys_window *w, struct vdisc_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->ctx = w;
	p->mmio_read8 = window_read8;
	p->mmio_read16 = window_read16;
	p->mmio_read32 = window_read32;
	if (w->wbytes) {
		p->mmio_write16 = window_write16;
		p->mmio_write32 = window_write32;
	}
}

static int window_config_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	const struct vdisc_phys_window *w = ctx;

	if ((width != 1 && width != 2 && width != 4 && width != 8) || offset + width > w->len ||
	    offset % (width > 4 ? 4 : width))
		return -VDISC_EINVAL;
	*value = window_load(w, offset, width);
	return 0;
}

void vdisc_phys_window_config(struct vdisc_phys_window *w, uint16_t size,
			      struct vdisc_virtio_config_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->read = window_config_read;
	ops->ctx = w;
	ops->size = size;
}
