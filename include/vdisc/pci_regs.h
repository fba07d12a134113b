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
#define VDISC_PCI_CB_CAPABILITY_LIST 0x14	/* 8 */
#define VDISC_PCI_CB_SUBSYSTEM_VENDOR_ID 0x40	/* 16 */
#define VDISC_PCI_CB_SUBSYSTEM_ID 0x42		/* 16 */
#define VDISC_PCI_CB_HEADER_SIZE 128		/* the subsystem ids need this much */
#define VDISC_PCI_CB_SEC_STATUS 0x16		/* 16 */
#define VDISC_PCI_CB_PRIMARY_BUS 0x18		/* 8 */
#define VDISC_PCI_CB_CARD_BUS 0x19		/* 8 */
#define VDISC_PCI_CB_SUBORDINATE_BUS 0x1a	/* 8 */
#define VDISC_PCI_CB_LATENCY_TIMER 0x1b		/* 8 */
#define VDISC_PCI_CB_MEMORY_BASE_0 0x1c		/* 32, window 1 eight bytes on */
#define VDISC_PCI_CB_MEMORY_LIMIT_0 0x20	/* 32 */
#define VDISC_PCI_CB_IO_BASE_0 0x2c		/* 32, window 1 eight bytes on */
#define VDISC_PCI_CB_IO_LIMIT_0 0x30		/* 32 */
#define VDISC_PCI_CB_WINDOW_STRIDE 8		/* from window 0's registers to window 1's */
#define VDISC_PCI_CB_IO_WINDOW_MASK 0xfffffffcu /* PC Card 8.0: I/O windows are dword-granular */
#define VDISC_PCI_CB_MEMORY_WINDOW_GRANULE 0x1000u
#define VDISC_PCI_CB_BRIDGE_CONTROL 0x3e   /* 16 */
#define VDISC_PCI_CB_LEGACY_MODE_BASE 0x44 /* 16: the 16-bit PC Card (ExCA) registers */

/* Bridge control, type 1 (PCI-to-PCI Bridge 1.2, 3.2.5.18). */
#define VDISC_PCI_BRIDGE_CTL_PARITY 0x0001
#define VDISC_PCI_BRIDGE_CTL_SERR 0x0002
#define VDISC_PCI_BRIDGE_CTL_NO_ISA 0x0004
#define VDISC_PCI_BRIDGE_CTL_VGA 0x0008
#define VDISC_PCI_BRIDGE_CTL_VGA_16BIT 0x0010
#define VDISC_PCI_BRIDGE_CTL_MASTER_ABORT 0x0020
#define VDISC_PCI_BRIDGE_CTL_BUS_RESET 0x0040
#define VDISC_PCI_BRIDGE_CTL_FAST_BACK 0x0080
#define VDISC_PCI_BRIDGE_CTL_PRI_DISCARD_TIMER 0x0100
#define VDISC_PCI_BRIDGE_CTL_SEC_DISCARD_TIMER 0x0200
#define VDISC_PCI_BRIDGE_CTL_DISCARD_TIMER_STATUS 0x0400
#define VDISC_PCI_BRIDGE_CTL_DISCARD_TIMER_SERR_EN 0x0800

/* Bridge control, type 2 (PC Card 8.0, CardBus bridge control register). */
#define VDISC_PCI_CB_BRIDGE_CTL_PARITY 0x0001
#define VDISC_PCI_CB_BRIDGE_CTL_SERR 0x0002
#define VDISC_PCI_CB_BRIDGE_CTL_ISA 0x0004
#define VDISC_PCI_CB_BRIDGE_CTL_VGA 0x0008
#define VDISC_PCI_CB_BRIDGE_CTL_MASTER_ABORT 0x0020
#define VDISC_PCI_CB_BRIDGE_CTL_CB_RESET 0x0040
#define VDISC_PCI_CB_BRIDGE_CTL_16BIT_INT 0x0080
#define VDISC_PCI_CB_BRIDGE_CTL_PREFETCH_MEM0 0x0100 /* MEM1: the next bit */
#define VDISC_PCI_CB_BRIDGE_CTL_PREFETCH_MEM1 0x0200
#define VDISC_PCI_CB_BRIDGE_CTL_POST_WRITES 0x0400

/* Built-in self test register (PCI Local Bus 3.0, 6.2.4). */
#define VDISC_PCI_BIST_CODE_MASK 0x0f
#define VDISC_PCI_BIST_START 0x40
#define VDISC_PCI_BIST_CAPABLE 0x80

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
/* One MSI-X table entry (PCI Local Bus 3.0, 6.8.2.6-9). */
#define VDISC_PCI_MSIX_ENTRY_SIZE 16
#define VDISC_PCI_MSIX_ENTRY_LOWER_ADDR 0x0
#define VDISC_PCI_MSIX_ENTRY_UPPER_ADDR 0x4
#define VDISC_PCI_MSIX_ENTRY_DATA 0x8
#define VDISC_PCI_MSIX_ENTRY_VECTOR_CTRL 0xc
#define VDISC_PCI_MSIX_ENTRY_CTRL_MASKBIT 0x00000001u

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

/* Advanced Error Reporting (PCI Express Base 6.0, 7.8.4). */
#define VDISC_PCI_ERR_UNCOR_STATUS 0x04 /* 32 */
#define VDISC_PCI_ERR_UNCOR_MASK 0x08	/* 32 */
#define VDISC_PCI_ERR_UNCOR_SEVER 0x0c	/* 32 */
#define VDISC_PCI_ERR_COR_STATUS 0x10	/* 32 */
#define VDISC_PCI_ERR_COR_MASK 0x14	/* 32 */
#define VDISC_PCI_ERR_CAP 0x18		/* 32: capabilities and control */
#define VDISC_PCI_ERR_HEADER_LOG 0x1c	/* 4 x 32 */
#define VDISC_PCI_ERR_ROOT_COMMAND 0x2c /* 32: root ports and event collectors */
#define VDISC_PCI_ERR_ROOT_STATUS 0x30	/* 32 */
#define VDISC_PCI_ERR_ROOT_ERR_SRC 0x34 /* 32: ERR_COR source, then ERR_FATAL/NONFATAL's */
#define VDISC_PCI_ERR_HEADER_LOG_DWORDS 4
#define VDISC_PCI_ERR_SIZEOF_BASE 0x2c /* up to the header log: every function */
#define VDISC_PCI_ERR_SIZEOF_ROOT 0x38 /* and the root registers */
/* Uncorrectable errors: the same bits in status, mask and severity. */
#define VDISC_PCI_ERR_UNC_UND 0x00000001 /* undefined since 1.1 (training error) */
#define VDISC_PCI_ERR_UNC_DLP 0x00000010
#define VDISC_PCI_ERR_UNC_SURPDN 0x00000020
#define VDISC_PCI_ERR_UNC_POISON_TLP 0x00001000
#define VDISC_PCI_ERR_UNC_FCP 0x00002000
#define VDISC_PCI_ERR_UNC_COMP_TIME 0x00004000
#define VDISC_PCI_ERR_UNC_COMP_ABORT 0x00008000
#define VDISC_PCI_ERR_UNC_UNX_COMP 0x00010000
#define VDISC_PCI_ERR_UNC_RX_OVER 0x00020000
#define VDISC_PCI_ERR_UNC_MALF_TLP 0x00040000
#define VDISC_PCI_ERR_UNC_ECRC 0x00080000
#define VDISC_PCI_ERR_UNC_UNSUP 0x00100000
#define VDISC_PCI_ERR_UNC_ACSV 0x00200000
#define VDISC_PCI_ERR_UNC_INTN 0x00400000
#define VDISC_PCI_ERR_UNC_MCBTLP 0x00800000
#define VDISC_PCI_ERR_UNC_ATOMEG 0x01000000
#define VDISC_PCI_ERR_UNC_TLPPRE 0x02000000
/* Correctable errors: status and mask. */
#define VDISC_PCI_ERR_COR_RCVR 0x00000001
#define VDISC_PCI_ERR_COR_BAD_TLP 0x00000040
#define VDISC_PCI_ERR_COR_BAD_DLLP 0x00000080
#define VDISC_PCI_ERR_COR_REP_ROLL 0x00000100
#define VDISC_PCI_ERR_COR_REP_TIMER 0x00001000
#define VDISC_PCI_ERR_COR_ADV_NFAT 0x00002000
#define VDISC_PCI_ERR_COR_INTERNAL 0x00004000
#define VDISC_PCI_ERR_COR_LOG_OVER 0x00008000
/* Capabilities and control. */
#define VDISC_PCI_ERR_CAP_FEP_MASK 0x0000001f /* First Error Pointer: a status bit number */
#define VDISC_PCI_ERR_CAP_ECRC_GENC 0x00000020
#define VDISC_PCI_ERR_CAP_ECRC_GENE 0x00000040
#define VDISC_PCI_ERR_CAP_ECRC_CHKC 0x00000080
#define VDISC_PCI_ERR_CAP_ECRC_CHKE 0x00000100
#define VDISC_PCI_ERR_CAP_MULT_HDRC 0x00000200 /* 7.8.4.7: multiple header recording */
#define VDISC_PCI_ERR_CAP_MULT_HDRE 0x00000400
#define VDISC_PCI_ERR_CAP_TLP_PFX 0x00000800 /* TLP prefix log present */
#define VDISC_PCI_ERR_CAP_HDR_LOG 0x00001000 /* completion timeout prefix/header log capable */
/* Root error command and status. */
#define VDISC_PCI_ERR_ROOT_CMD_COR_EN 0x00000001
#define VDISC_PCI_ERR_ROOT_CMD_NONFATAL_EN 0x00000002
#define VDISC_PCI_ERR_ROOT_CMD_FATAL_EN 0x00000004
#define VDISC_PCI_ERR_ROOT_COR_RCV 0x00000001
#define VDISC_PCI_ERR_ROOT_MULTI_COR_RCV 0x00000002
#define VDISC_PCI_ERR_ROOT_UNCOR_RCV 0x00000004
#define VDISC_PCI_ERR_ROOT_MULTI_UNCOR_RCV 0x00000008
#define VDISC_PCI_ERR_ROOT_FIRST_FATAL 0x00000010
#define VDISC_PCI_ERR_ROOT_NONFATAL_RCV 0x00000020
#define VDISC_PCI_ERR_ROOT_FATAL_RCV 0x00000040
#define VDISC_PCI_ERR_ROOT_AER_IRQ 0xf8000000 /* interrupt message number */
#define VDISC_PCI_ERR_ROOT_AER_IRQ_SHIFT 27

