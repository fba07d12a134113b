/* SPDX-License-Identifier: MIT */
#ifndef VDISC_MODEL_H
#define VDISC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The device model: what a discovery source found, in one arena.
 *
 * Lists are singly linked in discovery order (tree order for a device tree)
 * because an arena cannot grow an array in place.  Strings point either
 * into the arena or into the source blob, which must outlive the model.
 */

#define VDISC_MAX_ADDR_CELLS 4	  /* as Linux's OF_MAX_ADDR_CELLS */
#define VDISC_MAX_IRQ_CELLS 16	  /* as Linux's MAX_PHANDLE_ARGS */
#define VDISC_MODEL_MAX_DIAGS 256 /* diagnostics kept; later ones are only counted */

enum vdisc_source {
	VDISC_SOURCE_NONE = 0,
	VDISC_SOURCE_DTB,
	VDISC_SOURCE_PCI, /* which access method: model->source_name */
};

/* Where a device was found: model devices are DT or PCI; the registry adds VIRTIO. */
enum vdisc_bus {
	VDISC_BUS_NONE = 0, /* none; in a registry match entry: any bus */
	VDISC_BUS_DT,	    /* a node of a device tree */
	VDISC_BUS_PCI,	    /* a PCI function: dev->pci */
	VDISC_BUS_VIRTIO,   /* a virtio device: the child of its transport (machine.h) */
	VDISC_BUS_PCI_ROOT, /* a PCI root bus no device tree describes (x86): "pci0000:00" */
};

struct vdisc_pci_function;
struct vdisc_fdt_pci_host;
struct vdisc_device_virtio;

/* Flags of a device tree node (dev->dt.flags) */
#define VDISC_DEV_VIRTIO_MMIO (1u << 0)		 /* compatible "virtio,mmio" */
#define VDISC_DEV_INTERRUPT_CONTROLLER (1u << 1) /* has "interrupt-controller" */
#define VDISC_DEV_INTERRUPT_NEXUS (1u << 2)	 /* has "interrupt-map" */
#define VDISC_DEV_MEMORY (1u << 3)		 /* device_type "memory" */
#define VDISC_DEV_CPU (1u << 4)			 /* device_type "cpu" */

struct vdisc_strlist {
	const char *const *items;
	uint32_t count;
};

/*
 * The address space a reg entry names, on a bus whose first address cell
 * says which (vdisc_reg.space): PCI's phys.hi space code, ISA's I/O bit.
 */
enum vdisc_reg_space {
	VDISC_REG_SPACE_NONE = 0, /* a bus without space cells: plain numbers */
	VDISC_REG_SPACE_CONFIG,	  /* PCI configuration space */
	VDISC_REG_SPACE_IO,	  /* PCI or ISA I/O ports */
	VDISC_REG_SPACE_MEM32,	  /* PCI 32-bit memory */
	VDISC_REG_SPACE_MEM64,	  /* PCI 64-bit memory */
	VDISC_REG_SPACE_MEM,	  /* ISA memory */
};

/* One entry of a node's "reg": a bus address and, if known, where the CPU sees it. */
struct vdisc_reg {
	uint32_t bus_cells[VDISC_MAX_ADDR_CELLS]; /* the address as written in reg */
	uint8_t ncells;				  /* the parent's #address-cells */
	bool has_size;				  /* false when #size-cells is 0 */
	bool translated;			  /* false: not memory-mapped */
	uint8_t space;				  /* enum vdisc_reg_space */
	uint64_t bus_address; /* the low 64 bits of bus_cells after the space cell, if any */
	uint64_t address;     /* CPU physical address, valid when translated */
	uint64_t size;	      /* valid when has_size */
	int error;	      /* why translation failed: 0 for a bus that is simply not mapped */
};

/* One interrupt of a device, followed to the controller that finally receives it. */
struct vdisc_irq {
	const char *controller;		     /* path of the final controller; NULL if unresolved */
	uint32_t cells[VDISC_MAX_IRQ_CELLS]; /* the specifier at that controller */
	uint8_t ncells;
	bool has_line;	 /* true where the controller's binding is known */
	uint32_t line;	 /* the controller's hardware interrupt number */
	const char *via; /* path of the first interrupt-map nexus crossed, or NULL */
	int error;	 /* 0, or -VDISC_E* why it could not be resolved */
};

/* Where one of a bus's cell counts came from (struct vdisc_reg_cells). */
enum vdisc_cells_source {
	VDISC_CELLS_OWN = 0,   /* the bus node's own property */
	VDISC_CELLS_INHERITED, /* absent there: the nearest ancestor's (Linux's of_n_addr_cells) */
	VDISC_CELLS_DEFAULT,   /* absent everywhere above: the spec's 2 / 1 */
	VDISC_CELLS_I2C,       /* absent on an I2C bus: 1 / 0, as Linux's I2C core reads reg */
};

/* How a device's reg was split: its parent's cell counts and where each came from. */
struct vdisc_reg_cells {
	uint8_t address_cells, size_cells;
	uint8_t address_source, size_source;  /* enum vdisc_cells_source */
	const char *address_from, *size_from; /* the node whose property it was, or NULL */
};

/* What only a device tree node has: a device of bus VDISC_BUS_DT. */
struct vdisc_device_dt {
	const char *name;   /* last component of the path: "virtio_mmio@10008000" */
	const char *status; /* the "status" property, or "okay" where absent */
	unsigned depth;	    /* 0 for the root */
	int node_offset;    /* structure-block offset of the node, for -v */
	struct vdisc_strlist compatible;
	uint32_t flags; /* VDISC_DEV_* */
	/* How reg was split where the parent lacks a count of its own, else NULL. */
	const struct vdisc_reg_cells *cells;
};

