/* SPDX-License-Identifier: MIT */
/*
 * The kernel's view of a PCI function (src/hosted/pci_kernel.c) and the
 * modules able to drive it (pci_modules.c), against a fake sysfs tree and a
 * fake /lib/modules/RELEASE: resource lines with their flags, the bridge
 * window lines in both layouts, irq, label, the physical slot, and aliases
 * matched as libkmod matches them (order, duplicates, built-in fallback).
 */
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

#include <vdisc/error.h>

#include "hosted/pci_kernel.h"

#define SLOT "0000:00:1c.0"
#define NIC "pci:v00008086d000010D3sv00008086sd00001234bc02sc00i00"

struct tree {
	char root[64];
	char devices[96], modules[96];
};

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	snprintf(t->root, sizeof(t->root), "/tmp/vdisc-kernel-XXXXXX");
	assert_non_null(mkdtemp(t->root));
	snprintf(t->devices, sizeof(t->devices), "%s/pci/devices", t->root);
	snprintf(t->modules, sizeof(t->modules), "%s/modules", t->root);
	tree_mkdirs(t->root, "pci/devices/" SLOT);
	tree_mkdirs(t->root, "pci/slots/7");
	tree_mkdirs(t->root, "modules");
	tree_put(t->devices, SLOT "/vendor", "0x8086\n");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[PATH_MAX];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static const struct vdisc_pci_addr addr = {0, 0, 0x1c, 0};

static void test_attributes(void **state)
{
	struct tree *t = *state;
	struct vdisc_pci_kernel k;

	tree_put(t->devices, SLOT "/irq", "124\n");
	tree_put(t->devices, SLOT "/label", "Onboard LAN\n");
	tree_put(t->devices, SLOT "/modalias", NIC "\n");
	tree_put(t->root, "pci/slots/7/address", "0000:00:1c\n");
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_int_equal(k.irq, 124);
	assert_string_equal(k.label, "Onboard LAN\n"); /* lspci prints it with its newline */
	assert_string_equal(k.modalias, NIC);
	assert_string_equal(k.phy_slot, "7");
	assert_int_equal(k.nres, 0);
	assert_string_equal(k.dt_node, "");
}

static void test_absent(void **state)
{
	struct tree *t = *state;
	struct vdisc_pci_kernel k;
	struct vdisc_pci_addr other = {0, 0, 3, 0};

	assert_int_equal(vdisc_pci_kernel_read(t->devices, other, &k), -VDISC_ENOTFOUND);
	/* A function without the optional files: nothing known, nothing invented. */
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_int_equal(k.irq, -1);
	assert_string_equal(k.label, "");
	assert_string_equal(k.modalias, "");
	assert_string_equal(k.phy_slot, "");
}

static void put_resources(struct tree *t, unsigned lines)
{
	char text[4096] = "";
	unsigned i;

	for (i = 0; i < lines; i++) {
		char line[80];

		snprintf(line, sizeof(line), "0x%016x 0x%016x 0x%016x\n", 0x1000 * (i + 1),
			 0x1000 * (i + 1) + 0xfff, 0x200 + i);
		strcat(text, line);
	}
	tree_put(t->devices, SLOT "/resource", text);
}

static void test_resources(void **state)
{
	struct tree *t = *state;
	struct vdisc_pci_kernel k;
	struct vdisc_pci_kernel_res win[4];

	/* A device: BARs and the ROM only, no windows. */
	put_resources(t, 7);
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_int_equal(k.nres, 7);
	assert_int_equal(k.res[6].start, 0x7000);
	assert_int_equal(k.res[6].end, 0x7fff);
	assert_int_equal(k.res[6].flags, 0x206);
	assert_false(vdisc_pci_kernel_bridge_windows(&k, win));
	/* A configured bridge on a kernel without SR-IOV: four window lines after the ROM. */
	put_resources(t, 11);
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_true(vdisc_pci_kernel_bridge_windows(&k, win));
	assert_int_equal(win[0].start, 0x8000);
	/* With SR-IOV: six IOV BARs come first. */
	put_resources(t, 17);
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_true(vdisc_pci_kernel_bridge_windows(&k, win));
	assert_int_equal(win[0].start, 0xe000);
	assert_int_equal(win[3].flags, 0x200 + 16);
	/* Any other count: the windows are unknown. */
	put_resources(t, 13);
	assert_int_equal(vdisc_pci_kernel_read(t->devices, addr, &k), 0);
	assert_false(vdisc_pci_kernel_bridge_windows(&k, win));
}

struct names {
	char text[256];
};

static void collect(void *arg, const char *module)
{
	struct names *n = arg;

	strcat(n->text, n->text[0] ? "," : "");
	strcat(n->text, module);
}

static void test_modules(void **state)
{
	struct tree *t = *state;
	struct names n = {""};

	assert_int_equal(vdisc_pci_modules(t->modules, NIC, collect, &n), -VDISC_ENOTFOUND);
	/* depmod writes each module's aliases together, modules in its order. */
	tree_put(t->modules, "modules.alias",
		 "# Aliases extracted from modules themselves.\n"
		 "alias pci:v00008086d000010D3sv*sd*bc*sc*i* e1000e\n"
		 "alias pci:v00008086d*sv*sd*bc02sc00i* e1000e\n"
		 "alias usb:v*p*d* usbcore\n"
		 "alias pci:v00001AF4d*sv*sd*bc*sc*i* virtio_pci\n"
		 "alias pci:v*d*sv*sd*bc02sc*i* net-generic\n"
		 "alias pci:v00008086d000010D[0-9]sv*sd*bc*sc*i* igb_test\n");
	assert_int_equal(vdisc_pci_modules(t->modules, NIC, collect, &n), 3);
	assert_string_equal(n.text, "e1000e,net_generic,igb_test");
	n.text[0] = '\0';
	assert_int_equal(vdisc_pci_modules(t->modules, "pci:v00001234d00005678sv0sd0bc03sc00i00",
					   collect, &n),
			 0);
	assert_string_equal(n.text, "");
}

static void test_builtin(void **state)
{
	static const char modinfo[] = "pcieport.alias=pci:v*d*sv*sd*bc06sc04i00\0"
				      "pcieport.file=drivers/pci/pcie/portdrv\0"
				      "ahci.alias=pci:v*d*sv*sd*bc01sc06i01\0";
	struct tree *t = *state;
	struct names n = {""};
	char path[PATH_MAX];
	FILE *f;

	tree_put(t->modules, "modules.alias", "alias pci:v00001AF4d*sv*sd*bc*sc*i* virtio_pci\n");
	tree_path(path, sizeof(path), t->modules, "modules.builtin.modinfo");
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(modinfo, 1, sizeof(modinfo) - 1, f);
	fclose(f);
	assert_int_equal(vdisc_pci_modules(t->modules, "pci:v00008086d00001C10sv0sd0bc06sc04i00",
					   collect, &n),
			 1);
	assert_string_equal(n.text, "pcieport");
	/* A loadable module that matches hides the built-in ones. */
	n.text[0] = '\0';
	assert_int_equal(vdisc_pci_modules(t->modules, "pci:v00001AF4d00001042sv0sd0bc01sc06i01",
					   collect, &n),
			 1);
	assert_string_equal(n.text, "virtio_pci");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_attributes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resources, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_builtin, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
