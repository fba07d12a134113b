/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_REGS_H
#define VDISC_PCI_REGS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The numbers of PCI configuration space, defined once: header registers,
 * their bits, capability ids and the capability fields vdisc decodes.
 * Offsets are bytes from the start of a function's space (or of its
 * capability); the comment after a register gives its width in bits.
 * Sources: PCI Local Bus 3.0 (6.1, 6.2, 6.7, 6.8), PCI-to-PCI Bridge 1.2
 * (3.2), PC Card 8.0 (CardBus), PCI PM 1.2, PCI Express Base 6.0 (7.5,
 * 7.6, 7.9) and the PCI Code and ID Assignment Specification 1.18.
 */

/* Configuration mechanism #1 (PCI Local Bus 3.0, 3.2.2.3.2): x86 I/O ports. */
#define VDISC_PCI_CONF1_ADDRESS_PORT 0xcf8 /* 32: enable bit 31, bus, device, function, dword */
#define VDISC_PCI_CONF1_DATA_PORT 0xcfc	   /* 8/16/32 at 0xcfc..0xcff */
#define VDISC_PCI_CONF1_PORTS 8		   /* the address and data ports together */
#define VDISC_PCI_CONF1_ENABLE 0x80000000u

/* The header (PCI Local Bus 3.0, 6.1), common to every layout. */
#define VDISC_PCI_VENDOR_ID 0x00       /* 16 */
#define VDISC_PCI_DEVICE_ID 0x02       /* 16 */
#define VDISC_PCI_COMMAND 0x04	       /* 16 */
#define VDISC_PCI_STATUS 0x06	       /* 16 */
#define VDISC_PCI_REVISION_ID 0x08     /* 8; class code in the three bytes above it */
#define VDISC_PCI_CLASS_PROG 0x09      /* 8: programming interface */
#define VDISC_PCI_CLASS_DEVICE 0x0a    /* 16: base class << 8 | subclass */
#define VDISC_PCI_CACHE_LINE_SIZE 0x0c /* 8 */
#define VDISC_PCI_LATENCY_TIMER 0x0d   /* 8 */
#define VDISC_PCI_HEADER_TYPE 0x0e     /* 8 */
#define VDISC_PCI_BIST 0x0f	       /* 8 */
#define VDISC_PCI_BASE_ADDRESS_0 0x10  /* 32, then one register every 4 bytes */
#define VDISC_PCI_INTERRUPT_LINE 0x3c  /* 8 */
#define VDISC_PCI_INTERRUPT_PIN 0x3d   /* 8: 0 none, 1..4 INTA#..INTD# */
#define VDISC_PCI_STD_HEADER_SIZE 64   /* the header; capabilities start at or after it */
#define VDISC_PCI_EXT_CAP_START 0x100  /* the first extended capability (PCIe 7.6) */

/* Type 0 (a device). */
#define VDISC_PCI_CARDBUS_CIS 0x28	   /* 32 */
#define VDISC_PCI_SUBSYSTEM_VENDOR_ID 0x2c /* 16 */
#define VDISC_PCI_SUBSYSTEM_ID 0x2e	   /* 16 */
#define VDISC_PCI_ROM_ADDRESS 0x30	   /* 32 */
#define VDISC_PCI_CAPABILITY_LIST 0x34	   /* 8; also type 1 */
#define VDISC_PCI_MIN_GNT 0x3e		   /* 8 */
#define VDISC_PCI_MAX_LAT 0x3f		   /* 8 */
#define VDISC_PCI_NUM_BARS_NORMAL 6
#define VDISC_PCI_NUM_BARS_BRIDGE 2
#define VDISC_PCI_NUM_BARS_CARDBUS 1

/* Header type register. */
#define VDISC_PCI_HEADER_LAYOUT_MASK 0x7f
#define VDISC_PCI_HEADER_MULTIFUNCTION 0x80
#define VDISC_PCI_HEADER_NORMAL 0
#define VDISC_PCI_HEADER_BRIDGE 1
#define VDISC_PCI_HEADER_CARDBUS 2

/* Command register bits. */
#define VDISC_PCI_COMMAND_IO 0x0001
#define VDISC_PCI_COMMAND_MEMORY 0x0002
#define VDISC_PCI_COMMAND_MASTER 0x0004
#define VDISC_PCI_COMMAND_SPECIAL 0x0008
#define VDISC_PCI_COMMAND_INVALIDATE 0x0010
#define VDISC_PCI_COMMAND_VGA_PALETTE 0x0020
#define VDISC_PCI_COMMAND_PARITY 0x0040
#define VDISC_PCI_COMMAND_STEPPING 0x0080
#define VDISC_PCI_COMMAND_SERR 0x0100
#define VDISC_PCI_COMMAND_FAST_BACK 0x0200
#define VDISC_PCI_COMMAND_INTX_DISABLE 0x0400

/* Status register bits. */
#define VDISC_PCI_STATUS_INTERRUPT 0x0008
#define VDISC_PCI_STATUS_CAP_LIST 0x0010
#define VDISC_PCI_STATUS_66MHZ 0x0020
#define VDISC_PCI_STATUS_UDF 0x0040
#define VDISC_PCI_STATUS_FAST_BACK 0x0080
#define VDISC_PCI_STATUS_PARITY 0x0100
#define VDISC_PCI_STATUS_DEVSEL_MASK 0x0600
#define VDISC_PCI_STATUS_DEVSEL_SHIFT 9 /* 0 fast, 1 medium, 2 slow */
#define VDISC_PCI_STATUS_SIG_TARGET_ABORT 0x0800
#define VDISC_PCI_STATUS_REC_TARGET_ABORT 0x1000
#define VDISC_PCI_STATUS_REC_MASTER_ABORT 0x2000
#define VDISC_PCI_STATUS_SIG_SYSTEM_ERROR 0x4000
#define VDISC_PCI_STATUS_DETECTED_PARITY 0x8000

