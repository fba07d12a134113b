/* SPDX-License-Identifier: MIT */
#include "../discover/names.h"

#include <vdisc/pci.h>

/*
 * Class code names: base class, subclass and programming interface from
 * the PCI-SIG "PCI Code and ID Assignment Specification" (rev 1.18).  The
 * text follows pci.ids (the PCI ID Repository) wherever it has an entry,
 * so that our output reads like lspci's; entries pci.ids lacks use the
 * spec's wording, shortened in lspci's manner.  An "other" subclass (80h)
 * repeats the base class name, as pci.ids does.
 *
 * Three tables, keyed by base, base << 8 | sub and base << 16 | sub << 8 |
 * prog-if.  They are small and looked up once per function, so a linear
 * search is enough and the tables can stay in reading order.
 */

static const struct vdisc_name_ pci_base_classes_[] = {
	{0x00, "Unclassified device"},
	{0x01, "Mass storage controller"},
	{0x02, "Network controller"},
	{0x03, "Display controller"},
	{0x04, "Multimedia controller"},
	{0x05, "Memory controller"},
	{0x06, "Bridge"},
	{0x07, "Communication controller"},
	{0x08, "Generic system peripheral"},
	{0x09, "Input device controller"},
	{0x0a, "Docking station"},
	{0x0b, "Processor"},
	{0x0c, "Serial bus controller"},
	{0x0d, "Wireless controller"},
	{0x0e, "Intelligent controller"},
	{0x0f, "Satellite communications controller"},
	{0x10, "Encryption controller"},
	{0x11, "Signal processing controller"},
	{0x12, "Processing accelerators"},
	{0x13, "Non-Essential Instrumentation"},
	{0x40, "Coprocessor"},	    /* pci.ids; not in the PCI-SIG table */
	{0xff, "Unassigned class"}, /* spec: "device does not fit any defined class" */
};

