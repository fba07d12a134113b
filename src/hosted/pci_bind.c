/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "pci_bind.h"
#include "sysfs_attr.h"

/*
 * Rebinding a PCI function (Linux's Documentation/driver-api/vfio.rst and
 * sysfs-bus-pci): driver_override names the only driver that may take it,
 * an unbind lets go, drivers_probe asks for a new owner.  Each write is
 * checked; the driver link is the truth afterwards.
 */

static int bind_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return vdisc_hosted_errno_(errno);
	n = write(fd, value, strlen(value));
	saved = errno;
	close(fd);
	if (n == (ssize_t)strlen(value))
		return 0;
	return vdisc_hosted_errno_(n < 0 ? saved : EIO);
}

int vdisc_pci_driver(const char *sys_root, const char *slot, char *driver, size_t len)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/bus/pci/devices/%s", sys_root, slot);
	if (access(dir, F_OK) != 0) {
		errno = ENOENT;
		return -VDISC_ENOTFOUND;
	}
	snprintf(dir, sizeof(dir), "%s/bus/pci/devices", sys_root);
	vdisc_sysfs_link_basename(dir, slot, "driver", driver, len);
	return 0;
}

/* One step of a rebinding: write @value to DEVICE/@attr (or to @path when given). */
static int bind_step(const struct vdisc_pci_binding *b, const char *attr, const char *value,
		     char *why, size_t len)
{
	char path[PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/%s", b->sys_root, b->slot, attr);
	err = bind_write(path, value);
	if (err < 0)
		snprintf(why, len, "%s: writing '%s' to %s: %s", b->slot, value, attr,
			 strerror(errno));
	return err;
}

static int bind_probe(const struct vdisc_pci_binding *b, char *why, size_t len)
{
	char path[PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "%s/bus/pci/drivers_probe", b->sys_root);
	err = bind_write(path, b->slot);
	/* A probe no driver accepted is not a write error on every kernel: the link decides. */
	if (err < 0 && errno != ENODEV && errno != EINVAL) {
		snprintf(why, len, "%s: drivers_probe: %s", b->slot, strerror(errno));
		return err;
	}
	return 0;
}

/* Unbind whatever driver has the function now. */
static int bind_release(const struct vdisc_pci_binding *b, char *why, size_t len)
{
	char now[64];

	if (vdisc_pci_driver(b->sys_root, b->slot, now, sizeof(now)) < 0 || !now[0])
		return 0;
	return bind_step(b, "driver/unbind", b->slot, why, len);
}

/*
 * Set driver_override to @override ("\n" clears it: any matching driver), let the function
 * go and be probed again, and check that @driver ("" for none) has it.
 */
static int bind_to(const struct vdisc_pci_binding *b, const char *override, const char *driver,
		   char *why, size_t len)
{
	char now[64];
	int err = bind_step(b, "driver_override", override, why, len);

	if (err == 0)
		err = bind_release(b, why, len);
	if (err == 0)
		err = bind_probe(b, why, len);
	if (err < 0)
		return err;
	vdisc_pci_driver(b->sys_root, b->slot, now, sizeof(now));
	if (strcmp(now, driver) != 0) {
		snprintf(why, len, "%s: %s did not take it (driver now: %s)", b->slot,
			 driver[0] ? driver : "no driver", now[0] ? now : "none");
		errno = ENODEV;
		return -VDISC_EIO;
	}
	return 0;
}

/* driver_override as found: the kernel shows "(null)" for none. */
static void bind_read_override(struct vdisc_pci_binding *b)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/bus/pci/devices", b->sys_root);
	if (vdisc_sysfs_read_attr(dir, b->slot, "driver_override", b->override,
				  sizeof(b->override)) < 0 ||
	    strncmp(b->override, "(null)", 6) == 0)
		b->override[0] = '\0';
	b->override[strcspn(b->override, "\n")] = '\0';
}

int vdisc_pci_bind(struct vdisc_pci_binding *b, const char *sys_root, const char *slot,
		   const char *driver, char *why, size_t len)
{
	char ignored[256];
	int err;

	memset(b, 0, sizeof(*b));
	b->sys_root = sys_root;
	snprintf(b->slot, sizeof(b->slot), "%s", slot);
	err = vdisc_pci_driver(sys_root, slot, b->driver, sizeof(b->driver));
	if (err < 0) {
		snprintf(why, len, "%s: no such PCI function", slot);
		return err;
	}
	if (strcmp(b->driver, driver) == 0)
		return 0;
	bind_read_override(b);
	b->changed = true;
	err = bind_to(b, driver, driver, why, len);
	if (err < 0)
		vdisc_pci_binding_restore(b, ignored, sizeof(ignored)); /* @why keeps the cause */
	return err;
}

int vdisc_pci_binding_restore(struct vdisc_pci_binding *b, char *why, size_t len)
{
	int err;

	if (!b->changed)
		return 0;
	b->changed = false;
	/* driver_override as it was (normally none: the matching driver, the original, probes). */
	err = bind_to(b, b->override[0] ? b->override : "\n", b->driver, why, len);
	return err < 0 ? -VDISC_EIO : 0;
}
