/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FDT_H
#define VDISC_FDT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pci.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Bounds that keep a hostile tree from making a walk unbounded.  Linux uses
 * the same depth (FDT_MAX_DEPTH) and the same cell limits.
 */
#define VDISC_FDT_MAX_DEPTH 64
#define VDISC_FDT_MAX_IRQ_HOPS 32 /* interrupt-parent / interrupt-map steps per interrupt */

/**
 * vdisc_fdt_check - validate a flattened device tree before anything reads it
 * @blob: the bytes
 * @size: how many bytes @blob holds (may exceed the tree's totalsize)
 *
 * Checks the header (magic, version, totalsize against @size, each block
 * inside the blob and none overlapping another or the header) and then the
 * whole structure block (tags, names, property name offsets, nesting depth).
 *
 * returns:
 *	0, the tree can be read safely, or
 *	-VDISC_EBADMAGIC: not a flattened device tree;
 *	-VDISC_ETRUNCATED: totalsize exceeds @size;
 *	-VDISC_EBADVERSION: a version other than 16 or 17;
 *	-VDISC_EBADLAYOUT: a block outside the blob or overlapping another;
 *	-VDISC_EBADSTRUCT: tags, names or nesting of the structure block;
 *	-VDISC_EBADSTRINGS: a property name offset outside the strings block;
 *	-VDISC_ELOOP: nesting deeper than VDISC_FDT_MAX_DEPTH.
 */
int vdisc_fdt_check(const void *blob, size_t size);

/* What exactly vdisc_fdt_check() found wrong, for a message a person can act on. */
struct vdisc_fdt_problem {
	const char *what; /* "totalsize exceeds the bytes available", ... */
	uint64_t value;	  /* the offending number, where @what mentions one */
	uint64_t limit;	  /* the bound it broke, where @what mentions one */
};

/**
 * vdisc_fdt_check_detail - vdisc_fdt_check() that also says what is wrong
 * @blob: the bytes
 * @size: how many bytes @blob holds
 * @problem: filled on failure (what = NULL on success); may be NULL
 *
 * returns:
 *	as vdisc_fdt_check().
 */
int vdisc_fdt_check_detail(const void *blob, size_t size, struct vdisc_fdt_problem *problem);

/**
 * vdisc_fdt_scan - fill @model with the devices of a device tree
 * @blob: the tree; it must outlive @model, whose strings point into it
 * @size: bytes available at @blob
 * @model: an initialised, empty model
 *
 * Runs vdisc_fdt_check() first.  Every node with "reg", "interrupts",
 * "interrupts-extended" or "compatible" becomes a device, in tree order;
 * reg entries are translated to CPU addresses through every ancestor's
 * "ranges"; interrupts are followed through "interrupt-parent",
 * "interrupts-extended" and "interrupt-map" nexus nodes to their final
 * controller.  Memory, reserved memory, CPUs and /chosen are summarised.
 *
 * A problem confined to one node (bad cell counts, a dangling phandle, an
 * interrupt-map loop) does not stop the scan: it is recorded in
 * model->diags and the affected field is left unresolved.
 *
 * returns:
 *	0, with per-node problems in model->diags (check model->ndiags), or
 *	-VDISC_EINVAL: a NULL @model or a model without an arena;
 *	-VDISC_ENOMEM: the arena is too small (retry with a larger one);
 *	any error of vdisc_fdt_check().
 */
int vdisc_fdt_scan(const void *blob, size_t size, struct vdisc_model *model);

/* vdisc_fdt_arena_size() flags */
#define VDISC_FDT_SIZE_INDEX (1u << 0) /* for vdisc_fdt_open(), not vdisc_fdt_scan() */

/**
 * vdisc_fdt_arena_size - how large an arena a scan of @blob can need
 * @blob: the tree
 * @size: bytes available at @blob
 * @flags: 0 for vdisc_fdt_scan(), VDISC_FDT_SIZE_INDEX for vdisc_fdt_open()
 * @bytes: set to the bound
 *
 * Runs vdisc_fdt_check() and one walk over the structure block.  An arena of
 * *@bytes never gives -VDISC_ENOMEM for this blob (diagnostics past
 * VDISC_MODEL_MAX_DIAGS are counted, not kept, to bound them).  The bound is
 * safe, not exact: each property is assumed to yield as many model entries
 * as its length allows.
 *
 * returns:
 *	0, or
 *	-VDISC_EINVAL: a NULL @bytes;
 *	any error of vdisc_fdt_check().
 */
