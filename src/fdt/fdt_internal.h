/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FDT_INTERNAL_H
#define VDISC_FDT_INTERNAL_H

#include "../discover/vdisc_env.h"

#include <libfdt.h>
#include <vdisc/error.h>
#include <vdisc/fdt.h>

#define FDT_NO_PARENT_ UINT32_MAX
#define FDT_NO_CELLS_ UINT32_MAX

/*
 * One node of the tree, indexed once so that parents, paths and phandles
 * cost O(1) or O(log n) instead of libfdt's O(n) walks from the root, and
 * so that the walks up the tree for every device (translation through each
 * bus's ranges, the search for an interrupt parent) read the index rather
 * than each ancestor's properties.  Its name is the blob's, after the tag
 * (vdisc_fdt_node_name_); the root's reads as "".
 */
struct fdt_node_ {
	int offset;
	uint32_t props;		  /* bit (1 << id) for each numbered property it has */
	uint32_t parent;	  /* index, FDT_NO_PARENT_ for the root */
	uint32_t phandle;	  /* 0: none */
	uint32_t address_cells;	  /* own #address-cells, FDT_NO_CELLS_ when absent */
	uint32_t size_cells;	  /* own #size-cells, likewise */
	uint32_t interrupt_cells; /* own #interrupt-cells, likewise */
	uint32_t name_len;	  /* the name's bytes in the blob (its properties follow it) */
	uint32_t ranges;	  /* structure-block offset of its ranges value, 0: none */
	uint32_t irq_stop;	  /* where a search for an interrupt parent stops (tree.c) */
	uint8_t depth;
	uint8_t flags;	      /* FDT_NODE_* */
	uint8_t up_cells[2];  /* #address-/#size-cells at or above: FDT_UP_* or the value */
	uint8_t bus_cells[2]; /* its children's address/size cells; FDT_UP_BAD_: invalid */
	uint8_t bus_kind;     /* translate.c's kind of bus, for its children's addresses */
	uint8_t irq_binding;  /* controllers.c's entry for it plus 2; 1: none; 0: not known */
	const char *path;     /* NULL until someone needs it kept (vdisc_fdt_path_) */
	struct vdisc_device *device; /* the model's device for this node, if any */
};

#define FDT_UP_NONE_ 0xfe /* no node at or above has the property */
#define FDT_UP_BAD_ 0xff  /* the nearest one is beyond every limit */

#define FDT_NODE_CELLS_CHECKED_ 1u /* absent cell counts already reported for this bus */
#define FDT_NODE_BUS_KNOWN_ 2u	   /* bus_cells and bus_kind are filled in (translate.c) */

/* Property names the scan asks for by number (props.c). */
enum fdt_prop_id_ {
	FDT_P_REG_,
	FDT_P_RANGES_,
	FDT_P_INTERRUPTS_,
	FDT_P_INTERRUPTS_EXTENDED_,
	FDT_P_INTERRUPT_PARENT_,
	FDT_P_INTERRUPT_MAP_,
	FDT_P_INTERRUPT_MAP_MASK_,
	FDT_P_INTERRUPT_CONTROLLER_,
	FDT_P_COMPATIBLE_,
	FDT_P_STATUS_,
	FDT_P_DEVICE_TYPE_,
	FDT_P_ADDRESS_CELLS_,
	FDT_P_SIZE_CELLS_,
	FDT_P_INTERRUPT_CELLS_,
	FDT_P_PHANDLE_,
	FDT_P_LINUX_PHANDLE_,
	FDT_NPROPS_
};

/* A non-root node with any of these is a device (props.c's bit mask). */
#define FDT_DEVICE_PROPS_                                                                \
	(1u << FDT_P_REG_ | 1u << FDT_P_INTERRUPTS_ | 1u << FDT_P_INTERRUPTS_EXTENDED_ | \
	 1u << FDT_P_COMPATIBLE_)

/* One property as the structure block holds it. */
struct fdt_prop_ {
	const char *name;
	uint32_t nameoff;
	const void *value;
	uint32_t len;
};

/* irq.c's interrupt-map indexes, built as the maps are first crossed (struct fdt_irq_index_). */
struct fdt_irq_table_ {
	struct fdt_irq_index_ **slots; /* by (nexus, key width), open addressing */
	uint32_t nslots, count;
	uint32_t indexed; /* how many maps are indexed rather than walked */
};

