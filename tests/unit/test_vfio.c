/* SPDX-License-Identifier: MIT */
/*
 * The VFIO platform (src/hosted/vfio_*.c) on a host without an IOMMU:
 * its pure parts (the MMIO bounds check, the IOVA capability parser and
 * the IOVA choice), the sysfs half of open against a fake tree in a
 * temporary directory, and the config-space ops and the MMIO hooks' pread
 * path against a temporary file laid out like the device fd's regions.
 * What needs a real IOMMU runs in a guest: tests/vfio/.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fake_tree.h"
#include <linux/vfio.h>

#include <vdisc/error.h>
#include <vdisc/pci.h>

#include "hosted/vfio_internal.h"
#include "hosted/vfio_platform.h"

#define B0 VDISC_VFIO_BAR_BASE
#define B4 (VDISC_VFIO_BAR_BASE + 4 * VDISC_VFIO_BAR_STRIDE)

/* ---- the MMIO bounds check ------------------------------------------------------------ */

static void test_bar_find(void **state)
{
	struct vdisc_vfio_bar bar[VDISC_PCI_MAX_BARS] = {0};
	uint64_t off = 0;
	unsigned i = 99;

	(void)state;
	bar[0] = (struct vdisc_vfio_bar){.size = 0x1000, .base = B0};
	bar[1] = (struct vdisc_vfio_bar){
		.size = 0x100, .io = true, .base = B0 + VDISC_VFIO_BAR_STRIDE};
	bar[4] = (struct vdisc_vfio_bar){.size = 0x4000, .base = B4};
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0, 4, &i, &off), 0);
	assert_int_equal(i, 0);
	assert_int_equal(off, 0);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B4 + 0x3ff8, 8, &i, &off), 0);
	assert_int_equal(i, 4);
	assert_int_equal(off, 0x3ff8);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0 + 0xfff, 1, &i, &off), 0);
	/* Past the end, straddling it, between BARs, an I/O BAR, zero, misaligned. */
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0 + 0x1000, 1, &i, &off), -VDISC_ERANGE);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B4 + 0x4000 - 4, 8, &i, &off), -VDISC_EINVAL);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B4 + 0x4000 - 8, 8, &i, &off), 0);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0 + 2 * VDISC_VFIO_BAR_STRIDE, 4, &i, &off),
			 -VDISC_ERANGE);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0 + VDISC_VFIO_BAR_STRIDE, 4, &i, &off),
			 -VDISC_ERANGE);
	assert_int_equal(vdisc_vfio_bar_find_(bar, 0, 4, &i, &off), -VDISC_ERANGE);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0 + 2, 4, &i, &off), -VDISC_EINVAL);
	assert_int_equal(vdisc_vfio_bar_find_(bar, B0, 3, &i, &off), -VDISC_EINVAL);
	assert_int_equal(vdisc_vfio_bar_find_(bar, UINT64_MAX - 3, 4, &i, &off), -VDISC_ERANGE);
}

/* ---- VFIO_IOMMU_GET_INFO's capability chain ------------------------------------------- */

struct info_buf {
	uint8_t b[512];
	size_t len;
};

/* A GET_INFO answer: the fixed part, a foreign capability, then the IOVA ranges. */
static void info_build(struct info_buf *ib, const struct vfio_iova_range *r, uint32_t n)
{
	struct vfio_iommu_type1_info fixed = {.flags = VFIO_IOMMU_INFO_CAPS};
	struct vfio_info_cap_header other = {.id = 0x77, .version = 1};
	struct vfio_iommu_type1_info_cap_iova_range cap = {.nr_iovas = n};
	size_t at = sizeof(fixed);

	memset(ib, 0, sizeof(*ib));
	fixed.cap_offset = (uint32_t)at;
	other.next = (uint32_t)(at + sizeof(other));
	memcpy(ib->b + at, &other, sizeof(other));
	at += sizeof(other);
	cap.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE;
	cap.header.version = 1;
	memcpy(ib->b + at, &cap, sizeof(cap));
	memcpy(ib->b + at + sizeof(cap), r, n * sizeof(*r));
	ib->len = at + sizeof(cap) + n * sizeof(*r);
	fixed.argsz = (uint32_t)ib->len;
	memcpy(ib->b, &fixed, sizeof(fixed));
}

