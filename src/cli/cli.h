/* SPDX-License-Identifier: MIT */
#ifndef VDISC_CLI_H
#define VDISC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

#include "out_buf.h"

/*
 * Exit codes: a contract (man page, EXIT STATUS; 'vdisc --help').  0-3 kept
 * their meaning when "bad input" was split into 2, 4 and 5, so that old
 * scripts break least.
 */
enum vdisc_exit {
	VDISC_EXIT_OK = 0,
	VDISC_EXIT_FAILED = 1,	    /* a check or device operation failed; a query found nothing */
	VDISC_EXIT_USAGE = 2,	    /* bad options or arguments */
	VDISC_EXIT_UNAVAILABLE = 3, /* not permitted, or not available on this machine */
	VDISC_EXIT_UNREADABLE = 4,  /* the input named is not there or cannot be read as one */
	VDISC_EXIT_MALFORMED = 5,   /* the input was read and is malformed */
};

/* io.c */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_read_file(const char *path, size_t limit, unsigned char **data, size_t *size);
/* A whole file in memory: mapped where it is a regular file, else read. */
struct cli_file {
	unsigned char *data;
	size_t size;
	size_t mapped; /* bytes mapped; 0 where @data was read into the heap */
};
int cli_file_load(const char *path, size_t limit, struct cli_file *file);
void cli_file_release(struct cli_file *file);
/* The exit status (enum vdisc_exit) for a named input that failed to open or read with errno @err.
 */
int cli_exit_for_errno(int err);
void *cli_arena_alloc(size_t size);
void cli_arena_free(void *p, size_t size);
void cli_format_size(char *buf, size_t len, uint64_t size);
/* The width to fit: the terminal's on one, else $COLUMNS, else 120. */
int cli_term_columns(FILE *out);

/*
 * cli_argp.c: argp_parse() with the help options every parser shares
 * (-h/-?/--help, --usage, -V/--version); same arguments as argp_parse().
 */
struct argp;
int cli_argp_parse(const struct argp *argp, int argc, char **argv, unsigned flags, int *arg_index,
		   void *input);
/*
 * The index in @argv of the first argument (a command or subcommand),
 * taking only the help options before it; -1 after a usage error, said
 * with @missing when there is no argument.  @argp gives the help text.
 */
int cli_argp_command(const struct argp *argp, int argc, char **argv, const char *missing);

/* version.c: vdisc's version and the libraries' (libfdt, libpci, pci.ids, json-c) */
void cli_print_version(FILE *out);

/* json_out.c: print a json-c document the one way every command does, and free it */
struct json_object;
void cli_json_print(FILE *out, struct json_object *root);

/*
 * json_out.c: the same document written piece by piece, so that a listing
 * of any length needs memory for one piece at a time.  Containers are
 * opened and closed explicitly; every other value is a json-c object,
 * serialized, written and freed at once.  The bytes are those
 * cli_json_print() would print for the whole document built in memory.
 */
enum cli_json_kind { CLI_JSON_OBJECT, CLI_JSON_ARRAY };

/**
 * struct cli_json_stream - a document being written
 * @depth: containers open
 * @pending: the innermost container's bracket, not yet written (it has no member yet), or 0
 * @failed: a write (or a serialization) failed; nothing more is written
 * @out: the buffered writer the bytes go through (its first failure and errno kept)
 */
struct cli_json_stream {
	unsigned depth;
	char pending;
	bool failed;
	struct cli_out out;
};

/**
 * cli_json_stream_init - start a document
 * @s: the stream
 * @out: where it is written
 */
void cli_json_stream_init(struct cli_json_stream *s, FILE *out);

/**
 * cli_json_open - open an object or array as the next member
 * @s: the stream
 * @key: the member's name inside an object; NULL inside an array and for the document itself
 * @kind: CLI_JSON_OBJECT or CLI_JSON_ARRAY
 *
 * Members follow with cli_json_put() and nested cli_json_open(), then
 * cli_json_close() with the same @kind.
 *
 * returns:
 *	0 on success
 *	-1 when a write has failed (now or before); errno is set by cli_json_stream_end()
 */
int cli_json_open(struct cli_json_stream *s, const char *key, enum cli_json_kind kind);

/**
 * cli_json_close - close the innermost open container
 * @s: the stream
 * @kind: what cli_json_open() opened
 *
 * returns:
 *	0 on success
 *	-1 when a write has failed, or nothing is open
 */
int cli_json_close(struct cli_json_stream *s, enum cli_json_kind kind);