/* Base address registers (PCI Local Bus 3.0, 6.2.5.1) and the expansion ROM (6.2.5.2). */
#define VDISC_PCI_BAR_SPACE_IO 0x1
#define VDISC_PCI_BAR_MEM_TYPE_MASK 0x6
#define VDISC_PCI_BAR_MEM_TYPE_32 0x0
#define VDISC_PCI_BAR_MEM_TYPE_1M 0x2 /* legacy: below 1 MiB */
#define VDISC_PCI_BAR_MEM_TYPE_64 0x4
#define VDISC_PCI_BAR_MEM_PREFETCH 0x8
#define VDISC_PCI_BAR_IO_MASK 0xfffffffcu
#define VDISC_PCI_BAR_MEM_MASK 0xfffffff0u
#define VDISC_PCI_ROM_ENABLE 0x1
#define VDISC_PCI_ROM_ADDRESS_MASK 0xfffff800u

/* Type 1 (PCI-to-PCI bridge, 3.2). */
#define VDISC_PCI_PRIMARY_BUS 0x18	  /* 8; also CardBus */
#define VDISC_PCI_SECONDARY_BUS 0x19	  /* 8; also CardBus */
#define VDISC_PCI_SUBORDINATE_BUS 0x1a	  /* 8; also CardBus */
#define VDISC_PCI_SEC_LATENCY_TIMER 0x1b  /* 8 */
#define VDISC_PCI_IO_BASE 0x1c		  /* 8 */
#define VDISC_PCI_IO_LIMIT 0x1d		  /* 8 */
#define VDISC_PCI_SEC_STATUS 0x1e	  /* 16 */
#define VDISC_PCI_MEMORY_BASE 0x20	  /* 16 */
#define VDISC_PCI_MEMORY_LIMIT 0x22	  /* 16 */
#define VDISC_PCI_PREF_MEMORY_BASE 0x24	  /* 16 */
#define VDISC_PCI_PREF_MEMORY_LIMIT 0x26  /* 16 */
#define VDISC_PCI_PREF_BASE_UPPER32 0x28  /* 32 */
#define VDISC_PCI_PREF_LIMIT_UPPER32 0x2c /* 32 */
#define VDISC_PCI_IO_BASE_UPPER16 0x30	  /* 16 */
#define VDISC_PCI_IO_LIMIT_UPPER16 0x32	  /* 16 */
#define VDISC_PCI_BRIDGE_ROM_ADDRESS 0x38 /* 32 */
#define VDISC_PCI_BRIDGE_CONTROL 0x3e	  /* 16 */

/* Bridge windows (3.2.5.6 to 3.2.5.9): the low nibble of a base says how wide it is. */
#define VDISC_PCI_IO_RANGE_TYPE_MASK 0x0f
#define VDISC_PCI_IO_RANGE_TYPE_16 0x00
#define VDISC_PCI_IO_RANGE_TYPE_32 0x01
#define VDISC_PCI_IO_RANGE_MASK 0xf0
#define VDISC_PCI_IO_RANGE_SHIFT 8 /* address bits 15..12 sit in register bits 7..4 */
#define VDISC_PCI_IO_WINDOW_GRANULE 0x1000u
#define VDISC_PCI_MEMORY_RANGE_TYPE_MASK 0x000f
#define VDISC_PCI_MEMORY_RANGE_MASK 0xfff0
#define VDISC_PCI_MEMORY_RANGE_SHIFT 16 /* address bits 31..20 sit in register bits 15..4 */
#define VDISC_PCI_MEMORY_WINDOW_GRANULE 0x100000u
#define VDISC_PCI_PREF_RANGE_TYPE_MASK 0x000f
#define VDISC_PCI_PREF_RANGE_TYPE_32 0x0000
#define VDISC_PCI_PREF_RANGE_TYPE_64 0x0001

/* Type 2 (CardBus bridge, PC Card 8.0). */
#define VDISC_PCI_CB_CAPABILITY_LIST 0x14     /* 8 */
#define VDISC_PCI_CB_SUBSYSTEM_VENDOR_ID 0x40 /* 16 */
#define VDISC_PCI_CB_SUBSYSTEM_ID 0x42	      /* 16 */
#define VDISC_PCI_CB_HEADER_SIZE 128	      /* the subsystem ids need this much */

/* A capability's header (PCI Local Bus 3.0, 6.7). */
#define VDISC_PCI_CAP_LIST_ID 0	  /* 8 */
#define VDISC_PCI_CAP_LIST_NEXT 1 /* 8; the low two bits are reserved */
#define VDISC_PCI_CAP_PTR_MASK 0xfc
#define VDISC_PCI_CAP_ID_BROKEN 0xff /* what a dead or absent function reads */