static const struct vdisc_name_ pci_subclasses_[] = {
	/* 00h: devices built before class codes were defined */
	{0x0000, "Non-VGA unclassified device"},
	{0x0001, "VGA compatible unclassified device"},
	{0x0005, "Image coprocessor"}, /* pci.ids; not in the PCI-SIG table */

	{0x0100, "SCSI storage controller"},
	{0x0101, "IDE interface"},
	{0x0102, "Floppy disk controller"},
	{0x0103, "IPI bus controller"},
	{0x0104, "RAID bus controller"},
	{0x0105, "ATA controller"}, /* spec: "ATA controller with ADMA interface" */
	{0x0106, "SATA controller"},
	{0x0107, "Serial Attached SCSI controller"},
	{0x0108, "Non-Volatile memory controller"},
	{0x0109, "Universal Flash Storage controller"},
	{0x0180, "Mass storage controller"},

	{0x0200, "Ethernet controller"},
	{0x0201, "Token ring network controller"},
	{0x0202, "FDDI network controller"},
	{0x0203, "ATM network controller"},
	{0x0204, "ISDN controller"},
	{0x0205, "WorldFip controller"},
	{0x0206, "PICMG controller"}, /* PICMG 2.14 Multi Computing */
	{0x0207, "Infiniband controller"},
	{0x0208, "Fabric controller"}, /* spec: "Host fabric controller" */
	{0x0280, "Network controller"},

	{0x0300, "VGA compatible controller"},
	{0x0301, "XGA compatible controller"},
	{0x0302, "3D controller"},
	{0x0380, "Display controller"},

	{0x0400, "Multimedia video controller"},
	{0x0401, "Multimedia audio controller"},
	{0x0402, "Computer telephony device"},
	{0x0403, "Audio device"}, /* spec: "High Definition Audio (HD-A) 1.0 compatible" */
	{0x0480, "Multimedia controller"},

	{0x0500, "RAM memory"},
	{0x0501, "FLASH memory"},
	{0x0502, "CXL"},
	{0x0580, "Memory controller"},

	{0x0600, "Host bridge"},
	{0x0601, "ISA bridge"},
	{0x0602, "EISA bridge"},
	{0x0603, "MicroChannel bridge"},
	{0x0604, "PCI bridge"},
	{0x0605, "PCMCIA bridge"},
	{0x0606, "NuBus bridge"},
	{0x0607, "CardBus bridge"},
	{0x0608, "RACEway bridge"},
	{0x0609, "Semi-transparent PCI-to-PCI bridge"},
	{0x060a, "InfiniBand to PCI host bridge"},
	{0x060b, "Advanced Switching to PCI host bridge"}, /* not in pci.ids */
	{0x0680, "Bridge"},

	{0x0700, "Serial controller"},
	{0x0701, "Parallel controller"},
	{0x0702, "Multiport serial controller"},
	{0x0703, "Modem"},
	{0x0704, "GPIB controller"},
	{0x0705, "Smart Card controller"}, /* pci.ids misspells it "Smard" */
	{0x0780, "Communication controller"},

	{0x0800, "PIC"},
	{0x0801, "DMA controller"},
	{0x0802, "Timer"},
	{0x0803, "RTC"},
	{0x0804, "PCI Hot-plug controller"},
	{0x0805, "SD Host controller"},
	{0x0806, "IOMMU"},
	{0x0807, "Root Complex Event Collector"},
	{0x0808, "Time Card"}, /* rev 1.18; not in pci.ids */
	{0x0880, "System peripheral"},
	{0x0899, "Timing Card"}, /* pci.ids: experimental, before the 08h 08h allocation */

	{0x0900, "Keyboard controller"},
	{0x0901, "Digitizer Pen"},
	{0x0902, "Mouse controller"},
	{0x0903, "Scanner controller"},
	{0x0904, "Gameport controller"},
	{0x0980, "Input device controller"},

	{0x0a00, "Generic Docking Station"},
	{0x0a80, "Docking Station"},

	{0x0b00, "386"},
	{0x0b01, "486"},
	{0x0b02, "Pentium"},
	{0x0b10, "Alpha"},
	{0x0b20, "Power PC"},
	{0x0b30, "MIPS"},
	{0x0b40, "Co-processor"},
	{0x0b80, "Processor"}, /* not in pci.ids */

	{0x0c00, "FireWire (IEEE 1394)"},
	{0x0c01, "ACCESS Bus"},
	{0x0c02, "SSA"},
	{0x0c03, "USB controller"},
	{0x0c04, "Fibre Channel"},
	{0x0c05, "SMBus"},
	{0x0c06, "InfiniBand"}, /* deprecated by the spec for 02h 07h */
	{0x0c07, "IPMI Interface"},
	{0x0c08, "SERCOS interface"},
	{0x0c09, "CANBUS"},
	{0x0c0a, "MIPI I3C"},
	{0x0c0b, "CXL Fabric Management Host Interface"}, /* rev 1.18; not in pci.ids */
	{0x0c0c, "MMBI"}, /* DMTF Memory-Mapped BMC Interface; rev 1.18, not in pci.ids */
	{0x0c80, "Serial bus controller"},

	{0x0d00, "IRDA controller"},
	{0x0d01, "Consumer IR controller"},
	{0x0d10, "RF controller"},
	{0x0d11, "Bluetooth"},
	{0x0d12, "Broadband"},
	/* Current pci.ids; older copies (2023) say "802.1a/802.1b controller". */
	{0x0d20, "802.11a 5 GHz controller"},
	{0x0d21, "802.11b 2.4 GHz controller"},
	{0x0d40, "Cellular controller/modem"},
	{0x0d41, "Cellular controller/modem plus Ethernet (802.11)"},
	{0x0d80, "Wireless controller"},

	{0x0e00, "I2O"},

	{0x0f01, "Satellite TV controller"},
	{0x0f02, "Satellite audio communication controller"},
	{0x0f03, "Satellite voice communication controller"},
	{0x0f04, "Satellite data communication controller"},
	{0x0f80, "Satellite communications controller"}, /* not in pci.ids */

	{0x1000, "Network and computing encryption device"},
	{0x1010, "Entertainment encryption device"},
	{0x1020, "Trusted Platform Module"}, /* rev 1.18; not in pci.ids */
	{0x1080, "Encryption controller"},

	{0x1100, "DPIO module"},
	{0x1101, "Performance counters"},
	{0x1110, "Communication synchronizer"},
	{0x1120, "Signal processing management"},
	{0x1180, "Signal processing controller"},

	{0x1200, "Processing accelerators"},
	{0x1201, "SNIA Smart Data Accelerator Interface (SDXI) controller"},

	{0x1300, "Non-Essential Instrumentation"}, /* rev 1.18; not in pci.ids */
};