/* Virtual Channel, also id 9 and MFVC's (PCI Express Base 6.0, 7.9.1, 7.9.2). */
#define VDISC_PCI_VC_PORT_CAP1 0x04   /* 32 */
#define VDISC_PCI_VC_PORT_CAP2 0x08   /* 32 */
#define VDISC_PCI_VC_PORT_CTRL 0x0c   /* 16 */
#define VDISC_PCI_VC_PORT_STATUS 0x0e /* 16 */
#define VDISC_PCI_VC_RES_CAP 0x10     /* 32, VC0's; every 12 bytes the next VC's */
#define VDISC_PCI_VC_RES_CTRL 0x14    /* 32 */
#define VDISC_PCI_VC_RES_STATUS 0x1a  /* 16 */
#define VDISC_PCI_VC_RES_SIZEOF 12    /* one VC resource: capability, control, status */
#define VDISC_PCI_VC_PORT_SIZEOF 0x1c /* the port registers and VC0 */
#define VDISC_PCI_VC_MAX 8	      /* VC0 and up to seven extended VCs */
#define VDISC_PCI_VC_CAP1_EVCC 0x00000007
#define VDISC_PCI_VC_CAP1_LPEVCC 0x00000070
#define VDISC_PCI_VC_CAP1_LPEVCC_SHIFT 4
#define VDISC_PCI_VC_CAP1_REFCLK 0x00000300 /* 7.9.1.2: 0 is 100 ns, others reserved */
#define VDISC_PCI_VC_CAP1_REFCLK_SHIFT 8
#define VDISC_PCI_VC_CAP1_ARB_SIZE 0x00000c00 /* log2 of the port arbitration entry bits */
#define VDISC_PCI_VC_CAP1_ARB_SIZE_SHIFT 10
#define VDISC_PCI_VC_CAP2_HW_FIXED 0x00000001 /* 7.9.1.3: VC arbitration capability bits */
#define VDISC_PCI_VC_CAP2_32_PHASE 0x00000002
#define VDISC_PCI_VC_CAP2_64_PHASE 0x00000004
#define VDISC_PCI_VC_CAP2_128_PHASE 0x00000008
#define VDISC_PCI_VC_CAP2_ARB_CAPS 0x000000ff
#define VDISC_PCI_VC_CAP2_ARB_OFF 0xff000000 /* VC arbitration table, in 16-byte units */
#define VDISC_PCI_VC_CAP2_ARB_OFF_SHIFT 24
#define VDISC_PCI_VC_PORT_CTRL_LOAD_TABLE 0x00000001
#define VDISC_PCI_VC_PORT_CTRL_ARB_SELECT 0x0000000e /* 7.9.1.4 */
#define VDISC_PCI_VC_PORT_CTRL_ARB_SELECT_SHIFT 1
#define VDISC_PCI_VC_PORT_STATUS_TABLE 0x00000001
#define VDISC_PCI_VC_RES_CAP_HW_FIXED 0x00000001 /* 7.9.1.6: port arbitration capability bits */
#define VDISC_PCI_VC_RES_CAP_32_PHASE 0x00000002
#define VDISC_PCI_VC_RES_CAP_64_PHASE 0x00000004
#define VDISC_PCI_VC_RES_CAP_128_PHASE 0x00000008
#define VDISC_PCI_VC_RES_CAP_128_PHASE_TB 0x00000010
#define VDISC_PCI_VC_RES_CAP_256_PHASE 0x00000020
#define VDISC_PCI_VC_RES_CAP_ARB_CAPS 0x000000ff
#define VDISC_PCI_VC_RES_CAP_REJ_SNOOP 0x00008000 /* reject snoop transactions */
#define VDISC_PCI_VC_RES_CAP_SLOTS 0x007f0000	  /* maximum time slots - 1 */
#define VDISC_PCI_VC_RES_CAP_SLOTS_SHIFT 16
#define VDISC_PCI_VC_RES_CAP_ARB_OFF 0xff000000 /* port arbitration table, in 16-byte units */
#define VDISC_PCI_VC_RES_CAP_ARB_OFF_SHIFT 24
#define VDISC_PCI_VC_RES_CTRL_TC_MAP 0x000000ff /* TC/VC map */
#define VDISC_PCI_VC_RES_CTRL_LOAD_TABLE 0x00010000
#define VDISC_PCI_VC_RES_CTRL_ARB_SELECT 0x000e0000
#define VDISC_PCI_VC_RES_CTRL_ARB_SELECT_SHIFT 17
#define VDISC_PCI_VC_RES_CTRL_ID 0x07000000
#define VDISC_PCI_VC_RES_CTRL_ID_SHIFT 24
#define VDISC_PCI_VC_RES_CTRL_ENABLE 0x80000000
#define VDISC_PCI_VC_RES_STATUS_TABLE 0x00000001
#define VDISC_PCI_VC_RES_STATUS_NEGO 0x00000002

/* Device Serial Number (7.9.3): a 64-bit EUI-64, lower dword first. */
#define VDISC_PCI_DSN_LOW 0x04	/* 32 */
#define VDISC_PCI_DSN_HIGH 0x08 /* 32 */
#define VDISC_PCI_DSN_SIZEOF 0x0c

