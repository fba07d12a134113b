/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#include <vdisc/error.h>
#include <vdisc/pci_regs.h>

#include "errors.h"
#include "vfio_internal.h"

/*
 * The PCI half of the VFIO platform: configuration space through the
 * config region, the BARs behind the MMIO hooks, the command register, and
 * the open/close sequence that ties vfio_group.c and vfio_dma.c together.
 */

static const char *const vpp_cause_names[] = {
	[VDISC_VFIO_CAUSE_NONE] = "none",
	[VDISC_VFIO_CAUSE_NO_FUNCTION] = "no-function",
	[VDISC_VFIO_CAUSE_NO_GROUP] = "no-group",
	[VDISC_VFIO_CAUSE_NOT_BOUND] = "not-bound",
	[VDISC_VFIO_CAUSE_PERMISSION] = "permission",
	[VDISC_VFIO_CAUSE_BUSY] = "busy",
	[VDISC_VFIO_CAUSE_NOT_VIABLE] = "not-viable",
	[VDISC_VFIO_CAUSE_IOMMU] = "iommu",
	[VDISC_VFIO_CAUSE_MEMLOCK] = "memlock",
	[VDISC_VFIO_CAUSE_OTHER] = "other",
};

const char *vdisc_vfio_cause_name(enum vdisc_vfio_cause cause)
{
	if ((unsigned)cause >= sizeof(vpp_cause_names) / sizeof(vpp_cause_names[0]))
		return "other";
	return vpp_cause_names[cause];
}

/* ---- configuration space ---------------------------------------------------------------- */

static uint32_t vpp_ones(unsigned width)
{
	return 0xffffffffu >> (32 - 8 * width);
}

/* -VDISC_EINVAL for a bad width or alignment; 1 when @off..+@width is in the one function
 * behind this fd, 0 when not (another function, a closed fd, past the region). */
static int vpp_cfg_reach(const struct vdisc_vfio *v, struct vdisc_pci_addr addr, uint16_t off,
			 unsigned width)
{
	if ((width != 1 && width != 2 && width != 4) || off % width)
		return -VDISC_EINVAL;
	return vdisc_pci_addr_key(addr) == vdisc_pci_addr_key(v->addr) && v->device >= 0 &&
	       (uint64_t)off + width <= v->config_size;
}

static int vpp_cfg_read(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
			uint32_t *value)
{
	struct vdisc_vfio *v = ctx;
	int r = vpp_cfg_reach(v, addr, off, width);
	uint8_t b[4];
	unsigned i;

	if (r < 0)
		return r;
	*value = vpp_ones(width);
	if (r == 0)
		return 0; /* the rest of the bus is empty */
	if (pread(v->device, b, width, (off_t)(v->config_offset + off)) != (ssize_t)width)
		return -VDISC_EIO;
	*value = 0;
	for (i = 0; i < width; i++)
		*value |= (uint32_t)b[i] << (8 * i);
	return 0;
}

static int vpp_cfg_write(void *ctx, struct vdisc_pci_addr addr, uint16_t off, unsigned width,
			 uint32_t value)
{
	struct vdisc_vfio *v = ctx;
	int r = vpp_cfg_reach(v, addr, off, width);
	uint8_t b[4];
	unsigned i;

	if (r <= 0)
		return r < 0 ? r : -VDISC_ENOTFOUND;
	for (i = 0; i < width; i++)
		b[i] = (uint8_t)(value >> (8 * i));
	if (pwrite(v->device, b, width, (off_t)(v->config_offset + off)) != (ssize_t)width)
		return -VDISC_EIO;
	return 0;
}

static uint16_t vpp_cfg_size(void *ctx, struct vdisc_pci_addr addr)
{
	const struct vdisc_vfio *v = ctx;

	(void)addr;
	if (v->config_size >= VDISC_PCIE_CONFIG_SIZE)
		return VDISC_PCIE_CONFIG_SIZE;
	return v->config_size >= VDISC_PCI_CONFIG_SIZE ? VDISC_PCI_CONFIG_SIZE
						       : VDISC_PCI_STD_HEADER_SIZE;
}

static int vpp_cfg_list(void *ctx, int (*visit)(void *arg, struct vdisc_pci_addr addr), void *arg)
{
	const struct vdisc_vfio *v = ctx;

	return visit(arg, v->addr);
}

void vdisc_vfio_pci_ops(struct vdisc_vfio *v, struct vdisc_pci_ops *ops)
{
	memset(ops, 0, sizeof(*ops));
	ops->name = "vfio";
	ops->read = vpp_cfg_read;
	ops->write = vpp_cfg_write;
	ops->config_size = vpp_cfg_size;
	ops->list = vpp_cfg_list;
	ops->ctx = v;
}

