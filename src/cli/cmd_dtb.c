/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dtb_overlay.h"
#include "virtio_cli.h"

#include <json-c/json.h>

enum {
	OPT_COMPATIBLE = 'c',
	OPT_JSON = 'j',
	OPT_TREE = 't',
	OPT_VERBOSE = 'v',
	OPT_WIDE = 'w',
	OPT_ENABLED = 'e',
	OPT_PROBE = 0x100,
	OPT_OVERLAY = 0x101,
	OPT_TYPE = 'T',
	OPT_LIST = 'l',
	OPT_PROPERTIES = 'p',
	OPT_DEFAULT = 'd',
};

static const struct argp_option dtb_options_spec[] = {
	{"verbose", OPT_VERBOSE, NULL, 0, "Also show every property, decoded by type", 0},
	{"json", OPT_JSON, NULL, 0, "Emit JSON (see vdisc(1) for the schema)", 0},
	{"tree", OPT_TREE, NULL, 0, "Show the whole node hierarchy, not only devices", 0},
	{"probe", OPT_PROBE, NULL, 0,
	 "Live tree only, as root: read each virtio,mmio node's register block (read-only) and say "
	 "what is behind it",
	 0},
	{"compatible", OPT_COMPATIBLE, "STR", 0,
	 "Only devices whose compatible list contains STR (a shell pattern where it has * ? or [, "
	 "e.g. 'arm,pl0*')",
	 0},
	{"enabled", OPT_ENABLED, NULL, 0,
	 "Only devices whose status is okay (absent, \"okay\" or \"ok\", as Linux probes them)", 0},
	{"wide", OPT_WIDE, NULL, 0,
	 "Show every table cell whole (by default the table fits the terminal, $COLUMNS or 120 "
	 "columns)",
	 0},
	{"overlay", OPT_OVERLAY, "DTBO", 0,
	 "Apply this overlay (.dtbo) to FILE first, in memory as fdtoverlay does, and list the "
	 "result; repeatable, applied in order",
	 0},
	{NULL, 0, NULL, 0, "Questions about one NODE (as fdtget asks them):", 1},
	{"type", OPT_TYPE, "TYPE", 0,
	 "Print each PROP as 'fdtget -t TYPE' does: s (strings), i, u, x (signed, unsigned, hex "
	 "numbers; prefix hh or b for bytes, h for 16 bits, l for 32), r (raw bytes)",
	 1},
	{"list", OPT_LIST, NULL, 0, "List NODE's subnodes (fdtget -l)", 1},
	{"properties", OPT_PROPERTIES, NULL, 0, "List NODE's property names (fdtget -p)", 1},
	{"default", OPT_DEFAULT, "VALUE", 0,
	 "Print VALUE for a PROP (or NODE) that does not exist instead of failing (fdtget -d)", 1},
	{0}};

static const char dtb_doc[] =
	"List the devices of a flattened device tree.\v"
	"FILE is a .dtb blob, or - for standard input; without it the live tree of this machine "
	"is read from " LIVE_FDT_PATH " (usually readable by root only).  An overlay (.dtbo) "
	"is listed as one: each fragment's target, what it sets and adds, the labels it needs "
	"from a base and those it exports.\n"
	"With NODE (a path, an alias as fdtget reads it, or a label of __symbols__: &label, or "
	"label where no alias has that name) only that node is shown: as -v shows a device, then "
	"its properties; with PROP names only their values, one a line.  More NODEs (a path or "
	"&label) may follow, each with its PROPs; with --list or --properties every argument "
	"after FILE is a NODE.  A query needs FILE (this machine's tree: " LIVE_FDT_PATH
	"); a NODE or PROP that does not exist exits 1.\n"
	"Addresses are CPU physical addresses after translation through every ancestor's "
	"'ranges'; interrupts are followed through interrupt-parent, interrupts-extended and "
	"interrupt-map to the controller that receives them.";