/* Capability ids (PCI Code and ID Assignment 1.18, 2). */
#define VDISC_PCI_CAP_ID_NULL 0x00
#define VDISC_PCI_CAP_ID_PM 0x01     /* Power Management */
#define VDISC_PCI_CAP_ID_AGP 0x02    /* Accelerated Graphics Port */
#define VDISC_PCI_CAP_ID_VPD 0x03    /* Vital Product Data */
#define VDISC_PCI_CAP_ID_SLOTID 0x04 /* Slot Identification */
#define VDISC_PCI_CAP_ID_MSI 0x05
#define VDISC_PCI_CAP_ID_CHSWP 0x06 /* CompactPCI hot swap */
#define VDISC_PCI_CAP_ID_PCIX 0x07
#define VDISC_PCI_CAP_ID_HT 0x08    /* HyperTransport */
#define VDISC_PCI_CAP_ID_VNDR 0x09  /* vendor specific */
#define VDISC_PCI_CAP_ID_DBG 0x0a   /* debug port */
#define VDISC_PCI_CAP_ID_CCRC 0x0b  /* CompactPCI central resource control */
#define VDISC_PCI_CAP_ID_SHPC 0x0c  /* standard hot-plug controller */
#define VDISC_PCI_CAP_ID_SSVID 0x0d /* bridge subsystem vendor/device id */
#define VDISC_PCI_CAP_ID_AGP3 0x0e
#define VDISC_PCI_CAP_ID_SECDEV 0x0f /* secure device */
#define VDISC_PCI_CAP_ID_EXP 0x10    /* PCI Express */
#define VDISC_PCI_CAP_ID_MSIX 0x11
#define VDISC_PCI_CAP_ID_SATA 0x12 /* SATA data/index configuration */
#define VDISC_PCI_CAP_ID_AF 0x13   /* advanced features */
#define VDISC_PCI_CAP_ID_EA 0x14   /* enhanced allocation */
#define VDISC_PCI_CAP_ID_FPB 0x15  /* flattening portal bridge */

/* An extended capability's header (PCI Express Base 6.0, 7.6.3): one 32-bit register. */
#define VDISC_PCI_EXT_CAP_ID(header) ((header)&0xffff)
#define VDISC_PCI_EXT_CAP_VERSION(header) (((header) >> 16) & 0xf)
#define VDISC_PCI_EXT_CAP_NEXT(header) (((header) >> 20) & 0xffc)

/* Extended capability ids (PCI Code and ID Assignment 1.18, 3). */
#define VDISC_PCI_EXT_CAP_ID_NULL 0x0000
#define VDISC_PCI_EXT_CAP_ID_ERR 0x0001 /* advanced error reporting */
#define VDISC_PCI_EXT_CAP_ID_VC 0x0002
#define VDISC_PCI_EXT_CAP_ID_DSN 0x0003 /* device serial number */
#define VDISC_PCI_EXT_CAP_ID_PWR 0x0004 /* power budgeting */
#define VDISC_PCI_EXT_CAP_ID_RCLD 0x0005
#define VDISC_PCI_EXT_CAP_ID_RCILC 0x0006
#define VDISC_PCI_EXT_CAP_ID_RCEC 0x0007
#define VDISC_PCI_EXT_CAP_ID_MFVC 0x0008
#define VDISC_PCI_EXT_CAP_ID_VC9 0x0009 /* VC, when MFVC is also present */
#define VDISC_PCI_EXT_CAP_ID_RCRB 0x000a
#define VDISC_PCI_EXT_CAP_ID_VNDR 0x000b
#define VDISC_PCI_EXT_CAP_ID_CAC 0x000c /* configuration access correlation */
#define VDISC_PCI_EXT_CAP_ID_ACS 0x000d
#define VDISC_PCI_EXT_CAP_ID_ARI 0x000e
#define VDISC_PCI_EXT_CAP_ID_ATS 0x000f
#define VDISC_PCI_EXT_CAP_ID_SRIOV 0x0010
#define VDISC_PCI_EXT_CAP_ID_MRIOV 0x0011
#define VDISC_PCI_EXT_CAP_ID_MCAST 0x0012
#define VDISC_PCI_EXT_CAP_ID_PRI 0x0013
#define VDISC_PCI_EXT_CAP_ID_AMD 0x0014 /* reserved for AMD */
#define VDISC_PCI_EXT_CAP_ID_REBAR 0x0015
#define VDISC_PCI_EXT_CAP_ID_DPA 0x0016
#define VDISC_PCI_EXT_CAP_ID_TPH 0x0017
#define VDISC_PCI_EXT_CAP_ID_LTR 0x0018
#define VDISC_PCI_EXT_CAP_ID_SECPCI 0x0019
#define VDISC_PCI_EXT_CAP_ID_PMUX 0x001a
#define VDISC_PCI_EXT_CAP_ID_PASID 0x001b
#define VDISC_PCI_EXT_CAP_ID_LNR 0x001c
#define VDISC_PCI_EXT_CAP_ID_DPC 0x001d
#define VDISC_PCI_EXT_CAP_ID_L1SS 0x001e
#define VDISC_PCI_EXT_CAP_ID_PTM 0x001f
#define VDISC_PCI_EXT_CAP_ID_MPHY 0x0020
#define VDISC_PCI_EXT_CAP_ID_FRS 0x0021
#define VDISC_PCI_EXT_CAP_ID_RTR 0x0022
#define VDISC_PCI_EXT_CAP_ID_DVSEC 0x0023
#define VDISC_PCI_EXT_CAP_ID_VF_REBAR 0x0024
#define VDISC_PCI_EXT_CAP_ID_DLF 0x0025
#define VDISC_PCI_EXT_CAP_ID_PL_16GT 0x0026
#define VDISC_PCI_EXT_CAP_ID_LMR 0x0027
#define VDISC_PCI_EXT_CAP_ID_HIER_ID 0x0028
#define VDISC_PCI_EXT_CAP_ID_NPEM 0x0029
#define VDISC_PCI_EXT_CAP_ID_PL_32GT 0x002a
#define VDISC_PCI_EXT_CAP_ID_ALT_PROTO 0x002b
#define VDISC_PCI_EXT_CAP_ID_SFI 0x002c
#define VDISC_PCI_EXT_CAP_ID_SHADOW_FN 0x002d
#define VDISC_PCI_EXT_CAP_ID_DOE 0x002e
#define VDISC_PCI_EXT_CAP_ID_DEV3 0x002f
#define VDISC_PCI_EXT_CAP_ID_IDE 0x0030
#define VDISC_PCI_EXT_CAP_ID_PL_64GT 0x0031
#define VDISC_PCI_EXT_CAP_ID_FLIT_LOG 0x0032
#define VDISC_PCI_EXT_CAP_ID_FLIT_PERF 0x0033
#define VDISC_PCI_EXT_CAP_ID_FLIT_ERR 0x0034
#define VDISC_PCI_EXT_CAP_ID_SVC 0x0035
#define VDISC_PCI_EXT_CAP_ID_MMIO_RBL 0x0036
#define VDISC_PCI_EXT_CAP_ID_NOP_FLIT 0x0037
#define VDISC_PCI_EXT_CAP_ID_SIOV 0x0038
#define VDISC_PCI_EXT_CAP_ID_PL_128GT 0x0039
#define VDISC_PCI_EXT_CAP_ID_CAPTURED 0x003a

