/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/vfio.h>

#include <vdisc/error.h>

#include "errors.h"
#include "sysfs_attr.h"
#include "vfio_internal.h"

/*
 * The VFIO side of opening a function (Documentation/driver-api/vfio.rst):
 * sysfs says which IOMMU group the function is in and who drives it; the
 * container gets the group and a TYPE1v2 IOMMU; the group gives the device
 * fd.  Each refusal the kernel is known to give is turned into one line
 * that says what to do about it.
 */

#define VG_PCI_DEVICES "bus/pci/devices"
#define VG_GROUPS "kernel/iommu_groups"

int vdisc_vfio_say_(struct vdisc_vfio *v, int err, enum vdisc_vfio_cause cause, const char *fmt,
		    ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->why_buf, sizeof(v->why_buf), fmt, ap);
	va_end(ap);
	v->why = v->why_buf;
	v->cause = cause;
	errno = saved;
	return err;
}

int vdisc_vfio_group_of_(const char *sysfs, const char *name, int *group)
{
	char dir[PATH_MAX], fn[PATH_MAX + 64], link[64], *end;
	struct stat st;
	long n;

	if (!sysfs || !name || !group)
		return vdisc_hosted_errno_(EINVAL);
	snprintf(dir, sizeof(dir), "%s/" VG_PCI_DEVICES, sysfs);
	snprintf(fn, sizeof(fn), "%s/%s", dir, name);
	if (stat(fn, &st) != 0)
		return vdisc_hosted_errno_(errno);
	vdisc_sysfs_link_basename(dir, name, "iommu_group", link, sizeof(link));
	if (!link[0])
		return vdisc_hosted_errno_(ENODEV);
	errno = 0;
	n = strtol(link, &end, 10);
	if (errno || end == link || *end || n < 0 || n > INT_MAX) {
		errno = EINVAL;
		return -VDISC_EIO;
	}
	*group = (int)n;
	return 0;
}

/* Append "SLOT (driver)" for one member to @out, cutting with "..." when full. */
static void vg_append_member(char *out, size_t len, const char *dir, const char *slot)
{
	size_t used = strlen(out);
	char driver[64], item[128];
	int n;

	if (used >= 3 && strcmp(out + used - 3, "...") == 0)
		return; /* already cut: later members would come out of order */
	vdisc_sysfs_link_basename(dir, slot, "driver", driver, sizeof(driver));
	n = snprintf(item, sizeof(item), "%s%s (%s)", used ? ", " : "", slot,
		     driver[0] ? driver : "no driver");
	if (n >= 0 && (size_t)n < len - used) {
		memcpy(out + used, item, (size_t)n + 1);
		return;
	}
	/* len >= 8 (checked by the caller): the mark fits, over the tail if need be. */
	memcpy(out + (len - used >= 4 ? used : len - 4), "...", 4);
}

void vdisc_vfio_group_members_(const char *sysfs, int group, const char *self, char *out,
			       size_t len)
{
	char dir[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (!out || len == 0)
		return;
	out[0] = '\0';
	if (!sysfs || len < 8)
		return;
	snprintf(dir, sizeof(dir), "%s/" VG_GROUPS "/%d/devices", sysfs, group);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (self && strcmp(de->d_name, self) == 0))
			continue;
		vg_append_member(out, len, dir, de->d_name);
	}
	closedir(d);
}

/* Not bound to a vfio driver: say so, and how to bind it (what `vdisc blk --bind` does). */
static int vg_not_bound(struct vdisc_vfio *v, const char *sysfs, const char *driver)
{
	char fn[PATH_MAX], unbind[PATH_MAX + 64] = "";

	snprintf(fn, sizeof(fn), "%s/" VG_PCI_DEVICES "/%s", sysfs, v->name);
	if (driver[0])
		snprintf(unbind, sizeof(unbind), "echo %s > %s/driver/unbind; ", v->name, fn);
	errno = ENODEV;
	return vdisc_vfio_say_(v, -VDISC_EPERM, VDISC_VFIO_CAUSE_NOT_BOUND,
			       "%s: %s%s, not vfio-pci (to bind it: echo vfio-pci > "
			       "%s/driver_override; %secho %s > %s/bus/pci/drivers_probe)",
			       v->name, driver[0] ? "bound to " : "no driver bound", driver, fn,
			       unbind, v->name, sysfs);
}

/* The sysfs half: the function exists, has a group, and a vfio driver holds it. */
static int vg_sysfs_checks(struct vdisc_vfio *v, const char *sysfs)
{
	char dir[PATH_MAX], driver[64];
	int err = vdisc_vfio_group_of_(sysfs, v->name, &v->group_id);

	if (err && errno == ENODEV)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_NO_GROUP,
				       "%s: no IOMMU group: the kernel has no IOMMU enabled "
				       "(intel_iommu=on / an IOMMU in the VM)",
				       v->name);
	if (err == -VDISC_ENOTFOUND)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_NO_FUNCTION,
				       "%s: no such PCI function (%s/" VG_PCI_DEVICES "/%s)",
				       v->name, sysfs, v->name);
	if (err)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER,
				       "%s: iommu_group link not understood", v->name);
	snprintf(dir, sizeof(dir), "%s/" VG_PCI_DEVICES, sysfs);
	vdisc_sysfs_link_basename(dir, v->name, "driver", driver, sizeof(driver));
	/* vfio-pci, or a variant driver built on it (mlx5_vfio_pci ...). */
	if (!strstr(driver, "vfio"))
		return vg_not_bound(v, sysfs, driver);
	return 0;
}

