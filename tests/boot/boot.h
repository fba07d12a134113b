/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BOOT_BOOT_H
#define VDISC_BOOT_BOOT_H

/* Shared between the boot kernel's parts: the platform, the model and the tallies. */
#include <stdbool.h>
#include <stdint.h>

#include <vdisc/vdisc.h>

/* ---- platform.c ---- */
extern const struct vdisc_platform boot_platform;
void boot_set_timebase(uint64_t hz);
uint64_t boot_timebase(void);
/* PCI I/O space seen through an MMIO window (DT host bridges): port p is at cpu_base + p -
 * pci_base. */
void boot_set_pio_window(uint64_t cpu_base, uint64_t pci_base, uint64_t size);
/* Give back every DMA allocation: one device is driven at a time. */
void boot_dma_reset(void);
/* Called at the start of every wait_irq sleep (NULL: nothing), so a benchmark can note the
 * state a driver waits in before a timeout's reset changes it. */
extern void (*boot_wait_probe)(void);

/* ---- kernel.c ---- */
extern struct vdisc_arena boot_arena;
extern struct vdisc_model boot_model;
struct boot_tally {
	unsigned devices, virtio, blk, failures;
};
extern struct boot_tally boot_tally;
void boot_fail(void);

/*
 * Devices meet drivers through one vdisc_registry, in both orders: the
 * virtio-blk driver is registered before any device, the virtio-mmio
 * transport driver after the device-tree nodes it binds, the virtio-pci one
 * before PCI is enumerated.  A transport driver's probe adds a virtio device
 * as a child, which the blk driver then probes.
 */
extern struct vdisc_registry boot_registry;
/* @d into the registry as a bus device (in the arena) carrying @data; false: out of arena. */
bool boot_register(const struct vdisc_device *d, void *data);

/* ---- acpi_boot.c (no device tree: x86) ---- */
#define BOOT_ACPI_MAX_IOAPICS 4
#define BOOT_ACPI_MAX_OVERRIDES 16
struct boot_acpi {
	uint64_t rsdp; /* 0: no ACPI, the MP table's */
	uint64_t mp;
	uint64_t lapic_base; /* the MADT's, or its 64-bit override */
	unsigned nioapic, noverrides;
	struct {
		uint8_t id;
		uint64_t base;
		uint32_t gsi_base;
	} ioapic[BOOT_ACPI_MAX_IOAPICS];
	struct {
		uint8_t isa_irq;
		uint32_t gsi;
		uint16_t flags; /* MPS INTI flags: polarity bits 1:0, trigger mode bits 3:2 */
	} override[BOOT_ACPI_MAX_OVERRIDES];
};
extern struct boot_acpi boot_acpi; /* kernel.c: zero with a device tree */
/* The RSDP at @rsdp_hint (0: scan the BIOS area) and its MADT, else the MP table;
 * -VDISC_ENOTFOUND: none valid. */
int boot_acpi_scan(uint64_t rsdp_hint, struct boot_acpi *out);
/* ISA IRQ @irq's global system interrupt after the MADT's overrides (and their flags). */
uint32_t boot_acpi_isa_gsi(const struct boot_acpi *acpi, uint32_t irq, uint16_t *flags);
void boot_acpi_print(const struct boot_acpi *acpi);

/* ---- irq_boot.c ---- */
/* What kernel_irq saw: every entry, the timer's, lines nobody owns (or a claim with none). */
struct boot_irq_stats {
	uint32_t taken, timer, device, spurious;
};
extern volatile struct boot_irq_stats boot_irq_stats;
/* The library's interrupt-controller driver into the registry, before any device. */
void boot_irq_driver(void);
/* After the controller nodes are bound: the claiming controller (or x86's APICs, the
 * tables' local APIC base @table_lapic compared with the CPU's) and the one-shot timer. */
