/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VDISC_H
#define VDISC_VDISC_H

/* The whole public API of libvdisc. */
#include "arena.h"
#include "error.h"
#include "fdt.h"
#include "irq.h"
#include "irq_regs.h"
#include "machine.h"
#include "model.h"
#include "pci.h"
#include "pci_assign.h"
#include "pci_caps.h"
#include "pci_msix.h"
#include "platform.h"
#include "registry.h"
#include "vhost_user.h"
#include "virtio.h"
#include "virtio_blk.h"
#include "virtio_spec.h"
#include "virtio_transport.h"
#include "virtqueue.h"

/* The one place the version is written: CMakeLists.txt reads it from this line. */
#define VDISC_VERSION_STRING "0.1.0"

#endif
