/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "hosted/pci_kernel.h"
#include "pci_cli.h"

/*
 * vdisc pci as a person reads it: lspci's familiar line per function; the
 * decode under -v is pci_verbose.c's, -t is pci_tree.c's.
 */

#define NAME_LEN PCI_NAME_LEN
#define PTEXT_SYSFS "/sys/bus/pci/devices"

struct ptext_modules {
	FILE *out;
	int count;
};

/*
 * "Vendor Device" as lspci's one-line listing prints it: numbers where pci.ids
 * has no name, only numbers at -n, both at -nn (and -nnn, which libpci reads
 * as -nn).  lspci formats it into 128 bytes: a longer pair ends in "...".
 */
#define PTEXT_LSPCI_IDENT_LEN 128

void pci_ident_text(char *buf, size_t len, const struct vdisc_pci_function *fn, int numeric)
{
	const char *t;

	if (len > PTEXT_LSPCI_IDENT_LEN)
		len = PTEXT_LSPCI_IDENT_LEN;
	t = pci_names_lspci(buf, len, PCI_NAME_PAIR, numeric, fn->vendor_id, fn->device_id, 0, 0);
	if (t != buf) /* libpci's own message: too small a buffer */
		snprintf(buf, len, "%s", t);
}

/* -v's "(prog-if 8a [...])": libpci's name whatever -n says (it asks without numbers). */
static void ptext_prog_if(FILE *out, uint32_t class_code)
{
	char buf[NAME_LEN];
	const char *name = pci_prog_if_text(class_code, buf, sizeof(buf));
	unsigned pif = class_code & 0xff;

	if (!pif && !name)
		return;
	fprintf(out, " (prog-if %02x", pif);
	if (name)
		fprintf(out, " [%s]", name);
	fputc(')', out);
}

static void ptext_first_line(FILE *out, const struct pci_listing *l,
			     const struct vdisc_pci_function *fn, const struct pci_options *opt)
{
	int numeric = opt->numeric;
	char slot[PCI_SLOT_TEXT_LEN], cls[NAME_LEN], ident[2 * NAME_LEN + 32];
	const char *cname = numeric == 1 ? NULL : pci_class_text(fn->class_code, cls, sizeof(cls));

	pci_slot_text(slot, sizeof(slot), l, fn, opt);
	pci_ident_text(ident, sizeof(ident), fn, numeric);
	if (numeric == 1)
		fprintf(out, "%s %04x: %s", slot, fn->class_code >> 8, ident);
	else if (cname && numeric == 2 && cname[strlen(cname) - 1] == ']')
		fprintf(out, "%s %s: %s", slot, cname, ident); /* libpci already added the number */
	else if (cname && numeric == 2)
		fprintf(out, "%s %s [%04x]: %s", slot, cname, fn->class_code >> 8, ident);
	else if (cname)
		fprintf(out, "%s %s: %s", slot, cname, ident);
	else if (numeric == 2)
		fprintf(out, "%s Class [%04x]: %s", slot, fn->class_code >> 8, ident);
	else
		fprintf(out, "%s Class %04x: %s", slot, fn->class_code >> 8, ident);
	if (fn->revision)
		fprintf(out, " (rev %02x)", fn->revision);
	if (opt->verbose)
		ptext_prog_if(out, fn->class_code);
	fputc('\n', out);
}

/* lspci's size suffixes: 4K, 16M, 2G... */
void pci_size_text(char *buf, size_t len, uint64_t size)
{
	static const char units[] = " KMGTPE";
	unsigned u = 0;

	while (size >= 1024 && size % 1024 == 0 && u + 1 < sizeof(units) - 1) {
		size /= 1024;
		u++;
	}
	if (u)
		snprintf(buf, len, "%" PRIu64 "%c", size, units[u]);
	else
		snprintf(buf, len, "%" PRIu64, size);
}

/* -x, -xxx, -xxxx: 64, 256 or 4096 bytes; a CardBus bridge's header is 128 (lspci's rule). */
void pci_print_hex(FILE *out, const struct vdisc_pci_function *fn, int level)
{
	bool cardbus = (fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK) == VDISC_PCI_HEADER_CARDBUS;
	unsigned limit = level >= 4 ? 4096 : level >= 3 ? 256 : cardbus ? 128 : 64, off, i;

	if (limit > fn->config_size)
		limit = fn->config_size;
	for (off = 0; off < limit; off += 16) {
		fprintf(out, "%02x:", off);
		for (i = 0; i < 16; i++)
			fprintf(out, " %02x", vdisc_pci_cfg8(fn, off + i));
		fputc('\n', out);
	}
}

/* "Kernel driver in use:" and "Kernel modules:" (lspci's show_kernel). */
static void ptext_module(void *arg, const char *module)
{
	struct ptext_modules *m = arg;

	fprintf(m->out, "%s %s", m->count++ ? "," : "\tKernel modules:", module);
}

static void ptext_kernel(FILE *out, const struct pci_extra *x, const struct vdisc_pci_kernel *k)
{
	struct ptext_modules m = {out, 0};

	if (x && x->known && x->info.driver[0])
		fprintf(out, "\tKernel driver in use: %s\n", x->info.driver);
	if (k && k->modalias[0])
		vdisc_pci_modules(NULL, k->modalias, ptext_module, &m);
	if (m.count)
		fputc('\n', out);
}

static void ptext_function(FILE *out, const struct pci_listing *l, size_t i,
			   const struct pci_options *opt)
{
	const struct vdisc_pci_function *fn = l->devs[i]->pci;
	const struct pci_extra *x = l->extra ? &l->extra[i] : NULL;
	struct vdisc_pci_kernel kern;
	const struct vdisc_pci_kernel *k = NULL;

	/* Only a live sysfs source has a kernel view; lspci -F has none either. */
	if ((opt->verbose || opt->kernel) && x && x->known &&
	    vdisc_pci_kernel_read(opt->sysfs_root ? opt->sysfs_root : PTEXT_SYSFS, fn->addr,
				  &kern) == 0)
		k = &kern;
	ptext_first_line(out, l, fn, opt);
	if (opt->verbose || opt->kernel)
		pci_print_ident_lines(out, fn, k, opt);
	if (opt->verbose)
		pci_print_verbose(out, fn, x, k, opt);
	else if (opt->virtio)
		pci_print_virtio(out, fn, x);
	if (opt->kernel || opt->verbose)
		ptext_kernel(out, x, k);
	if (opt->hex)
		pci_print_hex(out, fn, opt->hex);
	if (opt->verbose || opt->hex || opt->virtio)
		fputc('\n', out);
}

void pci_print_text(FILE *out, const struct pci_listing *l, const struct pci_options *opt)
{
	size_t i;

	if (opt->tree) {
		pci_print_tree(out, l, opt);
		return;
	}
	for (i = 0; i < l->count; i++)
		ptext_function(out, l, i, opt);
}