static error_t cmd_dtb_parse(int key, char *arg, struct argp_state *state)
{
	struct dtb_options *opt = state->input;

	switch (key) {
	case OPT_VERBOSE:
		opt->verbose = true;
		return 0;
	case OPT_JSON:
		opt->json = true;
		return 0;
	case OPT_TREE:
		opt->tree = true;
		return 0;
	case OPT_ENABLED:
		opt->enabled = true;
		return 0;
	case OPT_WIDE:
		opt->wide = true;
		return 0;
	case OPT_PROBE:
		opt->probe = true;
		return 0;
	case OPT_COMPATIBLE:
		if (arg[0] == '\0')
			argp_error(state,
				   "--compatible needs a string (no node's compatible is empty)");
		opt->compatible = arg;
		return 0;
	case OPT_OVERLAY: {
		const char **grown = realloc(opt->overlays, (opt->noverlays + 1) * sizeof(*grown));

		if (!grown || arg[0] == '\0')
			argp_error(state, grown ? "--overlay needs a file name" : "out of memory");
		opt->overlays = grown;
		opt->overlays[opt->noverlays++] = arg;
		return 0;
	}
	case OPT_TYPE:
		opt->type = arg;
		return 0;
	case OPT_LIST:
		opt->list_nodes = true;
		return 0;
	case OPT_PROPERTIES:
		opt->list_props = true;
		return 0;
	case OPT_DEFAULT:
		opt->default_value = arg;
		return 0;
	case ARGP_KEY_ARG: /* FILE, then NODE; the PROP names come as ARGP_KEY_ARGS */
		if (opt->file && opt->node)
			return ARGP_ERR_UNKNOWN;
		*(opt->file ? &opt->node : &opt->file) = arg;
		return 0;
	case ARGP_KEY_ARGS:
		opt->props = state->argv + state->next;
		opt->nprops = state->argc - state->next;
		return 0;
	case ARGP_KEY_END:
		if (dtb_query_usage(opt))
			argp_error(state, "%s", dtb_query_usage(opt));
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp dtb_argp = {
	dtb_options_spec, cmd_dtb_parse, "[FILE [NODE [PROP...]]]", dtb_doc, NULL, NULL, NULL};

int dtb_load(const char *name, const char *path, bool live, bool maybe_node, struct cli_file *file)
{
	int err = cli_file_load(path, DTB_SIZE_LIMIT, file);

	if (!err)
		return VDISC_EXIT_OK;
	if (live && err == ENOENT)
		cli_error(
			"%s: this machine has no flattened device tree (it did not boot with one)",
			name);
	else if (live && (err == EACCES || err == EPERM))
		cli_error("%s: %s (reading the live device tree needs root)", name, strerror(err));
	else if (err == EFBIG)
		cli_error("%s: larger than %zu MiB, too large for a device tree", name,
			  DTB_SIZE_LIMIT >> 20);
	else if (err == ENOENT && maybe_node)
		cli_error("%s: %s (a NODE is asked of a FILE: vdisc dtb " LIVE_FDT_PATH " %s)",
			  name, strerror(err), name);
	else
		cli_error("%s: %s", name, strerror(err));
	/* A named file missing is unreadable; the live tree missing is "not here". */
	if (live && err == ENOENT)
		return VDISC_EXIT_UNAVAILABLE;
	return cli_exit_for_errno(err);
}

/* Past blank lines and comments, whether @data starts the way device-tree source does. */
static bool cmd_dtb_is_source(const unsigned char *data, size_t size)
{
	static const char *const starts[] = {"/dts-v1/", "/plugin/", "/include/", "#include",
					     "/ {"};
	const char *p = (const char *)data, *end = p + size, *close;
	size_t i, n;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			p = memchr(p, '\n', (size_t)(end - p));
			p = p ? p + 1 : end;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			for (close = p + 2;
			     close + 1 < end && !(close[0] == '*' && close[1] == '/'); close++)
				;
			p = close + 1 < end ? close + 2 : end;
		} else {
			break;
		}
	}
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		n = strlen(starts[i]);
		if ((size_t)(end - p) >= n && memcmp(p, starts[i], n) == 0)
			return true;
	}
	return false;
}

/* "vdisc: FILE: <kind of problem>: <what exactly> (<number>, limit <bound>)" */
void dtb_report_problem(const char *file, int err, const struct vdisc_fdt_problem *p,
			const struct cli_file *data)
{
	const char *kind = vdisc_fdt_strerror(err), *what = p->what ? p->what : "";
	bool piped = strcmp(file, "<stdin>") == 0;

	if (err == -VDISC_EBADMAGIC && cmd_dtb_is_source(data->data, data->size))
		cli_error("%s: this is device-tree source, not a blob: compile it with dtc first "
			  "(dtc -I dts -O dtb %s%s)",
			  file, piped ? "| vdisc dtb -" : "-o FILE.dtb ", piped ? "" : file);
	else if (err == -VDISC_EBADMAGIC)
		cli_error("%s: %s: found 0x%08" PRIx64 ", expected 0x%08" PRIx64, file, kind,
			  p->value, p->limit);
	else if (p->value && !p->limit)
		cli_error("%s: %s: %s %" PRIu64, file, kind, what, p->value);
	else if (p->value || p->limit)
		cli_error("%s: %s: %s (%" PRIu64 ", limit %" PRIu64 ")", file, kind, what, p->value,
			  p->limit);
	else
		cli_error("%s: %s: %s", file, kind, what);
}

