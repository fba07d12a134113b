/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

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

struct pci_cap_name_ {
	uint16_t id;
	const char *name;
};

static const struct pci_cap_name_ pci_caps_[] = {
	{0x00, "Null"},
	{0x01, "Power Management"},
	{0x02, "AGP"},
	{0x03, "Vital Product Data"},
	{0x04, "Slot ID"},
	{0x05, "MSI"},
	{0x06, "CompactPCI hot-swap"},
	{0x07, "PCI-X"},
	{0x08, "HyperTransport"},
	{0x09, "Vendor Specific Information"},
	{0x0a, "Debug port"},
	{0x0b, "CompactPCI central resource control"},
	{0x0c, "PCI Hot-plug"}, /* lspci: "Hot-plug capable" */
	{0x0d, "Subsystem"},	/* bridge subsystem vendor/device ID */
	{0x0e, "AGP3"},		/* AGP 8x */
	{0x0f, "Secure device"},
	{0x10, "Express"},
	{0x11, "MSI-X"},
	{0x12, "SATA HBA"},
	{0x13, "PCI Advanced Features"},
	{0x14, "Enhanced Allocation (EA)"},
	{0x15, "Flattening Portal Bridge (FPB)"},
};

static const struct pci_cap_name_ pci_ecaps_[] = {
	{0x0000, "Null"},
	{0x0001, "Advanced Error Reporting"},
	{0x0002, "Virtual Channel"},
	{0x0003, "Device Serial Number"},
	{0x0004, "Power Budgeting"},
	{0x0005, "Root Complex Link"}, /* spec: "... Link Declaration" */
	{0x0006, "Root Complex Internal Link"},
	{0x0007, "Root Complex Event Collector Endpoint Association"},
	{0x0008, "Multi-Function Virtual Channel"},
	{0x0009, "Virtual Channel"}, /* the same structure, when MFVC is also present */
	{0x000a, "Root Complex Register Block"},
	{0x000b, "Vendor Specific Information"},
	{0x000c, "Configuration Access Correlation"}, /* deprecated */
	{0x000d, "Access Control Services"},
	{0x000e, "Alternative Routing-ID Interpretation (ARI)"},
	{0x000f, "Address Translation Service (ATS)"},
	{0x0010, "Single Root I/O Virtualization (SR-IOV)"},
	{0x0011, "Multi-Root I/O Virtualization"},
	{0x0012, "Multicast"},
	{0x0013, "Page Request Interface (PRI)"},
	{0x0014, "Reserved for AMD"},
	{0x0015, "Physical Resizable BAR"},
	{0x0016, "Dynamic Power Allocation"},
	{0x0017, "Transaction Processing Hints"},
	{0x0018, "Latency Tolerance Reporting"},
	{0x0019, "Secondary PCI Express"},
	{0x001a, "Protocol Multiplexing"},
	{0x001b, "Process Address Space ID (PASID)"},
	{0x001c, "LN Requester"},
	{0x001d, "Downstream Port Containment"},
	{0x001e, "L1 PM Substates"},
	{0x001f, "Precision Time Measurement"},
	{0x0020, "PCI Express over M_PHY"},
	{0x0021, "FRS Queueing"},
	{0x0022, "Readiness Time Reporting"},
	{0x0023, "Designated Vendor-Specific"},
	{0x0024, "Virtual Resizable BAR"}, /* spec: "VF Resizable BAR" */
	{0x0025, "Data Link Feature"},
	{0x0026, "Physical Layer 16.0 GT/s"},
	{0x0027, "Lane Margining at the Receiver"},
	{0x0028, "Hierarchy ID"},
	{0x0029, "Native PCIe Enclosure Management"},
	{0x002a, "Physical Layer 32.0 GT/s"},
	{0x002b, "Alternate Protocol"},
	{0x002c, "System Firmware Intermediary"},
	{0x002d, "Shadow Functions"},
	{0x002e, "Data Object Exchange"},
	{0x002f, "Device 3"},
	{0x0030, "Integrity & Data Encryption"},
	{0x0031, "Physical Layer 64.0 GT/s"},
	{0x0032, "Flit Logging"},
	{0x0033, "Flit Performance Measurement"},
	{0x0034, "Flit Error Injection"},
	{0x0035, "Streamlined Virtual Channel"},
	{0x0036, "MMIO Register Block Locator"},
	{0x0037, "NOP Flit"},
	{0x0038, "Scalable I/O Virtualization"},
	{0x0039, "Physical Layer 128.0 GT/s"},
	{0x003a, "Captured Data"},
};

static const char *pci_cap_find_(const struct pci_cap_name_ *table, size_t n, uint16_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].id == id)
			return table[i].name;
	return NULL;
}

const char *vdisc_pci_cap_name(uint16_t id)
{
	return pci_cap_find_(pci_caps_, VDISC_ARRAY_SIZE(pci_caps_), id);
}

const char *vdisc_pci_ecap_name(uint16_t id)
{
	return pci_cap_find_(pci_ecaps_, VDISC_ARRAY_SIZE(pci_ecaps_), id);
}
