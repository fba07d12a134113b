/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_TEXT_ECAP_IOV_H
#define VDISC_PCI_TEXT_ECAP_IOV_H

#include "pci_caps_text.h"

/*
 * pci_text_ecap_iov.c: ACS, ARI, ATS, PRI, PASID and SR-IOV under -v, for
 * pci_text_ecap_core(); false if @c's id is not one of these.
 */
bool pci_text_ecap_iov(const struct pci_cap_ctx *c);

#endif