/* Power Budgeting (7.8.1). */
#define VDISC_PCI_PWR_DSR 0x04	/* 8: data select */
#define VDISC_PCI_PWR_DATA 0x08 /* 32 */
#define VDISC_PCI_PWR_CAP 0x0c	/* 8: system allocated */
#define VDISC_PCI_PWR_SIZEOF 0x10
#define VDISC_PCI_PWR_DATA_BASE_MASK 0x000000ff /* base power, in units of the scale */
#define VDISC_PCI_PWR_DATA_SCALE_SHIFT 8	/* 2 bits: 1, 0.1, 0.01, 0.001 W */
#define VDISC_PCI_PWR_DATA_PM_SUB_SHIFT 10	/* 3 bits: PM sub state */
#define VDISC_PCI_PWR_DATA_PM_STATE_SHIFT 13	/* 2 bits: D0..D3 */
#define VDISC_PCI_PWR_DATA_TYPE_SHIFT 15	/* 3 bits: PME aux, aux, idle, sustained, ... */
#define VDISC_PCI_PWR_DATA_RAIL_SHIFT 18	/* 3 bits: 12V, 3.3V, 1.5/1.8V, ..., thermal */
#define VDISC_PCI_PWR_CAP_SYSTEM 0x01		/* the budget is allocated by the system */
#define VDISC_PCI_PWR_BASE_EXT 0xf0 /* 7.8.1.3: F0h-F2h are 250, 275, 300 W at scale 1 W */

/* Root Complex Link Declaration (7.9.8). */
#define VDISC_PCI_RCLINK_ESD 0x04	     /* 32: element self description */
#define VDISC_PCI_RCLINK_LINK1 0x10	     /* the first link entry */
#define VDISC_PCI_RCLINK_LINK_DESC 0x00	     /* 32, in an entry */
#define VDISC_PCI_RCLINK_LINK_ADDR 0x08	     /* 64, in an entry */
#define VDISC_PCI_RCLINK_LINK_SIZE 0x10	     /* one entry */
#define VDISC_PCI_RCLINK_ESD_TYPE 0x000000ff /* element type: config, egress, internal */
#define VDISC_PCI_RCLINK_ESD_LINKS 0x0000ff00
#define VDISC_PCI_RCLINK_ESD_LINKS_SHIFT 8
#define VDISC_PCI_RCLINK_ESD_COMP 0x00ff0000 /* component id */
#define VDISC_PCI_RCLINK_ESD_COMP_SHIFT 16
#define VDISC_PCI_RCLINK_ESD_PORT 0xff000000 /* port number */
#define VDISC_PCI_RCLINK_ESD_PORT_SHIFT 24
#define VDISC_PCI_RCLINK_DESC_VALID 0x00000001
#define VDISC_PCI_RCLINK_DESC_CONFIG 0x00000002	 /* link type: configuration space, not MMIO */
#define VDISC_PCI_RCLINK_DESC_RCRB 0x00000004	 /* associated RCRB header */
#define VDISC_PCI_RCLINK_DESC_COMP_SHIFT 16	 /* target component id, 8 bits */
#define VDISC_PCI_RCLINK_DESC_PORT_SHIFT 24	 /* target port number, 8 bits */
#define VDISC_PCI_RCLINK_ADDR_BUSBITS 0x00000007 /* bus number bits in a config address */

/* Root Complex Event Collector Endpoint Association (7.9.10). */
#define VDISC_PCI_RCEC_RCIEP_BITMAP 4 /* 32: device numbers of the associated RCiEPs */
#define VDISC_PCI_RCEC_BUSN 8	      /* 32: associated bus numbers, from version 2 */
#define VDISC_PCI_RCEC_BUSN_REG_VER 0x02
#define VDISC_PCI_RCEC_BUSN_NEXT_SHIFT 8 /* 8 bits */
#define VDISC_PCI_RCEC_BUSN_LAST_SHIFT 16

/* Access Control Services (7.7.11). */
#define VDISC_PCI_ACS_CAP 0x04	/* 16 */
#define VDISC_PCI_ACS_CTRL 0x06 /* 16: the same bits as the capability, as enables */
#define VDISC_PCI_ACS_EGRESS_CTL_V 0x08
#define VDISC_PCI_ACS_SV 0x0001
#define VDISC_PCI_ACS_TB 0x0002
#define VDISC_PCI_ACS_RR 0x0004
#define VDISC_PCI_ACS_CR 0x0008
#define VDISC_PCI_ACS_UF 0x0010
#define VDISC_PCI_ACS_EC 0x0020
#define VDISC_PCI_ACS_DT 0x0040
#define VDISC_PCI_ACS_EGRESS_BITS_SHIFT 8 /* 8 bits: egress control vector size, 0 is 256 */

/* Alternative Routing-ID Interpretation (7.8.7). */
#define VDISC_PCI_ARI_CAP 0x04	/* 16 */
#define VDISC_PCI_ARI_CTRL 0x06 /* 16 */
#define VDISC_PCI_ARI_CAP_MFVC 0x0001
#define VDISC_PCI_ARI_CAP_ACS 0x0002
#define VDISC_PCI_ARI_CAP_NFN_SHIFT 8 /* 8 bits: next function number */
#define VDISC_PCI_ARI_CTRL_MFVC 0x0001
#define VDISC_PCI_ARI_CTRL_ACS 0x0002
#define VDISC_PCI_ARI_CTRL_FG_SHIFT 4 /* 3 bits: function group */
#define VDISC_PCI_ARI_CTRL_FG_MASK 0x7

/* Address Translation Services (ATS 1.1, PCI Express Base 6.0 10.5.1). */
#define VDISC_PCI_ATS_CAP 0x04		   /* 16 */
#define VDISC_PCI_ATS_CTRL 0x06		   /* 16 */
#define VDISC_PCI_ATS_CAP_QDEP_MASK 0x001f /* invalidate queue depth, 0 is 32 */
#define VDISC_PCI_ATS_MAX_QDEP 32
#define VDISC_PCI_ATS_CAP_PAGE_ALIGNED 0x0020
#define VDISC_PCI_ATS_CAP_GLOBAL_INV 0x0040 /* 10.5.1.2 */
#define VDISC_PCI_ATS_CTRL_ENABLE 0x8000
#define VDISC_PCI_ATS_CTRL_STU_MASK 0x001f /* smallest translation unit, log2 pages */
#define VDISC_PCI_ATS_MIN_STU 12

/* Single Root I/O Virtualization (7.9.3 of SR-IOV 1.1; PCI Express Base 6.0 9.3.3). */
#define VDISC_PCI_SRIOV_CAP 0x04	/* 32 */
#define VDISC_PCI_SRIOV_CTRL 0x08	/* 16 */
#define VDISC_PCI_SRIOV_STATUS 0x0a	/* 16 */
#define VDISC_PCI_SRIOV_INITIAL_VF 0x0c /* 16 */
#define VDISC_PCI_SRIOV_TOTAL_VF 0x0e	/* 16 */
#define VDISC_PCI_SRIOV_NUM_VF 0x10	/* 16 */
#define VDISC_PCI_SRIOV_FUNC_LINK 0x12	/* 8 */
#define VDISC_PCI_SRIOV_VF_OFFSET 0x14	/* 16 */
#define VDISC_PCI_SRIOV_VF_STRIDE 0x16	/* 16 */
#define VDISC_PCI_SRIOV_VF_DID 0x1a	/* 16 */
#define VDISC_PCI_SRIOV_SUP_PGSIZE 0x1c /* 32 */
#define VDISC_PCI_SRIOV_SYS_PGSIZE 0x20 /* 32 */
#define VDISC_PCI_SRIOV_BAR 0x24	/* 6 x 32 */
#define VDISC_PCI_SRIOV_NUM_BARS 6
#define VDISC_PCI_SRIOV_VFM 0x3c /* 32: VF migration state array offset and BIR */
#define VDISC_PCI_SRIOV_SIZEOF 0x40
#define VDISC_PCI_SRIOV_CAP_VFM 0x00000001
#define VDISC_PCI_SRIOV_CAP_VF_10BIT_TAG_REQ 0x00000004 /* 9.3.3.3 */
#define VDISC_PCI_SRIOV_CAP_INTR_SHIFT 21		/* 11 bits: migration interrupt */
#define VDISC_PCI_SRIOV_CTRL_VFE 0x0001
#define VDISC_PCI_SRIOV_CTRL_VFM 0x0002
#define VDISC_PCI_SRIOV_CTRL_INTR 0x0004
#define VDISC_PCI_SRIOV_CTRL_MSE 0x0008
#define VDISC_PCI_SRIOV_CTRL_ARI 0x0010
#define VDISC_PCI_SRIOV_CTRL_VF_10BIT_TAG_REQ_EN 0x0020 /* 9.3.3.3 */
#define VDISC_PCI_SRIOV_STATUS_VFM 0x0001
#define VDISC_PCI_SRIOV_VFM_BIR_MASK 0x00000007
#define VDISC_PCI_SRIOV_VFM_OFFSET_MASK 0xfffffff8