/* Power Management (PCI PM 1.2, 3.2): offsets from the capability. */
#define VDISC_PCI_PM_PMC 2  /* 16: capabilities */
#define VDISC_PCI_PM_CTRL 4 /* 16: control/status */
#define VDISC_PCI_PM_SIZEOF 8
#define VDISC_PCI_PM_PMC_VERSION_MASK 0x0007
#define VDISC_PCI_PM_PMC_D1 0x0200
#define VDISC_PCI_PM_PMC_D2 0x0400
#define VDISC_PCI_PM_PMC_PME_SHIFT 11 /* five bits: PME# from D0, D1, D2, D3hot, D3cold */
#define VDISC_PCI_PM_CTRL_STATE_MASK 0x0003
#define VDISC_PCI_PM_CTRL_NO_SOFT_RESET 0x0008
#define VDISC_PCI_PM_CTRL_PME_ENABLE 0x0100
#define VDISC_PCI_PM_CTRL_PME_STATUS 0x8000

/* MSI (PCI Local Bus 3.0, 6.8.1): the layout after the address depends on the flags. */
#define VDISC_PCI_MSI_FLAGS 2		/* 16: message control */
#define VDISC_PCI_MSI_ADDRESS_LO 4	/* 32 */
#define VDISC_PCI_MSI_ADDRESS_HI 8	/* 32, with 64BIT */
#define VDISC_PCI_MSI_DATA_32 8		/* 16, without 64BIT */
#define VDISC_PCI_MSI_DATA_64 12	/* 16, with 64BIT */
#define VDISC_PCI_MSI_DATA_TO_MASK 4	/* 32: mask bits, with MASKBIT, after the data */
#define VDISC_PCI_MSI_DATA_TO_PENDING 8 /* 32: pending bits, with MASKBIT */
#define VDISC_PCI_MSI_MIN_SIZEOF 4	/* the header and message control */
#define VDISC_PCI_MSI_SIZEOF_32 10	/* up to the data, 32-bit address */
#define VDISC_PCI_MSI_SIZEOF_64 14	/* up to the data, 64-bit address */
#define VDISC_PCI_MSI_MASK_EXTRA 10	/* reserved, mask and pending with MASKBIT */
#define VDISC_PCI_MSI_FLAGS_ENABLE 0x0001
#define VDISC_PCI_MSI_FLAGS_QMASK_SHIFT 1 /* 3 bits, log2 of the vectors capable */
#define VDISC_PCI_MSI_FLAGS_QSIZE_SHIFT 4 /* 3 bits, log2 of the vectors enabled */
#define VDISC_PCI_MSI_FLAGS_LOG2_MASK 0x7
#define VDISC_PCI_MSI_FLAGS_LOG2_MAX 5 /* 6 and 7 are reserved */
#define VDISC_PCI_MSI_FLAGS_64BIT 0x0080
#define VDISC_PCI_MSI_FLAGS_MASKBIT 0x0100

/* MSI-X (PCI Local Bus 3.0, 6.8.2). */
#define VDISC_PCI_MSIX_FLAGS 2 /* 16: message control */
#define VDISC_PCI_MSIX_TABLE 4 /* 32: BIR and offset */
#define VDISC_PCI_MSIX_PBA 8   /* 32: BIR and offset */
#define VDISC_PCI_MSIX_SIZEOF 12
#define VDISC_PCI_MSIX_FLAGS_QSIZE 0x07ff /* table size - 1 */
#define VDISC_PCI_MSIX_FLAGS_MASKALL 0x4000
#define VDISC_PCI_MSIX_FLAGS_ENABLE 0x8000
#define VDISC_PCI_MSIX_BIR_MASK 0x7u

/* PCI Express capability (PCI Express Base 6.0, 7.5.3): its header and the device registers. */
#define VDISC_PCI_EXP_FLAGS 0x02	/* 16: PCI Express Capabilities register */
#define VDISC_PCI_EXP_FLAGS_VERS 0x000f /* capability version: 1, or 2 since PCIe 2.0 */
#define VDISC_PCI_EXP_FLAGS_TYPE 0x00f0 /* device/port type: VDISC_PCI_EXP_TYPE_* */
#define VDISC_PCI_EXP_FLAGS_TYPE_SHIFT 4
#define VDISC_PCI_EXP_FLAGS_SLOT 0x0100 /* slot implemented (downstream-facing ports) */
#define VDISC_PCI_EXP_FLAGS_IRQ 0x3e00	/* interrupt message number */
#define VDISC_PCI_EXP_FLAGS_IRQ_SHIFT 9
#define VDISC_PCI_EXP_TYPE_ENDPOINT 0x0
#define VDISC_PCI_EXP_TYPE_LEG_END 0x1
#define VDISC_PCI_EXP_TYPE_ROOT_PORT 0x4
#define VDISC_PCI_EXP_TYPE_UPSTREAM 0x5
#define VDISC_PCI_EXP_TYPE_DOWNSTREAM 0x6
#define VDISC_PCI_EXP_TYPE_PCI_BRIDGE 0x7  /* PCI Express to PCI/PCI-X */
#define VDISC_PCI_EXP_TYPE_PCIE_BRIDGE 0x8 /* PCI/PCI-X to PCI Express */
#define VDISC_PCI_EXP_TYPE_RC_END 0x9	   /* root complex integrated endpoint */
#define VDISC_PCI_EXP_TYPE_RC_EC 0xa	   /* root complex event collector */

