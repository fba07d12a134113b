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
#define VDISC_PCI_PM_PMC 2	      /* 16: capabilities */
#define VDISC_PCI_PM_CTRL 4	      /* 16: control/status */
#define VDISC_PCI_PM_PPB_EXTENSIONS 6 /* 8: bridge support extensions (3.2.5) */
#define VDISC_PCI_PM_DATA_REGISTER 7  /* 8 */
#define VDISC_PCI_PM_SIZEOF 8
#define VDISC_PCI_PM_CAP_VER_MASK 0x0007
#define VDISC_PCI_PM_CAP_PME_CLOCK 0x0008
#define VDISC_PCI_PM_CAP_DSI 0x0020
#define VDISC_PCI_PM_CAP_AUX_POWER 0x01c0 /* 3 bits: Aux_Current, an index into mA values */
#define VDISC_PCI_PM_CAP_AUX_POWER_SHIFT 6
#define VDISC_PCI_PM_CAP_D1 0x0200
#define VDISC_PCI_PM_CAP_D2 0x0400
#define VDISC_PCI_PM_CAP_PME_MASK 0xf800
#define VDISC_PCI_PM_CAP_PME_D0 0x0800
#define VDISC_PCI_PM_CAP_PME_D1 0x1000
#define VDISC_PCI_PM_CAP_PME_D2 0x2000
#define VDISC_PCI_PM_CAP_PME_D3hot 0x4000
#define VDISC_PCI_PM_CAP_PME_D3cold 0x8000
#define VDISC_PCI_PM_CAP_PME_SHIFT 11 /* five bits: PME# from D0, D1, D2, D3hot, D3cold */
#define VDISC_PCI_PM_CTRL_STATE_MASK 0x0003
#define VDISC_PCI_PM_CTRL_NO_SOFT_RESET 0x0008
#define VDISC_PCI_PM_CTRL_PME_ENABLE 0x0100
#define VDISC_PCI_PM_CTRL_DATA_SEL_MASK 0x1e00
#define VDISC_PCI_PM_CTRL_DATA_SEL_SHIFT 9
#define VDISC_PCI_PM_CTRL_DATA_SCALE_MASK 0x6000
#define VDISC_PCI_PM_CTRL_DATA_SCALE_SHIFT 13
#define VDISC_PCI_PM_CTRL_PME_STATUS 0x8000
#define VDISC_PCI_PM_PPB_B2_B3 0x40   /* B2/B3 support for D3hot: 1 = B2, 0 = B3 */
#define VDISC_PCI_PM_BPCC_ENABLE 0x80 /* bus power/clock control enabled */

/* MSI (PCI Local Bus 3.0, 6.8.1): the layout after the address depends on the flags. */
#define VDISC_PCI_MSI_FLAGS 2	    /* 16: message control */
#define VDISC_PCI_MSI_ADDRESS_LO 4  /* 32 */
#define VDISC_PCI_MSI_ADDRESS_HI 8  /* 32, with 64BIT */
#define VDISC_PCI_MSI_DATA_32 8	    /* 16, without 64BIT */
#define VDISC_PCI_MSI_MASK_32 12    /* 32, with MASKBIT, without 64BIT */
#define VDISC_PCI_MSI_PENDING_32 16 /* 32 */
#define VDISC_PCI_MSI_DATA_64 12    /* 16, with 64BIT */
#define VDISC_PCI_MSI_MASK_64 16    /* 32, with MASKBIT and 64BIT */
#define VDISC_PCI_MSI_PENDING_64 20 /* 32 */
#define VDISC_PCI_MSI_MIN_SIZEOF 4  /* the header and message control */
#define VDISC_PCI_MSI_MASK_SIZEOF 8 /* mask and pending bits */
#define VDISC_PCI_MSI_FLAGS_ENABLE 0x0001
#define VDISC_PCI_MSI_FLAGS_QMASK 0x000e /* log2 of the vectors capable */
#define VDISC_PCI_MSI_FLAGS_QMASK_SHIFT 1
#define VDISC_PCI_MSI_FLAGS_QSIZE 0x0070 /* log2 of the vectors enabled */
#define VDISC_PCI_MSI_FLAGS_QSIZE_SHIFT 4
#define VDISC_PCI_MSI_FLAGS_LOG2_MAX 5 /* 6 and 7 are reserved */
#define VDISC_PCI_MSI_FLAGS_64BIT 0x0080
#define VDISC_PCI_MSI_FLAGS_MASKBIT 0x0100