/* Multicast (7.9.11). */
#define VDISC_PCI_MCAST_CAP 0x04	   /* 16 */
#define VDISC_PCI_MCAST_CTRL 0x06	   /* 16 */
#define VDISC_PCI_MCAST_BAR 0x08	   /* 64 */
#define VDISC_PCI_MCAST_RCV 0x10	   /* 64 */
#define VDISC_PCI_MCAST_BLOCK 0x18	   /* 64 */
#define VDISC_PCI_MCAST_BLOCK_UNTRANS 0x20 /* 64 */
#define VDISC_PCI_MCAST_OVL_BAR 0x28	   /* 64: switch and root ports only */
#define VDISC_PCI_MCAST_SIZEOF 0x30
#define VDISC_PCI_MCAST_GROUP_MASK 0x003f /* MC_Max_Group, MC_Num_Group: count - 1 */
#define VDISC_PCI_MCAST_CAP_WIN_SHIFT 8	  /* 6 bits: log2 of the window size */
#define VDISC_PCI_MCAST_CAP_ECRC 0x8000	  /* ECRC regeneration supported */
#define VDISC_PCI_MCAST_CTRL_ENABLE 0x8000
#define VDISC_PCI_MCAST_BAR_INDEX_MASK 0x3f /* MC_Index_Position */
#define VDISC_PCI_MCAST_BAR_ADDR_MASK 0xfffffffffffff000ull
#define VDISC_PCI_MCAST_OVL_SIZE_MASK 0x3f /* log2 of the overlay size; below 6: disabled */
#define VDISC_PCI_MCAST_OVL_ADDR_MASK 0xffffffffffffffc0ull
#define VDISC_PCI_MCAST_OVL_MIN_SIZE 6

/* Page Request Interface (PCI Express Base 6.0 10.5.2). */
#define VDISC_PCI_PRI_CTRL 0x04	     /* 16 */
#define VDISC_PCI_PRI_STATUS 0x06    /* 16 */
#define VDISC_PCI_PRI_MAX_REQ 0x08   /* 32: outstanding page request capacity */
#define VDISC_PCI_PRI_ALLOC_REQ 0x0c /* 32: outstanding page request allocation */
#define VDISC_PCI_PRI_SIZEOF 0x10
#define VDISC_PCI_PRI_CTRL_ENABLE 0x0001
#define VDISC_PCI_PRI_CTRL_RESET 0x0002
#define VDISC_PCI_PRI_STATUS_RF 0x0001
#define VDISC_PCI_PRI_STATUS_UPRGI 0x0002
#define VDISC_PCI_PRI_STATUS_STOPPED 0x0100
#define VDISC_PCI_PRI_STATUS_PASID 0x8000

/* Process Address Space ID (7.8.9). */
#define VDISC_PCI_PASID_CAP 0x04  /* 16 */
#define VDISC_PCI_PASID_CTRL 0x06 /* 16 */
#define VDISC_PCI_PASID_CAP_EXEC 0x02
#define VDISC_PCI_PASID_CAP_PRIV 0x04
#define VDISC_PCI_PASID_CAP_WIDTH_SHIFT 8 /* 5 bits: max PASID width */
#define VDISC_PCI_PASID_CAP_WIDTH_MASK 0x1f
#define VDISC_PCI_PASID_CTRL_ENABLE 0x01
#define VDISC_PCI_PASID_CTRL_EXEC 0x02
#define VDISC_PCI_PASID_CTRL_PRIV 0x04

/* TPH Requester (7.9.13). */
#define VDISC_PCI_TPH_CAP 4		   /* 32 */
#define VDISC_PCI_TPH_CAP_NO_ST 0x00000001 /* 7.9.13.2: no steering tag mode */
#define VDISC_PCI_TPH_CAP_INT_VEC 0x00000002
#define VDISC_PCI_TPH_CAP_DEV_SPEC 0x00000004
#define VDISC_PCI_TPH_CAP_EXT_TPH 0x00000100
#define VDISC_PCI_TPH_CAP_LOC_MASK 0x600
#define VDISC_PCI_TPH_LOC_NONE 0x000
#define VDISC_PCI_TPH_LOC_CAP 0x200
#define VDISC_PCI_TPH_LOC_MSIX 0x400
#define VDISC_PCI_TPH_CAP_ST_MASK 0x07FF0000 /* steering table size - 1 */
#define VDISC_PCI_TPH_CAP_ST_SHIFT 16

/*
 * Extended capabilities: power and link management and designated vendors (LTR, secondary
 * PCIe, L1 PM substates, PTM, DPC, resizable BARs, data link feature, 16/32 GT/s physical
 * layers, lane margining, DOE, IDE, NPEM, DVSEC (CXL), VSEC).
 */
/* -- section: extended capabilities (link) -- */

/* Latency Tolerance Reporting (PCI Express Base 6.0, 7.8.2). */
#define VDISC_PCI_LTR_MAX_SNOOP_LAT 0x4	  /* 16 */
#define VDISC_PCI_LTR_MAX_NOSNOOP_LAT 0x6 /* 16 */
#define VDISC_PCI_LTR_VALUE_MASK 0x000003ff
#define VDISC_PCI_LTR_SCALE_MASK 0x00001c00
#define VDISC_PCI_LTR_SCALE_SHIFT 10
#define VDISC_PCI_LTR_SCALE_MAX 5 /* 32^5 ns; 6 and 7 are "not permitted" */
#define VDISC_PCI_EXT_CAP_LTR_SIZEOF 8

/* Secondary PCI Express (7.7.3): Link Control 3, Lane Error Status, lane equalization. */
#define VDISC_PCI_SECPCI_LNKCTL3 0x04		       /* 32 (7.7.3.2) */
#define VDISC_PCI_SECPCI_LNKCTL3_PERFORM_EQ 0x00000001 /* Perform Equalization */
#define VDISC_PCI_SECPCI_LNKCTL3_EQ_REQ_INT 0x00000002 /* Link Equalization Request Int. En. */
#define VDISC_PCI_SECPCI_LNKCTL3_SKP_OS_VEC 0x0000fe00 /* Enable Lower SKP OS Generation Vector */
#define VDISC_PCI_SECPCI_LNKCTL3_SKP_OS_SHIFT 9
#define VDISC_PCI_SECPCI_LANE_ERR 0x08		 /* 32: one bit per lane (7.7.3.3) */
#define VDISC_PCI_SECPCI_LE_CTRL 0x0c		 /* 16 per lane (7.7.3.4) */
#define VDISC_PCI_SECPCI_LE_DSP_TX_PRESET 0x000f /* in each lane's entry */
#define VDISC_PCI_SECPCI_LE_DSP_RX_HINT 0x0070
#define VDISC_PCI_SECPCI_LE_DSP_RX_HINT_SHIFT 4
#define VDISC_PCI_SECPCI_LE_USP_TX_PRESET 0x0f00
#define VDISC_PCI_SECPCI_LE_USP_TX_PRESET_SHIFT 8
#define VDISC_PCI_SECPCI_LE_USP_RX_HINT 0x7000
#define VDISC_PCI_SECPCI_LE_USP_RX_HINT_SHIFT 12
#define VDISC_PCI_SECPCI_MAX_LANES 32
#define VDISC_PCI_SECPCI_SIZEOF_MIN 0x0c /* through Lane Error Status */