static void test_iova_ranges(void **state)
{
	const struct vfio_iova_range qemu[2] = {{0, 0xfedfffff}, {0xfef00000, 0x7fffffffffull}};
	struct vdisc_vfio_iova_range out[4];
	struct vfio_iommu_type1_info fixed;
	struct info_buf ib;
	unsigned n = 9;

	(void)state;
	info_build(&ib, qemu, 2);
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(out[1].start, 0xfef00000);
	assert_int_equal(out[1].end, 0x7fffffffffull);
	/* More than the room (the first kept); cut short; no capabilities at all (an old kernel).
	 */
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 1, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].end, 0xfedfffff);
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len - 1, out, 4, &n), -VDISC_EIO);
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, sizeof(fixed) - 1, out, 4, &n),
			 -VDISC_EINVAL);
	memcpy(&fixed, ib.b, sizeof(fixed));
	fixed.flags = 0;
	memcpy(ib.b, &fixed, sizeof(fixed));
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), 0);
	assert_int_equal(n, 0);
}

static void test_iova_ranges_hostile(void **state)
{
	const struct vfio_iova_range one = {0x1000, 0xffff};
	const struct vfio_iova_range backwards = {0x2000, 0x1000};
	struct vfio_iommu_type1_info fixed;
	struct vdisc_vfio_iova_range out[4];
	struct vfio_info_cap_header h;
	struct info_buf ib;
	unsigned n;

	(void)state;
	/* The first header's next points back at itself: a loop. */
	info_build(&ib, &one, 1);
	memcpy(&h, ib.b + sizeof(fixed), sizeof(h));
	h.next = (uint32_t)sizeof(fixed);
	memcpy(ib.b + sizeof(fixed), &h, sizeof(h));
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), -VDISC_EIO);
	/* A chain that starts inside the fixed part, or past the end. */
	info_build(&ib, &one, 1);
	memcpy(&fixed, ib.b, sizeof(fixed));
	fixed.cap_offset = 4;
	memcpy(ib.b, &fixed, sizeof(fixed));
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), -VDISC_EIO);
	fixed.cap_offset = (uint32_t)ib.len;
	memcpy(ib.b, &fixed, sizeof(fixed));
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), -VDISC_EIO);
	/* A count of ranges larger than the buffer; a range that ends before it starts. */
	info_build(&ib, &one, 1);
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len - sizeof(one), out, 4, &n),
			 -VDISC_EIO);
	info_build(&ib, &backwards, 1);
	assert_int_equal(vdisc_vfio_iova_ranges_(ib.b, ib.len, out, 4, &n), -VDISC_EIO);
}

static void test_pick_iova(void **state)
{
	/* QEMU's intel-iommu (39 bits), less the x86 MSI window. */
	const struct vdisc_vfio_iova_range qemu[2] = {{0xfef00000, 0x7fffffffffull},
						      {0, 0xfedfffff}};
	const struct vdisc_vfio_iova_range tight[1] = {{0x300000, 0x5fffff}};
	const struct vdisc_vfio_iova_range top[1] = {{UINT64_MAX - 0x1000, UINT64_MAX}};
	uint64_t iova = 0;

	(void)state;
	/* Never below VDISC_VFIO_IOVA_MIN, aligned, the lowest that fits: not a process address. */
	assert_int_equal(vdisc_vfio_pick_iova_(qemu, 2, 1u << 20, &iova), 0);
	assert_int_equal(iova, 0x200000);
	assert_true(iova >= VDISC_VFIO_IOVA_MIN);
	/* 5 GiB does not fit below the MSI window: it goes above, aligned up. */
	assert_int_equal(vdisc_vfio_pick_iova_(qemu, 2, 5ull << 30, &iova), 0);
	assert_int_equal(iova, 0xff000000);
	assert_int_equal(iova % VDISC_VFIO_IOVA_ALIGN, 0);
	/* Exactly filling a range, one byte too many, none past 39 bits. */
	assert_int_equal(vdisc_vfio_pick_iova_(tight, 1, 0x200000, &iova), 0);
	assert_int_equal(iova, 0x400000);
	assert_int_equal(vdisc_vfio_pick_iova_(tight, 1, 0x200001, &iova), -VDISC_ENOMEM);
	assert_int_equal(vdisc_vfio_pick_iova_(qemu, 2, 1ull << 40, &iova), -VDISC_ENOMEM);
	/* Aligning up would wrap past 2^64. */
	assert_int_equal(vdisc_vfio_pick_iova_(top, 1, 0x10, &iova), -VDISC_ENOMEM);
	assert_int_equal(vdisc_vfio_pick_iova_(qemu, 2, 0, &iova), -VDISC_EINVAL);
	assert_int_equal(vdisc_vfio_pick_iova_(qemu, 0, 0x1000, &iova), -VDISC_ENOMEM);
}