/* MSI-X (PCI Local Bus 3.0, 6.8.2). */
#define VDISC_PCI_MSIX_FLAGS 2 /* 16: message control */
#define VDISC_PCI_MSIX_TABLE 4 /* 32: BIR and offset */
#define VDISC_PCI_MSIX_PBA 8   /* 32: BIR and offset */
#define VDISC_PCI_CAP_MSIX_SIZEOF 12
#define VDISC_PCI_MSIX_FLAGS_QSIZE 0x07ff /* table size - 1 */
#define VDISC_PCI_MSIX_FLAGS_MASKALL 0x4000
#define VDISC_PCI_MSIX_FLAGS_ENABLE 0x8000
#define VDISC_PCI_MSIX_TABLE_BIR 0x00000007u
#define VDISC_PCI_MSIX_TABLE_OFFSET 0xfffffff8u
#define VDISC_PCI_MSIX_PBA_BIR 0x00000007u
#define VDISC_PCI_MSIX_PBA_OFFSET 0xfffffff8u

/* PCI Express capability (PCI Express Base 6.0, 7.5.3). */
#define VDISC_PCI_EXP_FLAGS 0x02       /* 16 */
#define VDISC_PCI_EXP_DEVCAP 0x04      /* 32 */
#define VDISC_PCI_EXP_DEVCTL 0x08      /* 16 */
#define VDISC_PCI_EXP_DEVSTA 0x0a      /* 16 */
#define VDISC_PCI_EXP_LNKCAP 0x0c      /* 32 */
#define VDISC_PCI_EXP_LNKCTL 0x10      /* 16 */
#define VDISC_PCI_EXP_LNKSTA 0x12      /* 16 */
#define VDISC_PCI_EXP_SIZEOF_LINK 0x14 /* up to and with the link registers */
#define VDISC_PCI_EXP_FLAGS_VERS 0x000f
#define VDISC_PCI_EXP_FLAGS_TYPE_SHIFT 4 /* 4 bits: VDISC_PCI_EXP_TYPE_* */
#define VDISC_PCI_EXP_FLAGS_SLOT 0x0100
#define VDISC_PCI_EXP_FLAGS_IRQ_SHIFT 9 /* 5 bits */
#define VDISC_PCI_EXP_DEVCAP_PAYLOAD 0x00000007
#define VDISC_PCI_EXP_DEVCTL_PAYLOAD_SHIFT 5 /* 3 bits */
#define VDISC_PCI_EXP_DEVCTL_READRQ_SHIFT 12 /* 3 bits */
#define VDISC_PCI_EXP_SIZE_LOG2_MAX 5	     /* 128 << 5 = 4096 bytes; above is reserved */
#define VDISC_PCI_EXP_LNK_SPEED 0x000f	     /* in LNKCAP and LNKSTA */
#define VDISC_PCI_EXP_LNK_WIDTH_SHIFT 4	     /* 6 bits, in LNKCAP and LNKSTA */
#define VDISC_PCI_EXP_LNK_WIDTH_MASK 0x3f
#define VDISC_PCI_EXP_TYPE_ENDPOINT 0x0
#define VDISC_PCI_EXP_TYPE_LEG_END 0x1
#define VDISC_PCI_EXP_TYPE_ROOT_PORT 0x4
#define VDISC_PCI_EXP_TYPE_UPSTREAM 0x5
#define VDISC_PCI_EXP_TYPE_DOWNSTREAM 0x6
#define VDISC_PCI_EXP_TYPE_PCI_BRIDGE 0x7
#define VDISC_PCI_EXP_TYPE_PCIE_BRIDGE 0x8
#define VDISC_PCI_EXP_TYPE_RC_END 0x9
#define VDISC_PCI_EXP_TYPE_RC_EC 0xa

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

/* The 16 bits after a standard capability's header, which many capabilities use for flags. */
#define VDISC_PCI_CAP_FLAGS 2
#define VDISC_PCI_CAP_SIZEOF 4