/* L1 PM Substates (7.8.3). */
#define VDISC_PCI_L1SS_CAP 0x04 /* 32 */
#define VDISC_PCI_L1SS_CAP_PCIPM_L1_2 0x00000001
#define VDISC_PCI_L1SS_CAP_PCIPM_L1_1 0x00000002
#define VDISC_PCI_L1SS_CAP_ASPM_L1_2 0x00000004
#define VDISC_PCI_L1SS_CAP_ASPM_L1_1 0x00000008
#define VDISC_PCI_L1SS_CAP_L1_PM_SS 0x00000010
#define VDISC_PCI_L1SS_CAP_CM_RESTORE_TIME 0x0000ff00
#define VDISC_PCI_L1SS_CAP_CM_RESTORE_SHIFT 8
#define VDISC_PCI_L1SS_CAP_P_PWR_ON_SCALE 0x00030000
#define VDISC_PCI_L1SS_CAP_P_PWR_ON_SCALE_SHIFT 16
#define VDISC_PCI_L1SS_CAP_P_PWR_ON_VALUE 0x00f80000
#define VDISC_PCI_L1SS_CAP_P_PWR_ON_VALUE_SHIFT 19
#define VDISC_PCI_L1SS_CTL1 0x08 /* 32 */
#define VDISC_PCI_L1SS_CTL1_PCIPM_L1_2 0x00000001
#define VDISC_PCI_L1SS_CTL1_PCIPM_L1_1 0x00000002
#define VDISC_PCI_L1SS_CTL1_ASPM_L1_2 0x00000004
#define VDISC_PCI_L1SS_CTL1_ASPM_L1_1 0x00000008
#define VDISC_PCI_L1SS_CTL1_CM_RESTORE_TIME 0x0000ff00
#define VDISC_PCI_L1SS_CTL1_CM_RESTORE_SHIFT 8
#define VDISC_PCI_L1SS_CTL1_LTR_L12_TH_VALUE 0x03ff0000
#define VDISC_PCI_L1SS_CTL1_LTR_L12_TH_VALUE_SHIFT 16
#define VDISC_PCI_L1SS_CTL1_LTR_L12_TH_SCALE 0xe0000000
#define VDISC_PCI_L1SS_CTL1_LTR_L12_TH_SCALE_SHIFT 29
#define VDISC_PCI_L1SS_CTL2 0x0c		      /* 32 */
#define VDISC_PCI_L1SS_CTL2_T_PWR_ON_SCALE 0x00000003 /* T_POWER_ON Scale (7.8.3.4) */
#define VDISC_PCI_L1SS_CTL2_T_PWR_ON_VALUE 0x000000f8
#define VDISC_PCI_L1SS_CTL2_T_PWR_ON_VALUE_SHIFT 3
#define VDISC_PCI_L1SS_PWR_ON_SCALE_MAX 2 /* 2, 10, 100 us; 3 is reserved */
#define VDISC_PCI_L1SS_SIZEOF 0x10

/* Precision Time Measurement (7.9.15). */
#define VDISC_PCI_PTM_CAP 0x04 /* 32 */
#define VDISC_PCI_PTM_CAP_REQ 0x00000001
#define VDISC_PCI_PTM_CAP_RES 0x00000002 /* Responder Capable */
#define VDISC_PCI_PTM_CAP_ROOT 0x00000004
#define VDISC_PCI_PTM_CAP_EPTM 0x00000008	/* ePTM Capable */
#define VDISC_PCI_PTM_CAP_PROP_DELAY 0x00010000 /* PTM Propagation Delay Adaptation (6.0) */
#define VDISC_PCI_PTM_GRANULARITY_MASK 0x0000ff00
#define VDISC_PCI_PTM_GRANULARITY_SHIFT 8
#define VDISC_PCI_PTM_GRANULARITY_NONE 0x00  /* unimplemented, or unknown in the control */
#define VDISC_PCI_PTM_GRANULARITY_ABOVE 0xff /* more than 254 ns */
#define VDISC_PCI_PTM_CTRL 0x08		     /* 32 */
#define VDISC_PCI_PTM_CTRL_ENABLE 0x00000001
#define VDISC_PCI_PTM_CTRL_ROOT 0x00000002
#define VDISC_PCI_PTM_SIZEOF 0x0c

/* Downstream Port Containment (7.9.14). */
#define VDISC_PCI_EXP_DPC_CAP 0x04 /* 16 */
#define VDISC_PCI_EXP_DPC_IRQ 0x001f
#define VDISC_PCI_EXP_DPC_CAP_RP_EXT 0x0020
#define VDISC_PCI_EXP_DPC_CAP_POISONED_TLP 0x0040
#define VDISC_PCI_EXP_DPC_CAP_SW_TRIGGER 0x0080
#define VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE 0x0f00
#define VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE_SHIFT 8
#define VDISC_PCI_EXP_DPC_CAP_DL_ACTIVE 0x1000
#define VDISC_PCI_EXP_DPC_RP_PIO_LOG_SIZE4 0x2000 /* the size's bit 4 (PCIe 6.0) */
#define VDISC_PCI_EXP_DPC_CTL 0x06		  /* 16 */
#define VDISC_PCI_EXP_DPC_CTL_TRIGGER 0x0003	  /* Trigger Enable: 0 off, 1 fatal, 2 both */
#define VDISC_PCI_EXP_DPC_CTL_EN_FATAL 0x0001
#define VDISC_PCI_EXP_DPC_CTL_EN_NONFATAL 0x0002
#define VDISC_PCI_EXP_DPC_CTL_CMPL 0x0004 /* Completion Control */
#define VDISC_PCI_EXP_DPC_CTL_INT_EN 0x0008
#define VDISC_PCI_EXP_DPC_CTL_ERR_COR 0x0010  /* ERR_COR Enable */
#define VDISC_PCI_EXP_DPC_CTL_POISONED 0x0020 /* Poisoned TLP Egress Blocking Enable */
#define VDISC_PCI_EXP_DPC_CTL_SW_TRIGGER 0x0040
#define VDISC_PCI_EXP_DPC_CTL_DL_ACTIVE 0x0080
#define VDISC_PCI_EXP_DPC_STATUS 0x08 /* 16 */
#define VDISC_PCI_EXP_DPC_STATUS_TRIGGER 0x0001
#define VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN 0x0006
#define VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_SHIFT 1
#define VDISC_PCI_EXP_DPC_STATUS_INTERRUPT 0x0008
#define VDISC_PCI_EXP_DPC_RP_BUSY 0x0010
#define VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_EXT 0x0060
#define VDISC_PCI_EXP_DPC_STATUS_TRIGGER_RSN_EXT_SHIFT 5
#define VDISC_PCI_EXP_DPC_RP_PIO_FEP 0x1f00
#define VDISC_PCI_EXP_DPC_RP_PIO_FEP_SHIFT 8
#define VDISC_PCI_EXP_DPC_SOURCE_ID 0x0a  /* 16 */
#define VDISC_PCI_EXP_DPC_SIZEOF_MIN 0x0c /* through the source id */

