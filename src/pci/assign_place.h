/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_ASSIGN_PLACE_H
#define VDISC_PCI_ASSIGN_PLACE_H

#include "assign_internal.h"

/* assign_place.c: the layout, for assign.c. */

/* The bytes @bus's entries of @space need from offset 0, and their largest alignment. */
uint64_t vdisc_pci_asg_span_(const struct asg_ *c, uint8_t bus, unsigned space, uint8_t *align);
/* Program @bus's entries of @space inside [@lo, @hi], and the buses behind them. */
void vdisc_pci_asg_place_(struct asg_ *c, uint8_t bus, unsigned space, uint64_t lo, uint64_t hi);
/* Decode (and bus mastering when asked) on, where what it needs was placed. */
void vdisc_pci_asg_enable_(struct asg_ *c);

#endif
