/* SPDX-License-Identifier: MIT */
/*
 * The hosted pieces behind `vdisc virtio mmio` and `pci --virtio-select`:
 * the selector window (src/hosted/phys_window.c) over a plain file standing
 * in for /dev/mem -- only the named registers, at their width, are ever
 * written -- and the search for the virtio device a virtio-mmio block
 * carries (src/hosted/virtio_sysfs.c) in fake sysfs and /proc/iomem trees
 * laid out as Linux 6.1 lays them out for ACPI, device-tree and
 * virtio_mmio.device= platform devices.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "fake_tree.h"

#include <vdisc/error.h>

#include "hosted/phys_window.h"
#include "hosted/virtio_sysfs.h"

#define WIN_BYTES 0x100u

static char hv_dir[] = "/tmp/vdisc-hosted-XXXXXX";

static void hv_file(char *path, size_t len)
{
	uint8_t zero[WIN_BYTES] = {0};
	FILE *f;

	snprintf(path, len, "%s/mem", hv_dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(zero, 1, sizeof(zero), f), sizeof(zero));
	fclose(f);
}

static void hv_read(const char *path, uint8_t *buf)
{
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	assert_int_equal(fread(buf, 1, WIN_BYTES, f), WIN_BYTES);
	fclose(f);
}

/* Writes land on the selectors only; anything else is dropped and counted. */
static void test_selector_window(void **state)
{
	static const struct vdisc_phys_window_selector sel[] = {{0x14, 4}, {0x16 + 0x20, 2}};
	struct vdisc_phys_window w;
	struct vdisc_platform p;
	uint8_t bytes[WIN_BYTES], none[WIN_BYTES] = {0};
	char path[PATH_MAX];

	(void)state;
	hv_file(path, sizeof(path));
	assert_int_equal(vdisc_phys_window_open_selectors(path, 0, WIN_BYTES, 0x1000, sel, 2, &w),
			 0);
	vdisc_phys_window_platform(&w, &p);
	assert_non_null(p.mmio_write32);
	assert_non_null(p.mmio_write16);
	assert_null(p.mmio_write8);
	p.mmio_write32(&w, 0x1000 + 0x70, 0xdead); /* Status: not a selector */
	p.mmio_write16(&w, 0x1000 + 0x14, 1);	   /* a selector, at the wrong width */
	p.mmio_write32(&w, 0x0014, 1);		   /* below the window */
	assert_int_equal(w.refused, 3);
	assert_int_equal(w.writes, 0);
	msync(w.map, w.map_len, MS_SYNC);
	hv_read(path, bytes);
	assert_memory_equal(bytes, none, WIN_BYTES);
	p.mmio_write32(&w, 0x1000 + 0x14, 0x01020304);
	p.mmio_write16(&w, 0x1000 + 0x36, 0x0506);
	assert_int_equal(w.writes, 2);
	assert_int_equal(p.mmio_read32(&w, 0x1014), 0x01020304);
	vdisc_phys_window_close(&w);
	hv_read(path, bytes);
	assert_int_equal(bytes[0x14], 0x04);
	assert_int_equal(bytes[0x37], 0x05);
	bytes[0x14] = bytes[0x15] = bytes[0x16] = bytes[0x17] = bytes[0x36] = bytes[0x37] = 0;
	assert_memory_equal(bytes, none, WIN_BYTES);
	unlink(path);
}

/* A read-only window has no write hooks; selectors outside or of odd width are refused. */
static void test_selector_window_refusals(void **state)
{
	static const struct vdisc_phys_window_selector outside[] = {{WIN_BYTES - 2, 4}};
	static const struct vdisc_phys_window_selector odd[] = {{0x14, 8}};
	static const struct vdisc_phys_window_selector misaligned[] = {{0x15, 4}};
	struct vdisc_phys_window w;
	struct vdisc_platform p;
	char path[PATH_MAX];

	(void)state;
	hv_file(path, sizeof(path));
	assert_int_equal(vdisc_phys_window_open(path, 0, WIN_BYTES, 0, &w), 0);
	vdisc_phys_window_platform(&w, &p);
	assert_null(p.mmio_write32);
	assert_null(p.mmio_write16);
	vdisc_phys_window_close(&w);
	assert_int_equal(vdisc_phys_window_open_selectors(path, 0, WIN_BYTES, 0, outside, 1, &w),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_phys_window_open_selectors(path, 0, WIN_BYTES, 0, odd, 1, &w),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_phys_window_open_selectors(path, 0, WIN_BYTES, 0, misaligned, 1, &w),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_phys_window_open_selectors(path, 0, WIN_BYTES, 0, odd, 0, &w),
			 -VDISC_EINVAL);
	unlink(path);
}

