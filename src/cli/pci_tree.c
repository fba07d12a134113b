/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "pci_cli.h"

/* lspci -t: the buses as a tree, drawn through bridges from each root bus. */

#define NAME_LEN PCI_NAME_LEN

static void ptree_subtree(FILE *out, const struct pci_listing *l, uint16_t seg, unsigned bus,
			  const char *prefix, unsigned depth)
{
	char childpre[256], cls[NAME_LEN], ident[2 * NAME_LEN + 32];
	size_t i, last = SIZE_MAX;

	for (i = 0; i < l->count; i++)
		if (l->devs[i]->pci->addr.segment == seg && l->devs[i]->pci->addr.bus == bus)
			last = i;
	for (i = 0; i < l->count && last != SIZE_MAX; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;
		const char *cname;

		if (fn->addr.segment != seg || fn->addr.bus != bus)
			continue;
		cname = pci_class_text(fn->class_code, cls, sizeof(cls));
		pci_ident_text(ident, sizeof(ident), fn, 0);
		fprintf(out, "%s%s %02x.%x %s: %s", prefix, i == last ? "\\-" : "+-", fn->addr.dev,
			fn->addr.fn, cname ? cname : "Class", ident);
		if ((fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) && fn->secondary_bus > bus) {
			fprintf(out, " -> [%02x-%02x]\n", fn->secondary_bus, fn->subordinate_bus);
			snprintf(childpre, sizeof(childpre), "%s%s ", prefix,
				 i == last ? "  " : "| ");
			if (depth < 64)
				ptree_subtree(out, l, seg, fn->secondary_bus, childpre, depth + 1);
		} else {
			fputc('\n', out);
		}
	}
}

static bool ptree_is_secondary(const struct pci_listing *l, uint16_t seg, unsigned bus)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_function *fn = l->devs[i]->pci;

		if (fn->addr.segment == seg && (fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) &&
		    fn->secondary_bus == bus && fn->secondary_bus > fn->addr.bus)
			return true;
	}
	return false;
}

void pci_print_tree(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	(void)opt;
	size_t i;

	for (i = 0; i < l->count; i++) {
		const struct vdisc_pci_addr *a = &l->devs[i]->pci->addr;

		if (i > 0 && l->devs[i - 1]->pci->addr.segment == a->segment &&
		    l->devs[i - 1]->pci->addr.bus == a->bus)
			continue;
		if (ptree_is_secondary(l, a->segment, a->bus))
			continue;
		fprintf(out, "[%04x:%02x]\n", a->segment, a->bus);
		ptree_subtree(out, l, a->segment, a->bus, " ", 0);
	}
}