/* An open(2) of a /dev/vfio node that failed with errno: say why in the user's terms. */
static int vg_open_failed(struct vdisc_vfio *v, const char *path)
{
	int e = errno, err = vdisc_hosted_errno_(e);

	if (e == EACCES || e == EPERM)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_PERMISSION,
				       "%s: %s: permission denied (run as root, or own the node)",
				       v->name, path);
	if (e == EBUSY)
		return vdisc_vfio_say_(v, -VDISC_EIO, VDISC_VFIO_CAUSE_BUSY,
				       "%s: %s: busy: another process (a VM?) has the group open",
				       v->name, path);
	if (e == ENOENT)
		return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_NOT_BOUND,
				       "%s: %s: no such node (is the vfio-pci module loaded and "
				       "the function bound to it?)",
				       v->name, path);
	return vdisc_vfio_say_(v, err, VDISC_VFIO_CAUSE_OTHER, "%s: %s: %s", v->name, path,
			       strerror(e));
}

static int vg_open_container(struct vdisc_vfio *v, const char *dev)
{
	char path[PATH_MAX];
	int version;

	snprintf(path, sizeof(path), "%s/vfio", dev);
	v->container = open(path, O_RDWR | O_CLOEXEC);
	if (v->container < 0)
		return vg_open_failed(v, path);
	version = ioctl(v->container, VFIO_GET_API_VERSION);
	if (version != VFIO_API_VERSION) {
		if (version < 0)
			return vdisc_vfio_say_(
				v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				"%s: %s: not a VFIO container: %s", v->name, path, strerror(errno));
		errno = EPROTO;
		return vdisc_vfio_say_(v, -VDISC_ENOTSUP, VDISC_VFIO_CAUSE_OTHER,
				       "%s: VFIO API version %d, not %d", v->name, version,
				       VFIO_API_VERSION);
	}
	if (ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) <= 0) {
		errno = ENOTSUP;
		return vdisc_vfio_say_(v, -VDISC_ENOTSUP, VDISC_VFIO_CAUSE_IOMMU,
				       "%s: the kernel offers no TYPE1v2 IOMMU for VFIO "
				       "(vfio_iommu_type1 not loaded?)",
				       v->name);
	}
	return 0;
}

static int vg_not_viable(struct vdisc_vfio *v, const char *sysfs)
{
	char others[300];

	vdisc_vfio_group_members_(sysfs, v->group_id, v->name, others, sizeof(others));
	errno = EBUSY;
	return vdisc_vfio_say_(v, -VDISC_EPERM, VDISC_VFIO_CAUSE_NOT_VIABLE,
			       "%s: IOMMU group %d is not viable: every device in it must be "
			       "bound to vfio-pci or to no driver; the others: %s",
			       v->name, v->group_id, others[0] ? others : "(unreadable)");
}

static int vg_set_iommu(struct vdisc_vfio *v)
{
	int e;

	if (ioctl(v->group, VFIO_GROUP_SET_CONTAINER, &v->container) != 0)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: VFIO_GROUP_SET_CONTAINER: %s", v->name,
				       strerror(errno));
	if (ioctl(v->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) == 0)
		return 0;
	e = errno;
	if (e == EPERM)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(e), VDISC_VFIO_CAUSE_IOMMU,
				       "%s: VFIO_SET_IOMMU: not permitted: the IOMMU has no "
				       "interrupt remapping (intremap=on; or, unsafe, "
				       "vfio_iommu_type1.allow_unsafe_interrupts=1)",
				       v->name);
	return vdisc_vfio_say_(v, vdisc_hosted_errno_(e), VDISC_VFIO_CAUSE_IOMMU,
			       "%s: VFIO_SET_IOMMU TYPE1v2: %s", v->name, strerror(e));
}

static int vg_open_group(struct vdisc_vfio *v, const char *sysfs, const char *dev)
{
	struct vfio_group_status status = {.argsz = sizeof(status)};
	char path[PATH_MAX];
	int err;

	snprintf(path, sizeof(path), "%s/%d", dev, v->group_id);
	v->group = open(path, O_RDWR | O_CLOEXEC);
	if (v->group < 0)
		return vg_open_failed(v, path);
	if (ioctl(v->group, VFIO_GROUP_GET_STATUS, &status) != 0)
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: %s: VFIO_GROUP_GET_STATUS: %s", v->name, path,
				       strerror(errno));
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return vg_not_viable(v, sysfs);
	err = vg_set_iommu(v);
	if (err)
		return err;
	v->device = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, v->name);
	if (v->device < 0) {
		v->device = -1;
		return vdisc_vfio_say_(v, vdisc_hosted_errno_(errno), VDISC_VFIO_CAUSE_OTHER,
				       "%s: VFIO_GROUP_GET_DEVICE_FD: %s", v->name,
				       strerror(errno));
	}
	return 0;
}

int vdisc_vfio_attach_(struct vdisc_vfio *v, const char *sysfs, const char *dev)
{
	int err = vg_sysfs_checks(v, sysfs);

	if (!err)
		err = vg_open_container(v, dev);
	if (!err)
		err = vg_open_group(v, sysfs, dev);
	return err;
}

void vdisc_vfio_detach_(struct vdisc_vfio *v)
{
	if (v->device >= 0)
		close(v->device);
	/* Closing the group takes it out of the container, which drops the IOMMU mappings. */
	if (v->group >= 0)
		close(v->group);
	if (v->container >= 0)
		close(v->container);
	v->device = v->group = v->container = -1;
}
