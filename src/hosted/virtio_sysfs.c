/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "sysfs_attr.h"
#include "virtio_sysfs.h"

bool vdisc_virtio_sysfs_parse_features(const char *text, struct vdisc_virtio_features *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; text[i] == '0' || text[i] == '1'; i++) {
		if (i >= 32 * VDISC_VIRTIO_FEATURE_WORDS)
			return false;
		if (text[i] == '1')
			out->word[i / 32] |= 1u << (i % 32);
	}
	if (i == 0 || (text[i] != '\0' && text[i] != '\n'))
		return false;
	out->nwords = (uint8_t)((i + 31) / 32);
	return true;
}

/* The device directory's parent is the transport: a PCI function or a platform device. */
static void vsysfs_read_parent(const char *root, struct vdisc_virtio_sysfs_dev *d)
{
	char path[PATH_MAX], target[PATH_MAX], *slash, *parent;
	ssize_t n;
	struct vdisc_pci_addr slot;

	snprintf(path, sizeof(path), "%s/%s", root, d->name);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	slash = strrchr(target, '/');
	if (!slash)
		return;
	*slash = '\0';
	parent = strrchr(target, '/');
	parent = parent ? parent + 1 : target;
	vdisc_sysfs_copy_name(d->parent, sizeof(d->parent), parent);
	d->parent_is_pci = vdisc_sysfs_pci_slot(parent, &slot);
}

static void vsysfs_read_device(const char *root, struct vdisc_virtio_sysfs_dev *d)
{
	char buf[512];

	if (vdisc_sysfs_read_attr(root, d->name, "device", buf, sizeof(buf)) == 0)
		d->device_id = (uint32_t)strtoul(buf, NULL, 0);
	if (vdisc_sysfs_read_attr(root, d->name, "vendor", buf, sizeof(buf)) == 0)
		d->vendor_id = (uint32_t)strtoul(buf, NULL, 0);
	if (vdisc_sysfs_read_attr(root, d->name, "features", buf, sizeof(buf)) == 0)
		d->has_features = vdisc_virtio_sysfs_parse_features(buf, &d->negotiated);
	if (vdisc_sysfs_read_attr(root, d->name, "status", buf, sizeof(buf)) == 0) {
		d->status = (uint32_t)strtoul(buf, NULL, 0);
		d->has_status = true;
	}
	vdisc_sysfs_link_basename(root, d->name, "driver", d->driver, sizeof(d->driver));
	vsysfs_read_parent(root, d);
}

static int vsysfs_by_index(const void *a, const void *b)
{
	const struct vdisc_virtio_sysfs_dev *x = a, *y = b;
	unsigned long i = strtoul(x->name + 6, NULL, 10), j = strtoul(y->name + 6, NULL, 10);

	return i < j ? -1 : i > j;
}

int vdisc_virtio_sysfs_list(const char *root, struct vdisc_virtio_sysfs_dev **out, size_t *n)
{
	struct vdisc_virtio_sysfs_dev *list = NULL, *grown;
	size_t count = 0, cap = 0;
	struct dirent *de;
	DIR *dir = opendir(root);

	*out = NULL;
	*n = 0;
	if (!dir)
		return vdisc_hosted_errno_(errno);
	while ((de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, "virtio", 6) != 0 || strlen(de->d_name) >= 32)
			continue;
		if (count == cap) {
			grown = realloc(list, (cap = cap ? 2 * cap : 16) * sizeof(*list));
			if (!grown) {
				free(list);
				closedir(dir);
				return vdisc_hosted_errno_(ENOMEM);
			}
			list = grown;
		}
		memset(&list[count], 0, sizeof(list[count]));
		vdisc_sysfs_copy_name(list[count].name, sizeof(list[count].name), de->d_name);
		vsysfs_read_device(root, &list[count]);
		count++;
	}
	closedir(dir);
	if (count)
		qsort(list, count, sizeof(*list), vsysfs_by_index);
	*out = list;
	*n = count;
	return 0;
}

/*
 * Whether /proc/iomem gives @name a range starting at @base.  Lines are
 * "start-end : name", indented by nesting; a name can be given twice (the
 * platform device's resource, then the driver's claim inside it).
 */
static bool vsysfs_iomem_names(const char *iomem, uint64_t base, const char *name)
{
	char line[256];
	bool found = false;
	FILE *f = fopen(iomem, "re");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = line, *end, *sep;
		unsigned long long start;

		while (*p == ' ')
			p++;
		start = strtoull(p, &end, 16);
		sep = strstr(end, " : ");
		if (end == p || *end != '-' || !sep || start != base)
			continue;
		sep += 3;
		sep[strcspn(sep, "\n")] = '\0';
		found = strcmp(sep, name) == 0;
	}
	fclose(f);
	return found;
}

/* A device-tree platform device is named "<address>.<node name>" (of_device_make_bus_id). */
static bool vsysfs_dt_name_at(const char *name, uint64_t base)
{
	char *end;
	unsigned long long a = strtoull(name, &end, 16);

	return end != name && *end == '.' && a == base;
}

int vdisc_virtio_sysfs_find_mmio(const char *root, const char *iomem, uint64_t base,
				 struct vdisc_virtio_sysfs_dev *out)
{
	struct vdisc_virtio_sysfs_dev *devs;
	size_t n, i;
	int err = vdisc_virtio_sysfs_list(root, &devs, &n);

	if (err)
		return err;
	for (i = 0; i < n; i++) {
		const char *parent = devs[i].parent;

		if (!parent[0] || devs[i].parent_is_pci)
			continue;
		if ((iomem && vsysfs_iomem_names(iomem, base, parent)) ||
		    vsysfs_dt_name_at(parent, base)) {
			*out = devs[i];
			free(devs);
			return 0;
		}
	}
	free(devs);
	return -VDISC_ENOTFOUND;
}
