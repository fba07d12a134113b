/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_PCI_BIND_H
#define VDISC_HOSTED_PCI_BIND_H

/*
 * Which kernel driver owns a PCI function, and handing it to another one
 * (vfio-pci) and back: driver_override, unbind, drivers_probe -- the
 * sequence the kernel documents for VFIO -- with the original driver
 * remembered so that it can be put back on every exit path.
 */
#include <stdbool.h>
#include <stddef.h>

/**
 * struct vdisc_pci_binding - a function's driver before vdisc changed it
 * @sys_root: the sysfs mount ("/sys"; tests pass a fake tree)
 * @slot: the function, "dddd:bb:dd.f"
 * @driver: the driver it had ("" for none)
 * @override: its driver_override as found ("" for none)
 * @changed: vdisc rebound it, so vdisc_pci_binding_restore() has work to do
 */
struct vdisc_pci_binding {
	const char *sys_root;
	char slot[16];
	char driver[64];
	char override[64];
	bool changed;
};

/**
 * vdisc_pci_driver - the driver bound to a function
 * @sys_root: the sysfs mount
 * @slot: "dddd:bb:dd.f"
 * @driver: out: its name, "" when none
 * @len: room in @driver
 *
 * returns:
 *	0 on success
 *	-VDISC_ENOTFOUND, no such function (errno ENOENT)
 */
int vdisc_pci_driver(const char *sys_root, const char *slot, char *driver, size_t len);

/**
 * vdisc_pci_bind - give a function to @driver, remembering the one it had
 * @b: filled: what to restore
 * @sys_root: the sysfs mount
 * @slot: "dddd:bb:dd.f"
 * @driver: the driver to bind ("vfio-pci"); its module must be loaded
 * @why: out: one line on failure
 * @len: room in @why
 *
 * Writes @driver to driver_override, unbinds the current driver, asks the
 * kernel to probe the function, and checks @driver took it.  On failure
 * the original driver is put back before returning.
 *
 * returns:
 *	0 when @driver has the function (also when it already had it: nothing changed)
 *	-VDISC_ENOTFOUND, no such function
 *	-VDISC_EPERM, sysfs refused a write (not root)
 *	-VDISC_EIO, the driver did not take the function
 */
int vdisc_pci_bind(struct vdisc_pci_binding *b, const char *sys_root, const char *slot,
		   const char *driver, char *why, size_t len);

/**
 * vdisc_pci_binding_restore - give the function back to the driver it had
 * @b: from vdisc_pci_bind() (nothing changed, or already restored: nothing happens)
 * @why: out: one line on failure
 * @len: room in @why
 *
 * Async-signal-unsafe (it uses stdio): call it from the main flow after a
 * signal handler has only set a flag.
 *
 * returns:
 *	0 when the original driver (or none) has the function again
 *	-VDISC_EIO, it did not come back (@why says which driver has it)
 */
int vdisc_pci_binding_restore(struct vdisc_pci_binding *b, char *why, size_t len);

#endif