/* The last problem recorded or counted, so a repeat of it is dropped (tree.c). */
struct fdt_diag_key_ {
	int error;
	uint32_t node;
	const char *prop;
};

/* props.c: names passed in, remembered by address (a small direct-mapped memo). */
#define FDT_ID_MEMO_ 64
struct fdt_id_memo_ {
	const char *name;
	uint32_t id;
};

/*
 * props.c: where the numbered properties of a few recently asked nodes are
 * (structure-block offsets of their values, 0: absent), so that asking a
 * device for reg, interrupts and compatible in turn walks it once.
 */
#define FDT_PROP_MEMO_ 4
struct fdt_prop_memo_ {
	uint32_t node; /* the node's index plus one; 0: empty */
	uint32_t value[FDT_NPROPS_];
};

/*
 * translate.c: for the last bus seen at each depth, the window of its
 * children's addresses that every level above maps through one offset, so
 * that the devices of a bus (and of the buses below it) skip the walk.
 */
struct fdt_xlate_memo_ {
	uint32_t bus; /* the bus's index plus one; 0: empty */
	uint32_t ok;  /* 0: the walk must be taken (several ranges, PCI, a broken level...) */
	uint64_t lo, hi, delta;
};

/*
 * tree.c: the last path built for a device, with where each ancestor's
 * path ends in it, so that the next device's path copies the part it
 * shares (its parent's, mostly) instead of walking every ancestor.
 */
#define FDT_PATH_MEMO_ 512
struct fdt_path_memo_ {
	uint32_t top;				/* its deepest node's depth; 0: empty */
	uint32_t node[VDISC_FDT_MAX_DEPTH + 1]; /* the node at each depth, index plus one */
	uint16_t len[VDISC_FDT_MAX_DEPTH + 1];	/* the length of its path */
	char buf[FDT_PATH_MEMO_];
};

/*
 * The caches above, kept in the arena rather than in the tree itself, so
 * that a struct fdt_tree_ stays small enough for the stack (size.c).
 */
struct fdt_memos_ {
	struct fdt_prop_memo_ prop_memo[FDT_PROP_MEMO_];
	struct fdt_xlate_memo_ xlate_memo[VDISC_FDT_MAX_DEPTH + 1]; /* by depth */
	struct fdt_path_memo_ path_memo;
	uint32_t aliases; /* /aliases (the first), or FDT_NO_PARENT_ */
	uint32_t symbols; /* /__symbols__, likewise */
	bool overlay;	  /* a fragment's __overlay__, /__fixups__ or /__local_fixups__ was seen */
};

struct fdt_tree_ {
	const void *blob;
	struct fdt_id_memo_ *id_memo;
	struct fdt_diag_key_ *last_diag;
	const unsigned char *structs; /* the structure block and its size */
	uint32_t struct_size;
	const char *strings; /* the strings block and its size */
	uint32_t strings_size;
	uint8_t *name_ids; /* per strings-block offset: 0 unknown yet, else id + 1 */
	struct vdisc_model *model;
	struct fdt_node_ *nodes;
	uint32_t count;
	struct vdisc_arena *out; /* where a device's parts are built: the model's, or a scratch */
	bool quiet;		 /* record no diagnostics (a repeated decode) */
	uint32_t *by_phandle;	 /* node indices sorted by phandle */
	uint32_t nphandles;
	bool phandles_unique; /* no phandle used twice: a dense run can be indexed directly */
	struct fdt_irq_table_ *irq_table; /* irq.c's interrupt-map indexes; NULL: maps are walked */
	struct fdt_memos_ *memo;	  /* caches, written through const trees */
	uint32_t last_phandle;		  /* lookup.c: the node vdisc_fdt_phandle_node last found */
};

/* tree.c */
int vdisc_fdt_tree_build_(struct fdt_tree_ *tree, const void *blob, struct vdisc_model *model);
uint32_t vdisc_fdt_find_phandle_(const struct fdt_tree_ *tree, uint32_t phandle);
const char *vdisc_fdt_node_name_(const struct fdt_tree_ *tree, uint32_t node);
const char *vdisc_fdt_path_(const struct fdt_tree_ *tree, uint32_t node);
size_t vdisc_fdt_path_write_(const struct fdt_tree_ *tree, uint32_t node, char *buf, size_t len);
const char *vdisc_fdt_path_in_(const struct fdt_tree_ *tree, uint32_t node,
			       struct vdisc_arena *arena);