struct vdisc_device {
	struct vdisc_device *next;
	enum vdisc_bus bus;
	const char *path; /* where it was found: "/soc/virtio_mmio@10008000", "0000:00:02.0" */
	struct vdisc_reg *regs;
	uint32_t nregs;
	struct vdisc_irq *irqs;
	uint32_t nirqs;
	struct vdisc_pci_function *pci; /* VDISC_BUS_PCI only */
	struct vdisc_device_dt dt;	/* VDISC_BUS_DT only (zero otherwise) */
	/* The machine tree (vdisc_machine_link(), machine.h); all NULL before it. */
	struct vdisc_device *parent, *children, *last_child, *sibling;
	struct vdisc_device_virtio *virtio; /* VDISC_BUS_VIRTIO only */
	const char *driver; /* the operating system's driver bound to it (hosted), or NULL */
};

/* A region of RAM, reserved RAM or a memory reservation block entry. */
struct vdisc_region {
	struct vdisc_region *next;
	const char *path; /* the node, or NULL for a /memreserve/ entry */
	uint64_t address;
	uint64_t size;
	bool has_address; /* false for a dynamically placed reserved-memory node */
	bool no_map;	  /* reserved-memory "no-map" */
	bool reusable;	  /* reserved-memory "reusable" */
	/* RAM whose reg is zero-sized: the bootloader writes it (Raspberry Pi, Qualcomm boards);
	 * address and size are unknown (has_address false, size 0). */
	bool left_to_firmware;
};

struct vdisc_cpu {
	struct vdisc_cpu *next;
	const char *path;
	const char *compatible; /* first entry, or NULL */
	const char *status;
	const char *isa; /* "riscv,isa", or NULL */
	const char *enable_method;
	uint64_t id; /* reg: hart id, MPIDR, APIC id */
	bool has_id;
};

/* A problem found in an otherwise readable source: the scan went on. */
struct vdisc_diag {
	struct vdisc_diag *next;
	int error;	  /* -VDISC_E* */
	const char *path; /* the node, or NULL */
	const char *prop; /* the property, or NULL */
	uint32_t value;	  /* the offending number where there is one (a phandle, a cell count) */
	bool warning;	  /* well-formed but unresolvable (no map entry matches): not bad input */
	const char *from; /* an absent cell count: the ancestor whose value was used, or NULL */
};

/**
 * struct vdisc_model_dt - what only a device tree source fills (model->dt)
 * @machine: the root "model", or NULL
 * @compatible: the root "compatible"
 * @bootargs: /chosen "bootargs", or NULL
 * @stdout_path: /chosen "stdout-path" as written, maybe an alias with options, or NULL
 * @stdout_node: @stdout_path resolved to a node path, or NULL
 * @nnodes: every node of the tree, devices or not
 * @blob: the scanned tree, for per-property output
 * @pci_hosts: the PCI host bridges the tree describes
 * @fdt_index: the scan's node index (private), for later lookups
 *
 * All zero unless model->source is VDISC_SOURCE_DTB.
 */
struct vdisc_model_dt {
	const char *machine;
	struct vdisc_strlist compatible;
	const char *bootargs;
	const char *stdout_path;
	const char *stdout_node;
	uint32_t nnodes;
	const void *blob;
	struct vdisc_fdt_pci_host *pci_hosts;
	const void *fdt_index;
};

struct vdisc_model {
	struct vdisc_arena *arena;
	enum vdisc_source source;
	const char *source_name; /* "dtb", "sysfs", "dump", "conf1", "ecam", ... */
	struct vdisc_device *devices, *devices_tail;
	uint32_t ndevices;
	struct vdisc_region *memory, *memory_tail;
	struct vdisc_region *reserved, *reserved_tail;
	struct vdisc_cpu *cpus, *cpus_tail;
	uint32_t ncpus;
	struct vdisc_diag *diags, *diags_tail;
	uint32_t ndiags;	  /* all diagnostics; the first VDISC_MODEL_MAX_DIAGS are listed */
	uint32_t nerrors;	  /* those that are not warnings: the source is malformed */
	struct vdisc_model_dt dt; /* VDISC_SOURCE_DTB only (zero otherwise) */
	bool linked;		  /* vdisc_machine_link() ran: the devices form one tree */
};

/**
 * vdisc_model_init - start an empty model
 * @model: the model, any contents
 * @arena: where every result will live; it must outlive @model
 */
void vdisc_model_init(struct vdisc_model *model, struct vdisc_arena *arena);

/**
 * vdisc_model_add_device - append a zeroed device to the model
 * @model: an initialised model
 *
 * returns:
 *	the device, or NULL when the arena is full.
 */
struct vdisc_device *vdisc_model_add_device(struct vdisc_model *model);

/**
 * vdisc_model_add_diag - record a problem and carry on (count it, past
 * VDISC_MODEL_MAX_DIAGS)
 * @model: an initialised model
 * @error: -VDISC_E*; -VDISC_ENOMATCH and -VDISC_ENOTFOUND are warnings, the
 *         rest count in model->nerrors
 * @path: the node, or NULL
 * @prop: the property, or NULL
 * @value: the offending number, or 0
 *
 * returns:
 *	0, or
 *	-VDISC_ENOMEM: the arena cannot hold the record.
 */
int vdisc_model_add_diag(struct vdisc_model *model, int error, const char *path, const char *prop,
			 uint32_t value);

/**
 * vdisc_strlist_contains - whether a string list holds a string
 * @list: the list
 * @s: compared exactly (strcmp)
 *
 * returns:
 *	true when some entry equals @s.
 */
bool vdisc_strlist_contains(const struct vdisc_strlist *list, const char *s);

#ifdef __cplusplus
}
#endif

#endif