int vdisc_fdt_arena_size(const void *blob, size_t size, uint32_t flags, size_t *bytes);

/**
 * vdisc_fdt_open - index a device tree without building its device list
 * @blob: the tree; it must outlive @model, whose strings point into it
 * @size: bytes available at @blob
 * @model: an initialised, empty model
 *
 * What vdisc_fdt_scan() does except the device list: the check, the node
 * index, memory, CPUs, /chosen and PCI host bridges, and model->ndevices
 * (how many nodes are devices).  The devices are then read one at a time
 * with vdisc_fdt_next_device(), so a caller that prints and forgets them
 * needs memory for the index only (about the size of the blob) however
 * many devices the tree has.
 *
 * returns:
 *	as vdisc_fdt_scan().
 */
int vdisc_fdt_open(const void *blob, size_t size, struct vdisc_model *model);

/* vdisc_fdt_next_device() flags */
#define VDISC_FDT_QUIET (1u << 0) /* record no diagnostics (a second pass over the devices) */

/**
 * vdisc_fdt_next_device - decode the next device of an opened tree
 * @model: a model filled by vdisc_fdt_open() or vdisc_fdt_scan()
 * @cursor: 0 before the first call; the function advances it
 * @scratch: where the device and its reg, interrupt and compatible arrays
 *           are built; the caller may reset it between calls (the device
 *           then dies), diagnostics go to @model's own arena
 * @flags: 0 or VDISC_FDT_QUIET
 * @dev: set to the device, or NULL after the last one
 *
 * Devices come in tree order, exactly as vdisc_fdt_scan() lists them.  The
 * device's next pointer is NULL.
 *
 * returns:
 *	0 (with *@dev NULL after the last device), or
 *	-VDISC_EINVAL: @model holds no device tree, or a NULL argument;
 *	-VDISC_ENOMEM: @scratch (or, for a diagnostic, @model's arena) is too
 *	small; *@cursor is left on this device so that a retry with a larger
 *	@scratch decodes it again.
 */
int vdisc_fdt_next_device(struct vdisc_model *model, uint32_t *cursor, struct vdisc_arena *scratch,
			  uint32_t flags, struct vdisc_device **dev);

/**
 * vdisc_fdt_peek_device - the next device of an opened tree, not decoded
 * @model: a model filled by vdisc_fdt_open() or vdisc_fdt_scan()
 * @cursor: as for vdisc_fdt_next_device(); moved onto the device, not past it
 *
 * Lets a caller that lists only some devices look at a node (with
 * vdisc_fdt_getprop()) before paying for its decoding: then either
 * vdisc_fdt_next_device() decodes it or vdisc_fdt_skip_device() passes it.
 *
 * returns:
 *	the device node's structure-block offset, or -1 after the last device
 *	(or for a NULL argument or a model without a tree).
 */
int vdisc_fdt_peek_device(const struct vdisc_model *model, uint32_t *cursor);

/**
 * vdisc_fdt_skip_device - pass the next device of an opened tree without decoding it
 * @model: a model filled by vdisc_fdt_open() or vdisc_fdt_scan()
 * @cursor: as for vdisc_fdt_next_device(); moved past the device
 *
 * A skipped device records no diagnostics.
 *
 * returns:
 *	the skipped node's structure-block offset, or -1 after the last device.
 */
int vdisc_fdt_skip_device(const struct vdisc_model *model, uint32_t *cursor);

/**
 * vdisc_fdt_getprop - a property of a node of a scanned or opened tree
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 * @offset: the node's structure-block offset
 * @name: the property's name
 * @lenp: set to the value's length (0 where absent); may be NULL
 *
 * fdt_getprop() on the checked blob, through the node index: no re-check of
 * every tag, no walk from the root.
 *
 * returns:
 *	the value (inside the blob), or NULL where the node or the property is
 *	absent.
 */
const void *vdisc_fdt_getprop(const struct vdisc_model *model, int offset, const char *name,
			      int *lenp);

/**
 * vdisc_fdt_node_path - the path of a node of a scanned or opened tree
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 * @offset: the node's structure-block offset (dev->dt.node_offset, or a
 *          libfdt offset into model->dt.blob)
 * @buf: where the path is written, as much as fits, always NUL-terminated
 * @len: bytes at @buf
 *
 * Built from the node index (names and parents), with no walk from the root
 * and no arena space: the index keeps no paths.
 *
 * returns:
 *	the path's length (as strlen; @buf holds all of it when smaller than
 *	@len), or 0 when no node starts at @offset.
 */
