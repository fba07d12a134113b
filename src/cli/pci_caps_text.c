/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "pci_caps_text.h"
#include "pci_cli.h"

/*
 * The capability lists under -v, as lspci walks and words them: each
 * capability's "Capabilities: [xx]" line, then its decoder by id, the
 * standard ones first; extended capabilities shown where lspci shows them.
 */

static int caps_express_type(const struct vdisc_pci_function *fn)
{
	const struct vdisc_pci_cap *cap;
	struct vdisc_pcie e;

	for (cap = fn->caps; cap; cap = cap->next)
		if (cap->id == VDISC_PCI_CAP_ID_EXP && vdisc_pci_decode_pcie(fn, cap, &e) == 0)
			return e.port_type;
	return -1;
}

static void caps_fallback(const struct pci_cap_ctx *c)
{
	const char *name =
		c->cap->extended ? vdisc_pci_ecap_name(c->cap->id) : vdisc_pci_cap_name(c->cap->id);

	if (name)
		fprintf(c->out, "%s\n", name);
	else
		fprintf(c->out, "%s Capability ID %#04x\n", c->cap->extended ? "Extended" : "",
			c->cap->id);
}

static void caps_one(struct pci_cap_ctx *c)
{
	const struct vdisc_pci_cap *cap = c->cap;

	if (cap->extended)
		fprintf(c->out, "\tCapabilities: [%03x v%u] ", cap->offset, cap->version);
	else
		fprintf(c->out, "\tCapabilities: [%02x] ", cap->offset);
	if (!cap->extended && cap->id == VDISC_PCI_CAP_ID_EXP)
		pci_text_express(c);
	else if (!cap->extended && pci_text_std_cap(c))
		return;
	else if (cap->extended && (pci_text_ecap_core(c) || pci_text_ecap_link(c)))
		return;
	else if (cap->extended || cap->id != VDISC_PCI_CAP_ID_EXP)
		caps_fallback(c);
}

static const char *caps_chain_text(enum vdisc_pci_chain_problem p)
{
	switch (p) {
	case VDISC_PCI_CHAIN_LOOP:
		return "<chain looped>";
	case VDISC_PCI_CHAIN_BROKEN:
		return "<chain broken>";
	case VDISC_PCI_CHAIN_OUT_OF_RANGE:
		return "<chain points past the readable space>";
	default:
		return NULL;
	}
}

void pci_print_caps(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		    const struct pci_options *opt)
{
	struct pci_cap_ctx c = {out, fn, NULL, x, opt, opt->verbose, caps_express_type(fn)};

	for (c.cap = fn->caps; c.cap; c.cap = c.cap->next)
		caps_one(&c);
	if (caps_chain_text(fn->caps_problem))
		fprintf(out, "\tCapabilities: %s\n", caps_chain_text(fn->caps_problem));
	for (c.cap = fn->ecaps; c.cap; c.cap = c.cap->next)
		caps_one(&c);
	if (caps_chain_text(fn->ecaps_problem))
		fprintf(out, "\tCapabilities: %s\n", caps_chain_text(fn->ecaps_problem));
}
