/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "pci_kernel.h"
#include "sysfs_attr.h"

/*
 * The kernel's view of a PCI function, for the text lspci prints from it
 * (-v without -b, -k).  Every attribute is optional: a missing file leaves
 * its field empty and the text leaves its line out, as lspci does.
 */

static void pkern_strip_newline(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static void pkern_resources(const char *root, const char *name, struct vdisc_pci_kernel *k)
{
	char buf[4096];
	const char *line = buf;

	if (vdisc_sysfs_read_attr(root, name, "resource", buf, sizeof(buf)) != 0)
		return;
	while (k->nres < VDISC_PCI_KERNEL_MAX_RES && line && *line) {
		unsigned long long start, end, flags;
		struct vdisc_pci_kernel_res *r = &k->res[k->nres];

		if (sscanf(line, "%llx %llx %llx", &start, &end, &flags) != 3)
			break;
		r->start = start;
		r->end = end;
		r->flags = flags;
		k->nres++;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
}

/* The slot whose "address" (domain:bus:device) is this function's device; the first in
 * directory order wins, as in lspci. */
static void pkern_phy_slot(const char *root, struct vdisc_pci_addr a, struct vdisc_pci_kernel *k)
{
	char dir[PATH_MAX], buf[64];
	struct dirent *e;
	DIR *d;

	if (snprintf(dir, sizeof(dir), "%s/../slots", root) >= (int)sizeof(dir))
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		unsigned dom, bus, dev;

		if (e->d_name[0] == '.' ||
		    vdisc_sysfs_read_attr(dir, e->d_name, "address", buf, sizeof(buf)) != 0)
			continue;
		if (sscanf(buf, "%x:%x:%x", &dom, &bus, &dev) == 3 && dom == a.segment &&
		    bus == a.bus && dev == a.dev) {
			vdisc_sysfs_copy_name(k->phy_slot, sizeof(k->phy_slot), e->d_name);
			break;
		}
	}
	closedir(d);
}

static void pkern_dt_node(const char *root, const char *name, struct vdisc_pci_kernel *k)
{
	char path[PATH_MAX], *real;

	if (snprintf(path, sizeof(path), "%s/%s/of_node", root, name) >= (int)sizeof(path))
		return;
	real = realpath(path, NULL);
	if (!real)
		return;
	vdisc_sysfs_copy_name(k->dt_node, sizeof(k->dt_node), real);
	free(real);
}

int vdisc_pci_kernel_read(const char *root, struct vdisc_pci_addr addr, struct vdisc_pci_kernel *k)
{
	char name[VDISC_PCI_ADDR_STRLEN], buf[256];

	memset(k, 0, sizeof(*k));
	k->irq = -1;
	vdisc_pci_addr_format(name, sizeof(name), addr, true);
	if (vdisc_sysfs_read_attr(root, name, "vendor", buf, sizeof(buf)) != 0)
		return -VDISC_ENOTFOUND;
	if (vdisc_sysfs_read_attr(root, name, "irq", buf, sizeof(buf)) == 0)
		k->irq = (int)strtol(buf, NULL, 0);
	/* lspci prints the label as the file holds it, newline included. */
	vdisc_sysfs_read_attr(root, name, "label", k->label, sizeof(k->label));
	if (vdisc_sysfs_read_attr(root, name, "modalias", k->modalias, sizeof(k->modalias)) == 0)
		pkern_strip_newline(k->modalias);
	pkern_resources(root, name, k);
	pkern_phy_slot(root, addr, k);
	pkern_dt_node(root, name, k);
	return 0;
}

/*
 * After the ROM line a configured bridge has four window lines, or ten
 * where the kernel also lists six SR-IOV BARs first; any other count means
 * no windows (PCI_FILL_BRIDGE_BASES unknown, in lspci's terms).
 */
bool vdisc_pci_kernel_bridge_windows(const struct vdisc_pci_kernel *k,
				     struct vdisc_pci_kernel_res win[4])
{
	unsigned first;

	if (k->nres == 7 + 4)
		first = 7;
	else if (k->nres == 7 + 6 + 4)
		first = 7 + 6;
	else
		return false;
	memcpy(win, &k->res[first], 4 * sizeof(*win));
	return true;
}