/* ---- regions ------------------------------------------------------------------------------ */

/* Whether region @index comes with a sparse-mmap capability (only parts of it may be mapped). */
static bool vpp_sparse(struct vdisc_vfio *v, uint32_t index, uint32_t argsz)
{
	struct vfio_region_info *info = calloc(1, argsz);
	struct vfio_info_cap_header h;
	bool sparse = false;
	uint32_t off;

	if (!info || argsz < sizeof(*info))
		goto out;
	info->argsz = argsz;
	info->index = index;
	if (ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, info) != 0 || info->argsz > argsz)
		goto out;
	for (off = info->cap_offset; off >= sizeof(*info) && off <= argsz - sizeof(h);
	     off = h.next) {
		memcpy(&h, (uint8_t *)info + off, sizeof(h));
		if (h.id == VFIO_REGION_INFO_CAP_SPARSE_MMAP)
			sparse = true;
		if (h.next <= off)
			break;
	}
out:
	free(info);
	return sparse;
}

static int vpp_region(struct vdisc_vfio *v, uint32_t index, struct vfio_region_info *info,
		      bool *sparse)
{
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	info->index = index;
	if (ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, info) != 0)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: VFIO_DEVICE_GET_REGION_INFO %u: %s", v->name, index,
				       strerror(errno));
	*sparse = (info->flags & VFIO_REGION_INFO_FLAG_CAPS) && info->argsz > sizeof(*info) &&
		  vpp_sparse(v, index, info->argsz);
	return 0;
}

static int vpp_bar(struct vdisc_vfio *v, unsigned i)
{
	struct vdisc_vfio_bar *b = &v->bar[i];
	struct vfio_region_info info;
	uint32_t reg = 0;
	bool sparse;
	void *map;
	int err = vpp_region(v, VFIO_PCI_BAR0_REGION_INDEX + i, &info, &sparse);

	if (err || info.size == 0)
		return err;
	b->size = info.size;
	b->offset = info.offset;
	err = vpp_cfg_read(v, v->addr, (uint16_t)(VDISC_PCI_BASE_ADDRESS_0 + 4 * i), 4, &reg);
	if (err)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER,
				       "%s: reading BAR %u from the config region: %s", v->name, i,
				       strerror(errno));
	b->io = (reg & VDISC_PCI_BAR_SPACE_IO) != 0;
	/* A BAR larger than the stride would run into the next one's made-up range. */
	if (b->io || b->size > VDISC_VFIO_BAR_STRIDE)
		return 0;
	b->base = VDISC_VFIO_BAR_BASE + i * VDISC_VFIO_BAR_STRIDE;
	if (!(info.flags & VFIO_REGION_INFO_FLAG_MMAP) || sparse)
		return 0; /* pread/pwrite reach it, a little slower */
	map = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, v->device, (off_t)b->offset);
	if (map != MAP_FAILED)
		b->map = map;
	return 0;
}

static int vpp_regions(struct vdisc_vfio *v)
{
	struct vfio_device_info dinfo = {.argsz = sizeof(dinfo)};
	struct vfio_region_info cfg;
	bool sparse;
	unsigned i;
	int err;

	if (ioctl(v->device, VFIO_DEVICE_GET_INFO, &dinfo) != 0)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: VFIO_DEVICE_GET_INFO: %s", v->name, strerror(errno));
	if (!(dinfo.flags & VFIO_DEVICE_FLAGS_PCI) ||
	    dinfo.num_regions <= VFIO_PCI_CONFIG_REGION_INDEX) {
		errno = ENODEV;
		return vdisc_vfio_say_(v, -VDISC_ENOTSUP, VDISC_VFIO_CAUSE_OTHER,
				       "%s: the VFIO device is not a PCI function", v->name);
	}
	err = vpp_region(v, VFIO_PCI_CONFIG_REGION_INDEX, &cfg, &sparse);
	if (err)
		return err;
	v->config_offset = cfg.offset;
	v->config_size = cfg.size;
	for (i = 0; i < VDISC_PCI_MAX_BARS && !err; i++)
		err = vpp_bar(v, i);
	return err;
}

