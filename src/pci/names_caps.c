/* SPDX-License-Identifier: MIT */
#include "../discover/names.h"

#include <vdisc/pci.h>

/*
 * Capability names: the standard list (8-bit ids, PCI Local Bus 3.0 §6.7)
 * and the PCI Express extended list (16-bit ids at offset 100h and up),
 * both as assigned by the PCI Code and ID Assignment Specification
 * (rev 1.18).  The text is what lspci prints before a capability's
 * details, so our listings and lspci's can be read side by side; where
 * lspci has no name, the spec's name is shortened in lspci's manner.
 * Id 0 is the spec's Null Capability, which lspci lists as "Null".
 */

static const struct vdisc_name_ pci_caps_[] = {
	{VDISC_PCI_CAP_ID_NULL, "Null"},
	{VDISC_PCI_CAP_ID_PM, "Power Management"},
	{VDISC_PCI_CAP_ID_AGP, "AGP"},
	{VDISC_PCI_CAP_ID_VPD, "Vital Product Data"},
	{VDISC_PCI_CAP_ID_SLOTID, "Slot ID"},
	{VDISC_PCI_CAP_ID_MSI, "MSI"},
	{VDISC_PCI_CAP_ID_CHSWP, "CompactPCI hot-swap"},
	{VDISC_PCI_CAP_ID_PCIX, "PCI-X"},
	{VDISC_PCI_CAP_ID_HT, "HyperTransport"},
	{VDISC_PCI_CAP_ID_VNDR, "Vendor Specific Information"},
	{VDISC_PCI_CAP_ID_DBG, "Debug port"},
	{VDISC_PCI_CAP_ID_CCRC, "CompactPCI central resource control"},
	{VDISC_PCI_CAP_ID_SHPC, "PCI Hot-plug"}, /* lspci: "Hot-plug capable" */
	{VDISC_PCI_CAP_ID_SSVID, "Subsystem"},	 /* bridge subsystem vendor/device ID */
	{VDISC_PCI_CAP_ID_AGP3, "AGP3"},	 /* AGP 8x */
	{VDISC_PCI_CAP_ID_SECDEV, "Secure device"},
	{VDISC_PCI_CAP_ID_EXP, "Express"},
	{VDISC_PCI_CAP_ID_MSIX, "MSI-X"},
	{VDISC_PCI_CAP_ID_SATA, "SATA HBA"},
	{VDISC_PCI_CAP_ID_AF, "PCI Advanced Features"},
	{VDISC_PCI_CAP_ID_EA, "Enhanced Allocation (EA)"},
	{VDISC_PCI_CAP_ID_FPB, "Flattening Portal Bridge (FPB)"},
};

