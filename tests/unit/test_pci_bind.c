/* SPDX-License-Identifier: MIT */
/*
 * Who owns a PCI function and who uses its block devices
 * (src/hosted/pci_bind.c, blk_users.c), against fake sysfs and procfs trees
 * laid out as Linux 6.1 lays them out for a virtio-blk disk: the driver
 * link, mountinfo's major:minor, /proc/swaps, holders/, /proc/PID/fd links.
 * The rebinding itself needs a kernel: the guest tests do it for real.
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

#include "hosted/blk_users.h"
#include "hosted/pci_bind.h"

#define SLOT "0000:00:03.0"

struct tree {
	char root[64];
	char sys[96], proc[96];
};

/* A virtio-blk function bound to virtio-pci, its disk vda with partitions vda1 and vda2. */
static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));

	snprintf(t->root, sizeof(t->root), "/tmp/vdisc-bind-XXXXXX");
	assert_non_null(mkdtemp(t->root));
	snprintf(t->sys, sizeof(t->sys), "%s/sys", t->root);
	snprintf(t->proc, sizeof(t->proc), "%s/proc", t->root);
	tree_mkdirs(t->root, "sys");
	tree_mkdirs(t->root, "proc");
	tree_mkdirs(t->sys, "bus/pci/drivers/virtio-pci");
	tree_mkdirs(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda1");
	tree_mkdirs(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda2");
	tree_put(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/dev", "254:0\n");
	tree_put(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda1/dev", "254:1\n");
	tree_put(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda1/partition", "1\n");
	tree_put(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda2/dev", "254:2\n");
	tree_put(t->sys, "bus/pci/devices/" SLOT "/virtio0/block/vda/vda2/partition", "2\n");
	tree_mkdirs(t->sys, "class/block/vda/holders");
	tree_mkdirs(t->sys, "class/block/vda1/holders");
	tree_mkdirs(t->sys, "class/block/vda2/holders");
	{
		char target[PATH_MAX];

		tree_path(target, sizeof(target), t->sys, "bus/pci/drivers/virtio-pci");
		tree_link(t->sys, target, "bus/pci/devices/" SLOT "/driver");
	}
	tree_mkdirs(t->proc, "self");
	tree_put(t->proc, "self/mountinfo",
		 "21 1 0:19 / / rw - tmpfs rootfs rw\n22 21 0:5 / /dev rw - devtmpfs dev rw\n");
	tree_put(t->proc, "swaps", "Filename\tType\tSize\tUsed\tPriority\n");
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

static void test_driver(void **state)
{
	struct tree *t = *state;
	char drv[64], why[256];
	struct vdisc_pci_binding b;

	assert_int_equal(vdisc_pci_driver(t->sys, SLOT, drv, sizeof(drv)), 0);
	assert_string_equal(drv, "virtio-pci");
	assert_int_equal(vdisc_pci_driver(t->sys, "0000:00:09.0", drv, sizeof(drv)),
			 -VDISC_ENOTFOUND);
	/* Already with the driver asked for: nothing to change, nothing to restore. */
	assert_int_equal(vdisc_pci_bind(&b, t->sys, SLOT, "virtio-pci", why, sizeof(why)), 0);
	assert_false(b.changed);
	assert_int_equal(vdisc_pci_binding_restore(&b, why, sizeof(why)), 0);
	assert_int_equal(vdisc_pci_bind(&b, t->sys, "0000:00:09.0", "vfio-pci", why, sizeof(why)),
			 -VDISC_ENOTFOUND);
	assert_non_null(strstr(why, "no such PCI function"));
}

static void test_unused(void **state)
{
	struct tree *t = *state;
	char why[256] = "";

	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 0);
	/* A function without a block driver has no block devices. */
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, "0000:00:09.0", why, sizeof(why)), 0);
}

static void test_mounted(void **state)
{
	struct tree *t = *state;
	char why[256];

	tree_put(t->proc, "self/mountinfo",
		 "21 1 0:19 / / rw - tmpfs rootfs rw\n30 21 254:1 / /mnt rw - ext4 /dev/vda1 rw\n");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 1);
	assert_string_equal(why, "vda1 is mounted on /mnt");
}

static void test_swap(void **state)
{
	struct tree *t = *state;
	char why[256];

	tree_put(t->proc, "swaps",
		 "Filename\tType\tSize\tUsed\tPriority\n/dev/vda2  partition\t1024\t0\t-2\n");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 1);
	assert_string_equal(why, "vda2 is swap");
}

static void test_held(void **state)
{
	struct tree *t = *state;
	char why[256];

	tree_mkdirs(t->sys, "class/block/vda1/holders/dm-0");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 1);
	assert_string_equal(why, "vda1 is held by dm-0");
}

static void test_open_elsewhere(void **state)
{
	struct tree *t = *state;
	char why[256];

	tree_mkdirs(t->proc, "4242/fd");
	tree_put(t->proc, "4242/comm", "dd\n");
	tree_link(t->proc, "/dev/vda", "4242/fd/3");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 1);
	assert_string_equal(why, "vda is open in process 4242 (dd)");
	/* Closed again: nothing holds it. */
	tree_unlink(t->proc, "4242/fd/3");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)), 0);
}

static void test_unreadable(void **state)
{
	struct tree *t = *state;
	char why[256];

	tree_unlink(t->proc, "self/mountinfo");
	assert_int_equal(vdisc_pci_blk_users(t->sys, t->proc, SLOT, why, sizeof(why)),
			 -VDISC_EPERM);
	assert_non_null(strstr(why, "mountinfo"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_driver, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mounted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_swap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