/* AGP (AGP 3.0, 2.5.1): revision in the byte after the header, then status and command. */
#define VDISC_PCI_AGP_VERSION 2 /* 8: major << 4 | minor */
#define VDISC_PCI_AGP_STATUS 4	/* 32 */
#define VDISC_PCI_AGP_COMMAND 8 /* 32 */
#define VDISC_PCI_AGP_SIZEOF 12
#define VDISC_PCI_AGP_STATUS_RQ_MASK 0xff000000u /* requests - 1 */
#define VDISC_PCI_AGP_STATUS_RQ_SHIFT 24
#define VDISC_PCI_AGP_STATUS_ISOCH 0x00010000u	    /* isochronous transactions (AGP 3.0) */
#define VDISC_PCI_AGP_STATUS_ARQSZ_MASK 0x0000e000u /* log2(optimum request size) - 4 */
#define VDISC_PCI_AGP_STATUS_ARQSZ_SHIFT 13
#define VDISC_PCI_AGP_STATUS_CAL_MASK 0x00001c00u /* calibration cycle */
#define VDISC_PCI_AGP_STATUS_CAL_SHIFT 10
#define VDISC_PCI_AGP_STATUS_SBA 0x0200
#define VDISC_PCI_AGP_STATUS_ITA_COH 0x0100 /* in-aperture accesses coherent (AGP 3.0) */
#define VDISC_PCI_AGP_STATUS_GART64 0x0080  /* 64-bit GART entries (AGP 3.0) */
#define VDISC_PCI_AGP_STATUS_HTRANS 0x0040  /* host translation not supported (AGP 3.0) */
#define VDISC_PCI_AGP_STATUS_64BIT 0x0020
#define VDISC_PCI_AGP_STATUS_FW 0x0010
#define VDISC_PCI_AGP_STATUS_AGP3 0x0008 /* AGP 3.0 mode: rate bits mean 4x and 8x */
#define VDISC_PCI_AGP_STATUS_RATE_MASK 0x0007
#define VDISC_PCI_AGP_COMMAND_RQ_MASK 0xff000000u
#define VDISC_PCI_AGP_COMMAND_ARQSZ_MASK 0x0000e000u
#define VDISC_PCI_AGP_COMMAND_CAL_MASK 0x00001c00u
#define VDISC_PCI_AGP_COMMAND_SBA 0x0200
#define VDISC_PCI_AGP_COMMAND_AGP 0x0100
#define VDISC_PCI_AGP_COMMAND_GART64 0x0080
#define VDISC_PCI_AGP_COMMAND_64BIT 0x0020
#define VDISC_PCI_AGP_COMMAND_FW 0x0010
#define VDISC_PCI_AGP_COMMAND_RATE_MASK 0x0007

/* VPD (PCI Local Bus 3.0, 6.4 and appendix I): the data is read through a window. */
#define VDISC_PCI_VPD_ADDR 2 /* 16 */
#define VDISC_PCI_VPD_ADDR_MASK 0x7fff
#define VDISC_PCI_VPD_ADDR_F 0x8000
#define VDISC_PCI_VPD_DATA 4		 /* 32 */
#define VDISC_PCI_VPD_LRDT 0x80		 /* large resource: tag byte, 16-bit length */
#define VDISC_PCI_VPD_SRDT_LEN_MASK 0x07 /* small resource: length in the tag */
#define VDISC_PCI_VPD_SRDT_TAG_SHIFT 3
#define VDISC_PCI_VPD_STIN_END 0x0f	  /* small item: end tag */
#define VDISC_PCI_VPD_LTIN_ID_STRING 0x82 /* large item: identifier string */
#define VDISC_PCI_VPD_LTIN_RO_DATA 0x90	  /* large item: read-only fields */
#define VDISC_PCI_VPD_LTIN_RW_DATA 0x91	  /* large item: read-write fields */
#define VDISC_PCI_VPD_INFO_FLD_HDR_SIZE 3 /* keyword (2) and length (1) */

/* Slot identification (PCI-to-PCI Bridge 1.2, 13.1). */
#define VDISC_PCI_SID_ESR 2 /* 8: expansion slot register */
#define VDISC_PCI_SID_ESR_NSLOTS 0x1f
#define VDISC_PCI_SID_ESR_FIC 0x20 /* first in chassis */
#define VDISC_PCI_SID_CHASSIS_NR 3 /* 8 */