/* ---- sysfs, in a fake tree ------------------------------------------------------------- */

#define SLOT "0000:00:03.0"
#define OTHER "0000:00:03.1"

static char tree[PATH_MAX];

static void mkdirs(const char *rel)
{
	tree_mkdirs(tree, rel);
}

static void link_at(const char *target, const char *rel)
{
	tree_link(tree, target, rel);
}

static void unlink_at(const char *rel)
{
	tree_unlink(tree, rel);
}

static void write_at(const char *rel, const char *text)
{
	tree_put(tree, rel, text);
}

/* Two functions in group 7: SLOT (driver set by each test) and OTHER (virtio-pci). */
static int tree_setup(void **state)
{
	(void)state;
	snprintf(tree, sizeof(tree), "%s/vdisc-vfio-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tree))
		return -1;
	mkdirs("bus/pci/devices/" SLOT);
	mkdirs("bus/pci/devices/" OTHER);
	mkdirs("bus/pci/drivers/virtio-pci");
	mkdirs("bus/pci/drivers/vfio-pci");
	mkdirs("kernel/iommu_groups/7/devices");
	mkdirs("dev");
	link_at("../../../../kernel/iommu_groups/7", "bus/pci/devices/" OTHER "/iommu_group");
	link_at("../../../../bus/pci/drivers/virtio-pci", "bus/pci/devices/" OTHER "/driver");
	link_at("../../../../bus/pci/devices/" SLOT, "kernel/iommu_groups/7/devices/" SLOT);
	link_at("../../../../bus/pci/devices/" OTHER, "kernel/iommu_groups/7/devices/" OTHER);
	return 0;
}

static int tree_teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tree);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_group_of(void **state)
{
	int group = -1;

	(void)state;
	link_at("../../../../kernel/iommu_groups/7", "bus/pci/devices/" SLOT "/iommu_group");
	assert_int_equal(vdisc_vfio_group_of_(tree, SLOT, &group), 0);
	assert_int_equal(group, 7);
	assert_int_equal(vdisc_vfio_group_of_(tree, "0000:00:09.0", &group), -VDISC_ENOTFOUND);
	assert_int_equal(errno, ENOENT);
	link_at("../../../../kernel/iommu_groups/x7", "bus/pci/devices/" SLOT "/iommu_group");
	assert_int_equal(vdisc_vfio_group_of_(tree, SLOT, &group), -VDISC_EIO);
	unlink_at("bus/pci/devices/" SLOT "/iommu_group");
	assert_int_equal(vdisc_vfio_group_of_(tree, SLOT, &group), -VDISC_ENOTFOUND);
	assert_int_equal(errno, ENODEV);
}

static void test_group_members(void **state)
{
	char out[128], tiny[16];

	(void)state;
	vdisc_vfio_group_members_(tree, 7, SLOT, out, sizeof(out));
	assert_string_equal(out, OTHER " (virtio-pci)");
	vdisc_vfio_group_members_(tree, 7, NULL, out, sizeof(out));
	assert_non_null(strstr(out, SLOT " ("));
	assert_non_null(strstr(out, OTHER " (virtio-pci)"));
	vdisc_vfio_group_members_(tree, 7, SLOT, tiny, sizeof(tiny));
	assert_string_equal(tiny + strlen(tiny) - 3, "...");
	assert_true(strlen(tiny) < sizeof(tiny));
	vdisc_vfio_group_members_(tree, 8, SLOT, out, sizeof(out));
	assert_string_equal(out, "");
}