/* "vdisc: FILE: /node: property: [warning: ]what (number)" */
void dtb_report_diags(const char *file, const struct vdisc_model *model)
{
	const struct vdisc_diag *d;
	uint32_t listed = 0;

	for (d = model->diags; d; d = d->next, listed++) {
		const char *path = d->path ? d->path : "/", *prop = d->prop ? d->prop : "-";
		const char *level = d->warning ? "warning: " : "",
			   *text = vdisc_fdt_strerror(d->error);

		/* An absent "#...-cells" (its only ENOTFOUND): inherited, or the I2C rule. */
		if (d->error == -VDISC_ENOTFOUND && d->from)
			cli_error("%s: %s: %s: %sabsent, %" PRIu32 " inherited from %s as Linux "
				  "reads it",
				  file, path, prop, level, d->value, d->from);
		else if (d->error == -VDISC_ENOTFOUND && d->prop && d->prop[0] == '#')
			cli_error("%s: %s: %s: %sabsent, %" PRIu32 " as the I2C binding says "
				  "(Linux's I2C core reads reg's first cell)",
				  file, path, prop, level, d->value);
		else if (d->error == -VDISC_ELOOP && d->value)
			cli_error("%s: %s: %s: %s%s (more than %" PRIu32 " steps)", file, path,
				  prop, level, text, d->value);
		else if (d->error == -VDISC_ENOMATCH)
			cli_error("%s: %s: %s: %s%s (interrupt 0x%" PRIx32 ")", file, path, prop,
				  level, text, d->value);
		else if (d->value)
			cli_error("%s: %s: %s: %s%s (0x%" PRIx32 ")", file, path, prop, level, text,
				  d->value);
		else
			cli_error("%s: %s: %s: %s%s", file, path, prop, level, text);
	}
	if (model->ndiags > listed)
		cli_error("%s: %" PRIu32 " more problems not listed", file, model->ndiags - listed);
}

/*
 * --probe: what is behind each virtio,mmio node, read through a read-only
 * /dev/mem window.  As text it follows the listing; as JSON it is collected
 * first and becomes the document's "virtio_mmio" key.
 */
static int cmd_dtb_probe_virtio(const struct vdisc_model *model, const struct dtb_options *opt,
				json_object *arr)
{
	const struct vdisc_device *dev;
	int rc;

	if (!arr)
		printf("\nVirtio-mmio register blocks:\n");
	for (dev = model->devices; dev; dev = dev->next) {
		if (!(dev->dt.flags & VDISC_DEV_VIRTIO_MMIO) || !dtb_selected(dev, opt) ||
		    dev->nregs == 0 || !dev->regs[0].translated)
			continue;
		rc = virtio_mmio_probe_print(dev->regs[0].address,
					     dev->regs[0].has_size ? dev->regs[0].size : 0, arr,
					     false);
		if (rc < 0)
			return -rc;
	}
	return VDISC_EXIT_OK;
}

/*
 * A listing only opens the tree (the index; devices are decoded one at a
 * time as they are printed); --probe reads the whole model first.  The
 * listing's arena is a reservation of address space far above what an
 * index takes (at most about the blob's size on every tree measured), of
 * which only the pages used are ever touched: that spares the walk that
 * computes the library's bound, a tenth of a listing.  A tree that needs
 * more, and the whole scan, get the bound.
 */
#define DTB_RESERVE(size) (16 * (size) + ((size_t)64 << 20))

static int cmd_dtb_scan_in(const unsigned char *blob, size_t size, bool whole, size_t cap,
			   struct vdisc_model *model, struct vdisc_arena *arena, void **storage)
{
	*storage = cli_arena_alloc(cap ? cap : 1);
	if (!*storage)
		return -VDISC_ENOMEM;
	vdisc_arena_init(arena, *storage, cap);
	vdisc_model_init(model, arena);
	return whole ? vdisc_fdt_scan(blob, size, model) : vdisc_fdt_open(blob, size, model);
}

