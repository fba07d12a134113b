/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_CAPS_TEXT_H
#define VDISC_PCI_CAPS_TEXT_H

#include <stdio.h>

#include "pci_cli.h"

/*
 * One capability being printed under -v: pci_caps_text.c has written
 * "\tCapabilities: [xx] " (or "[xxx vN] ") and hands the rest of the line,
 * and any lines below it, to the decoder for the capability's id.
 */
struct pci_cap_ctx {
	FILE *out;
	const struct vdisc_pci_function *fn;
	const struct vdisc_pci_cap *cap;
	const struct pci_extra *x; /* sysfs knowledge, or NULL */
	const struct pci_options *opt;
	int verbose;  /* lspci's -v count: 1, 2 or 3 */
	int exp_type; /* the function's PCI Express device/port type, -1 without the capability */
};

/* pci_text_express.c: the PCI Express capability */
void pci_text_express(const struct pci_cap_ctx *c);

/* pci_text_caps.c: every other standard capability; false if @c's id is not one it words */
bool pci_text_std_cap(const struct pci_cap_ctx *c);
/* pci_text_caps_ht.c: a HyperTransport capability, for pci_text_std_cap */
void pci_text_cap_ht(const struct pci_cap_ctx *c);

/* pci_text_ecap_core.c: AER, VC, MFVC, DSN, power budget, RC link, RCEC, ACS, ARI, ATS,
 * SR-IOV, MR-IOV, multicast, PRI, PASID, TPH; false if not one of these */
bool pci_text_ecap_core(const struct pci_cap_ctx *c);

/* pci_text_ecap_link.c: LTR, secondary PCIe, L1 PM substates, PTM, DPC, resizable BARs,
 * data link feature, 16/32 GT/s, lane margining, DOE, IDE, NPEM, DVSEC, VSEC; false if not */
bool pci_text_ecap_link(const struct pci_cap_ctx *c);

#endif