static int open_at(struct vdisc_vfio *v, const char *slot)
{
	char dev[PATH_MAX + 8];
	struct vdisc_vfio_config cfg = {.sysfs = tree, .dev = dev, .dma_bytes = 4096};
	struct vdisc_pci_addr addr;

	snprintf(dev, sizeof(dev), "%s/dev", tree);
	assert_int_equal(vdisc_pci_addr_parse(slot, &addr), 0);
	return vdisc_vfio_open(v, addr, &cfg);
}

static void test_open_refusals(void **state)
{
	struct vdisc_vfio v;

	(void)state;
	/* No such function. */
	assert_int_equal(open_at(&v, "0000:00:09.0"), -VDISC_ENOTFOUND);
	assert_int_equal(v.cause, VDISC_VFIO_CAUSE_NO_FUNCTION);
	/* No IOMMU: no iommu_group link. */
	unlink_at("bus/pci/devices/" SLOT "/iommu_group");
	assert_int_equal(open_at(&v, SLOT), -VDISC_ENOTFOUND);
	assert_int_equal(v.cause, VDISC_VFIO_CAUSE_NO_GROUP);
	assert_non_null(strstr(v.why, "no IOMMU group: the kernel has no IOMMU enabled"));
	assert_string_equal(vdisc_vfio_cause_name(v.cause), "no-group");
	/* Bound to virtio-pci: refused, with how to bind it. */
	link_at("../../../../kernel/iommu_groups/7", "bus/pci/devices/" SLOT "/iommu_group");
	link_at("../../../../bus/pci/drivers/virtio-pci", "bus/pci/devices/" SLOT "/driver");
	assert_int_equal(open_at(&v, SLOT), -VDISC_EPERM);
	assert_int_equal(v.cause, VDISC_VFIO_CAUSE_NOT_BOUND);
	assert_non_null(strstr(v.why, "bound to virtio-pci, not vfio-pci"));
	assert_non_null(strstr(v.why, "/bus/pci/devices/" SLOT "/driver_override"));
	assert_non_null(strstr(v.why, "echo " SLOT " > "));
	assert_non_null(strstr(v.why, SLOT "/driver/unbind"));
	/* No driver at all: nothing to unbind. */
	unlink_at("bus/pci/devices/" SLOT "/driver");
	assert_int_equal(open_at(&v, SLOT), -VDISC_EPERM);
	assert_non_null(strstr(v.why, "no driver bound, not vfio-pci"));
	assert_null(strstr(v.why, "unbind"));
	/* Bound to vfio-pci, but no /dev/vfio/vfio. */
	link_at("../../../../bus/pci/drivers/vfio-pci", "bus/pci/devices/" SLOT "/driver");
	assert_int_equal(open_at(&v, SLOT), -VDISC_ENOTFOUND);
	assert_non_null(strstr(v.why, "/dev/vfio"));
	/* A container node that is not one (a plain file: its ioctls fail). */
	write_at("dev/vfio", "");
	assert_int_equal(open_at(&v, SLOT), -VDISC_ENOTSUP);
	assert_non_null(strstr(v.why, "not a VFIO container"));
	/* Everything was closed on the way out; closing again is harmless. */
	assert_int_equal(v.container, -1);
	assert_int_equal(v.group, -1);
	assert_int_equal(v.device, -1);
	vdisc_vfio_close(&v);
	vdisc_vfio_close(&v);
	vdisc_vfio_close(NULL);
	assert_int_equal(vdisc_vfio_open(NULL, v.addr, NULL), -VDISC_EINVAL);
}

/* ---- config space and MMIO through a fake device fd ------------------------------------ */

#define CFG_AT 0x1000 /* where the fake config region starts in the file */
#define BAR_AT 0x2000 /* and BAR 0's region */