/* Device Capabilities (7.5.3.3), 32 bits. */
#define VDISC_PCI_EXP_DEVCAP 0x04
#define VDISC_PCI_EXP_DEVCAP_PAYLOAD 0x00000007 /* 128 << n bytes; 6 and 7 reserved */
#define VDISC_PCI_EXP_DEVCAP_PHANTOM 0x00000018
#define VDISC_PCI_EXP_DEVCAP_PHANTOM_SHIFT 3
#define VDISC_PCI_EXP_DEVCAP_EXT_TAG 0x00000020
#define VDISC_PCI_EXP_DEVCAP_L0S 0x000001c0 /* endpoint L0s acceptable latency */
#define VDISC_PCI_EXP_DEVCAP_L0S_SHIFT 6
#define VDISC_PCI_EXP_DEVCAP_L1 0x00000e00 /* endpoint L1 acceptable latency */
#define VDISC_PCI_EXP_DEVCAP_L1_SHIFT 9
#define VDISC_PCI_EXP_DEVCAP_ATN_BUT 0x00001000 /* PCIe 1.0 only, reserved since */
#define VDISC_PCI_EXP_DEVCAP_ATN_IND 0x00002000 /* PCIe 1.0 only */
#define VDISC_PCI_EXP_DEVCAP_PWR_IND 0x00004000 /* PCIe 1.0 only */
#define VDISC_PCI_EXP_DEVCAP_RBER 0x00008000
#define VDISC_PCI_EXP_DEVCAP_PWR_VAL 0x03fc0000 /* captured slot power limit value */
#define VDISC_PCI_EXP_DEVCAP_PWR_VAL_SHIFT 18
#define VDISC_PCI_EXP_DEVCAP_PWR_SCL 0x0c000000 /* its scale: 1, 0.1, 0.01, 0.001 W */
#define VDISC_PCI_EXP_DEVCAP_PWR_SCL_SHIFT 26
#define VDISC_PCI_EXP_DEVCAP_FLR 0x10000000

/* Device Control (7.5.3.4) and Status (7.5.3.5), 16 bits each. */
#define VDISC_PCI_EXP_DEVCTL 0x08
#define VDISC_PCI_EXP_DEVCTL_CERE 0x0001
#define VDISC_PCI_EXP_DEVCTL_NFERE 0x0002
#define VDISC_PCI_EXP_DEVCTL_FERE 0x0004
#define VDISC_PCI_EXP_DEVCTL_URRE 0x0008
#define VDISC_PCI_EXP_DEVCTL_RELAX_EN 0x0010
#define VDISC_PCI_EXP_DEVCTL_PAYLOAD 0x00e0
#define VDISC_PCI_EXP_DEVCTL_PAYLOAD_SHIFT 5
#define VDISC_PCI_EXP_DEVCTL_EXT_TAG 0x0100
#define VDISC_PCI_EXP_DEVCTL_PHANTOM 0x0200
#define VDISC_PCI_EXP_DEVCTL_AUX_PME 0x0400
#define VDISC_PCI_EXP_DEVCTL_NOSNOOP_EN 0x0800
#define VDISC_PCI_EXP_DEVCTL_READRQ 0x7000
#define VDISC_PCI_EXP_DEVCTL_READRQ_SHIFT 12
#define VDISC_PCI_EXP_DEVCTL_BCR_FLR 0x8000 /* bridge config retry enable, or initiate FLR */
#define VDISC_PCI_EXP_SIZE_LOG2_MAX 5	    /* 128 << 5 = 4096 bytes; above is reserved */
#define VDISC_PCI_EXP_DEVSTA 0x0a
#define VDISC_PCI_EXP_DEVSTA_CED 0x0001
#define VDISC_PCI_EXP_DEVSTA_NFED 0x0002
#define VDISC_PCI_EXP_DEVSTA_FED 0x0004
#define VDISC_PCI_EXP_DEVSTA_URD 0x0008
#define VDISC_PCI_EXP_DEVSTA_AUXPD 0x0010
#define VDISC_PCI_EXP_DEVSTA_TRPND 0x0020