size_t vdisc_fdt_node_path(const struct vdisc_model *model, int offset, char *buf, size_t len);

/**
 * vdisc_fdt_phandle_node - the node a phandle names
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 * @phandle: the value of a "phandle" property
 *
 * returns:
 *	the node's structure-block offset, or -1 when no node has it.
 */
int vdisc_fdt_phandle_node(const struct vdisc_model *model, uint32_t phandle);

/**
 * vdisc_fdt_next_controller - the next interrupt controller in tree order
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 * @cursor: 0 before the first call; the function advances it
 * @offset: set to the controller's structure-block offset (for its other
 *          properties, through vdisc_fdt_getprop()); may be NULL
 *
 * Walks the nodes with an "interrupt-controller" property without decoding
 * any device, so a printer can name controllers before it lists devices.
 * Each path is kept in @model's arena (vdisc_fdt_arena_size() counts it).
 *
 * returns:
 *	the controller's path (a model string), or NULL after the last.
 */
const char *vdisc_fdt_next_controller(const struct vdisc_model *model, uint32_t *cursor,
				      int *offset);

/**
 * vdisc_fdt_path_offset - the node at a full path, through the index
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 * @path: "/" and node names with their unit addresses ("/soc/serial@10000000"), no alias
 *
 * /aliases and /__symbols__ are found without a walk: they are noted when
 * the index is built.
 *
 * returns:
 *	the node's structure-block offset
 *	-VDISC_ENOTFOUND where no node has that path
 *	-VDISC_EINVAL for a NULL argument or a model without a tree
 */
int vdisc_fdt_path_offset(const struct vdisc_model *model, const char *path);

/**
 * vdisc_fdt_strerror - an error code as a device tree diagnostic words it
 * @err: a vdisc error code, positive or negated
 *
 * A code the tree gives a narrower meaning than vdisc_strerror()'s reads as
 * that meaning (-VDISC_ENOMATCH: "no interrupt-map entry matches",
 * -VDISC_EDUPLICATE: "property defined twice in one node"); every other
 * code as vdisc_strerror() has it.
 *
 * returns:
 *	a static string; "unknown error" for a value outside the enum.
 */
const char *vdisc_fdt_strerror(int err);

/*
 * A PCI bus address in a tree is three cells, phys.hi first (IEEE 1275 PCI
 * bus binding): npt000ss bbbbbbbb dddddfff rrrrrrrr, ss the space code.
 */
#define VDISC_FDT_PCI_SPACE_SHIFT 24
#define VDISC_FDT_PCI_SPACE_MASK 3u
#define VDISC_FDT_PCI_SPACE_CONFIG 0
#define VDISC_FDT_PCI_SPACE_IO 1
#define VDISC_FDT_PCI_SPACE_MEM32 2
#define VDISC_FDT_PCI_SPACE_MEM64 3
#define VDISC_FDT_PCI_PREFETCH_SHIFT 30 /* the "p" bit */

/* One window of a PCI host bridge's "ranges": PCI bus addresses as the CPU sees them. */
struct vdisc_fdt_pci_range {
	uint8_t space;	   /* phys.hi space code: VDISC_FDT_PCI_SPACE_IO, _MEM32 or _MEM64 */
	bool prefetchable; /* phys.hi "p" bit */
	uint64_t pci_address;
	uint64_t cpu_address; /* valid when translated */
	bool translated;
	uint64_t size;
};

#define VDISC_FDT_PCI_MAX_RANGES 8

/**
 * enum vdisc_fdt_pci_config - how a host bridge's configuration space is reached
 * @VDISC_FDT_PCI_CONFIG_ECAM: an ECAM window at reg[0] (PCI Express 7.2.2:
 *	1 MiB a bus, 4 KiB a function), as Linux drives "pci-host-ecam-generic",
 *	the DesignWare ECAM bindings ("marvell,armada8k-pcie-ecam",
 *	"socionext,synquacer-pcie-ecam", "snps,dw-pcie-ecam"), "apple,pcie",
 *	"microchip,pcie-host-1.0" and "cavium,pci-host-thunder-ecam";
 *	vdisc_pci_ecam_ops() may use it
 * @VDISC_FDT_PCI_CONFIG_CAM: "pci-host-cam-generic": 64 KiB a bus, 256 bytes
 *	a function; not ECAM
 * @VDISC_FDT_PCI_CONFIG_CONTROLLER: any other controller (Qualcomm, i.MX,
 *	Rockchip, Broadcom, ...): configuration space is reached through the
 *	controller's own registers (an address translation unit, an index and
 *	data register pair), so the window the binding names, if any, is not
 *	ECAM and must not be read as such
 */