/* PCI-X (PCI-X 2.0a, 7.2): a device's form; a bridge's below. */
#define VDISC_PCI_X_CMD 2    /* 16 */
#define VDISC_PCI_X_STATUS 4 /* 32 */
#define VDISC_PCI_X_CMD_DPERR_E 0x0001
#define VDISC_PCI_X_CMD_ERO 0x0002
#define VDISC_PCI_X_CMD_MAX_READ 0x000c /* 512 << n bytes */
#define VDISC_PCI_X_CMD_MAX_READ_SHIFT 2
#define VDISC_PCI_X_CMD_MAX_SPLIT 0x0070 /* an index: 1, 2, 3, 4, 8, 12, 16, 32 */
#define VDISC_PCI_X_CMD_MAX_SPLIT_SHIFT 4
#define VDISC_PCI_X_STATUS_FN_MASK 0x00000007u	/* the device's own function, */
#define VDISC_PCI_X_STATUS_DEV_MASK 0x000000f8u /* device */
#define VDISC_PCI_X_STATUS_DEV_SHIFT 3
#define VDISC_PCI_X_STATUS_BUS 0x0000ff00u /* and bus */
#define VDISC_PCI_X_STATUS_BUS_SHIFT 8
#define VDISC_PCI_X_STATUS_64BIT 0x00010000u
#define VDISC_PCI_X_STATUS_133MHZ 0x00020000u
#define VDISC_PCI_X_STATUS_SPL_DISC 0x00040000u
#define VDISC_PCI_X_STATUS_UNX_SPL 0x00080000u
#define VDISC_PCI_X_STATUS_COMPLEX 0x00100000u /* a bridge device */
#define VDISC_PCI_X_STATUS_MAX_READ 0x00600000u
#define VDISC_PCI_X_STATUS_MAX_READ_SHIFT 21
#define VDISC_PCI_X_STATUS_MAX_SPLIT 0x03800000u
#define VDISC_PCI_X_STATUS_MAX_SPLIT_SHIFT 23
#define VDISC_PCI_X_STATUS_MAX_CUM 0x1c000000u /* 8 << n ADQs */
#define VDISC_PCI_X_STATUS_MAX_CUM_SHIFT 26
#define VDISC_PCI_X_STATUS_SPL_ERR 0x20000000u
#define VDISC_PCI_X_STATUS_266MHZ 0x40000000u
#define VDISC_PCI_X_STATUS_533MHZ 0x80000000u
/* A PCI-X bridge (PCI-X 2.0a, 8.6.2). */
#define VDISC_PCI_X_BRIDGE_SSTATUS 2	 /* 16: secondary status */
#define VDISC_PCI_X_BRIDGE_STATUS 4	 /* 32 */
#define VDISC_PCI_X_BRIDGE_UPSTREAM 8	 /* 32: upstream split transaction control */
#define VDISC_PCI_X_BRIDGE_DOWNSTREAM 12 /* 32: downstream split transaction control */
#define VDISC_PCI_X_BRIDGE_SIZEOF 16
#define VDISC_PCI_X_SSTATUS_64BIT 0x0001
#define VDISC_PCI_X_SSTATUS_133MHZ 0x0002
#define VDISC_PCI_X_SSTATUS_SPL_DISC 0x0004
#define VDISC_PCI_X_SSTATUS_UNX_SPL 0x0008
#define VDISC_PCI_X_SSTATUS_SPL_OVR 0x0010 /* split completion overrun */
#define VDISC_PCI_X_SSTATUS_SPL_DLY 0x0020 /* split request delayed */
#define VDISC_PCI_X_SSTATUS_FREQ 0x03c0	   /* secondary bus mode and frequency */
#define VDISC_PCI_X_SSTATUS_FREQ_SHIFT 6
#define VDISC_PCI_X_BSTATUS_SPL_OVR 0x00100000u
#define VDISC_PCI_X_BSTATUS_SPL_DLY 0x00200000u
#define VDISC_PCI_X_BRIDGE_STR_CAPACITY 0x0000ffffu /* split transaction capacity, */
#define VDISC_PCI_X_BRIDGE_STR_LIMIT_SHIFT 16	    /* and commitment limit above it */

/* HyperTransport (HyperTransport I/O Link 3.10, 7.3ff): the command register's top bits say
 * which block this is; a slave (primary) or host (secondary) interface has a 3-bit type. */
