/* SPDX-License-Identifier: MIT */
#ifndef VDISC_MACHINE_INTERNAL_H
#define VDISC_MACHINE_INTERNAL_H

#include <vdisc/machine.h>

/* Append @child to @parent's children. */
void vdisc_machine_adopt_(struct vdisc_device *parent, struct vdisc_device *child);

/* PCI functions under their bridges and hosts, synthetic roots, routed INTx. */
int vdisc_machine_link_pci_(struct vdisc_model *model);

/* A virtio child for every virtio-pci function. */
int vdisc_machine_virtio_pci_(struct vdisc_model *model);

#endif
