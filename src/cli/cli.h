/* SPDX-License-Identifier: MIT */
#ifndef VDISC_CLI_H
#define VDISC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

/* Exit codes: a contract (docs/ARCHITECTURE.md, man page). */
enum vdisc_exit {
	VDISC_EXIT_OK = 0,
	VDISC_EXIT_FAILED = 1,	    /* a check or device operation failed */
	VDISC_EXIT_BAD_INPUT = 2,   /* bad input or usage */
	VDISC_EXIT_UNAVAILABLE = 3, /* not permitted or not available here */
};

/* io.c */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_read_file(const char *path, size_t limit, unsigned char **data, size_t *size);
int cli_exit_for_errno(int err);
void cli_format_size(char *buf, size_t len, uint64_t size);

/* json_out.c: print a json-c document the one way every command does, and free it */
struct json_object;
void cli_json_print(FILE *out, struct json_object *root);

/* cmd_dtb.c, cmd_pci.c */
int cmd_dtb(int argc, char **argv);
int cmd_pci(int argc, char **argv);
int cmd_virtio(int argc, char **argv);
int cmd_blk(int argc, char **argv);

struct json_object;

struct dtb_options {
	const char *file; /* as given, or the live path */
	bool verbose;
	bool json;
	bool tree;
	const char *compatible;	    /* filter, or NULL */
	bool probe;		    /* read virtio,mmio register blocks (live only) */
	struct json_object *probed; /* --probe --json: the blocks read, for the "virtio_mmio" key */
};

/* dtb_text.c / dtb_json.c */
/* Both walk the devices (dtb_walk.h) and return 0 or -VDISC_E* */
int dtb_print_text(FILE *out, struct vdisc_model *model, const struct dtb_options *opt);
int dtb_print_json(FILE *out, struct vdisc_model *model, const struct dtb_options *opt);
bool dtb_selected(const struct vdisc_device *dev, const struct dtb_options *opt);

/* dtb_props.c: decoding raw properties for -v */
enum prop_kind { PROP_EMPTY, PROP_STRINGS, PROP_CELLS, PROP_PHANDLES, PROP_BYTES };

/* One decoded element of a property value. */
struct prop_cell {
	uint32_t value;
	int node; /* >= 0: this cell is a phandle to the node at that offset */
};

#define PROP_MAX_CELLS 4096 /* longer cell lists are summarised, not decoded */

const char *prop_kind_name(enum prop_kind kind);
enum prop_kind prop_classify(const struct vdisc_model *model, const char *name, const void *val,
			     int len);
/* The cells of @name's value, with phandles resolved; @out has len/4 entries. */
void prop_decode_cells(const struct vdisc_model *model, const char *name, const void *val, int len,
		       struct prop_cell *out);
void prop_print(FILE *out, const struct vdisc_model *model, const char *name, const void *val,
		int len);
/* The path of the node at @offset ("?" if none), from the model's index. */
const char *prop_node_path(const struct vdisc_model *model, int offset);

#endif