#define VDISC_PCI_HT_CMD 2 /* 16 */
#define VDISC_PCI_HT_CMD_TYP_HI 0xe000
#define VDISC_PCI_HT_CMD_TYP_HI_PRI 0x0000 /* slave or primary interface */
#define VDISC_PCI_HT_CMD_TYP_HI_SEC 0x2000 /* host or secondary interface */
#define VDISC_PCI_HT_CMD_TYP 0xf800	   /* 5-bit capability type of the others */
#define VDISC_PCI_HT_CMD_TYP_SHIFT 11
#define VDISC_PCI_HT_TYPE_SWITCH 0x08
#define VDISC_PCI_HT_TYPE_IRQ 0x10 /* interrupt discovery and configuration */
#define VDISC_PCI_HT_TYPE_REV_ID 0x11
#define VDISC_PCI_HT_TYPE_UNITID_CLUMP 0x12
#define VDISC_PCI_HT_TYPE_EXTCONF 0x13 /* extended configuration space access */
#define VDISC_PCI_HT_TYPE_ADDR_MAP 0x14
#define VDISC_PCI_HT_TYPE_MSI_MAP 0x15
#define VDISC_PCI_HT_TYPE_DIRECT_ROUTE 0x16
#define VDISC_PCI_HT_TYPE_VCSET 0x17
#define VDISC_PCI_HT_TYPE_RETRY 0x18
#define VDISC_PCI_HT_TYPE_X86 0x19 /* reserved for x86 */
#define VDISC_PCI_HT_RID_MIN 0x1f  /* revision: minor */
#define VDISC_PCI_HT_RID_MAJ 0xe0  /* and major (3 bits) */
#define VDISC_PCI_HT_RID_MAJ_SHIFT 5
#define VDISC_PCI_HT_REV_1_02 0x22 /* 1.02: the link registers gained their newer fields */
#define VDISC_PCI_HT_REV_0_17 0x11 /* the last revision with only the older layout */
/* The slave/primary interface block (7.5). */
#define VDISC_PCI_HT_PRI_CMD_BUID 0x001f /* base unit id */
#define VDISC_PCI_HT_PRI_CMD_UC 0x03e0	 /* unit count */
#define VDISC_PCI_HT_PRI_CMD_UC_SHIFT 5
#define VDISC_PCI_HT_PRI_CMD_MH 0x0400	/* master host */
#define VDISC_PCI_HT_PRI_CMD_DD 0x0800	/* default direction */
#define VDISC_PCI_HT_PRI_CMD_DUL 0x1000 /* drop on uninitialized link */
#define VDISC_PCI_HT_PRI_LCTR0 4	/* 16: link control 0 */
#define VDISC_PCI_HT_PRI_LCNF0 6	/* 16: link configuration 0 */
#define VDISC_PCI_HT_PRI_LCTR1 8
#define VDISC_PCI_HT_PRI_LCNF1 10
#define VDISC_PCI_HT_PRI_RID 12	   /* 8: revision */
#define VDISC_PCI_HT_PRI_LFRER0 13 /* 8: link frequency and error 0 */
#define VDISC_PCI_HT_PRI_LFCAP0 14 /* 16: link frequency capability 0 */
#define VDISC_PCI_HT_PRI_FTR 16	   /* 8: feature */
#define VDISC_PCI_HT_PRI_LFRER1 17
#define VDISC_PCI_HT_PRI_LFCAP1 18
#define VDISC_PCI_HT_PRI_EH 22	/* 16: error handling */
#define VDISC_PCI_HT_PRI_MBU 24 /* 8: memory base upper */
#define VDISC_PCI_HT_PRI_MLU 25 /* 8: memory limit upper */
#define VDISC_PCI_HT_PRI_BN 26	/* 8: bus number */
#define VDISC_PCI_HT_PRI_SIZEOF 28
/* The host/secondary interface block (7.4). */
#define VDISC_PCI_HT_SEC_CMD_WR 0x0001 /* warm reset */
#define VDISC_PCI_HT_SEC_CMD_DE 0x0002 /* double ended */
#define VDISC_PCI_HT_SEC_CMD_DN 0x007c /* device number */
#define VDISC_PCI_HT_SEC_CMD_DN_SHIFT 2
#define VDISC_PCI_HT_SEC_CMD_CS 0x0080	  /* chain side */
#define VDISC_PCI_HT_SEC_CMD_HH 0x0100	  /* host hide */
#define VDISC_PCI_HT_SEC_CMD_AS 0x0400	  /* act as slave */
#define VDISC_PCI_HT_SEC_CMD_HIECE 0x0800 /* host inbound end of chain error */
#define VDISC_PCI_HT_SEC_CMD_DUL 0x1000
#define VDISC_PCI_HT_SEC_LCTR 4		  /* 16 */
#define VDISC_PCI_HT_SEC_LCNF 6		  /* 16 */
#define VDISC_PCI_HT_SEC_RID 8		  /* 8 */
#define VDISC_PCI_HT_SEC_LFRER 9	  /* 8 */
#define VDISC_PCI_HT_SEC_LFCAP 10	  /* 16 */
#define VDISC_PCI_HT_SEC_FTR 12		  /* 16 */
#define VDISC_PCI_HT_SEC_FTR_EXTRS 0x0100 /* the extended register set is present */
#define VDISC_PCI_HT_SEC_FTR_UCNFE 0x0200 /* upstream configuration enable */
#define VDISC_PCI_HT_SEC_EH 18		  /* 16 */
#define VDISC_PCI_HT_SEC_MBU 20		  /* 8 */
#define VDISC_PCI_HT_SEC_MLU 21		  /* 8 */
#define VDISC_PCI_HT_SEC_SIZEOF 24
/* Link control, configuration, frequency/error, feature and error handling bits (7.5.4ff). */
#define VDISC_PCI_HT_LCTR_CFLE 0x0002
#define VDISC_PCI_HT_LCTR_CST 0x0004
#define VDISC_PCI_HT_LCTR_CFE 0x0008
#define VDISC_PCI_HT_LCTR_LKFAIL 0x0010
#define VDISC_PCI_HT_LCTR_INIT 0x0020
#define VDISC_PCI_HT_LCTR_EOC 0x0040
#define VDISC_PCI_HT_LCTR_TXO 0x0080
#define VDISC_PCI_HT_LCTR_CRCERR 0x0f00
#define VDISC_PCI_HT_LCTR_CRCERR_SHIFT 8
#define VDISC_PCI_HT_LCTR_ISOCEN 0x1000
#define VDISC_PCI_HT_LCTR_LSEN 0x2000
#define VDISC_PCI_HT_LCTR_EXTCTL 0x4000
#define VDISC_PCI_HT_LCTR_64B 0x8000
#define VDISC_PCI_HT_LCNF_WIDTH 0x7 /* each width field: 3 bits at 0, 4, 8 and 12 */
#define VDISC_PCI_HT_LCNF_MLWI_SHIFT 0
#define VDISC_PCI_HT_LCNF_MLWO_SHIFT 4
#define VDISC_PCI_HT_LCNF_LWI_SHIFT 8
#define VDISC_PCI_HT_LCNF_LWO_SHIFT 12
#define VDISC_PCI_HT_LCNF_DFI 0x0008
#define VDISC_PCI_HT_LCNF_DFO 0x0080
#define VDISC_PCI_HT_LCNF_DFIE 0x0800
#define VDISC_PCI_HT_LCNF_DFOE 0x8000
#define VDISC_PCI_HT_LFRER_FREQ 0x0f
#define VDISC_PCI_HT_LFRER_PROT 0x10
#define VDISC_PCI_HT_LFRER_OV 0x20
#define VDISC_PCI_HT_LFRER_EOC 0x40
#define VDISC_PCI_HT_LFRER_CTLT 0x80
#define VDISC_PCI_HT_LFCAP_VEND 0x8000 /* bits 0..9: 200 MHz .. 1.6 GHz */
#define VDISC_PCI_HT_FTR_ISOCFC 0x0001
#define VDISC_PCI_HT_FTR_LDTSTOP 0x0002
#define VDISC_PCI_HT_FTR_CRCTM 0x0004
#define VDISC_PCI_HT_FTR_ECTLT 0x0008
#define VDISC_PCI_HT_FTR_64BA 0x0010
#define VDISC_PCI_HT_FTR_UIDRD 0x0020
/* The MSI mapping block (7.13). */
#define VDISC_PCI_HT_MSIM_CMD_EN 0x0001
#define VDISC_PCI_HT_MSIM_CMD_FIXD 0x0002 /* the address is fixed at 0xfee00000 */
#define VDISC_PCI_HT_MSIM_ADDR_LO 4	  /* 32: bits 31..20 */
#define VDISC_PCI_HT_MSIM_ADDR_HI 8	  /* 32 */
#define VDISC_PCI_HT_MSIM_ADDR_LO_MASK 0xfff00000u
#define VDISC_PCI_HT_MSIM_SIZEOF 12