uint32_t vdisc_fdt_find_path_(const struct fdt_tree_ *tree, const char *path, size_t len);
const fdt32_t *vdisc_fdt_prop_cells_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
				     uint32_t *ncells, bool *malformed);
const fdt32_t *vdisc_fdt_prop_cells_id_(const struct fdt_tree_ *tree, uint32_t node, uint32_t id,
					uint32_t *ncells, bool *malformed);
bool vdisc_fdt_has_prop_(const struct fdt_tree_ *tree, uint32_t node, const char *name);
const char *vdisc_fdt_prop_string_(const struct fdt_tree_ *tree, uint32_t node, const char *name);
int vdisc_fdt_prop_strlist_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
			    struct vdisc_strlist *list);
int vdisc_fdt_diag_(const struct fdt_tree_ *tree, int error, uint32_t node, const char *prop,
		    uint32_t value);
uint64_t vdisc_fdt_read_cells_(const fdt32_t *cells, uint32_t n);
uint64_t vdisc_fdt_host_cells_(const uint32_t *cells, uint32_t n);

/* props.c */
void vdisc_fdt_props_blocks_(struct fdt_tree_ *tree);
int vdisc_fdt_props_init_(struct fdt_tree_ *tree);
uint32_t vdisc_fdt_prop_id_(const char *name);
uint32_t vdisc_fdt_lookup_id_(const struct fdt_tree_ *tree, const char *name);
uint32_t vdisc_fdt_node_body_(const struct fdt_tree_ *tree, uint32_t node_offset);
uint32_t vdisc_fdt_prop_cursor_(const struct fdt_tree_ *tree, uint32_t node);
bool vdisc_fdt_prop_next_(const struct fdt_tree_ *tree, uint32_t *cursor, struct fdt_prop_ *prop);
uint32_t vdisc_fdt_prop_name_id_(const struct fdt_tree_ *tree, const struct fdt_prop_ *prop);
const void *vdisc_fdt_prop_by_id_(const struct fdt_tree_ *tree, uint32_t node, uint32_t id,
				  int *lenp);
const void *vdisc_fdt_getprop_(const struct fdt_tree_ *tree, uint32_t node, const char *name,
			       int *lenp);

/* translate.c */
int vdisc_fdt_bus_cells_(const struct fdt_tree_ *tree, uint32_t bus, uint32_t *na, uint32_t *ns);
int vdisc_fdt_reg_cells_(const struct fdt_tree_ *tree, uint32_t bus,
			 const struct vdisc_reg_cells **out);
int vdisc_fdt_warn_cells_(struct fdt_tree_ *tree, uint32_t bus);
int vdisc_fdt_decode_reg_(const struct fdt_tree_ *tree, uint32_t node, struct vdisc_reg **regs,
			  uint32_t *nregs);

/* irq.c */
int vdisc_fdt_irq_table_init_(struct fdt_tree_ *tree);
int vdisc_fdt_resolve_irqs_(const struct fdt_tree_ *tree, uint32_t node, struct vdisc_irq **irqs,
			    uint32_t *nirqs);

int vdisc_fdt_irq_for_unit_(const struct fdt_tree_ *tree, uint32_t nexus, const uint32_t *unit,
			    uint32_t unit_cells, const uint32_t *spec, uint32_t intsize,
			    struct vdisc_irq *out);

/* translate.c, for ranges whose parent side must reach the CPU too */
int vdisc_fdt_translate_cells_(const struct fdt_tree_ *tree, uint32_t bus, const uint32_t *cells,
			       uint32_t na, uint32_t ns, uint64_t *cpu);

/* pci_host.c */
int vdisc_fdt_collect_pci_host_(const struct fdt_tree_ *tree, uint32_t node);

/* controllers.c */
bool vdisc_fdt_irq_line_(const struct fdt_tree_ *tree, uint32_t controller, const uint32_t *cells,
			 uint32_t ncells, uint32_t *line);

/* scan.c */
int vdisc_fdt_node_device_(const struct fdt_tree_ *tree, uint32_t node,
			   const struct vdisc_device **devp);
uint32_t vdisc_fdt_node_at_(const struct fdt_tree_ *tree, int offset);

/* summary.c */
int vdisc_fdt_summarise_(const struct fdt_tree_ *tree);

#endif