/* Resizable BAR and VF Resizable BAR (7.8.6, 9.3.7.5): up to six {capability, control}. */
#define VDISC_PCI_REBAR_CAP 4		  /* 32, then every 8 bytes */
#define VDISC_PCI_REBAR_CAP_SIZES_SHIFT 4 /* bit 4 is 1 MB, bit 31 is 128 TB */
#define VDISC_PCI_REBAR_CTRL 8		  /* 32 */
#define VDISC_PCI_REBAR_CTRL_BAR_IDX 0x00000007
#define VDISC_PCI_REBAR_CTRL_NBAR_MASK 0x000000e0
#define VDISC_PCI_REBAR_CTRL_NBAR_SHIFT 5
#define VDISC_PCI_REBAR_CTRL_BAR_SHIFT 8
#define VDISC_PCI_REBAR_CTRL_SIZE_FIELD 0x00003f00 /* BAR Size, 6 bits in PCIe 6.0 7.8.6.3 */
#define VDISC_PCI_REBAR_CTRL_EXT_SIZES_SHIFT 16	   /* bit 16 is 256 TB ... bit 31 is 8 EB */
#define VDISC_PCI_REBAR_ENTRY_SIZE 8
#define VDISC_PCI_REBAR_MAX_BARS 6
#define VDISC_PCI_REBAR_SIZE_MAX 43 /* log2(size / 1 MB) of 8 EB; above is reserved */

/* Designated Vendor-Specific (7.9.6) and Vendor-Specific (7.9.5) extended capabilities. */
#define VDISC_PCI_DVSEC_HEADER1 0x4 /* 32: vendor, revision, length */
#define VDISC_PCI_DVSEC_HEADER2 0x8 /* 16: DVSEC id */
#define VDISC_PCI_DVSEC_HEADER_SIZEOF 0x0a
#define VDISC_PCI_VNDR_HEADER 4 /* 32: id, revision, length */
#define VDISC_PCI_VNDR_HEADER_SIZEOF 8
#define VDISC_PCI_VSEC_ID_MASK 0x0000ffff /* in either header */
#define VDISC_PCI_VSEC_REV_SHIFT 16	  /* 4 bits */
#define VDISC_PCI_VSEC_LEN_SHIFT 20	  /* 12 bits */
#define VDISC_PCI_VSEC_REV_MASK 0xf
#define VDISC_PCI_VSEC_LEN_MASK 0xfff

/* Compute Express Link DVSECs (CXL 3.0, 8.1): vendor 1E98h; offsets from the capability. */
#define VDISC_PCI_DVSEC_VENDOR_ID_CXL 0x1e98
#define VDISC_CXL_DVSEC_PCIE_DEVICE 0x0000	 /* 8.1.3 */
#define VDISC_CXL_DVSEC_FUNCTION_MAP 0x0002	 /* 8.1.4 (non-CXL function map) */
#define VDISC_CXL_DVSEC_PORT 0x0003		 /* 8.1.5: CXL extensions for ports */
#define VDISC_CXL_DVSEC_PORT_GPF 0x0004		 /* 8.1.6 */
#define VDISC_CXL_DVSEC_DEVICE_GPF 0x0005	 /* 8.1.7 */
#define VDISC_CXL_DVSEC_PCIE_FLEXBUS_PORT 0x0007 /* 8.1.8 */
#define VDISC_CXL_DVSEC_REG_LOCATOR 0x0008	 /* 8.1.9 */
#define VDISC_CXL_DVSEC_MLD 0x0009		 /* 8.1.10 */
#define VDISC_CXL_DVSEC_MIN_LEN 16 /* lspci decodes a CXL DVSEC only from this length on */
#define VDISC_CXL_DEV_LEN 0x38
#define VDISC_CXL_DEV_CAP 0x0a /* 16 */
#define VDISC_CXL_DEV_CAP_CACHE 0x0001
#define VDISC_CXL_DEV_CAP_IO 0x0002
#define VDISC_CXL_DEV_CAP_MEM 0x0004
#define VDISC_CXL_DEV_CAP_MEM_HWINIT 0x0008
#define VDISC_CXL_DEV_CAP_HDM_COUNT 0x0030
#define VDISC_CXL_DEV_CAP_HDM_COUNT_SHIFT 4
#define VDISC_CXL_DEV_CAP_VIRAL 0x4000
#define VDISC_CXL_DEV_CTRL 0x0c /* 16 */
#define VDISC_CXL_DEV_CTRL_CACHE 0x0001
#define VDISC_CXL_DEV_CTRL_IO 0x0002
#define VDISC_CXL_DEV_CTRL_MEM 0x0004
#define VDISC_CXL_DEV_CTRL_SF_COV 0x00f8 /* Cache SF Coverage */
#define VDISC_CXL_DEV_CTRL_SF_COV_SHIFT 3
#define VDISC_CXL_DEV_CTRL_SF_GRAN 0x0700 /* Cache SF Granularity */
#define VDISC_CXL_DEV_CTRL_SF_GRAN_SHIFT 8
#define VDISC_CXL_DEV_CTRL_CACHE_CLEAN 0x0800
#define VDISC_CXL_DEV_CTRL_VIRAL 0x4000
#define VDISC_CXL_DEV_STATUS 0x0e /* 16 */
#define VDISC_CXL_DEV_STATUS_VIRAL 0x4000
#define VDISC_CXL_DEV_STATUS2 0x12 /* 16 */
#define VDISC_CXL_DEV_STATUS2_RESET_DONE 0x0002
#define VDISC_CXL_DEV_STATUS2_RESET_ERR 0x0004
#define VDISC_CXL_DEV_STATUS2_PM_DONE 0x8000
#define VDISC_CXL_DEV_CAP2 0x16 /* 16 */
#define VDISC_CXL_DEV_CAP2_CACHE_UNIT 0x000f
#define VDISC_CXL_DEV_CAP2_CACHE_SIZE 0xff00
#define VDISC_CXL_DEV_CAP2_CACHE_SIZE_SHIFT 8
#define VDISC_CXL_DEV_CAP2_UNIT_NONE 0 /* cache size not reported */
#define VDISC_CXL_DEV_CAP2_UNIT_64K 1
#define VDISC_CXL_DEV_CAP2_UNIT_1M 2
#define VDISC_CXL_DEV_RANGE1 0x18 /* size high, size low, base high, base low; range 2 at 0x28 */
#define VDISC_CXL_DEV_RANGE_STRIDE 0x10
#define VDISC_CXL_RANGE_VALID 0x0001 /* in the size's low dword */
#define VDISC_CXL_RANGE_ACTIVE 0x0002
#define VDISC_CXL_RANGE_TYPE 0x001c
#define VDISC_CXL_RANGE_TYPE_SHIFT 2
#define VDISC_CXL_RANGE_CLASS 0x00e0
#define VDISC_CXL_RANGE_CLASS_SHIFT 5
#define VDISC_CXL_RANGE_INTERLEAVE 0x1f00
#define VDISC_CXL_RANGE_INTERLEAVE_SHIFT 8
#define VDISC_CXL_RANGE_TIMEOUT 0xe000
#define VDISC_CXL_RANGE_TIMEOUT_SHIFT 13
#define VDISC_CXL_RANGE_ADDR_MASK 0xfffffffff0000000ull /* 256 MB granules */
#define VDISC_CXL_PORT_LEN 0x28
#define VDISC_CXL_PORT_STATUS 0x0a /* 16 */
#define VDISC_CXL_PORT_STATUS_PM_DONE 0x0001
#define VDISC_CXL_PORT_CTRL 0x0c /* 16 */
#define VDISC_CXL_PORT_CTRL_UNMASK_SBR 0x0001
#define VDISC_CXL_PORT_CTRL_UNMASK_LINK 0x0002
#define VDISC_CXL_PORT_CTRL_ALT_MEM 0x0004
#define VDISC_CXL_PORT_CTRL_ALT_BME 0x0008
#define VDISC_CXL_PORT_CTRL_VIRAL 0x4000
#define VDISC_CXL_PORT_ALT_BUS_BASE 0x0e  /* 8 */
#define VDISC_CXL_PORT_ALT_BUS_LIMIT 0x0f /* 8 */
#define VDISC_CXL_PORT_ALT_MEM_BASE 0x10  /* 16 */
#define VDISC_CXL_PORT_ALT_MEM_LIMIT 0x12 /* 16 */
#define VDISC_CXL_GPF_PORT_PHASE1 0x0c	  /* 16: GPF Phase 1 Control */
#define VDISC_CXL_GPF_PORT_PHASE2 0x0e	  /* 16: GPF Phase 2 Control */
#define VDISC_CXL_GPF_DEV_PHASE2_DUR 0x0a /* 16 */
#define VDISC_CXL_GPF_DEV_PHASE2_POW 0x0c /* 32: mW */
#define VDISC_CXL_GPF_TIME_BASE 0x000f
#define VDISC_CXL_GPF_TIME_SCALE 0x0f00 /* 0 1 us, 1 10 us ... 6 1 s, 7 10 s; above reserved */
#define VDISC_CXL_GPF_TIME_SCALE_SHIFT 8
#define VDISC_CXL_GPF_SCALE_1MS 3
#define VDISC_CXL_GPF_SCALE_1S 6
#define VDISC_CXL_GPF_SCALE_10S 7
#define VDISC_CXL_FB_CAP 0x0a	  /* 16 */
#define VDISC_CXL_FB_CTRL 0x0c	  /* 16 */
#define VDISC_CXL_FB_STATUS 0x0e  /* 16 */
#define VDISC_CXL_FB_CACHE 0x0001 /* in all three */
#define VDISC_CXL_FB_IO 0x0002
#define VDISC_CXL_FB_MEM 0x0004
#define VDISC_CXL_FB_SYNC_HDR_BYP 0x0008 /* control, status */
#define VDISC_CXL_FB_DRIFT_BUF 0x0010	 /* control, status */
#define VDISC_CXL_FB_68B_FLIT 0x0020
#define VDISC_CXL_FB_MLD 0x0040
#define VDISC_CXL_FB_RCD 0x0080	     /* control: disable RCD training */
#define VDISC_CXL_FB_RETIMER1 0x0100 /* control */
#define VDISC_CXL_FB_RETIMER2 0x0200 /* control */
#define VDISC_CXL_FB_256B_FLIT 0x2000
#define VDISC_CXL_FB_PBR_FLIT 0x4000
#define VDISC_CXL_FB_MOD_TS 0x10 /* 32: received modified TS data, phase 1 */
#define VDISC_CXL_FB_MOD_TS_DATA 0x00ffffff
#define VDISC_CXL_FB_CAP2 0x14		/* 32 (revision 2) */
#define VDISC_CXL_FB_CTRL2 0x18		/* 32 */
#define VDISC_CXL_FB_STATUS2 0x1c	/* 32 */
#define VDISC_CXL_FB_NOP_HINT 0x01	/* in the "2" capability and control */
#define VDISC_CXL_FB_NOP_HINT_INFO 0x03 /* in the "2" status */
#define VDISC_CXL_RL_BLOCK1 0x0c	/* 2 x 32 per block */
#define VDISC_CXL_RL_BLOCK_SIZE 8
#define VDISC_CXL_RL_BIR 0x00000007
#define VDISC_CXL_RL_BLOCK_ID 0x0000ff00
#define VDISC_CXL_RL_BLOCK_ID_SHIFT 8
#define VDISC_CXL_RL_OFFSET_LOW 0xffff0000
#define VDISC_CXL_RL_ID_VENDOR 0xff
#define VDISC_CXL_MLD_NUM_LD 0x0a   /* 16 */
#define VDISC_CXL_MLD_MAX_LD 16	    /* above is reserved */
#define VDISC_CXL_FUN_MAP_REG0 0x0c /* 32 each, eight of them */
#define VDISC_CXL_FUN_MAP_REGS 8