/* Debug port (EHCI 1.0, appendix C.2.1): BAR number and offset in the flags word. */
#define VDISC_PCI_DBG_OFFSET_MASK 0x1fff
#define VDISC_PCI_DBG_BAR_SHIFT 13

/* SATA data/index configuration (SATA AHCI 1.3.1, 2.4). */
#define VDISC_PCI_SATA_REGS 4 /* 32: BAR location and offset */
#define VDISC_PCI_SATA_REGS_MASK 0xf
#define VDISC_PCI_SATA_REGS_INLINE 0xf /* the registers follow in configuration space */
#define VDISC_PCI_SATA_BAR_BASE 4      /* location 4..9 is BAR 0..5 */
#define VDISC_PCI_SATA_OFFSET_SHIFT 4  /* 20 bits: the offset in dwords */
#define VDISC_PCI_SATA_OFFSET_MASK 0xfffff

/* Advanced features (PCI Advanced Capabilities ECN): transaction pending and FLR. */
#define VDISC_PCI_AF_LENGTH 2
#define VDISC_PCI_AF_CAP 3
#define VDISC_PCI_AF_CAP_TP 0x01
#define VDISC_PCI_AF_CAP_FLR 0x02
#define VDISC_PCI_AF_CTRL 4
#define VDISC_PCI_AF_CTRL_FLR 0x01
#define VDISC_PCI_AF_STATUS 5
#define VDISC_PCI_AF_STATUS_TP 0x01
#define VDISC_PCI_CAP_AF_SIZEOF 6

