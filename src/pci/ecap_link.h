/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_ECAP_LINK_H
#define VDISC_PCI_ECAP_LINK_H

#include <vdisc/pci.h>

/*
 * The lanes a function's per-lane registers cover (Secondary PCI Express, the 16 and 32 GT/s
 * physical layers, lane margining): the PCI Express capability's Maximum Link Width, at most
 * VDISC_PCI_SECPCI_MAX_LANES; 0 without the capability or a link.
 */
uint8_t vdisc_pci_link_lanes_(const struct vdisc_pci_function *fn);

#endif
