/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "pci_cli.h"

/* A function's slot as lspci writes it at the start of its line. */

void pci_slot_text(char *buf, size_t len, const struct pci_listing *l,
		   const struct vdisc_pci_function *fn, const struct pci_options *opt)
{
	vdisc_pci_addr_format(buf, len, fn->addr, opt->domains || l->any_domain);
}