/* Link Capabilities (7.5.3.6, 32 bits), Control (7.5.3.7) and Status (7.5.3.8). */
#define VDISC_PCI_EXP_LNKCAP 0x0c
#define VDISC_PCI_EXP_LNKCAP_SLS 0x0000000f /* max link speed: 1 = 2.5GT/s ... 6 = 64GT/s */
#define VDISC_PCI_EXP_LNKCAP_MLW 0x000003f0
#define VDISC_PCI_EXP_LNKCAP_MLW_SHIFT 4
#define VDISC_PCI_EXP_LNKCAP_ASPMS 0x00000c00 /* bit 0 of the field: L0s, bit 1: L1 */
#define VDISC_PCI_EXP_LNKCAP_ASPMS_SHIFT 10
#define VDISC_PCI_EXP_LNKCAP_ASPM_L0S 0x00000400
#define VDISC_PCI_EXP_LNKCAP_ASPM_L1 0x00000800
#define VDISC_PCI_EXP_LNKCAP_L0SEL 0x00007000
#define VDISC_PCI_EXP_LNKCAP_L0SEL_SHIFT 12
#define VDISC_PCI_EXP_LNKCAP_L1EL 0x00038000
#define VDISC_PCI_EXP_LNKCAP_L1EL_SHIFT 15
#define VDISC_PCI_EXP_LNKCAP_CLKPM 0x00040000
#define VDISC_PCI_EXP_LNKCAP_SDERC 0x00080000
#define VDISC_PCI_EXP_LNKCAP_DLLLARC 0x00100000
#define VDISC_PCI_EXP_LNKCAP_LBNC 0x00200000
/* 7.5.3.6: ASPM Optionality Compliance (Linux does not name it) */
#define VDISC_PCI_EXP_LNKCAP_ASPM_OPTIONALITY 0x00400000
#define VDISC_PCI_EXP_LNKCAP_PN 0xff000000
#define VDISC_PCI_EXP_LNKCAP_PN_SHIFT 24
#define VDISC_PCI_EXP_LNKCTL 0x10
#define VDISC_PCI_EXP_LNKCTL_ASPMC 0x0003
#define VDISC_PCI_EXP_LNKCTL_RCB 0x0008 /* read completion boundary: 0 = 64, 1 = 128 bytes */
#define VDISC_PCI_EXP_LNKCTL_LD 0x0010
#define VDISC_PCI_EXP_LNKCTL_RL 0x0020
#define VDISC_PCI_EXP_LNKCTL_CCC 0x0040
#define VDISC_PCI_EXP_LNKCTL_ES 0x0080
#define VDISC_PCI_EXP_LNKCTL_CLKREQ_EN 0x0100
#define VDISC_PCI_EXP_LNKCTL_HAWD 0x0200
#define VDISC_PCI_EXP_LNKCTL_LBMIE 0x0400
#define VDISC_PCI_EXP_LNKCTL_LABIE 0x0800
#define VDISC_PCI_EXP_LNKSTA 0x12
#define VDISC_PCI_EXP_LNKSTA_CLS 0x000f
#define VDISC_PCI_EXP_LNKSTA_NLW 0x03f0
#define VDISC_PCI_EXP_LNKSTA_NLW_SHIFT 4
#define VDISC_PCI_EXP_LNKSTA_LT 0x0800
#define VDISC_PCI_EXP_LNKSTA_SLC 0x1000
#define VDISC_PCI_EXP_LNKSTA_DLLLA 0x2000
#define VDISC_PCI_EXP_LNKSTA_LBMS 0x4000
#define VDISC_PCI_EXP_LNKSTA_LABS 0x8000
#define VDISC_PCI_EXP_LNKSTA_TRAINING_ERROR 0x0400 /* 7.5.3.8 of PCIe 1.1; reserved since 2.0 */
#define VDISC_PCI_EXP_SIZEOF_LINK 0x14		   /* up to and with the link registers */

/* Bridge subsystem ids (PCI-to-PCI Bridge 1.2, 3.2.5.13 capability). */
#define VDISC_PCI_SSVID_VENDOR_ID 4 /* 16 */
#define VDISC_PCI_SSVID_DEVICE_ID 6 /* 16 */

/* Vendor-specific capability (PCI Local Bus 3.0, 6.7): what follows is the vendor's. */
#define VDISC_PCI_VNDR_LEN 2 /* 8: the capability's length in bytes */

/*
 * Standard capabilities beyond the above (AGP, VPD, slot id, PCI-X, HyperTransport, debug
 * port, SATA, advanced features, enhanced allocation, FPB) and vendor-specific layouts.
 */
/* -- section: standard capabilities -- */

/*
 * The PCI Express capability's registers beyond the link (PCI Express Base 6.0, 7.5.3):
 * slot, root, and the "2" registers.
 */
/* -- section: express -- */

/* Slot Capabilities (7.5.3.9, 32 bits), Control (7.5.3.10) and Status (7.5.3.11). */
#define VDISC_PCI_EXP_SLTCAP 0x14
#define VDISC_PCI_EXP_SLTCAP_ABP 0x00000001
#define VDISC_PCI_EXP_SLTCAP_PCP 0x00000002
#define VDISC_PCI_EXP_SLTCAP_MRLSP 0x00000004
#define VDISC_PCI_EXP_SLTCAP_AIP 0x00000008
#define VDISC_PCI_EXP_SLTCAP_PIP 0x00000010
#define VDISC_PCI_EXP_SLTCAP_HPS 0x00000020
#define VDISC_PCI_EXP_SLTCAP_HPC 0x00000040
#define VDISC_PCI_EXP_SLTCAP_SPLV 0x00007f80 /* slot power limit value */
#define VDISC_PCI_EXP_SLTCAP_SPLV_SHIFT 7
#define VDISC_PCI_EXP_SLTCAP_SPLS 0x00018000 /* and its scale, as in DEVCAP */
#define VDISC_PCI_EXP_SLTCAP_SPLS_SHIFT 15
#define VDISC_PCI_EXP_SLTCAP_EIP 0x00020000
#define VDISC_PCI_EXP_SLTCAP_NCCS 0x00040000
#define VDISC_PCI_EXP_SLTCAP_PSN 0xfff80000
#define VDISC_PCI_EXP_SLTCAP_PSN_SHIFT 19
#define VDISC_PCI_EXP_SLTCTL 0x18
#define VDISC_PCI_EXP_SLTCTL_ABPE 0x0001
#define VDISC_PCI_EXP_SLTCTL_PFDE 0x0002
#define VDISC_PCI_EXP_SLTCTL_MRLSCE 0x0004
#define VDISC_PCI_EXP_SLTCTL_PDCE 0x0008
#define VDISC_PCI_EXP_SLTCTL_CCIE 0x0010
#define VDISC_PCI_EXP_SLTCTL_HPIE 0x0020
#define VDISC_PCI_EXP_SLTCTL_AIC 0x00c0 /* indicator: 1 on, 2 blink, 3 off, 0 reserved */
#define VDISC_PCI_EXP_SLTCTL_ATTN_IND_SHIFT 6
#define VDISC_PCI_EXP_SLTCTL_PIC 0x0300
#define VDISC_PCI_EXP_SLTCTL_PWR_IND_SHIFT 8 /* 7.5.3.10 */
#define VDISC_PCI_EXP_SLTCTL_PCC 0x0400	     /* set: power off */
#define VDISC_PCI_EXP_SLTCTL_EIC 0x0800
#define VDISC_PCI_EXP_SLTCTL_DLLSCE 0x1000
#define VDISC_PCI_EXP_SLTCTL_ASPL_DISABLE 0x2000
#define VDISC_PCI_EXP_SLTCTL_IBPD_DISABLE 0x4000
#define VDISC_PCI_EXP_SLTSTA 0x1a
#define VDISC_PCI_EXP_SLTSTA_ABP 0x0001
#define VDISC_PCI_EXP_SLTSTA_PFD 0x0002
#define VDISC_PCI_EXP_SLTSTA_MRLSC 0x0004
#define VDISC_PCI_EXP_SLTSTA_PDC 0x0008
#define VDISC_PCI_EXP_SLTSTA_CC 0x0010
#define VDISC_PCI_EXP_SLTSTA_MRLSS 0x0020
#define VDISC_PCI_EXP_SLTSTA_PDS 0x0040
#define VDISC_PCI_EXP_SLTSTA_EIS 0x0080
#define VDISC_PCI_EXP_SLTSTA_DLLSC 0x0100