enum vdisc_fdt_pci_config {
	VDISC_FDT_PCI_CONFIG_ECAM,
	VDISC_FDT_PCI_CONFIG_CAM,
	VDISC_FDT_PCI_CONFIG_CONTROLLER,
};

/**
 * struct vdisc_fdt_pci_host - a PCI host bridge described by the tree (device_type "pci")
 * @next: the next host bridge, in tree order
 * @device: the bridge's node; its regs are every register block of the bridge
 * @ecam: the configuration window is ECAM (@config is VDISC_FDT_PCI_CONFIG_ECAM
 *	and @has_config): the only case a caller may hand @config_base to
 *	vdisc_pci_ecam_ops()
 * @config: how configuration space is reached
 * @ecam_root_dev0_only: a DesignWare core in ECAM mode: on @bus_start only
 *	device 0 exists, the other slots alias it (copy into
 *	vdisc_pci_ecam.root_bus_dev0_only)
 * @config_base: CPU address of the configuration window, valid with has_config
 * @config_size: its size
 * @has_config: the tree names a translated configuration window: reg[0] for
 *	the generic ECAM and CAM bindings, else the "reg-names" entry "config",
 *	"ecam" or "cfg" (in that order: Amlogic's "cfg" is a register block
 *	beside its "config")
 * @config_reg: index of that window in device->regs, valid with has_config
 * @reg_names: "reg-names": item i names device->regs[i] (fewer names than
 *	regs leave the rest unnamed); empty where the node has none
 * @segment: "linux,pci-domain", else 0
 * @bus_start: "bus-range" start, else 0
 * @bus_end: "bus-range" end, else (ECAM only) window size / 1 MiB - 1, else 0xff
 * @ranges: the "ranges" windows, at most VDISC_FDT_PCI_MAX_RANGES
 * @nranges: how many of @ranges are filled
 * @dma_coherent: "dma-coherent"
 */
struct vdisc_fdt_pci_host {
	struct vdisc_fdt_pci_host *next;
	const struct vdisc_device *device;
	bool ecam;
	enum vdisc_fdt_pci_config config;
	bool ecam_root_dev0_only;
	uint64_t config_base;
	uint64_t config_size;
	bool has_config;
	uint32_t config_reg;
	struct vdisc_strlist reg_names;
	uint16_t segment;
	uint8_t bus_start, bus_end;
	struct vdisc_fdt_pci_range ranges[VDISC_FDT_PCI_MAX_RANGES];
	uint8_t nranges;
	bool dma_coherent;
};

/**
 * vdisc_fdt_pci_intx - the interrupt a legacy INTx pin of a root-bus function reaches
 * @model: a model filled by vdisc_fdt_scan() (its arena and blob still alive)
 * @host: one of model->dt.pci_hosts
 * @addr: the function on the host's root bus (behind PCI-to-PCI bridges, the
 *        bridge on the root bus, with the pin swizzled as vdisc_pci_swizzle() does)
 * @pin: 1..4 for INTA..INTD (the Interrupt Pin register)
 * @out: the interrupt, its controller and specifier there; error set on failure
 *
 * Follows the bridge's interrupt-map as Linux's of_irq_parse_pci() does.
 *
 * returns (also in @out->error):
 *	0 with @out filled, or
 *	-VDISC_EINVAL: no scanned model, no @host, a @host not of @model, @pin not 1..4;
 *	-VDISC_ENOMATCH: no interrupt-map entry matches (a warning in a scan);
 *	-VDISC_ENOTFOUND: no interrupt parent on the way;
 *	-VDISC_EBADPROP, -VDISC_EBADCELLS, -VDISC_EBADPHANDLE: a malformed map;
 *	-VDISC_ELOOP: more than VDISC_FDT_MAX_IRQ_HOPS steps.
 */
int vdisc_fdt_pci_intx(const struct vdisc_model *model, const struct vdisc_fdt_pci_host *host,
		       struct vdisc_pci_addr addr, uint8_t pin, struct vdisc_irq *out);

/*
 * Overlays, as dtc writes them for a /plugin/ source (dtc -@): fragments
 * under the root, each a target in the base and an __overlay__ node whose
 * properties and subnodes are merged into it; /__fixups__, one property per
 * label of the base the overlay refers to, each a list of
 * "path:property:offset" strings naming where that label's phandle goes;
 * /__local_fixups__, a mirror of the overlay's nodes whose properties list
 * the offsets of phandles that point into the overlay itself (renumbered
 * when it is applied); and /__symbols__, the labels it exports.  A
 * reference to be fixed up is written as this placeholder until then.
 */