void boot_irq_init(bool have_dt, uint64_t table_lapic);
struct vdisc_irqchip;
/* A controller by the name a vdisc_irq gives (a DT path, or "ioapicN" on x86); NULL: none. */
struct vdisc_irqchip *boot_irq_chip(const char *controller);
struct vdisc_irqchip *boot_irq_lapic(void); /* x86's local APIC, NULL elsewhere */
/* What kernel_irq dispatches on for @line of @chip: the line, or (I/O APIC) its vector. */
uint32_t boot_irq_vector(const struct vdisc_irqchip *chip, uint32_t line);
/* @fn(@arg) runs in kernel_irq for @line (a claimed line, or an x86 vector). */
bool boot_irq_attach(uint32_t line, void (*fn)(void *arg), void *arg);
void boot_irq_detach(uint32_t line);
bool boot_irq_timer_ready(void);
/* A few sleeps through boot_platform.wait_irq, each ended by the timer: the "irq timer" line. */
void boot_irq_timer_check(void);

/* Where a virtio device's interrupt goes, as its transport driver found it. */
struct boot_irq_route {
	struct vdisc_irqchip *chip; /* where the wired line is enabled; NULL: none (or MSI-X) */
	uint32_t line;		    /* at @chip: PLIC source, GIC INTID, I/O APIC pin */
	unsigned flags;		    /* VDISC_IRQ_* */
	bool msix;		    /* x86 virtio-pci: MSI-X, the vectors below */
	uint8_t config_vector, queue_vector;
};
/* The kernel's command line (the tree's /chosen/bootargs, or the loader's): has @word? */
bool boot_option(const char *word);

/* ---- virtio_boot.c ---- */
void boot_blk_driver(void);
void boot_virtio_mmio_driver(void);
/* A transport driver found @vdev behind @parent (its interrupt @irq, NULL: none known): add
 * it to the registry. */
void boot_virtio_found(struct vdisc_bus_device *parent, struct vdisc_virtio_dev *vdev,
		       const struct boot_irq_route *irq);
/* A wired interrupt (a DT interrupt, resolved by the model) as a route; false: none usable. */
bool boot_irq_route_wired(const struct vdisc_irq *irq, struct boot_irq_route *out);

/* ---- blk_irq_boot.c ---- */
struct vdisc_blk;
/* What kernel_irq hands a disk's handler: the driver and the queue (or VDISC_BLK_IRQ_WIRED /
 * VDISC_BLK_IRQ_CONFIG) to give vdisc_blk_interrupt, and what the handler saw. */
struct boot_blk_irq {
	struct vdisc_blk *blk;
	uint16_t queue;
	uint32_t calls, empty;
	int error;
};
/* @r's line or vectors to vdisc_blk_interrupt on @ctx (@cfg: the configuration vector), the
 * ISR a polled run left set acknowledged first, then, unless @masked, the line enabled at its
 * controller; 0 or -VDISC_E*.  boot_blk_irq_unroute() undoes it. */
int boot_blk_irq_route(const struct boot_irq_route *r, struct boot_blk_irq *ctx,
		       struct boot_blk_irq *cfg, bool masked);
void boot_blk_irq_unroute(const struct boot_irq_route *r);
/* The interrupt-driven run of a disk the polled check passed: the "irq" contract line. */
void boot_blk_irq_run(const char *name, struct vdisc_blk *blk, const struct boot_irq_route *irq,
		      void *scratch);
/* Print the virtio devices no driver took (left alone). */
void boot_virtio_leftovers(void);

/* ---- bench_boot.c (bench/boot) ---- */
/* The command line asks for the benchmark (vdisc.bench=<ms>[,rev]): measure, do not check. */
bool boot_bench_mode(void);
/* Every ring x completion mode x queue depth on @vdev through @blk, the "bench" lines; @irq:
 * the device's interrupt (NULL: none known, polled only). */
void boot_bench_blk(const char *name, struct vdisc_blk *blk, struct vdisc_virtio_dev *vdev,
		    const struct boot_irq_route *irq);

/* ---- pci_boot.c ---- */
void boot_virtio_pci_driver(void);
/* PCI behind the device tree's ECAM host bridges (BARs assigned here), or conf1 on x86:
 * every function is printed and added to the registry. */
void boot_pci_from_dt(void);
void boot_pci_conf1(void);

#endif
