/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FUZZ_PCI_ECAPS_H
#define VDISC_FUZZ_PCI_ECAPS_H

#include <stddef.h>
#include <stdint.h>

#include <vdisc/pci_caps.h>

/* Every extended capability decoder on @cap; aborts on an answer outside the contract. */
void fuzz_pci_ecaps_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		     int port_type);

/* The other standard capability decoders on @cap (enhanced allocation entries walked). */
void fuzz_pci_std_caps_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap);

/* A VPD image walked to its end. */
void fuzz_pci_vpd_(const uint8_t *data, size_t size);

#endif
