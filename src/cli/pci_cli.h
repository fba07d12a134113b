/* SPDX-License-Identifier: MIT */
#ifndef VDISC_PCI_CLI_H
#define VDISC_PCI_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

#include "hosted/pci_sysfs.h"
#include "virtio_cli.h"

/* lspci's -s and -d: each field may be absent (-1 = any). */
struct pci_selector {
	int segment, bus, dev, fn;
	int vendor, device, class_code; /* class: base<<8|sub, as lspci's -d */
	unsigned class_mask;		/* the class bits that must match ("06xx": 0xff00) */
	int prog_if;
};

struct pci_options {
	const char *access;	 /* -A */
	const char *dump;	 /* -F */
	const char *binary_slot; /* --binary-slot: -F is a raw image starting there */
	const char *slot;	 /* -s as given */
	const char *ids;	 /* -d as given */
	struct pci_selector filter;
	int numeric;				  /* -n count: 1 numbers only, 2 both */
	int verbose;				  /* -v count */
	int hex;				  /* -x count: 1 = 64 bytes, 3 = 256, 4 = 4096 */
	bool tree, kernel, json, domains, virtio; /* virtio: only virtio functions, decoded */
	enum vdisc_pci_scan scan;
	bool size_bars;
	const char *sysfs_root;
	const char *virtio_sysfs_root;
	bool read_bars;	  /* map virtio device configuration read-only through sysfs resourceN */
	int path;	  /* -P count: 1 the bridges' paths, 2 with their bus numbers */
	bool bus_centric; /* -b: addresses and IRQs as the bus sees them */
	int machine;	  /* -m count: 1 the old machine format, 2 the stable one */
	const char *ids_file; /* -i: another pci.ids */
	const char *pcimap;   /* -p: the kernel's module map (accepted, unused: see --help) */
	bool filtered;	      /* -s or -d given: the tree shows only the paths to matches */
	bool params_help;     /* -O help */

	/* --virtio-select: a driverless virtio function's selectors may be written */
	bool virtio_select;
};

/* What a function's hosted source knows beyond config space (sysfs). */
struct pci_extra {
	bool known;
	struct vdisc_pci_sysfs_info info;
	bool virtio_known; /* the running driver's view, from /sys/bus/virtio */
	struct vdisc_virtio_sysfs_dev virtio;
	const char *bar_root; /* --read-bars: the sysfs directory whose SLOT/resourceN to map */

	/* --virtio-select: a driverless virtio function's selectors may be written */
	bool virtio_select;
};

struct pci_listing {
	const struct vdisc_model *model;
	const struct vdisc_device **devs; /* selected, sorted by address */
	struct pci_extra *extra;	  /* parallel to devs */
	size_t count;
	const char *source;
	bool any_domain; /* some function, selected or not, is outside domain 0 (lspci's rule) */
	struct pci_topology *topo; /* -t, -P: lspci's bridge and bus tree, else NULL */
};

#define SYSFS_PCI "/sys/bus/pci/devices"

/* pci_source.c: where the functions are read from (-A, -F), for pci and scan */
struct pci_source {
	struct vdisc_pci_ops ops;
	struct vdisc_pci_dump *dump;
	struct vdisc_pci_sysfs *sysfs;
	struct vdisc_devport *devport;
	struct vdisc_libpci *libpci;
	const char *name;
};
/* VDISC_EXIT_OK, or the exit status after the message ("-A help" is the caller's) */
int pci_source_open(const struct pci_options *opt, struct pci_source *src);
void pci_source_close(struct pci_source *src);
/* The arena an enumeration of @src needs, where the source can list its functions; else 1 MiB. */
size_t pci_source_arena_hint(const struct pci_source *src);
/* Enumerate into a model of its own, in an arena malloc()ed into *@storage; 0 or -VDISC_E*. */
int pci_source_enumerate(const struct pci_source *src, const struct pci_options *opt,
			 struct vdisc_model *model, struct vdisc_arena *arena, void **storage);
/* Whether @path opens for reading as a file (not a directory); 0, or -1 with *@err its errno. */
int pci_readable(const char *path, int *err);

/* pci_filter.c: NULL, or why @s is not a selector (lspci's words) */
void pci_selector_init(struct pci_selector *f);
const char *pci_parse_slot_filter(const char *s, struct pci_selector *f);
const char *pci_parse_id_filter(const char *s, struct pci_selector *f);
bool pci_selector_match(const struct pci_selector *f, const struct vdisc_pci_function *fn);

