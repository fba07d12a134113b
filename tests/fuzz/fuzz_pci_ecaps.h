/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FUZZ_PCI_ECAPS_H
#define VDISC_FUZZ_PCI_ECAPS_H

#include <vdisc/pci_caps.h>

/* Every extended capability decoder on @cap; aborts on an answer outside the contract. */
void fuzz_pci_ecaps_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		     int port_type);

#endif