static const struct vdisc_name_ pci_ecaps_[] = {
	{VDISC_PCI_EXT_CAP_ID_NULL, "Null"},
	{VDISC_PCI_EXT_CAP_ID_ERR, "Advanced Error Reporting"},
	{VDISC_PCI_EXT_CAP_ID_VC, "Virtual Channel"},
	{VDISC_PCI_EXT_CAP_ID_DSN, "Device Serial Number"},
	{VDISC_PCI_EXT_CAP_ID_PWR, "Power Budgeting"},
	{VDISC_PCI_EXT_CAP_ID_RCLD, "Root Complex Link"}, /* spec: "... Link Declaration" */
	{VDISC_PCI_EXT_CAP_ID_RCILC, "Root Complex Internal Link"},
	{VDISC_PCI_EXT_CAP_ID_RCEC, "Root Complex Event Collector Endpoint Association"},
	{VDISC_PCI_EXT_CAP_ID_MFVC, "Multi-Function Virtual Channel"},
	{VDISC_PCI_EXT_CAP_ID_VC9,
	 "Virtual Channel"}, /* the same structure, when MFVC is also present */
	{VDISC_PCI_EXT_CAP_ID_RCRB, "Root Complex Register Block"},
	{VDISC_PCI_EXT_CAP_ID_VNDR, "Vendor Specific Information"},
	{VDISC_PCI_EXT_CAP_ID_CAC, "Configuration Access Correlation"}, /* deprecated */
	{VDISC_PCI_EXT_CAP_ID_ACS, "Access Control Services"},
	{VDISC_PCI_EXT_CAP_ID_ARI, "Alternative Routing-ID Interpretation (ARI)"},
	{VDISC_PCI_EXT_CAP_ID_ATS, "Address Translation Service (ATS)"},
	{VDISC_PCI_EXT_CAP_ID_SRIOV, "Single Root I/O Virtualization (SR-IOV)"},
	{VDISC_PCI_EXT_CAP_ID_MRIOV, "Multi-Root I/O Virtualization"},
	{VDISC_PCI_EXT_CAP_ID_MCAST, "Multicast"},
	{VDISC_PCI_EXT_CAP_ID_PRI, "Page Request Interface (PRI)"},
	{VDISC_PCI_EXT_CAP_ID_AMD, "Reserved for AMD"},
	{VDISC_PCI_EXT_CAP_ID_REBAR, "Physical Resizable BAR"},
	{VDISC_PCI_EXT_CAP_ID_DPA, "Dynamic Power Allocation"},
	{VDISC_PCI_EXT_CAP_ID_TPH, "Transaction Processing Hints"},
	{VDISC_PCI_EXT_CAP_ID_LTR, "Latency Tolerance Reporting"},
	{VDISC_PCI_EXT_CAP_ID_SECPCI, "Secondary PCI Express"},
	{VDISC_PCI_EXT_CAP_ID_PMUX, "Protocol Multiplexing"},
	{VDISC_PCI_EXT_CAP_ID_PASID, "Process Address Space ID (PASID)"},
	{VDISC_PCI_EXT_CAP_ID_LNR, "LN Requester"},
	{VDISC_PCI_EXT_CAP_ID_DPC, "Downstream Port Containment"},
	{VDISC_PCI_EXT_CAP_ID_L1SS, "L1 PM Substates"},
	{VDISC_PCI_EXT_CAP_ID_PTM, "Precision Time Measurement"},
	{VDISC_PCI_EXT_CAP_ID_MPHY, "PCI Express over M_PHY"},
	{VDISC_PCI_EXT_CAP_ID_FRS, "FRS Queueing"},
	{VDISC_PCI_EXT_CAP_ID_RTR, "Readiness Time Reporting"},
	{VDISC_PCI_EXT_CAP_ID_DVSEC, "Designated Vendor-Specific"},
	{VDISC_PCI_EXT_CAP_ID_VF_REBAR, "Virtual Resizable BAR"}, /* spec: "VF Resizable BAR" */
	{VDISC_PCI_EXT_CAP_ID_DLF, "Data Link Feature"},
	{VDISC_PCI_EXT_CAP_ID_PL_16GT, "Physical Layer 16.0 GT/s"},
	{VDISC_PCI_EXT_CAP_ID_LMR, "Lane Margining at the Receiver"},
	{VDISC_PCI_EXT_CAP_ID_HIER_ID, "Hierarchy ID"},
	{VDISC_PCI_EXT_CAP_ID_NPEM, "Native PCIe Enclosure Management"},
	{VDISC_PCI_EXT_CAP_ID_PL_32GT, "Physical Layer 32.0 GT/s"},
	{VDISC_PCI_EXT_CAP_ID_ALT_PROTO, "Alternate Protocol"},
	{VDISC_PCI_EXT_CAP_ID_SFI, "System Firmware Intermediary"},
	{VDISC_PCI_EXT_CAP_ID_SHADOW_FN, "Shadow Functions"},
	{VDISC_PCI_EXT_CAP_ID_DOE, "Data Object Exchange"},
	{VDISC_PCI_EXT_CAP_ID_DEV3, "Device 3"},
	{VDISC_PCI_EXT_CAP_ID_IDE, "Integrity & Data Encryption"},
	{VDISC_PCI_EXT_CAP_ID_PL_64GT, "Physical Layer 64.0 GT/s"},
	{VDISC_PCI_EXT_CAP_ID_FLIT_LOG, "Flit Logging"},
	{VDISC_PCI_EXT_CAP_ID_FLIT_PERF, "Flit Performance Measurement"},
	{VDISC_PCI_EXT_CAP_ID_FLIT_ERR, "Flit Error Injection"},
	{VDISC_PCI_EXT_CAP_ID_SVC, "Streamlined Virtual Channel"},
	{VDISC_PCI_EXT_CAP_ID_MMIO_RBL, "MMIO Register Block Locator"},
	{VDISC_PCI_EXT_CAP_ID_NOP_FLIT, "NOP Flit"},
	{VDISC_PCI_EXT_CAP_ID_SIOV, "Scalable I/O Virtualization"},
	{VDISC_PCI_EXT_CAP_ID_PL_128GT, "Physical Layer 128.0 GT/s"},
	{VDISC_PCI_EXT_CAP_ID_CAPTURED, "Captured Data"},
};

const char *vdisc_pci_cap_name(uint16_t id)
{
	return vdisc_name_find_(pci_caps_, VDISC_ARRAY_SIZE(pci_caps_), id);
}

const char *vdisc_pci_ecap_name(uint16_t id)
{
	return vdisc_name_find_(pci_ecaps_, VDISC_ARRAY_SIZE(pci_ecaps_), id);
}