static const struct vdisc_name_ pci_prog_ifs_[] = {
	/* 01h 00h: SCSI; SOP is SCSI over PCIe, PQI its queuing interface */
	{0x010000, "Vendor specific"},
	{0x010011, "SCSI storage device (SOP target port using PQI)"},
	{0x010012, "SCSI controller (SOP target port using PQI)"},
	{0x010013, "SCSI storage device & controller (SOP target port using PQI)"},
	{0x010021, "SCSI storage device (SOP target port using NVMe)"},

	/* 01h 01h: IDE; bits 0/2 native mode, 1/3 switchable, 7 bus master */
	{0x010100, "ISA Compatibility mode-only controller"},
	{0x010105, "PCI native mode-only controller"},
	{0x01010a, "ISA Compatibility mode controller, supports both channels switched to PCI "
		   "native mode"},
	{0x01010f, "PCI native mode controller, supports both channels switched to ISA "
		   "compatibility mode"},
	{0x010180, "ISA Compatibility mode-only controller, supports bus mastering"},
	{0x010185, "PCI native mode-only controller, supports bus mastering"},
	{0x01018a, "ISA Compatibility mode controller, supports both channels switched to PCI "
		   "native mode, supports bus mastering"},
	{0x01018f, "PCI native mode controller, supports both channels switched to ISA "
		   "compatibility mode, supports bus mastering"},

	{0x010400, "Vendor specific"},

	{0x010520, "ADMA single stepping"},
	{0x010530, "ADMA continuous operation"},

	{0x010600, "Vendor specific"},
	{0x010601, "AHCI 1.0"},
	{0x010602, "Serial Storage Bus"},

	{0x010701, "Serial Storage Bus"}, /* obsolete */

	{0x010801, "NVMHCI"},
	{0x010802, "NVM Express"}, /* spec: "NVM Express (NVMe) I/O controller" */
	{0x010803, "NVM Express administrative controller"},

	{0x010900, "Vendor specific"},
	{0x010901, "UFSHCI"},

	{0x020001, "Ethernet Controller with IDPF Compliant Interface"},

	{0x030000, "VGA controller"},
	{0x030001, "8514 controller"},

	{0x040300, "HDA compatible"},
	{0x040380, "HDA compatible with vendor specific extensions"},

	{0x050200, "CXL Memory Device - vendor specific"},
	/* Current pci.ids; older copies (2023) say "(CXL 2.x)". */
	{0x050210, "CXL Memory Device (CXL 2.0 or later)"},

	{0x060400, "Normal decode"},
	{0x060401, "Subtractive decode"},
	{0x060800, "Transparent mode"},
	{0x060801, "Endpoint mode"},
	{0x060940, "Primary bus towards host CPU"},
	{0x060980, "Secondary bus towards host CPU"},
	{0x060b00, "Custom interface"},			/* not in pci.ids */
	{0x060b01, "ASI-SIG defined portal interface"}, /* not in pci.ids */

	/* 07h 00h: serial ports by the UART they are register compatible with */
	{0x070000, "8250"}, /* spec: "generic XT-compatible serial controller" */
	{0x070001, "16450"},
	{0x070002, "16550"},
	{0x070003, "16650"},
	{0x070004, "16750"},
	{0x070005, "16850"},
	{0x070006, "16950"},

	{0x070100, "SPP"}, /* spec: "parallel port" */
	{0x070101, "BiDir"},
	{0x070102, "ECP"},
	{0x070103, "IEEE1284"},
	{0x0701fe, "IEEE1284 Target"},

	{0x070300, "Generic"},
	{0x070301, "Hayes/16450"},
	{0x070302, "Hayes/16550"},
	{0x070303, "Hayes/16650"},
	{0x070304, "Hayes/16750"},

	{0x080000, "8259"},
	{0x080001, "ISA PIC"},
	{0x080002, "EISA PIC"},
	{0x080010, "IO-APIC"},
	{0x080020, "IO(X)-APIC"},

	{0x080100, "8237"},
	{0x080101, "ISA DMA"},
	{0x080102, "EISA DMA"},

	{0x080200, "8254"},
	{0x080201, "ISA Timer"},
	{0x080202, "EISA Timers"},
	{0x080203, "HPET"},

	{0x080300, "Generic"},
	{0x080301, "ISA RTC"},

	/* 08h 05h: defined by the SD Host Controller spec, not in pci.ids */
	{0x080500, "Standard Host (no DMA)"},
	{0x080501, "Standard Host (DMA)"},
	{0x080502, "Vendor unique"},

	{0x089901, "TAP Timing Card"}, /* pci.ids; see 08h 99h */

	{0x090400, "Generic"},
	{0x090410, "Extended"}, /* spec: "legacy" */

	{0x0c0000, "Generic"},
	{0x0c0010, "OHCI"},

	{0x0c0300, "UHCI"},
	{0x0c0310, "OHCI"},
	{0x0c0320, "EHCI"},
	{0x0c0330, "XHCI"},
	{0x0c0340, "USB4 Host Interface"},
	{0x0c0380, "Unspecified"},
	{0x0c03fe, "USB Device"},

	{0x0c0700, "SMIC"},
	{0x0c0701, "KCS"},
	{0x0c0702, "BT (Block Transfer)"},

	{0x0d0100, "Consumer IR controller"}, /* not in pci.ids */
	{0x0d0110, "UWB Radio controller"},   /* not in pci.ids */

	/* 0Eh 00h: other values are defined by the I2O specification */
	{0x0e0000, "Message FIFO at offset 040h"}, /* not in pci.ids */
};