/* Memory decoding for the BARs, bus mastering for DMA; the old value is put back on close. */
static int vpp_enable(struct vdisc_vfio *v)
{
	uint32_t cmd;
	uint16_t want;
	int err = vpp_cfg_read(v, v->addr, VDISC_PCI_COMMAND, 2, &cmd);

	if (!err) {
		want = (uint16_t)(cmd | VDISC_PCI_COMMAND_MEMORY | VDISC_PCI_COMMAND_MASTER);
		v->command = (uint16_t)cmd;
		if (want == cmd)
			return 0;
		err = vpp_cfg_write(v, v->addr, VDISC_PCI_COMMAND, 2, want);
		if (!err)
			v->command_changed = true;
	}
	if (err)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER,
				       "%s: the command register: %s", v->name, strerror(errno));
	return 0;
}

/* ---- open, decode, close -------------------------------------------------------------------- */

int vdisc_vfio_open(struct vdisc_vfio *v, struct vdisc_pci_addr addr,
		    const struct vdisc_vfio_config *cfg)
{
	const char *sysfs = cfg && cfg->sysfs ? cfg->sysfs : "/sys";
	const char *dev = cfg && cfg->dev ? cfg->dev : "/dev/vfio";
	int err, saved;

	if (!v)
		return vdisc_hosted_errno_(EINVAL);
	memset(v, 0, sizeof(*v));
	v->container = v->group = v->device = v->group_id = -1;
	v->addr = addr;
	vdisc_pci_addr_format(v->name, sizeof(v->name), addr, true);
	vdisc_vfio_hooks_(v);
	err = vdisc_vfio_attach_(v, sysfs, dev);
	if (!err)
		err = vpp_regions(v);
	if (!err && cfg && cfg->dma_bytes)
		err = vdisc_vfio_dma_open_(v, cfg->dma_bytes);
	if (!err)
		err = vpp_enable(v);
	if (!err)
		return 0;
	saved = errno;
	vdisc_vfio_close(v);
	errno = saved;
	return err;
}

int vdisc_vfio_decode(struct vdisc_vfio *v, struct vdisc_arena *arena,
		      struct vdisc_pci_function *fn)
{
	uint16_t size;
	uint8_t *cfg;
	size_t got;
	unsigned k;
	int err;

	if (!v || !arena || !fn || v->device < 0)
		return vdisc_hosted_errno_(EINVAL);
	size = vpp_cfg_size(v, v->addr);
	cfg = vdisc_arena_alloc(arena, size, 4);
	if (!cfg)
		return vdisc_hosted_errno_(ENOMEM);
	for (got = 0; got < size;) {
		ssize_t n =
			pread(v->device, cfg + got, size - got, (off_t)(v->config_offset + got));

		if (n <= 0)
			return vdisc_vfio_say_(v, n < 0 ? vdisc_hosted_errno_(errno) : -VDISC_EIO,
					       VDISC_VFIO_CAUSE_OTHER,
					       "%s: reading the config region: %s", v->name,
					       n < 0 ? strerror(errno) : "short read");
		got += (size_t)n;
	}
	err = vdisc_pci_decode(cfg, size, v->addr, arena, fn);
	if (err)
		return err;
	/* VFIO knows every BAR's size: no sizing writes needed. */
	for (k = 0; k < fn->nbars; k++) {
		struct vdisc_pci_bar *bar = &fn->bars[k];

		if (bar->index < VDISC_PCI_MAX_BARS && bar->type != VDISC_PCI_BAR_NONE &&
		    v->bar[bar->index].size) {
			bar->size = v->bar[bar->index].size;
			bar->has_size = true;
		}
	}
	fn->bars_sized = true;
	return 0;
}

void vdisc_vfio_bar_bases(const struct vdisc_vfio *v, uint64_t bar_base[VDISC_PCI_MAX_BARS])
{
	unsigned i;

	for (i = 0; i < VDISC_PCI_MAX_BARS; i++)
		bar_base[i] = v ? v->bar[i].base : 0;
}

void vdisc_vfio_close(struct vdisc_vfio *v)
{
	int saved = errno;
	unsigned i;

	if (!v)
		return;
	if (v->command_changed && v->device >= 0)
		(void)vpp_cfg_write(v, v->addr, VDISC_PCI_COMMAND, 2, v->command);
	v->command_changed = false;
	vdisc_vfio_dma_close_(v);
	for (i = 0; i < VDISC_PCI_MAX_BARS; i++)
		if (v->bar[i].map)
			munmap((void *)(uintptr_t)v->bar[i].map, v->bar[i].size);
	/* No BAR left: a late MMIO access is refused, not a use after unmap. */
	memset(v->bar, 0, sizeof(v->bar));
	vdisc_vfio_detach_(v);
	errno = saved;
}