/* Root Control, Capabilities (16 bits each) and Status (32 bits), 7.5.3.12-14. */
#define VDISC_PCI_EXP_RTCTL 0x1c
#define VDISC_PCI_EXP_RTCTL_SECEE 0x0001
#define VDISC_PCI_EXP_RTCTL_SENFEE 0x0002
#define VDISC_PCI_EXP_RTCTL_SEFEE 0x0004
#define VDISC_PCI_EXP_RTCTL_PMEIE 0x0008
#define VDISC_PCI_EXP_RTCTL_CRSSVE 0x0010
#define VDISC_PCI_EXP_RTCAP 0x1e
#define VDISC_PCI_EXP_RTCAP_CRSVIS 0x0001
#define VDISC_PCI_EXP_RTSTA 0x20
#define VDISC_PCI_EXP_RTSTA_PME_RQ_ID 0x0000ffff /* 7.5.3.14: PME requester id */
#define VDISC_PCI_EXP_RTSTA_PME 0x00010000
#define VDISC_PCI_EXP_RTSTA_PENDING 0x00020000
#define VDISC_PCI_EXP_SIZEOF_V1 0x24 /* a version 1 capability ends after Root Status */

/* Device Capabilities 2 (7.5.3.15, 32 bits), Control 2 (7.5.3.16) and Status 2 (7.5.3.17). */
#define VDISC_PCI_EXP_DEVCAP2 0x24
#define VDISC_PCI_EXP_DEVCAP2_COMP_TMOUT_RANGES 0x0000000f /* 7.5.3.15: A..D bits */
#define VDISC_PCI_EXP_DEVCAP2_COMP_TMOUT_DIS 0x00000010
#define VDISC_PCI_EXP_DEVCAP2_ARI 0x00000020
#define VDISC_PCI_EXP_DEVCAP2_ATOMIC_ROUTE 0x00000040
#define VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP32 0x00000080
#define VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP64 0x00000100
#define VDISC_PCI_EXP_DEVCAP2_ATOMIC_COMP128 0x00000200
#define VDISC_PCI_EXP_DEVCAP2_NROPRPRP 0x00000400 /* no RO-enabled PR-PR passing */
#define VDISC_PCI_EXP_DEVCAP2_LTR 0x00000800
#define VDISC_PCI_EXP_DEVCAP2_TPH_COMP 0x00003000 /* bit 0: TPH, bit 1: extended TPH */
#define VDISC_PCI_EXP_DEVCAP2_TPH_COMP_SHIFT 12
#define VDISC_PCI_EXP_DEVCAP2_LN_CLS 0x0000c000 /* 1: 64-byte, 2: 128-byte lines */
#define VDISC_PCI_EXP_DEVCAP2_LN_CLS_SHIFT 14
#define VDISC_PCI_EXP_DEVCAP2_10BIT_TAG_COMP 0x00010000
#define VDISC_PCI_EXP_DEVCAP2_10BIT_TAG_REQ 0x00020000
#define VDISC_PCI_EXP_DEVCAP2_OBFF_MASK 0x000c0000
#define VDISC_PCI_EXP_DEVCAP2_OBFF_SHIFT 18
#define VDISC_PCI_EXP_DEVCAP2_EXT_FMT 0x00100000
#define VDISC_PCI_EXP_DEVCAP2_EE_PREFIX 0x00200000
#define VDISC_PCI_EXP_DEVCAP2_MAX_EE_PREFIX 0x00c00000 /* 0 means 4 */
#define VDISC_PCI_EXP_DEVCAP2_MAX_EE_PREFIX_SHIFT 22
#define VDISC_PCI_EXP_DEVCAP2_EPR 0x03000000 /* emergency power reduction supported */
#define VDISC_PCI_EXP_DEVCAP2_EPR_SHIFT 24
#define VDISC_PCI_EXP_DEVCAP2_EPR_INIT 0x04000000
#define VDISC_PCI_EXP_DEVCAP2_FRS 0x80000000
#define VDISC_PCI_EXP_DEVCTL2 0x28
#define VDISC_PCI_EXP_DEVCTL2_COMP_TIMEOUT 0x000f
#define VDISC_PCI_EXP_DEVCTL2_COMP_TMOUT_DIS 0x0010
#define VDISC_PCI_EXP_DEVCTL2_ARI 0x0020
#define VDISC_PCI_EXP_DEVCTL2_ATOMIC_REQ 0x0040
#define VDISC_PCI_EXP_DEVCTL2_ATOMIC_EGRESS_BLOCK 0x0080
#define VDISC_PCI_EXP_DEVCTL2_IDO_REQ_EN 0x0100
#define VDISC_PCI_EXP_DEVCTL2_IDO_CMP_EN 0x0200
#define VDISC_PCI_EXP_DEVCTL2_LTR_EN 0x0400
#define VDISC_PCI_EXP_DEVCTL2_EPR_REQ 0x0800 /* emergency power reduction request */
#define VDISC_PCI_EXP_DEVCTL2_10BIT_TAG_REQ 0x1000
#define VDISC_PCI_EXP_DEVCTL2_OBFF 0x6000 /* 1: message A, 2: message B, 3: WAKE# */
#define VDISC_PCI_EXP_DEVCTL2_OBFF_SHIFT 13
#define VDISC_PCI_EXP_DEVSTA2 0x2a

