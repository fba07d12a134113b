/* SPDX-License-Identifier: MIT */
#ifndef VDISC_SCAN_CLI_H
#define VDISC_SCAN_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <vdisc/vdisc.h>
#include <vdisc/machine.h>

#include "cli.h"
#include "pci_cli.h"

struct json_object;

enum scan_graph { SCAN_GRAPH_NONE = 0, SCAN_GRAPH_DOT };

struct scan_options {
	const char *dtb;      /* --dtb FILE, or NULL */
	const char *pci_dump; /* --pci-dump FILE, or NULL */
	const char *access;   /* -A METHOD for this machine's PCI, or NULL (sysfs) */
	bool live;	      /* neither given: this machine */
	bool json, wide;
	int verbose;
	enum scan_graph graph;
	int columns; /* the width the tree fits (cli_term_columns()), unless wide */
};

/* What was read, for the heading and the JSON "sources". */
struct scan_sources {
	const char *dtb;      /* the tree's file, or NULL */
	const char *pci;      /* the access method ("dump", "sysfs"), or NULL */
	const char *pci_file; /* the dump's file, or NULL */
	const char *virtio;   /* "sysfs" where the running kernel's view was read, or NULL */
};

/* cmd_scan.c: one machine's model, read and linked (for scan and diff) */
struct scan_run {
	struct scan_options opt; /* in: the files (neither: this machine) */
	struct scan_sources src;
	struct cli_file dtb;
	bool have_dtb, have_pci;
	struct pci_source pci;
	struct vdisc_model model;
	struct vdisc_arena arena;
	void *storage;
};
/* Open the inputs, scan, enumerate, link: VDISC_EXIT_OK, or the exit status (said). */
int scan_run_load(struct scan_run *r);
void scan_run_free(struct scan_run *r);

/* scan_text.c: the tree, one line a device; 0 or VDISC_EXIT_FAILED (a write failed) */
int scan_print_text(FILE *out, const struct vdisc_model *model, const struct scan_sources *src,
		    const struct scan_options *opt);
/*
 * scan_json.c: the document ({"sources", "machine", "devices"}), and one device of it;
 * @properties (-v): each tree node's properties too, phandles written as paths
 */
struct prop_reader;
struct json_object *scan_json_document(const struct vdisc_model *model,
				       const struct scan_sources *src, bool properties);
struct json_object *scan_json_device(const struct vdisc_device *dev, struct prop_reader *props,
				     const struct vdisc_model *model);
/* scan_dot.c: the bus tree and the interrupt routing as a Graphviz digraph */
int scan_print_dot(FILE *out, const struct vdisc_model *model, const struct scan_sources *src);

/*
 * scan_live.c: what only the running kernel knows, attached to a live scan: each
 * virtio device (type, negotiated features, driver) below its transport, and the
 * driver bound to each PCI function and device-tree node.  VDISC_EXIT_OK, or
 * VDISC_EXIT_FAILED (out of memory).
 */
int scan_live_attach(struct vdisc_model *model, struct scan_sources *src);

/* scan_names.c: what the outputs share */
/* The kind of a device as the JSON names it: "dt", "pci", "pci-root", "virtio". */
const char *scan_kind_name(const struct vdisc_device *dev);
/* The last component of a path ("/" for the root). */
const char *scan_basename(const char *path);
/* "mmio", "mmio-v1", "pci-modern", ...; NULL where unknown */
const char *scan_virtio_transport_name(const struct vdisc_device_virtio *v);
/* An interrupt's number at its controller: the line where the binding is known, else the
 * specifier's cells ("1,13,4"). */
void scan_irq_number(char *buf, size_t len, const struct vdisc_irq *q);
/* "INTA".."INTD", or NULL */
const char *scan_pin_name(unsigned pin);

#endif