/* Data Object Exchange (7.9.24). */
#define VDISC_PCI_DOE_CAP 0x04 /* 32 */
#define VDISC_PCI_DOE_CAP_INT_SUP 0x00000001
#define VDISC_PCI_DOE_CAP_INT_MSG_NUM 0x00000ffe
#define VDISC_PCI_DOE_CAP_INT_MSG_SHIFT 1
#define VDISC_PCI_DOE_CTRL 0x08 /* 32 */
#define VDISC_PCI_DOE_CTRL_ABORT 0x00000001
#define VDISC_PCI_DOE_CTRL_INT_EN 0x00000002
#define VDISC_PCI_DOE_CTRL_GO 0x80000000
#define VDISC_PCI_DOE_STATUS 0x0c /* 32 */
#define VDISC_PCI_DOE_STATUS_BUSY 0x00000001
#define VDISC_PCI_DOE_STATUS_INT_STATUS 0x00000002
#define VDISC_PCI_DOE_STATUS_ERROR 0x00000004
#define VDISC_PCI_DOE_STATUS_DATA_OBJECT_READY 0x80000000
#define VDISC_PCI_DOE_WRITE 0x10
#define VDISC_PCI_DOE_READ 0x14
#define VDISC_PCI_DOE_SIZEOF 0x18

/* Data Link Feature (7.7.4). */
#define VDISC_PCI_DLF_CAP 0x04			 /* 32: locally supported features */
#define VDISC_PCI_DLF_EXCHANGE_ENABLE 0x80000000 /* in the capabilities register */
#define VDISC_PCI_DLF_STATUS 0x08		 /* 32: the remote's features (7.7.4.3) */
#define VDISC_PCI_DLF_REMOTE_VALID 0x80000000	 /* Remote Data Link Feature Supported Valid */
#define VDISC_PCI_DLF_FEATURES 0x007fffff
#define VDISC_PCI_DLF_SCALED_FC 0x00000001 /* Scaled Flow Control */
#define VDISC_PCI_DLF_SIZEOF 0x0c