const char *vdisc_pci_base_class_name(uint8_t base)
{
	return vdisc_name_find_(pci_base_classes_, VDISC_ARRAY_SIZE(pci_base_classes_), base);
}

const char *vdisc_pci_subclass_name(uint8_t base, uint8_t sub)
{
	return vdisc_name_find_(pci_subclasses_, VDISC_ARRAY_SIZE(pci_subclasses_),
				(uint32_t)base << 8 | sub);
}

const char *vdisc_pci_prog_if_name(uint8_t base, uint8_t sub, uint8_t prog_if)
{
	return vdisc_name_find_(pci_prog_ifs_, VDISC_ARRAY_SIZE(pci_prog_ifs_),
				(uint32_t)base << 16 | (uint32_t)sub << 8 | prog_if);
}

/*
 * The subclass name, else the base class name.  Programming interface
 * names ("Normal decode", "XHCI", "Vendor specific") only qualify a
 * subclass, so they are left to vdisc_pci_prog_if_name(), the way lspci
 * prints "USB controller ... (prog-if 30 [XHCI])".
 */
const char *vdisc_pci_class_name(uint32_t class_code)
{
	uint8_t base = (uint8_t)(class_code >> 16);
	uint8_t sub = (uint8_t)(class_code >> 8);
	const char *name = vdisc_pci_subclass_name(base, sub);

	return name ? name : vdisc_pci_base_class_name(base);
}