/**
 * cli_json_put - write one value as the next member, and free it
 * @s: the stream
 * @key: the member's name inside an object; NULL inside an array and for the document itself
 * @value: taken over (json_object_put() after writing, also on failure); NULL writes null
 *
 * returns:
 *	0 on success
 *	-1 when a write or the serialization has failed (now or before)
 */
int cli_json_put(struct cli_json_stream *s, const char *key, struct json_object *value);

/**
 * cli_json_put_string - write a string (NULL: null) as the next member, as json-c would
 * @s: the document
 * @key: its key inside an object, NULL inside an array
 * @value: the string, escaped as json-c escapes it ('/' as is), or NULL
 *
 * cli_json_put_u64(), cli_json_put_bool() and cli_json_put_null() likewise:
 * the same bytes as cli_json_put() of the json-c value, without building it.
 *
 * returns:
 *	0, or -1 when a write has failed (now or before)
 */
int cli_json_put_string(struct cli_json_stream *s, const char *key, const char *value);
int cli_json_put_u64(struct cli_json_stream *s, const char *key, uint64_t value);
int cli_json_put_bool(struct cli_json_stream *s, const char *key, bool value);
int cli_json_put_null(struct cli_json_stream *s, const char *key);

/**
 * cli_json_put_hex - write bytes as a string of lower-case hex digits, two a byte
 * @s: the document
 * @key: its key inside an object, NULL inside an array
 * @bytes: the bytes
 * @len: how many ("" for none)
 *
 * returns:
 *	0, or -1 when a write has failed (now or before)
 */
int cli_json_put_hex(struct cli_json_stream *s, const char *key, const void *bytes, size_t len);

/**
 * cli_json_stream_end - end the document with its newline
 * @s: the stream, every container closed
 *
 * Data may still sit in @s->out's buffer: the caller's fflush() is the
 * last check.
 *
 * returns:
 *	0 when every write succeeded
 *	-1 when one failed, with errno set to its reason
 */
int cli_json_stream_end(struct cli_json_stream *s);