/* Enhanced allocation (PCI EA ECN, PCI Express Base 6.0 6.9.1). */
#define VDISC_PCI_EA_NUM_ENT 2 /* in the flags word */
#define VDISC_PCI_EA_NUM_ENT_MASK 0x3f
#define VDISC_PCI_EA_FIRST_ENT 4
#define VDISC_PCI_EA_FIRST_ENT_BRIDGE 8 /* type 1: fixed bus numbers come first */
#define VDISC_PCI_EA_SEC_BUS 4		/* 8, type 1 */
#define VDISC_PCI_EA_SUB_BUS 5		/* 8, type 1 */
#define VDISC_PCI_EA_ES 0x00000007u	/* entry size in dwords after the header */
#define VDISC_PCI_EA_BEI 0x000000f0u
#define VDISC_PCI_EA_BEI_SHIFT 4
#define VDISC_PCI_EA_BEI_BAR5 5
#define VDISC_PCI_EA_BEI_BRIDGE 6
#define VDISC_PCI_EA_BEI_ENI 7
#define VDISC_PCI_EA_BEI_ROM 8
#define VDISC_PCI_EA_BEI_VF_BAR0 9
#define VDISC_PCI_EA_BEI_VF_BAR5 14
#define VDISC_PCI_EA_PP 0x0000ff00u
#define VDISC_PCI_EA_PP_SHIFT 8
#define VDISC_PCI_EA_SP 0x00ff0000u
#define VDISC_PCI_EA_SP_SHIFT 16
#define VDISC_PCI_EA_P_MEM 0x00
#define VDISC_PCI_EA_P_MEM_PREFETCH 0x01
#define VDISC_PCI_EA_P_IO 0x02
#define VDISC_PCI_EA_P_VF_MEM_PREFETCH 0x03
#define VDISC_PCI_EA_P_VF_MEM 0x04
#define VDISC_PCI_EA_P_BRIDGE_MEM 0x05
#define VDISC_PCI_EA_P_BRIDGE_MEM_PREFETCH 0x06
#define VDISC_PCI_EA_P_BRIDGE_IO 0x07
#define VDISC_PCI_EA_P_MEM_RESERVED 0xfd
#define VDISC_PCI_EA_P_IO_RESERVED 0xfe
#define VDISC_PCI_EA_P_UNAVAILABLE 0xff
#define VDISC_PCI_EA_WRITABLE 0x40000000u
#define VDISC_PCI_EA_ENABLE 0x80000000u
#define VDISC_PCI_EA_BASE 4	  /* from the entry */
#define VDISC_PCI_EA_MAX_OFFSET 8 /* from the entry */
#define VDISC_PCI_EA_IS_64 0x00000002u
#define VDISC_PCI_EA_FIELD_MASK 0xfffffffcu
#define VDISC_PCI_EA_MAX_ENTRY_DWORDS 8 /* header + ES (3 bits) */

/*
 * The PCI Express capability's registers beyond the link (PCI Express Base 6.0, 7.5.3):
 * slot, root, and the "2" registers.
 */
/* -- section: express -- */

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