/* A virtio-blk function: 1af4:1042, a 64-bit memory BAR 4, 256 bytes of config space. */
static void fake_device(struct vdisc_vfio *v, char *path)
{
	uint8_t cfg[256] = {0};
	int fd;

	strcpy(path, "/tmp/vdisc-vfio-dev-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	cfg[0] = 0xf4, cfg[1] = 0x1a, cfg[2] = 0x42, cfg[3] = 0x10;
	cfg[0x0a] = 0x00, cfg[0x0b] = 0x01; /* mass storage, SCSI */
	cfg[0x20] = 0x0c;		    /* BAR 4: memory, 64-bit, prefetchable */
	cfg[0x24] = 0x00;
	assert_int_equal(pwrite(fd, cfg, sizeof(cfg), CFG_AT), (ssize_t)sizeof(cfg));
	assert_int_equal(ftruncate(fd, BAR_AT + 0x100), 0);
	memset(v, 0, sizeof(*v));
	v->container = v->group = -1;
	v->device = fd;
	assert_int_equal(vdisc_pci_addr_parse(SLOT, &v->addr), 0);
	strcpy(v->name, SLOT);
	v->config_offset = CFG_AT;
	v->config_size = sizeof(cfg);
	v->bar[4] = (struct vdisc_vfio_bar){.size = 0x4000, .offset = 0x3000, .base = B4};
	vdisc_vfio_hooks_(v);
}

static void fake_done(struct vdisc_vfio *v, const char *path)
{
	memset(v->bar, 0, sizeof(v->bar));
	vdisc_vfio_close(v);
	assert_int_equal(v->device, -1);
	unlink(path);
}

static void test_config_ops(void **state)
{
	struct vdisc_pci_addr other = {.bus = 0, .dev = 4, .fn = 0};
	struct vdisc_pci_ops ops;
	struct vdisc_vfio v;
	char path[64];
	uint32_t val;

	(void)state;
	fake_device(&v, path);
	vdisc_vfio_pci_ops(&v, &ops);
	assert_int_equal(ops.read(ops.ctx, v.addr, 0, 4, &val), 0);
	assert_int_equal(val, 0x10421af4);
	assert_int_equal(ops.read(ops.ctx, v.addr, 2, 2, &val), 0);
	assert_int_equal(val, 0x1042);
	assert_int_equal(ops.read(ops.ctx, v.addr, 1, 1, &val), 0);
	assert_int_equal(val, 0x1a);
	/* Another function, past the region, misaligned, a bad width. */
	assert_int_equal(ops.read(ops.ctx, other, 0, 4, &val), 0);
	assert_int_equal(val, 0xffffffff);
	assert_int_equal(ops.read(ops.ctx, v.addr, 0x100, 2, &val), 0);
	assert_int_equal(val, 0xffff);
	assert_int_equal(ops.read(ops.ctx, v.addr, 1, 2, &val), -VDISC_EINVAL);
	assert_int_equal(ops.read(ops.ctx, v.addr, 0, 3, &val), -VDISC_EINVAL);
	assert_int_equal(ops.config_size(ops.ctx, v.addr), 256);
	/* A write lands at the region's offset, little-endian, of its width only. */
	assert_int_equal(ops.write(ops.ctx, v.addr, VDISC_PCI_COMMAND, 2, 0x0406), 0);
	assert_int_equal(ops.read(ops.ctx, v.addr, VDISC_PCI_COMMAND, 4, &val), 0);
	assert_int_equal(val, 0x00000406);
	assert_int_equal(ops.write(ops.ctx, other, 4, 2, 0), -VDISC_ENOTFOUND);
	fake_done(&v, path);
}

static int count_visit(void *arg, struct vdisc_pci_addr addr)
{
	(*(int *)arg)++;
	return addr.dev == 3 ? 0 : -VDISC_EIO;
}

static void test_decode(void **state)
{
	static unsigned char buf[16384];
	struct vdisc_pci_function fn;
	struct vdisc_arena arena;
	struct vdisc_pci_ops ops;
	struct vdisc_vfio v;
	uint64_t bases[VDISC_PCI_MAX_BARS];
	char path[64];
	unsigned k, found = 0;
	int visits = 0;

	(void)state;
	fake_device(&v, path);
	vdisc_vfio_pci_ops(&v, &ops);
	assert_int_equal(ops.list(ops.ctx, count_visit, &visits), 0);
	assert_int_equal(visits, 1);
	vdisc_arena_init(&arena, buf, sizeof(buf));
	assert_int_equal(vdisc_vfio_decode(&v, &arena, &fn), 0);
	assert_int_equal(fn.vendor_id, 0x1af4);
	assert_int_equal(fn.device_id, 0x1042);
	for (k = 0; k < fn.nbars; k++)
		if (fn.bars[k].index == 4) {
			assert_int_equal(fn.bars[k].type, VDISC_PCI_BAR_MEM64);
			assert_true(fn.bars[k].has_size);
			assert_int_equal(fn.bars[k].size, 0x4000);
			found++;
		}
	assert_int_equal(found, 1);
	vdisc_vfio_bar_bases(&v, bases);
	assert_int_equal(bases[4], B4);
	assert_int_equal(bases[0], 0);
	fake_done(&v, path);
}

static void test_mmio(void **state)
{
	uint8_t mapped[0x100] __attribute__((aligned(8))) = {0};
	const struct vdisc_platform *p;
	struct vdisc_vfio v;
	char path[64];

	(void)state;
	fake_device(&v, path);
	p = &v.platform;
	/* BAR 4 through the fd (not mapped): one pwrite/pread of the access's width. */
	p->mmio_write32(p->ctx, B4 + 8, 0x11223344);
	assert_int_equal(p->mmio_read32(p->ctx, B4 + 8), 0x11223344);
	assert_int_equal(p->mmio_read16(p->ctx, B4 + 10), 0x1122);
	assert_int_equal(p->mmio_read8(p->ctx, B4 + 8), 0x44);
	p->mmio_write64(p->ctx, B4 + 16, 0x0102030405060708ull);
	assert_int_equal(p->mmio_read64(p->ctx, B4 + 16), 0x0102030405060708ull);
	assert_int_equal(v.mmio_error, 0);
	/* BAR 0 mapped (here: plain memory standing in for the mmap). */
	v.bar[0] = (struct vdisc_vfio_bar){.size = sizeof(mapped), .base = B0, .map = mapped};
	p->mmio_write16(p->ctx, B0 + 2, 0xbeef);
	assert_int_equal(mapped[2], 0xef);
	assert_int_equal(mapped[3], 0xbe);
	assert_int_equal(p->mmio_read16(p->ctx, B0 + 2), 0xbeef);
	/* Outside every BAR: ones, nothing written, the first fault kept. */
	assert_int_equal(p->mmio_read32(p->ctx, B0 + sizeof(mapped)), 0xffffffff);
	assert_int_equal(v.mmio_error, -VDISC_ERANGE);
	assert_non_null(strstr(v.why, "outside every BAR"));
	p->mmio_write32(p->ctx, B0 + 1, 0);
	assert_int_equal(v.mmio_error, -VDISC_ERANGE);
	assert_int_equal(p->mmio_read32(p->ctx, 0), 0xffffffff);
	assert_non_null(p->now_ns);
	assert_true(p->now_ns(p->ctx) > 0);
	fake_done(&v, path);
	/* After close no BAR is left: an access is refused, not a use after unmap. */
	assert_int_equal(p->mmio_read32(p->ctx, B4 + 8), 0xffffffff);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_bar_find),
		cmocka_unit_test(test_iova_ranges),
		cmocka_unit_test(test_iova_ranges_hostile),
		cmocka_unit_test(test_pick_iova),
		cmocka_unit_test(test_config_ops),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_mmio),
	};
	const struct CMUnitTest sysfs[] = {
		cmocka_unit_test(test_group_of),
		cmocka_unit_test(test_group_members),
		cmocka_unit_test(test_open_refusals),
	};
	int failed = cmocka_run_group_tests_name("vfio-pure", pure, NULL, NULL);

	return failed + cmocka_run_group_tests_name("vfio-sysfs", sysfs, tree_setup, tree_teardown);
}