/* Link Capabilities 2 (7.5.3.18, 32 bits), Control 2 (7.5.3.19) and Status 2 (7.5.3.20). */
#define VDISC_PCI_EXP_LNKCAP2 0x2c
#define VDISC_PCI_EXP_LNKCAP2_SLS 0x000000fe /* supported speeds vector: bit 1 = 2.5GT/s ... */
#define VDISC_PCI_EXP_LNKCAP2_SLS_SHIFT 1
#define VDISC_PCI_EXP_LNKCAP2_CROSSLINK 0x00000100
#define VDISC_PCI_EXP_LNKCAP2_RETIMER 0x00800000 /* retimer presence detect supported */
#define VDISC_PCI_EXP_LNKCAP2_2RETIMERS 0x01000000
#define VDISC_PCI_EXP_LNKCAP2_DRS 0x80000000 /* device readiness status supported */
#define VDISC_PCI_EXP_LNKCTL2 0x30
#define VDISC_PCI_EXP_LNKCTL2_TLS 0x000f
#define VDISC_PCI_EXP_LNKCTL2_ENTER_COMP 0x0010
#define VDISC_PCI_EXP_LNKCTL2_HASD 0x0020
#define VDISC_PCI_EXP_LNKCTL2_SEL_DEEMPHASIS 0x0040 /* 1: -3.5 dB, 0: -6 dB */
#define VDISC_PCI_EXP_LNKCTL2_TX_MARGIN 0x0380
#define VDISC_PCI_EXP_LNKCTL2_TX_MARGIN_SHIFT 7
#define VDISC_PCI_EXP_LNKCTL2_MOD_COMP 0x0400
#define VDISC_PCI_EXP_LNKCTL2_COMP_SOS 0x0800
#define VDISC_PCI_EXP_LNKCTL2_COMP_PRESET 0xf000 /* compliance preset/de-emphasis */
#define VDISC_PCI_EXP_LNKCTL2_COMP_PRESET_SHIFT 12
#define VDISC_PCI_EXP_LNKSTA2 0x32
#define VDISC_PCI_EXP_LNKSTA2_DEEMPHASIS 0x0001 /* current level: 1 = -3.5 dB */
#define VDISC_PCI_EXP_LNKSTA2_EQ_COMPLETE 0x0002
#define VDISC_PCI_EXP_LNKSTA2_EQ_PHASE1 0x0004
#define VDISC_PCI_EXP_LNKSTA2_EQ_PHASE2 0x0008
#define VDISC_PCI_EXP_LNKSTA2_EQ_PHASE3 0x0010
#define VDISC_PCI_EXP_LNKSTA2_EQ_REQUEST 0x0020
#define VDISC_PCI_EXP_LNKSTA2_RETIMER 0x0040 /* retimer presence detected */
#define VDISC_PCI_EXP_LNKSTA2_2RETIMERS 0x0080
#define VDISC_PCI_EXP_LNKSTA2_CROSSLINK 0x0300 /* resolution: 1 upstream, 2 downstream */
#define VDISC_PCI_EXP_LNKSTA2_CROSSLINK_SHIFT 8
#define VDISC_PCI_EXP_LNKSTA2_COMPONENT 0x7000 /* downstream component presence */
#define VDISC_PCI_EXP_LNKSTA2_COMPONENT_SHIFT 12
#define VDISC_PCI_EXP_LNKSTA2_DRS_RCVD 0x8000

/* Slot Capabilities 2 (7.5.3.21, 32 bits), Control 2 and Status 2 (16 bits each). */
#define VDISC_PCI_EXP_SLTCAP2 0x34
#define VDISC_PCI_EXP_SLTCAP2_IBPD 0x00000001
#define VDISC_PCI_EXP_SLTCTL2 0x38
#define VDISC_PCI_EXP_SLTSTA2 0x3a
#define VDISC_PCI_EXP_SIZEOF_V2 0x3c /* a version 2 capability ends after Slot Status 2 */

/*
 * Extended capabilities: errors, virtual channels, identity and virtualization (AER, VC,
 * MFVC, DSN, power budgeting, root complex link, RCEC, ACS, ARI, ATS, SR-IOV, MR-IOV,
 * multicast, PRI, PASID, TPH).
 */
/* -- section: extended capabilities (core) -- */

/*
 * Extended capabilities: power and link management and designated vendors (LTR, secondary
 * PCIe, L1 PM substates, PTM, DPC, resizable BARs, data link feature, 16/32 GT/s physical
 * layers, lane margining, DOE, IDE, NPEM, DVSEC (CXL), VSEC).
 */
/* -- section: extended capabilities (link) -- */

#ifdef __cplusplus
}
#endif

#endif