/* cmd_dtb.c, cmd_pci.c */
int cmd_dtb(int argc, char **argv);
int cmd_pci(int argc, char **argv);
int cmd_virtio(int argc, char **argv);
int cmd_blk(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_diff(int argc, char **argv);

struct json_object;

struct dtb_options {
	const char *file; /* as given, or the live path */
	bool verbose;
	bool json;
	bool tree;
	const char *compatible;	    /* filter: a string or a shell pattern, or NULL */
	bool enabled;		    /* filter: only devices whose status is okay */
	bool wide;		    /* the table as wide as its cells */
	int columns;		    /* the width the table fits (cli_term_columns()) */
	bool probe;		    /* read virtio,mmio register blocks (live only) */
	struct json_object *probed; /* --probe --json: the blocks read, for the "virtio_mmio" key */
	const char **overlays;	    /* --overlay files, in order (dtb_overlay.h) */
	unsigned noverlays;
	/* A query (dtb_query.c): NODE and PROP names after FILE, and fdtget's options. */
	const char *node;
	char **props;
	int nprops;
	const char *type;	   /* --type, as fdtget -t; NULL: decoded by kind */
	bool list_nodes;	   /* -l */
	bool list_props;	   /* -p */
	const char *default_value; /* -d */
};

/* dtb_text.c / dtb_json.c */
/* Both walk the devices (dtb_walk.h); 0, -VDISC_E* (a device not decoded) or VDISC_EXIT_FAILED
 * (a write failed) */
int dtb_print_text(FILE *out, struct vdisc_model *model, const struct dtb_options *opt);
int dtb_print_json(FILE *out, struct vdisc_model *model, const struct dtb_options *opt);

/*
 * cmd_dtb.c: a blob vdisc_fdt_check_detail() refused, in one line: "vdisc:
 * FILE: <kind>: <what> (<number>, limit <bound>)", device-tree source given
 * by mistake named as such.  For the listed file and for each --overlay.
 */
#define LIVE_FDT_PATH "/sys/firmware/fdt"
#define DTB_SIZE_LIMIT ((size_t)64 << 20) /* far above any real tree; fdt sizes are 32-bit */
struct cli_file;
/*
 * A tree's bytes from @path (named @name in messages; @live: this machine's), every failure
 * said in one line; @maybe_node: a missing FILE may have been meant as a NODE (vdisc dtb's
 * query).  VDISC_EXIT_OK, or the exit status.
 */
int dtb_load(const char *name, const char *path, bool live, bool maybe_node, struct cli_file *file);
/* "vdisc: FILE: /node: property: [warning: ]what (number)", for each of the model's diagnostics */
void dtb_report_diags(const char *file, const struct vdisc_model *model);
void dtb_report_problem(const char *file, int err, const struct vdisc_fdt_problem *p,
			const struct cli_file *data);

/* dtb_filter.c: which devices a listing shows (--compatible, --enabled) */
bool dtb_filter_active(const struct dtb_options *opt);
/* Whether a decoded device is shown. */
bool dtb_selected(const struct vdisc_device *dev, const struct dtb_options *opt);
/* The same test on a node's raw properties, before decoding it. */
bool dtb_filter_node(const struct vdisc_model *model, int offset, const struct dtb_options *opt);
/* ", N compatible with "X"", ", N enabled", ", N enabled and compatible with "X"" */
void dtb_filter_describe(struct cli_out *o, const struct dtb_options *opt, uint32_t shown);
/* One device as -v lists it (its row, its properties, how reg and interrupts resolved); as above */
int dtb_print_device_text(FILE *out, struct vdisc_model *model, const struct vdisc_device *dev);
/*
 * One node as a JSON object: a device's fields as in "devices" (when @dev is
 * not NULL), else its @path, then its properties as -v --json gives them; as above.
 */
int dtb_print_json_node(FILE *out, struct vdisc_model *model, const struct vdisc_device *dev,
			int node, const char *path);

/* dtb_query.c: vdisc dtb FILE NODE [PROP...], fdtget's questions */
/* Why the query options given do not go together, or NULL when they do. */
const char *dtb_query_usage(const struct dtb_options *opt);
/* Whether a lone FILE that is not there was meant as a NODE of this machine's tree. */
bool dtb_query_looks_like_node(const struct dtb_options *opt);
/* Answer the query on an opened tree: an exit code (messages printed). */
int dtb_query(struct vdisc_model *model, const struct dtb_options *opt);

/* dtb_props.c: decoding raw properties for -v */
enum prop_kind { PROP_EMPTY, PROP_STRINGS, PROP_CELLS, PROP_PHANDLES, PROP_BYTES };

/* One decoded element of a property value. */
struct prop_cell {
	uint32_t value;
	int node;    /* >= 0: this cell is a phandle to the node at that offset */
	uint8_t brk; /* a map's layout: 0, or what starts here (PROP_BRK_*) */
};
/* A map entry's next part (interrupt-map: child unit address, child specifier, ...) */
#define PROP_BRK_PART 1
#define PROP_BRK_ENTRY 2 /* the next entry of a map */

#define PROP_MAX_CELLS 4096 /* longer cell lists are summarised, not decoded */

const char *prop_kind_name(enum prop_kind kind);

/* A node's properties in order, from a model's checked blob: start, then next until false. */
struct prop_iter {
	const char *structs, *strings;
	uint32_t off, end;
};
void prop_iter_start(struct prop_iter *it, const struct vdisc_model *model, int node);
bool prop_iter_next(struct prop_iter *it, const char **name, const void **val, int *len);
/*
 * The nodes of a model's checked blob in tree order, as libfdt's
 * fdt_next_node() gives them: the next node's offset with *@depth moved to
 * its depth, or (after the last node) *@depth below 0 or a negative offset.
 */
int prop_tree_next(const struct vdisc_model *model, int node, int *depth);
/* The name of the node at @node ("" for the root). */
const char *prop_tree_name(const struct vdisc_model *model, int node);

/*
 * What decodes a tree's properties, with memos of what repeats from node to
 * node (which names hold phandles, each phandle's node and "#...-cells",
 * the paths phandles point at): fixed-size, one per listing.
 */
struct prop_reader;
/* NULL when out of memory. */
struct prop_reader *prop_reader_new(const struct vdisc_model *model);
void prop_reader_free(struct prop_reader *r);

/*
 * The kind of a property's value; @cells, when not NULL (len/4 entries),
 * gets its cells decoded.  @node is the node holding the property (the
 * interrupt-map of a nexus is read with its cell counts), or -1.
 */
enum prop_kind prop_classify(struct prop_reader *r, int node, const char *name, const void *val,
			     int len, struct prop_cell *cells);
/*
 * "name = value;\n" as a .dts has it, after @indent spaces (out_buf.h's
 * stream); a map's entries (interrupt-map, msi-map, iommu-map) one a line.
 */
void prop_print(struct cli_out *o, struct prop_reader *r, int node, int indent, const char *name,
		const void *val, int len);
/* The value alone ("" when empty), a map's further entries on lines indented by @indent. */
void prop_print_value(struct cli_out *o, struct prop_reader *r, int node, int indent,
		      const char *name, const void *val, int len);
/*
 * The path of the node at @offset ("?" if none), NUL-terminated, and its
 * length in @len: valid until the reader's next call.
 */
const char *prop_path_text(struct prop_reader *r, int offset, size_t *len);

#endif
