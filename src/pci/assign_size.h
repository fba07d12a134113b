/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_ASSIGN_SIZE_H
#define VDISC_PCI_ASSIGN_SIZE_H

#include "assign_internal.h"

/* assign_size.c: decode off, BARs sized into the table, a bridge closed (for assign.c). */
void vdisc_pci_asg_setup_fn_(struct asg_ *c, unsigned fi, unsigned caps);

#endif