static int cmd_dtb_scan(const unsigned char *blob, size_t size, bool whole,
			struct vdisc_model *model, struct vdisc_arena *arena, void **storage)
{
	size_t cap;
	int err = -VDISC_ENOMEM;

	if (!whole && size < ((size_t)1 << 32))
		err = cmd_dtb_scan_in(blob, size, false, DTB_RESERVE(size), model, arena, storage);
	if (err != -VDISC_ENOMEM)
		return err;
	cli_arena_free(*storage, arena->size);
	*storage = NULL;
	err = vdisc_fdt_arena_size(blob, size, whole ? 0 : VDISC_FDT_SIZE_INDEX, &cap);
	if (err)
		return err;
	return cmd_dtb_scan_in(blob, size, whole, cap, model, arena, storage);
}

int cmd_dtb(int argc, char **argv)
{
	struct dtb_options opt = {0};
	struct vdisc_fdt_problem problem;
	struct vdisc_model model = {0};
	struct vdisc_arena arena = {0};
	struct cli_file file;
	void *storage = NULL;
	const char *path;
	bool live;
	int rc, err;

	if (cli_argp_parse(&dtb_argp, argc, argv, 0, NULL, &opt) != 0)
		return VDISC_EXIT_USAGE;
	opt.columns = cli_term_columns(stdout);
	live = opt.file == NULL;
	if (opt.probe && !live) {
		cli_error("--probe reads this machine's devices: use it with the live tree (no "
			  "FILE)");
		return VDISC_EXIT_USAGE;
	}
	if (live)
		opt.file = LIVE_FDT_PATH;
	/* "-" is standard input, as for dtc and fdtdump, and named as they name it. */
	path = opt.file;
	if (strcmp(opt.file, "-") == 0) {
		path = "/dev/stdin";
		opt.file = "<stdin>";
	}
	rc = dtb_load(opt.file, path, live, dtb_query_looks_like_node(&opt), &file);
	if (rc == VDISC_EXIT_OK && opt.noverlays)
		rc = dtb_overlay_apply(&opt, &file);
	free(opt.overlays);
	if (rc != VDISC_EXIT_OK) {
		cli_file_release(&file); /* zeroed by a failed load */
		return rc;
	}

	err = cmd_dtb_scan(file.data, file.size, opt.probe, &model, &arena, &storage);
	/* The scan checks the blob first; only a blob it refused is checked again, for the words.
	 */
	if (err && err != -VDISC_ENOMEM && !model.dt.fdt_index &&
	    vdisc_fdt_check_detail(file.data, file.size, &problem) == err) {
		dtb_report_problem(opt.file, err, &problem, &file);
		rc = VDISC_EXIT_MALFORMED;
	} else if (err) {
		cli_error("%s: %s", opt.file, vdisc_fdt_strerror(err));
		rc = err == -VDISC_ENOMEM ? VDISC_EXIT_FAILED : VDISC_EXIT_MALFORMED;
	} else if (opt.node) {
		rc = dtb_query(&model, &opt); /* diagnostics of other nodes are not its business */
	} else if (vdisc_fdt_is_overlay(&model)) {
		rc = dtb_overlay_list(stdout, &file, &opt); /* noted by the index: no walk */
	} else {
		rc = VDISC_EXIT_OK;
		if (opt.json && opt.probe) {
			opt.probed = json_object_new_array();
			rc = cmd_dtb_probe_virtio(&model, &opt, opt.probed);
		}
		if (rc == VDISC_EXIT_OK) {
			err = opt.json ? dtb_print_json(stdout, &model, &opt)
				       : dtb_print_text(stdout, &model, &opt);
			if (err < 0)
				cli_error("%s: %s", opt.file, vdisc_fdt_strerror(err));
			/* > 0: a write failed; < 0: a device its decoder refused, or memory */
			if (err)
				rc = err < 0 && err != -VDISC_ENOMEM ? VDISC_EXIT_MALFORMED
								     : VDISC_EXIT_FAILED;
		}
		dtb_report_diags(opt.file, &model);
		if (rc == VDISC_EXIT_OK && model.nerrors)
			rc = VDISC_EXIT_MALFORMED; /* warnings alone leave it 0 */
		if (rc == VDISC_EXIT_OK && opt.probe && !opt.json)
			rc = cmd_dtb_probe_virtio(&model, &opt, NULL);
		json_object_put(opt.probed); /* the JSON printer only borrowed it; NULL is fine */
	}
	cli_arena_free(storage, arena.size);
	cli_file_release(&file);
	return rc; /* a failed write is main()'s to report, at exit */
}
