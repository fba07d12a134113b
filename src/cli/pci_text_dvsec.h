/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_TEXT_DVSEC_H
#define VDISC_PCI_TEXT_DVSEC_H

#include "pci_caps_text.h"

/* pci_text_dvsec.c: a Designated Vendor-Specific capability, CXL's decoded as lspci does */
void pci_text_dvsec(const struct pci_cap_ctx *c);

#endif
