/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_MSIX_H
#define VDISC_PCI_MSIX_H

#include <stdint.h>

#include "pci.h"
#include "platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * MSI-X for a PCI function (PCI Local Bus 3.0, 6.8.2): its table programmed
 * through the platform's MMIO hooks, its Message Control and the command
 * register's INTx Disable through struct vdisc_pci_ops.  The messages
 * themselves (address and data for a CPU's interrupt controller) are the
 * caller's: vdisc_irqchip_msi_message() for an x86 local APIC.
 */

/**
 * vdisc_pci_msix_enable - program @n MSI-X vectors and enable MSI-X
 * @ops: configuration access to the function, with a write hook
 * @fn: the function, decoded: its MSI-X capability says where the table is
 * @p: the platform; needs 32-bit MMIO read and write hooks
 * @table_cpu_addr: the CPU address at which the BAR holding the table (the
 *                  capability's Table BIR) is mapped; the table is at
 *                  @table_cpu_addr + its Table Offset
 * @addr: @n message addresses (64-bit; the upper half is written too)
 * @data: @n message data
 * @n: vectors to program, 1 to the table's size; entry i gets @addr[i], @data[i]
 *
 * With the function masked and MSI-X enabled (so no message can leave
 * half-written), writes entries 0..@n-1 and unmasks them, masks every
 * other entry, disables INTx in the command register, then clears the
 * function mask and reads Message Control back.  The table must lie wholly
 * inside its BAR, a memory BAR of known size.
 *
 * returns:
 *	0 on success
 *	-VDISC_EINVAL, a NULL argument, @n of 0, a table outside its BAR (or a BAR that
 *	is absent, I/O, unsized), or a @table_cpu_addr of 0 or one that wraps
 *	-VDISC_ENOTFOUND, the function has no MSI-X capability
 *	-VDISC_ERANGE, @n larger than the table, or a capability past the snapshot
 *	-VDISC_ENOTSUP, no configuration write hook, or no 32-bit MMIO hooks
 *	-VDISC_EIO, Message Control did not keep MSI-X enabled and unmasked
 *	or a configuration access error
 */
int vdisc_pci_msix_enable(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			  const struct vdisc_platform *p, uint64_t table_cpu_addr,
			  const uint64_t *addr, const uint32_t *data, unsigned n);

/**
 * vdisc_pci_msix_disable - mask every vector, disable MSI-X, give INTx back
 * @ops: configuration access to the function, with a write hook
 * @fn: the function, decoded
 * @p: the platform; needs 32-bit MMIO read and write hooks
 * @table_cpu_addr: as for vdisc_pci_msix_enable()
 *
 * returns:
 *	0 on success, or the errors of vdisc_pci_msix_enable() (but -VDISC_ERANGE for @n)
 */
int vdisc_pci_msix_disable(const struct vdisc_pci_ops *ops, const struct vdisc_pci_function *fn,
			   const struct vdisc_platform *p, uint64_t table_cpu_addr);

#ifdef __cplusplus
}
#endif

#endif