#define VDISC_FDT_OVERLAY_UNRESOLVED 0xffffffffu

/**
 * vdisc_fdt_is_overlay - whether an opened or scanned tree is an overlay
 * @model: a model filled by vdisc_fdt_scan() or vdisc_fdt_open()
 *
 * Noted while the index was built, so it costs nothing however wide the
 * root is: a child of the root has an __overlay__ node (named so, with or
 * without a unit address, as libfdt finds fragments), or the root has
 * __fixups__ or __local_fixups__.  Whether its entries are sound is
 * vdisc_fdt_overlay_check()'s question.
 *
 * returns:
 *	true for an overlay; false otherwise, and for a NULL model or one without a tree.
 */
bool vdisc_fdt_is_overlay(const struct vdisc_model *model);

/**
 * vdisc_fdt_overlay_check - whether a blob is an overlay, and a sound one
 * @blob: the bytes
 * @size: how many bytes @blob holds
 * @problem: filled on failure (what = NULL otherwise); may be NULL
 *
 * Runs vdisc_fdt_check(), then reads every fragment's target and every
 * __fixups__ and __local_fixups__ entry and checks each against the blob:
 * the node and property it names exist and the 4 bytes it patches lie
 * inside the property.  A blob is an overlay when a child of the root has
 * an __overlay__ node (a fragment, as libfdt finds them), or the root has
 * __fixups__ or __local_fixups__.
 *
 * returns:
 *	1, an overlay every entry of which is sound, or
 *	0, a tree that is not an overlay, or
 *	-VDISC_EBADPROP: a target, target-path, __fixups__ or __local_fixups__
 *	value of the wrong shape;
 *	-VDISC_ENOTFOUND: a fragment without a target, or an entry naming a
 *	node or property the overlay does not have;
 *	-VDISC_ERANGE: an entry's offset outside its property;
 *	-VDISC_ELOOP: __local_fixups__ nested deeper than VDISC_FDT_MAX_DEPTH;
 *	any error of vdisc_fdt_check().
 */
int vdisc_fdt_overlay_check(const void *blob, size_t size, struct vdisc_fdt_problem *problem);

/**
 * enum vdisc_fdt_target_kind - how a fragment names the node it changes
 * @VDISC_FDT_TARGET_LABEL: "target = <&label>": a label of the base, found
 *	through __fixups__ (the base must be compiled with dtc -@)
 * @VDISC_FDT_TARGET_PHANDLE: "target = <phandle>" with no fixup: a phandle
 *	the base must have as it is
 * @VDISC_FDT_TARGET_PATH: "target-path = "/path"" (or an alias)
 */
enum vdisc_fdt_target_kind {
	VDISC_FDT_TARGET_LABEL,
	VDISC_FDT_TARGET_PHANDLE,
	VDISC_FDT_TARGET_PATH,
};

/**
 * struct vdisc_fdt_fragment - one fragment of an overlay
 * @node: the fragment node's structure-block offset
 * @overlay: its __overlay__ child's offset
 * @name: the fragment node's name ("fragment@0"), inside the blob
 * @kind: how it names its target
 * @label: VDISC_FDT_TARGET_LABEL: the base's label, inside the blob
 * @path: VDISC_FDT_TARGET_PATH: the path, inside the blob
 * @phandle: VDISC_FDT_TARGET_PHANDLE: the phandle
 */
struct vdisc_fdt_fragment {
	int node;
	int overlay;
	const char *name;
	enum vdisc_fdt_target_kind kind;
	const char *label;
	const char *path;
	uint32_t phandle;
};

/**
 * vdisc_fdt_overlay_next_fragment - the next fragment of an overlay
 * @blob: a blob vdisc_fdt_check() accepted
 * @cursor: 0 before the first call; the function advances it
 * @frag: filled with the fragment
 *
 * Fragments come in tree order, the order libfdt applies them in.
 *
 * returns:
 *	1 with @frag filled, 0 after the last fragment, or (with @frag's
 *	@node, @overlay and @name filled) -VDISC_EBADPROP: "target" not one
 *	cell, or "target-path" not a string; -VDISC_ENOTFOUND: neither.
 */
int vdisc_fdt_overlay_next_fragment(const void *blob, int *cursor, struct vdisc_fdt_fragment *frag);

