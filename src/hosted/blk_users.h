/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_BLK_USERS_H
#define VDISC_HOSTED_BLK_USERS_H

/*
 * Whether anything on this Linux system uses the block devices a PCI
 * function carries (a virtio-blk disk and its partitions): mounted, swap,
 * held by another block device (device-mapper, md), or open in a process.
 * A function in use must not be taken from its driver.
 */
#include <stddef.h>

/**
 * vdisc_pci_blk_users - the first user of a function's block devices, in one line
 * @sys_root: the sysfs mount ("/sys"; tests pass a fake tree)
 * @proc_root: the procfs mount ("/proc")
 * @slot: the function, "dddd:bb:dd.f"
 * @why: out: "vda1 is mounted on /mnt", "vda is held by dm-0", "vda2 is swap",
 *	 "vda is open in process 123 (dd)"
 * @len: room in @why
 *
 * A function bound to no block driver has no block devices: nothing uses it.
 *
 * returns:
 *	0 when nothing uses them
 *	1 when something does (@why says what)
 *	-VDISC_EPERM, a file needed to decide could not be read (@why says which)
 */
int vdisc_pci_blk_users(const char *sys_root, const char *proc_root, const char *slot, char *why,
			size_t len);

#endif