/* Physical Layer 16.0 GT/s (7.7.5) and 32.0 GT/s (7.7.6): status, then lanes at 0x20. */
#define VDISC_PCI_PL_16GT_CAP 0x04     /* 32, reserved */
#define VDISC_PCI_PL_16GT_CTRL 0x08    /* 32, reserved */
#define VDISC_PCI_PL_16GT_STATUS 0x0c  /* 32 */
#define VDISC_PCI_PL_16GT_LDPM 0x10    /* 32: Local Data Parity Mismatch, a bit a lane */
#define VDISC_PCI_PL_16GT_FRDPM 0x14   /* 32: First Retimer's */
#define VDISC_PCI_PL_16GT_SRDPM 0x18   /* 32: Second Retimer's */
#define VDISC_PCI_PL_16GT_LE_CTRL 0x20 /* 8 per lane */
#define VDISC_PCI_PL_16GT_LE_CTRL_DSP_TX_PRESET_MASK 0x0000000f
#define VDISC_PCI_PL_16GT_LE_CTRL_USP_TX_PRESET_MASK 0x000000f0
#define VDISC_PCI_PL_16GT_LE_CTRL_USP_TX_PRESET_SHIFT 4
#define VDISC_PCI_PL_EQ_COMPLETE 0x00000001 /* in the 16 and 32 GT/s status */
#define VDISC_PCI_PL_EQ_PHASE1 0x00000002
#define VDISC_PCI_PL_EQ_PHASE2 0x00000004
#define VDISC_PCI_PL_EQ_PHASE3 0x00000008
#define VDISC_PCI_PL_EQ_REQUEST 0x00000010
#define VDISC_PCI_PL_32GT_CAP 0x04 /* 32 */
#define VDISC_PCI_PL_32GT_CAP_EQ_BYPASS 0x00000001
#define VDISC_PCI_PL_32GT_CAP_NO_EQ 0x00000002
#define VDISC_PCI_PL_32GT_CAP_MTS_MODES 0x00000700 /* Modified TS Usage Modes 0-2 Supported */
#define VDISC_PCI_PL_32GT_CAP_MTS_MODES_SHIFT 8
#define VDISC_PCI_PL_32GT_CTRL 0x08 /* 32 */
#define VDISC_PCI_PL_32GT_CTRL_EQ_BYPASS_DIS 0x00000001
#define VDISC_PCI_PL_32GT_CTRL_NO_EQ_DIS 0x00000002
#define VDISC_PCI_PL_32GT_CTRL_MTS_MODE 0x00000700 /* Modified TS Usage Mode Selected */
#define VDISC_PCI_PL_32GT_CTRL_MTS_MODE_SHIFT 8
#define VDISC_PCI_PL_32GT_STATUS 0x0c /* 32: the equalization bits, then: */
#define VDISC_PCI_PL_32GT_STATUS_MTS_RECEIVED 0x00000020
#define VDISC_PCI_PL_32GT_STATUS_ELBC 0x000000c0 /* Received Enhanced Link Behavior Control */
#define VDISC_PCI_PL_32GT_STATUS_ELBC_SHIFT 6
#define VDISC_PCI_PL_32GT_STATUS_PRECODING_ON 0x00000100
#define VDISC_PCI_PL_32GT_STATUS_PRECODING_REQ 0x00000200
#define VDISC_PCI_PL_32GT_STATUS_NO_EQ_RECEIVED 0x00000400
#define VDISC_PCI_PL_32GT_RX_MTS1 0x10 /* 32: Received Modified TS Data 1 */
#define VDISC_PCI_PL_32GT_RX_MTS2 0x14
#define VDISC_PCI_PL_32GT_TX_MTS1 0x18 /* 32: Transmitted Modified TS Data 1 */
#define VDISC_PCI_PL_32GT_TX_MTS2 0x1c
#define VDISC_PCI_PL_32GT_LE_CTRL 0x20 /* 8 per lane */
#define VDISC_PCI_PL_SIZEOF_MIN 0x20   /* either, before its lanes */

/* Lane Margining at the Receiver (7.7.7). */
#define VDISC_PCI_LMR_PORT_CAP 0x04		/* 16 */
#define VDISC_PCI_LMR_PORT_CAP_DRIVER_SW 0x0001 /* Margining uses Driver Software */
#define VDISC_PCI_LMR_PORT_STATUS 0x06		/* 16 */
#define VDISC_PCI_LMR_PORT_STATUS_READY 0x0001
#define VDISC_PCI_LMR_PORT_STATUS_SW_READY 0x0002
#define VDISC_PCI_LMR_LANE_CTRL 0x08   /* 16, then the lane's status (16); 4 bytes a lane */
#define VDISC_PCI_LMR_LANE_RCV 0x0007  /* Receiver Number, in control and status */
#define VDISC_PCI_LMR_LANE_TYPE 0x0038 /* Margin Type */
#define VDISC_PCI_LMR_LANE_TYPE_SHIFT 3
#define VDISC_PCI_LMR_LANE_USAGE 0x0040 /* Usage Model */
#define VDISC_PCI_LMR_LANE_PAYLOAD 0xff00
#define VDISC_PCI_LMR_LANE_PAYLOAD_SHIFT 8
#define VDISC_PCI_LMR_SIZEOF_MIN 0x08

/* Native PCIe Enclosure Management (7.9.19): capability, control, status. */
#define VDISC_PCI_NPEM_CAP 0x04		      /* 32 */
#define VDISC_PCI_NPEM_CTRL 0x08	      /* 32 */
#define VDISC_PCI_NPEM_STATUS 0x0c	      /* 32 */
#define VDISC_PCI_NPEM_CAP_CAPABLE 0x00000001 /* NPEM Capable; in the control: NPEM Enable */
#define VDISC_PCI_NPEM_CTRL_RESET 0x00000002  /* Initiate Reset; Reset Capable in the cap. */
#define VDISC_PCI_NPEM_INDICATIONS 0x00000ffc /* OK ... Disabled: the same bits in both */
#define VDISC_PCI_NPEM_OK 0x00000004
#define VDISC_PCI_NPEM_LOCATE 0x00000008
#define VDISC_PCI_NPEM_FAIL 0x00000010
#define VDISC_PCI_NPEM_REBUILD 0x00000020
#define VDISC_PCI_NPEM_PFA 0x00000040
#define VDISC_PCI_NPEM_HOT_SPARE 0x00000080
#define VDISC_PCI_NPEM_ICA 0x00000100 /* In A Critical Array */
#define VDISC_PCI_NPEM_IFA 0x00000200 /* In A Failed Array */
#define VDISC_PCI_NPEM_IDT 0x00000400 /* Invalid Device Type */
#define VDISC_PCI_NPEM_DISABLED 0x00000800
#define VDISC_PCI_NPEM_SPEC 0xff000000	    /* enclosure-specific */
#define VDISC_PCI_NPEM_STATUS_CC 0x00000001 /* Command Completed */
#define VDISC_PCI_NPEM_SIZEOF 0x10

/* Integrity and Data Encryption (7.9.26). */
#define VDISC_PCI_IDE_CAP 0x04		  /* 32 */
#define VDISC_PCI_IDE_CAP_LINK 0x00000001 /* Link IDE Stream Supported */
#define VDISC_PCI_IDE_CAP_SELECTIVE 0x00000002
#define VDISC_PCI_IDE_CAP_FLOWTHROUGH 0x00000004
#define VDISC_PCI_IDE_CAP_PARTIAL_HEADER 0x00000008
#define VDISC_PCI_IDE_CAP_AGGREGATION 0x00000010
#define VDISC_PCI_IDE_CAP_PCRC 0x00000020
#define VDISC_PCI_IDE_CAP_IDE_KM 0x00000040
#define VDISC_PCI_IDE_CAP_SEL_CFG 0x00000080
#define VDISC_PCI_IDE_CAP_ALGS 0x00001f00 /* Supported Algorithms: 0 AES-GCM-256-96b MAC */
#define VDISC_PCI_IDE_CAP_ALGS_SHIFT 8
#define VDISC_PCI_IDE_CAP_LINK_TC 0x0000e000 /* Number of TCs Supported for Link IDE, minus 1 */
#define VDISC_PCI_IDE_CAP_LINK_TC_SHIFT 13
#define VDISC_PCI_IDE_CAP_SEL_NUM 0x00ff0000 /* Selective IDE Streams Supported, minus 1 */
#define VDISC_PCI_IDE_CAP_SEL_NUM_SHIFT 16
#define VDISC_PCI_IDE_CTRL 0x08 /* 32 */
#define VDISC_PCI_IDE_CTRL_FLOWTHROUGH 0x00000004
#define VDISC_PCI_IDE_LINK_STREAM 0x0c		     /* 8 per TC: control, status */
#define VDISC_PCI_IDE_SEL_CAP_ADDR_BLOCKS 0x0000000f /* Address Association Register Blocks */
#define VDISC_PCI_IDE_SEL_HEADER 0x14	  /* a selective stream: cap, ctrl, status, RID 1, RID 2 */
#define VDISC_PCI_IDE_SEL_ADDR_BLOCK 0x0c /* then 12 bytes per address block */
#define VDISC_PCI_IDE_STREAM_ENABLE 0x00000001 /* in a stream's control */
#define VDISC_PCI_IDE_STREAM_ID 0xff000000     /* Stream ID in a stream's control */
#define VDISC_PCI_IDE_STREAM_ID_SHIFT 24
#define VDISC_PCI_IDE_STREAM_STATE 0x0000000f	       /* in a stream's status */
#define VDISC_PCI_IDE_STREAM_RECV_INTEGRITY 0x80000000 /* Received Integrity Check Fail Msg */

#ifdef __cplusplus
}
#endif

#endif
