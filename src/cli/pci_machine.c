/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>

#include "cli.h"
#include "pci_cli.h"

/*
 * lspci's machine-readable formats, which scripts parse: byte for byte what
 * pciutils 3.9 prints.
 *  -m, -mm    one line a function: slot, then quoted class, vendor and device
 *             names, -rXX (revision, when not 0), -pXX (prog-if), quoted
 *             subsystem vendor and device ("" "" when there is none).
 *  -vm, -vmm  "Key:\tvalue" records separated by an empty line; the first key
 *             is "Device" under -vm, "Slot" under -vmm (-vm then has two Device
 *             keys: that is the old format -mm replaced).
 * Names follow -n/-nn as everywhere.  The domain is shown only for functions
 * outside domain 0 or under -D (not lspci's listing rule).
 */

#define PMACH_NAME_LEN 128 /* lspci's buffers: a longer name ends in "..." */

/* A string as a shell reads it inside double quotes, after a blank. */
static void pmach_quoted(FILE *out, const char *s)
{
	fputs(" \"", out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* lspci's subsystem rule: the layout has one, and its vendor is neither 0 nor ffff. */
static bool pmach_has_subsystem(const struct vdisc_pci_function *fn)
{
	return fn->has_subsystem && fn->subsystem_vendor_id != 0 &&
	       fn->subsystem_vendor_id != 0xffff;
}

static const char *pmach_name(char *buf, enum pci_name_kind kind, const struct pci_options *opt,
			      const struct vdisc_pci_function *fn)
{
	switch (kind) {
	case PCI_NAME_CLASS:
		return pci_names_lspci(buf, PMACH_NAME_LEN, kind, opt->numeric, fn->class_code >> 8,
				       0, 0, 0);
	case PCI_NAME_SUBVENDOR:
		return pci_names_lspci(buf, PMACH_NAME_LEN, kind, opt->numeric,
				       fn->subsystem_vendor_id, 0, 0, 0);
	default:
		return pci_names_lspci(buf, PMACH_NAME_LEN, kind, opt->numeric, fn->vendor_id,
				       fn->device_id, fn->subsystem_vendor_id, fn->subsystem_id);
	}
}

static void pmach_terse(FILE *out, const struct pci_listing *l, const struct vdisc_pci_function *fn,
			const struct pci_options *opt)
{
	char slot[PCI_SLOT_TEXT_LEN], buf[PMACH_NAME_LEN];

	pci_slot_text(slot, sizeof(slot), l, fn, opt);
	fputs(slot, out);
	pmach_quoted(out, pmach_name(buf, PCI_NAME_CLASS, opt, fn));
	pmach_quoted(out, pmach_name(buf, PCI_NAME_VENDOR, opt, fn));
	pmach_quoted(out, pmach_name(buf, PCI_NAME_DEVICE, opt, fn));
	if (fn->revision)
		fprintf(out, " -r%02x", fn->revision);
	fprintf(out, " -p%02x", fn->class_code & 0xff);
	if (pmach_has_subsystem(fn)) {
		pmach_quoted(out, pmach_name(buf, PCI_NAME_SUBVENDOR, opt, fn));
		pmach_quoted(out, pmach_name(buf, PCI_NAME_SUBDEVICE, opt, fn));
	} else {
		fputs(" \"\" \"\"", out);
	}
	fputc('\n', out);
}

/*
 * The physical slot a live function sits in: the name of the directory under
 * sysfs's slots/ whose "address" is its domain:bus:device (any function).
 */
static bool pmach_phy_slot(const char *devices_root, const struct vdisc_pci_function *fn,
			   char *name, size_t len)
{
	char dir[PATH_MAX], file[PATH_MAX + 300], line[32];
	struct dirent *e;
	bool found = false;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/../slots", devices_root);
	d = opendir(dir);
	if (!d)
		return false;
	while (!found && (e = readdir(d)) != NULL) {
		unsigned dom, bus, dev;
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s/address", dir, e->d_name);
		f = fopen(file, "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) &&
		    sscanf(line, "%x:%x:%x", &dom, &bus, &dev) == 3 && dom == fn->addr.segment &&
		    bus == fn->addr.bus && dev == fn->addr.dev) {
			snprintf(name, len, "%s", e->d_name);
			found = true;
		}
		fclose(f);
	}
	closedir(d);
	return found;
}

/* The device-tree node of a live function: where its of_node link leads. */
static bool pmach_dt_node(const char *devices_root, const struct vdisc_pci_function *fn, char *path,
			  size_t len)
{
	char link[PATH_MAX], slot[VDISC_PCI_ADDR_STRLEN], *real;

	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	snprintf(link, sizeof(link), "%s/%s/of_node", devices_root, slot);
	real = realpath(link, NULL);
	if (!real)
		return false;
	snprintf(path, len, "%s", real);
	free(real);
	return true;
}

/* What the live machine adds: the driver (-k), NUMA node, device-tree node, IOMMU group. */
static void pmach_live(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		       const struct pci_options *opt, const char *root)
{
	char path[PATH_MAX];

	if (opt->kernel && x->info.driver[0])
		fprintf(out, "Driver:\t%s\n", x->info.driver);
	if (x->info.numa_node != -1)
		fprintf(out, "NUMANode:\t%d\n", x->info.numa_node);
	if (root && pmach_dt_node(root, fn, path, sizeof(path)))
		fprintf(out, "DTNode:\t%s\n", path);
	if (x->info.iommu_group >= 0)
		fprintf(out, "IOMMUGroup:\t%d\n", x->info.iommu_group);
}

static void pmach_verbose(FILE *out, const struct pci_listing *l,
			  const struct vdisc_pci_function *fn, const struct pci_extra *x,
			  const struct pci_options *opt)
{
	const char *root = strcmp(l->source, "sysfs") == 0 ? opt->sysfs_root : NULL;
	char slot[PCI_SLOT_TEXT_LEN], buf[PMACH_NAME_LEN], phy[256];

	if (root == NULL && strcmp(l->source, "sysfs") == 0)
		root = "/sys/bus/pci/devices";
	pci_slot_text(slot, sizeof(slot), l, fn, opt);
	fprintf(out, "%s\t%s\n", opt->machine >= 2 ? "Slot:" : "Device:", slot);
	fprintf(out, "Class:\t%s\n", pmach_name(buf, PCI_NAME_CLASS, opt, fn));
	fprintf(out, "Vendor:\t%s\n", pmach_name(buf, PCI_NAME_VENDOR, opt, fn));
	fprintf(out, "Device:\t%s\n", pmach_name(buf, PCI_NAME_DEVICE, opt, fn));
	if (pmach_has_subsystem(fn)) {
		fprintf(out, "SVendor:\t%s\n", pmach_name(buf, PCI_NAME_SUBVENDOR, opt, fn));
		fprintf(out, "SDevice:\t%s\n", pmach_name(buf, PCI_NAME_SUBDEVICE, opt, fn));
	}
	if (root && pmach_phy_slot(root, fn, phy, sizeof(phy)))
		fprintf(out, "PhySlot:\t%s\n", phy);
	if (fn->revision)
		fprintf(out, "Rev:\t%02x\n", fn->revision);
	fprintf(out, "ProgIf:\t%02x\n", fn->class_code & 0xff);
	if (x && x->known)
		pmach_live(out, fn, x, opt, root);
}

/*
 * -x under -m: config space after the function's record, as lspci dumps it:
 * the standard header (128 bytes for a CardBus bridge, whose header is that
 * long), 256 bytes at -xxx, 4096 at -xxxx; never past the snapshot.
 */
void pci_print_machine(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;
		const struct pci_extra *x = l->extra ? &l->extra[i] : NULL;

		if (opt->verbose)
			pmach_verbose(out, l, fn, x, opt);
		else
			pmach_terse(out, l, fn, opt);
		if (opt->hex)
			pci_print_hex(out, fn, opt->hex);
		if (opt->verbose || opt->hex)
			fputc('\n', out);
	}
}