/**
 * struct vdisc_fdt_fixup - one reference of an overlay to a label of the base
 * @label: the label (the __fixups__ property's name), inside the blob
 * @path: the referring node's path, @path_len bytes, inside the blob
 * @path_len: its length
 * @prop: the property holding the reference, @prop_len bytes, inside the blob
 * @prop_len: its length
 * @offset: the byte offset of the phandle cell in that property
 * @node: the referring node's structure-block offset (-1 until found)
 */
struct vdisc_fdt_fixup {
	const char *label;
	const char *path;
	uint32_t path_len;
	const char *prop;
	uint32_t prop_len;
	uint32_t offset;
	int node;
};

/* Where vdisc_fdt_overlay_next_fixup() is: zero it before the first call. */
struct vdisc_fdt_fixup_iter {
	int prop;     /* the __fixups__ property being read; 0: not started, < 0: done */
	uint32_t pos; /* the next entry's byte in its value */
};

/**
 * vdisc_fdt_overlay_next_fixup - the next __fixups__ entry of an overlay
 * @blob: a blob vdisc_fdt_check() accepted
 * @it: a zeroed iterator before the first call
 * @fx: filled with the entry
 *
 * Entries come property by property, each property's in order.  A
 * property of several entries is one label referred to several times.
 *
 * returns:
 *	1 with @fx filled, 0 after the last entry, or (with @fx filled as far
 *	as it was read, the iteration ended)
 *	-VDISC_EBADPROP: an entry that is not "path:property:offset" (empty,
 *	not NUL-terminated, a missing part, a path that is not absolute, an
 *	offset not in decimal or past 2^31);
 *	-VDISC_ENOTFOUND: no node at the path, or no such property there;
 *	-VDISC_ERANGE: the 4 bytes at the offset are not all in the property.
 */
int vdisc_fdt_overlay_next_fixup(const void *blob, struct vdisc_fdt_fixup_iter *it,
				 struct vdisc_fdt_fixup *fx);

/**
 * vdisc_fdt_overlay_label_at - the base label a phandle cell of an overlay refers to
 * @blob: a blob vdisc_fdt_check() accepted
 * @node: the node's structure-block offset
 * @prop: the property's name
 * @offset: the cell's byte offset in the property
 *
 * returns:
 *	the label (inside the blob), or NULL where no sound __fixups__ entry
 *	names that cell.
 */
const char *vdisc_fdt_overlay_label_at(const void *blob, int node, const char *prop,
				       uint32_t offset);

/**
 * struct vdisc_fdt_local_fixup - one phandle of an overlay that points into the overlay
 * @node: the node holding it (structure-block offset)
 * @prop: the property's name, inside the blob
 * @offset: the phandle cell's byte offset in the property
 * @phandle: the cell's value (the overlay's own numbering)
 */
struct vdisc_fdt_local_fixup {
	int node;
	const char *prop;
	uint32_t offset;
	uint32_t phandle;
};

/* Where vdisc_fdt_overlay_next_local_fixup() is: zero it before the first call. */
struct vdisc_fdt_local_fixup_iter {
	int node;     /* the __local_fixups__ node being read; 0: not started, < 0: done */
	int prop;     /* its property being read; < 0: none left */
	uint32_t pos; /* the next offset's byte in that value */
	int depth;    /* @node's depth below __local_fixups__ */
	int mirror[VDISC_FDT_MAX_DEPTH]; /* per depth, the overlay node mirrored; < 0: none */
};

/**
 * vdisc_fdt_overlay_next_local_fixup - the next __local_fixups__ entry of an overlay
 * @blob: a blob vdisc_fdt_check() accepted
 * @it: a zeroed iterator before the first call
 * @lf: filled with the entry
 *
 * returns:
 *	1 with @lf filled, 0 after the last entry, or (the iteration ended,
 *	@lf's @node and @prop filled as far as known)
 *	-VDISC_EBADPROP: a value that is not whole cells;
 *	-VDISC_ENOTFOUND: a mirror node or property the overlay does not have;
 *	-VDISC_ERANGE: an offset whose 4 bytes are not all in the property;
 *	-VDISC_ELOOP: nesting deeper than VDISC_FDT_MAX_DEPTH.
 */
int vdisc_fdt_overlay_next_local_fixup(const void *blob, struct vdisc_fdt_local_fixup_iter *it,
				       struct vdisc_fdt_local_fixup *lf);

#ifdef __cplusplus
}
#endif

#endif