/* virtioN -> ../../../devices/platform/PARENT/virtioN, with its attributes. */
static void hv_virtio(const char *root, const char *name, const char *parent, const char *dev,
		      const char *driver, const char *features)
{
	char rel[256], target[256];

	snprintf(rel, sizeof(rel), "devices/platform/%s/%s", parent, name);
	tree_mkdirs(root, rel);
	snprintf(rel, sizeof(rel), "devices/platform/%s/%s/device", parent, name);
	tree_put(root, rel, dev);
	snprintf(rel, sizeof(rel), "devices/platform/%s/%s/vendor", parent, name);
	tree_put(root, rel, "0x554d4551\n");
	snprintf(rel, sizeof(rel), "devices/platform/%s/%s/features", parent, name);
	tree_put(root, rel, features);
	snprintf(rel, sizeof(rel), "devices/platform/%s/%s/status", parent, name);
	tree_put(root, rel, driver ? "0x0000000f\n" : "0x00000001\n");
	if (driver) {
		snprintf(rel, sizeof(rel), "devices/platform/%s/%s/driver", parent, name);
		snprintf(target, sizeof(target), "../../../../bus/virtio/drivers/%s", driver);
		tree_link(root, target, rel);
	}
	snprintf(rel, sizeof(rel), "bus/virtio/devices/%s", name);
	snprintf(target, sizeof(target), "../../../devices/platform/%s/%s", parent, name);
	tree_link(root, target, rel);
}

static void test_find_mmio(void **state)
{
	char root[PATH_MAX], bus[PATH_MAX + 32], iomem[PATH_MAX];
	struct vdisc_virtio_sysfs_dev d;

	(void)state;
	snprintf(root, sizeof(root), "%s/sys", hv_dir);
	mkdir(root, 0755);
	tree_mkdirs(root, "bus/virtio/devices");
	tree_mkdirs(root, "bus/virtio/drivers/virtio_blk");
	hv_virtio(root, "virtio0", "LNRO0005:00", "0x0002\n", "virtio_blk",
		  "0010101001110110000000000000110000000000000000000000000000000000\n");
	hv_virtio(root, "virtio1", "LNRO0005:01", "0x0004\n", NULL,
		  "0000000000000000000000000000000000000000000000000000000000000000\n");
	hv_virtio(root, "virtio2", "10001000.virtio_mmio", "0x0001\n", NULL, "0\n");
	hv_virtio(root, "virtio3", "virtio-mmio.0", "0x0002\n", NULL, "0\n");
	snprintf(iomem, sizeof(iomem), "%s/iomem", hv_dir);
	tree_put(hv_dir, "iomem",
		 "00000000-00000fff : Reserved\n"
		 "feb02c00-feb02dff : LNRO0005:01\n"
		 "  feb02c00-feb02dff : LNRO0005:01 LNRO0005:01\n"
		 "feb02e00-feb02fff : LNRO0005:00\n"
		 "  feb02e00-feb02fff : LNRO0005:00\n"
		 "d0000000-d00001ff : virtio-mmio.0\n");
	snprintf(bus, sizeof(bus), "%s/bus/virtio/devices", root);

	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, iomem, 0xfeb02e00, &d), 0);
	assert_string_equal(d.name, "virtio0");
	assert_string_equal(d.parent, "LNRO0005:00");
	assert_string_equal(d.driver, "virtio_blk");
	assert_int_equal(d.device_id, 2);
	assert_true(d.has_features);
	assert_int_equal(d.negotiated.word[0], 0x30006e54);

	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, iomem, 0xfeb02c00, &d), 0);
	assert_string_equal(d.name, "virtio1");
	assert_string_equal(d.driver, "");
	/* a device-tree name carries its address: found without iomem */
	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, NULL, 0x10001000, &d), 0);
	assert_string_equal(d.name, "virtio2");
	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, iomem, 0xd0000000, &d), 0);
	assert_string_equal(d.name, "virtio3");
	/* an address no platform device holds, and one inside a range but not its start */
	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, iomem, 0xfeb03000, &d),
			 -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_virtio_sysfs_find_mmio(bus, iomem, 0xfeb02e04, &d),
			 -VDISC_ENOTFOUND);
	/* no virtio bus at all */
	assert_int_equal(vdisc_virtio_sysfs_find_mmio("/nonexistent/virtio", iomem, 0, &d),
			 -VDISC_ENOTFOUND);
}

static int hv_setup(void **state)
{
	(void)state;
	return mkdtemp(hv_dir) ? 0 : -1;
}

static int hv_teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", hv_dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selector_window),
		cmocka_unit_test(test_selector_window_refusals),
		cmocka_unit_test(test_find_mmio),
	};

	return cmocka_run_group_tests(tests, hv_setup, hv_teardown);
}