/* pci_names.c: pci.ids through libpci, the built-in tables where it has nothing */
void pci_names_init(void);
void pci_names_cleanup(void);
/* -i FILE and -O's naming parameters; before pci_names_init().  0, or -1: not libpci's. */
void pci_names_set_file(const char *path);
int pci_names_set_param(const char *name, const char *value);

/* Which id a name is asked for, in lspci's forms (pci_names_lspci). */
enum pci_name_kind {
	PCI_NAME_CLASS,	    /* class_code >> 8 */
	PCI_NAME_VENDOR,    /* vendor */
	PCI_NAME_DEVICE,    /* vendor, device */
	PCI_NAME_PAIR,	    /* vendor, device: "Vendor Device" */
	PCI_NAME_SUBVENDOR, /* subsystem vendor */
	PCI_NAME_SUBDEVICE, /* vendor, device, subsystem vendor, subsystem device */
};
/* The text lspci prints for @kind at -n count @numeric: a name, "Device 1234" where pci.ids
 * has none, numbers at -n, both at -nn; cut to @len like lspci's buffers ("..."). */
const char *pci_names_lspci(char *buf, size_t len, enum pci_name_kind kind, int numeric,
			    unsigned id1, unsigned id2, unsigned id3, unsigned id4);
const char *pci_vendor_name(uint16_t vendor, char *buf, size_t len);
const char *pci_device_name(uint16_t vendor, uint16_t device, char *buf, size_t len);
const char *pci_subsystem_name(uint16_t vendor, uint16_t device, uint16_t sv, uint16_t sd,
			       char *buf, size_t len);
const char *pci_class_text(uint32_t class_code, char *buf, size_t len);
const char *pci_prog_if_text(uint32_t class_code, char *buf, size_t len);

/* pci_virtio.c: the virtio part of a function, text and JSON; below pci_text.c and pci_json.c */
void pci_print_virtio(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x);
struct json_object *pci_json_virtio(const struct vdisc_pci_function *fn, const struct pci_extra *x);

/* pci_text.c / pci_json.c */
#define PCI_NAME_LEN 256
void pci_print_text(FILE *out, const struct pci_listing *l, const struct pci_options *opt);
void pci_ident_text(char *buf, size_t len, const struct vdisc_pci_function *fn, int numeric);
void pci_size_text(char *buf, size_t len, uint64_t size);
void pci_print_hex(FILE *out, const struct vdisc_pci_function *fn, int level);

/* pci_tree.c: lspci's bridge and bus tree of every function (-t, -P) */
struct pci_topology;
struct pci_topology *pci_topology_build(const struct vdisc_model *model);
void pci_topology_free(struct pci_topology *t);
/* The bridge function above @fn's bus, or NULL at a root bus (or @fn not in @t). */
const struct vdisc_pci_function *pci_topology_parent(const struct pci_topology *t,
						     const struct vdisc_pci_function *fn);

/* pci_machine.c: -m, -mm, -vm, -vmm */
void pci_print_machine(FILE *out, const struct pci_listing *l, const struct pci_options *opt);

/* pci_slot.c: a function's slot as lspci names it (domain, -P paths); -PP paths are long */
#define PCI_SLOT_TEXT_LEN 256
void pci_slot_text(char *buf, size_t len, const struct pci_listing *l,
		   const struct vdisc_pci_function *fn, const struct pci_options *opt);

/* pci_verbose.c, pci_caps_text.c: -v; pci_tree.c: -t.  @k: the kernel's view of the function
 * (hosted/pci_kernel.h) on a live sysfs source, else NULL. */
struct vdisc_pci_kernel;
void pci_print_ident_lines(FILE *out, const struct vdisc_pci_function *fn,
			   const struct vdisc_pci_kernel *k, const struct pci_options *opt);
void pci_print_verbose(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		       const struct vdisc_pci_kernel *k, const struct pci_options *opt);
void pci_print_caps(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x,
		    const struct pci_options *opt);
void pci_print_tree(FILE *out, const struct pci_listing *l, const struct pci_options *opt);
void pci_print_json(FILE *out, const struct pci_listing *l, const struct pci_options *opt);

#endif
