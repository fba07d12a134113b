/* SPDX-License-Identifier: MIT */
/*
 * vdisc scan on a running Linux: what the kernel knows and the files do not.
 * The virtio-mmio transports no tree describes (virtio_mmio.device= on the
 * command line; ACPI's LNRO0005 devices, with their registers from
 * /proc/iomem); each virtio device from /sys/bus/virtio (type, negotiated
 * features, its driver) below the transport that carries it; the driver bound
 * to each PCI function; and to each device-tree node, through the of_node
 * link of the platform and AMBA devices Linux made from the tree.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hosted/sysfs_attr.h"
#include "hosted/virtio_sysfs.h"
#include "cli.h"
#include "pci_cli.h"
#include "scan_cli.h"

#define SYSFS_VIRTIO "/sys/bus/virtio/devices"
#define SYSFS_PLATFORM "/sys/bus/platform/devices"

/* A string that lives as long as the model: in its arena. */
static const char *slive_keep_(struct vdisc_model *model, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = vdisc_arena_alloc(model->arena, n, 1);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* The PCI function sysfs names "ssss:bb:dd.f". */
static struct vdisc_device *slive_find_pci_(struct vdisc_model *model, const char *slot)
{
	struct vdisc_pci_addr a;

	if (!vdisc_sysfs_pci_slot(slot, &a))
		return NULL;
	for (struct vdisc_device *d = model->devices; d; d = d->next)
		if (d->bus == VDISC_BUS_PCI &&
		    vdisc_pci_addr_key(d->pci->addr) == vdisc_pci_addr_key(a))
			return d;
	return NULL;
}

/*
 * A virtio-mmio platform device is named "<base in hex>.<node name>" by Linux
 * when the tree describes it, "virtio-mmio.<id>" when the command line does.
 */
static struct vdisc_device *slive_find_mmio_(struct vdisc_model *model, const char *name)
{
	char *end;
	unsigned long long base = strtoull(name, &end, 16);
	bool by_base = end != name && *end == '.';

	for (struct vdisc_device *d = model->devices; d; d = d->next) {
		if (d->bus != VDISC_BUS_DT || !(d->dt.flags & VDISC_DEV_VIRTIO_MMIO))
			continue;
		if (by_base && d->dt.node_offset >= 0 && d->nregs && d->regs[0].translated &&
		    d->regs[0].address == base)
			return d;
		if (d->dt.node_offset < 0 && strcmp(d->path, name) == 0)
			return d;
	}
	return NULL;
}

/*
 * virtio_mmio.device= on this kernel's command line (QEMU's microvm puts its
 * transports there): each a transport of the model, named as Linux names it.
 */
static int slive_cmdline_mmio_(struct vdisc_model *model)
{
	struct vdisc_virtio_mmio_param p[32];
	char cmdline[4096] = "", path[32];
	FILE *f = fopen("/proc/cmdline", "r");
	size_t len = f ? fread(cmdline, 1, sizeof(cmdline) - 1, f) : 0;
	int n;

	if (f)
		fclose(f);
	cmdline[len] = '\0';
	n = vdisc_virtio_mmio_cmdline(cmdline, p, 32, NULL);
	for (int i = 0; i < n && i < 32; i++) {
		const char *kept;
		snprintf(path, sizeof(path), "virtio-mmio.%u", (unsigned)p[i].id);
		kept = slive_keep_(model, path);
		if (!kept ||
		    !vdisc_machine_add_virtio_mmio(model, kept, p[i].base, p[i].size, p[i].irq))
			return VDISC_EXIT_FAILED;
	}
	return VDISC_EXIT_OK;
}

/* Where /proc/iomem says @name's registers are ("feb00e00-feb00fff : LNRO0005:00"). */
static bool slive_iomem_(const char *name, uint64_t *base, uint64_t *size)
{
	char line[256];
	FILE *f = fopen("/proc/iomem", "r");
	bool found = false;

	while (f && !found && fgets(line, sizeof(line), f)) {
		unsigned long long lo, hi;
		char who[128];
		if (sscanf(line, " %llx-%llx : %127[^\n]", &lo, &hi, who) == 3 &&
		    strcmp(who, name) == 0 && hi >= lo && (lo || hi)) {
			*base = lo;
			*size = hi - lo + 1;
			found = true;
		}
	}
	if (f)
		fclose(f);
	return found;
}

/*
 * The virtio-mmio transports ACPI describes (_HID LNRO0005: QEMU's microvm):
 * Linux makes each a platform device of that name; its registers are in
 * /proc/iomem (zero there without root: then not added).
 */
static int slive_acpi_mmio_(struct vdisc_model *model)
{
	struct dirent *e;
	DIR *dh = opendir(SYSFS_PLATFORM);
	int rc = VDISC_EXIT_OK;

	while (dh && rc == VDISC_EXIT_OK && (e = readdir(dh))) {
		uint64_t base, size;
		const char *kept;
		if (strncmp(e->d_name, "LNRO0005:", 9) != 0 ||
		    !slive_iomem_(e->d_name, &base, &size))
			continue;
		kept = slive_keep_(model, e->d_name);
		if (!kept ||
		    !vdisc_machine_add_virtio_mmio(model, kept, base, size, VDISC_MACHINE_NO_IRQ))
			rc = VDISC_EXIT_FAILED;
	}
	if (dh)
		closedir(dh);
	return rc;
}

static int slive_virtio_(struct vdisc_model *model, struct scan_sources *src)
{
	struct vdisc_virtio_sysfs_dev *v;
	size_t n;

	if (vdisc_virtio_sysfs_list(SYSFS_VIRTIO, &v, &n) != 0)
		return VDISC_EXIT_OK; /* no virtio bus: nothing to attach */
	src->virtio = "sysfs";
	for (size_t i = 0; i < n; i++) {
		struct vdisc_device_virtio info = {.device_type = v[i].device_id};
		struct vdisc_device *t = v[i].parent_is_pci ? slive_find_pci_(model, v[i].parent)
							    : slive_find_mmio_(model, v[i].parent);
		struct vdisc_device *vd;

		if (!t)
			continue; /* a transport the model does not have */
		if (!v[i].parent_is_pci)
			info.transport = VDISC_VIRTIO_VIA_MMIO;
		if (v[i].has_features)
			info.negotiated = v[i].negotiated;
		vd = vdisc_machine_add_virtio(model, t, &info);
		if (!vd || (v[i].driver[0] && !(vd->driver = slive_keep_(model, v[i].driver)))) {
			free(v);
			return VDISC_EXIT_FAILED;
		}
	}
	free(v);
	return VDISC_EXIT_OK;
}

/* The driver DIR/NAME/driver names, kept on @d; VDISC_EXIT_FAILED when the arena is full. */
static int slive_driver_(struct vdisc_model *model, struct vdisc_device *d, const char *dir,
			 const char *name)
{
	char driver[256];

	vdisc_sysfs_link_basename(dir, name, "driver", driver, sizeof(driver));
	if (driver[0] && !(d->driver = slive_keep_(model, driver)))
		return VDISC_EXIT_FAILED;
	return VDISC_EXIT_OK;
}

static int slive_pci_drivers_(struct vdisc_model *model)
{
	char slot[32];

	for (struct vdisc_device *d = model->devices; d; d = d->next) {
		if (d->bus != VDISC_BUS_PCI)
			continue;
		vdisc_pci_addr_format(slot, sizeof(slot), d->pci->addr, true);
		if (slive_driver_(model, d, SYSFS_PCI, slot) != VDISC_EXIT_OK)
			return VDISC_EXIT_FAILED;
	}
	return VDISC_EXIT_OK;
}

struct slive_bound {
	char *path; /* the node's path in the tree */
	char *driver;
};

static int slive_bound_cmp_(const void *a, const void *b)
{
	return strcmp(((const struct slive_bound *)a)->path, ((const struct slive_bound *)b)->path);
}

/* Every device of @bus made from a tree node and bound: its node's path and driver. */
static void slive_bus_(const char *bus, struct slive_bound **list, size_t *n, size_t *cap)
{
	char dir[PATH_MAX], link[PATH_MAX + 300], target[PATH_MAX], name[256];
	struct dirent *e;
	DIR *dh;

	snprintf(dir, sizeof(dir), "/sys/bus/%s/devices", bus);
	dh = opendir(dir);
	while (dh && (e = readdir(dh))) {
		const char *node;
		ssize_t len;
		if (e->d_name[0] == '.')
			continue;
		vdisc_sysfs_link_basename(dir, e->d_name, "driver", name, sizeof(name));
		if (!name[0])
			continue;
		snprintf(link, sizeof(link), "%s/%s/of_node", dir, e->d_name);
		len = readlink(link, target, sizeof(target) - 1);
		if (len <= 0)
			continue;
		target[len] = '\0';
		node = strstr(target, "devicetree/base");
		if (!node)
			continue;
		node += strlen("devicetree/base");
		if (*n == *cap) {
			struct slive_bound *more = realloc(*list, (*cap * 2 + 16) * sizeof(**list));
			if (!more)
				break;
			*list = more;
			*cap = *cap * 2 + 16;
		}
		(*list)[*n].path = strdup(*node ? node : "/");
		(*list)[*n].driver = strdup(name);
		if ((*list)[*n].path && (*list)[*n].driver)
			++*n;
	}
	if (dh)
		closedir(dh);
}

static int slive_dt_drivers_(struct vdisc_model *model)
{
	struct slive_bound *list = NULL, key, *hit;
	size_t n = 0, cap = 0;
	int rc = VDISC_EXIT_OK;

	slive_bus_("platform", &list, &n, &cap);
	slive_bus_("amba", &list, &n, &cap);
	if (n)
		qsort(list, n, sizeof(*list), slive_bound_cmp_);
	for (struct vdisc_device *d = model->devices; d; d = d->next) {
		if (d->bus != VDISC_BUS_DT)
			continue;
		if (d->dt.node_offset < 0) { /* no node: a platform device by its own name */
			if (slive_driver_(model, d, SYSFS_PLATFORM, d->path) != VDISC_EXIT_OK)
				rc = VDISC_EXIT_FAILED;
			continue;
		}
		if (!n)
			continue;
		key.path = (char *)(uintptr_t)d->path;
		hit = bsearch(&key, list, n, sizeof(*list), slive_bound_cmp_);
		if (hit && !(d->driver = slive_keep_(model, hit->driver)))
			rc = VDISC_EXIT_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		free(list[i].path);
		free(list[i].driver);
	}
	free(list);
	return rc;
}

int scan_live_attach(struct vdisc_model *model, struct scan_sources *src)
{
	int rc = slive_cmdline_mmio_(model);

	if (rc == VDISC_EXIT_OK)
		rc = slive_acpi_mmio_(model);
	if (rc == VDISC_EXIT_OK)
		rc = slive_virtio_(model, src);
	if (rc == VDISC_EXIT_OK)
		rc = slive_pci_drivers_(model);
	if (rc == VDISC_EXIT_OK)
		rc = slive_dt_drivers_(model);
	return rc;
}
