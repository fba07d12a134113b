/* SPDX-License-Identifier: MIT */
/* vdisc scan: the device tree, PCI and virtio of one machine joined into one tree. */
#include <argp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "cli.h"
#include "pci_cli.h"
#include "scan_cli.h"

enum {
	OPT_JSON = 'j',
	OPT_VERBOSE = 'v',
	OPT_WIDE = 'w',
	OPT_PCI_DUMP = 'F',
	OPT_ACCESS = 'A',
	OPT_DTB = 0x100,
	OPT_GRAPH,
};

static const struct argp_option scan_options_spec[] = {
	{"dtb", OPT_DTB, "FILE", 0, "The device tree from FILE (a .dtb), not this machine's", 0},
	{"pci-dump", OPT_PCI_DUMP, "FILE", 0,
	 "PCI from FILE (lspci -x/-xxx/-xxxx text, as vdisc pci -F), not this machine's", 0},
	{"access", OPT_ACCESS, "METHOD", 0,
	 "Read this machine's PCI with METHOD, as vdisc pci -A (sysfs, devport, libpci[:M])", 0},
	{"json", OPT_JSON, NULL, 0, "One JSON document: sources, machine, devices in tree order",
	 0},
	{"verbose", OPT_VERBOSE, NULL, 0,
	 "More on each device: every interrupt, registers, BARs, virtio features", 0},
	{"wide", OPT_WIDE, NULL, 0, "Do not cut lines to the terminal's width", 0},
	{"graph", OPT_GRAPH, "dot", 0,
	 "The bus tree and the interrupt routing as a Graphviz graph (dot -Tsvg draws it)", 0},
	{0},
};

static const char scan_doc[] =
	"The whole machine as one tree: device-tree nodes, the PCI functions below their host "
	"bridge (and bridges), each function's INTx routed to its interrupt controller's line, "
	"virtio devices below their transport, and the driver bound to each.\v"
	"Without --dtb or --pci-dump this machine is read: its device tree (" LIVE_FDT_PATH
	", usually root only; none on most x86 machines, where PCI root buses stand "
	"alone as pci0000:00, as Linux names them), PCI through sysfs, virtio and drivers from "
	"sysfs.  With --dtb and/or --pci-dump only those files are read: a tree and a dump of "
	"the same machine are joined as a running kernel would join them.  Exit status as "
	"vdisc's: 5 when an input is malformed (an interrupt no map routes is a warning).";

static error_t scan_parse_(int key, char *arg, struct argp_state *state)
{
	struct scan_options *opt = state->input;

	switch (key) {
	case OPT_DTB:
		opt->dtb = arg;
		break;
	case OPT_PCI_DUMP:
		opt->pci_dump = arg;
		break;
	case OPT_ACCESS:
		opt->access = arg;
		break;
	case OPT_JSON:
		opt->json = true;
		break;
	case OPT_VERBOSE:
		opt->verbose++;
		break;
	case OPT_WIDE:
		opt->wide = true;
		break;
	case OPT_GRAPH:
		if (strcmp(arg, "dot") != 0)
			argp_error(state, "--graph=%s: the graph format is dot", arg);
		opt->graph = SCAN_GRAPH_DOT;
		break;
	case ARGP_KEY_ARG:
		argp_error(state,
			   "unexpected argument '%s' (files are named by --dtb and "
			   "--pci-dump)",
			   arg);
		break;
	case ARGP_KEY_END:
		if (opt->json && opt->graph)
			argp_error(state, "--json and --graph are two different outputs: one at "
					  "a time");
		if (opt->access && opt->pci_dump)
			argp_error(state, "-A reads this machine's PCI, --pci-dump a file: one of "
					  "them");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp scan_argp = {
	scan_options_spec, scan_parse_, NULL, scan_doc, NULL, NULL, NULL};

static int scan_load_dtb_(struct scan_run *r, const char *path)
{
	int rc = dtb_load(path, path, r->opt.live, false, &r->dtb);

	if (rc != VDISC_EXIT_OK)
		return rc;
	r->have_dtb = true;
	r->src.dtb = path;
	return VDISC_EXIT_OK;
}

/* Which inputs: the files named, or what this machine has. */
static int scan_open_(struct scan_run *r)
{
	struct pci_options po = {0};
	int rc = VDISC_EXIT_OK;

	r->opt.live = !r->opt.dtb && !r->opt.pci_dump;
	if (r->opt.dtb)
		rc = scan_load_dtb_(r, r->opt.dtb);
	else if (r->opt.live && access(LIVE_FDT_PATH, F_OK) == 0)
		rc = scan_load_dtb_(r, LIVE_FDT_PATH);
	if (rc != VDISC_EXIT_OK)
		return rc;
	po.dump = r->opt.pci_dump;
	po.access = r->opt.access;
	if (r->opt.live && !r->opt.access && access(SYSFS_PCI, F_OK) != 0)
		return VDISC_EXIT_OK; /* a machine without PCI */
	if (!r->opt.pci_dump && !r->opt.live)
		return VDISC_EXIT_OK;
	rc = pci_source_open(&po, &r->pci);
	if (rc == VDISC_EXIT_OK) {
		r->have_pci = true;
		r->src.pci = r->pci.name;
		r->src.pci_file = r->opt.pci_dump;
	}
	return rc;
}

/* The tree's scan, PCI into the same model, the link: in one arena, grown until it fits. */
static int scan_build_in_(struct scan_run *r, size_t cap)
{
	struct vdisc_pci_options po = {0};
	int err = 0;

	r->storage = malloc(cap);
	if (!r->storage)
		return -VDISC_ENOMEM;
	vdisc_arena_init(&r->arena, r->storage, cap);
	vdisc_model_init(&r->model, &r->arena);
	if (r->have_dtb)
		err = vdisc_fdt_scan(r->dtb.data, r->dtb.size, &r->model);
	if (err)
		return err;
	if (r->have_pci)
		err = vdisc_pci_enumerate(&r->pci.ops, &po, &r->model);
	return err ? err : vdisc_machine_link(&r->model);
}

static int scan_report_build_(struct scan_run *r, int err)
{
	struct vdisc_fdt_problem problem;

	if (err == -VDISC_ENOMEM) {
		cli_error("out of memory");
		return VDISC_EXIT_FAILED;
	}
	if (r->have_dtb && !r->model.dt.fdt_index) {
		if (vdisc_fdt_check_detail(r->dtb.data, r->dtb.size, &problem) == err)
			dtb_report_problem(r->src.dtb, err, &problem, &r->dtb);
		else
			cli_error("%s: %s", r->src.dtb, vdisc_fdt_strerror(err));
		return VDISC_EXIT_MALFORMED;
	}
	cli_error("%s: %s", r->opt.pci_dump ? r->opt.pci_dump : r->pci.name, vdisc_strerror(err));
	return err == -VDISC_EPERM ? VDISC_EXIT_UNAVAILABLE : VDISC_EXIT_FAILED;
}

static int scan_build_(struct scan_run *r)
{
	size_t cap = ((size_t)4 << 20) + (r->have_pci ? pci_source_arena_hint(&r->pci) : 0);
	size_t tree = 0;
	int err;

	if (r->have_dtb && vdisc_fdt_arena_size(r->dtb.data, r->dtb.size, 0, &tree) == 0)
		cap += 2 * tree; /* the link's stack and the routed interrupts' paths besides */
	for (;;) {
		err = scan_build_in_(r, cap);
		if (err != -VDISC_ENOMEM || cap >= ((size_t)1 << 34))
			break;
		free(r->storage);
		r->storage = NULL;
		cap *= 4;
	}
	return err ? scan_report_build_(r, err) : VDISC_EXIT_OK;
}

int scan_run_load(struct scan_run *r)
{
	int rc = scan_open_(r);

	return rc == VDISC_EXIT_OK ? scan_build_(r) : rc;
}

void scan_run_free(struct scan_run *r)
{
	free(r->storage);
	r->storage = NULL;
	if (r->have_pci)
		pci_source_close(&r->pci);
	r->have_pci = false;
	cli_file_release(&r->dtb);
}

static int scan_print_(struct scan_run *r)
{
	if (r->opt.graph == SCAN_GRAPH_DOT)
		return scan_print_dot(stdout, &r->model, &r->src);
	if (r->opt.json) {
		cli_json_print(stdout, scan_json_document(&r->model, &r->src, r->opt.verbose > 0));
		return VDISC_EXIT_OK;
	}
	return scan_print_text(stdout, &r->model, &r->src, &r->opt);
}

int cmd_scan(int argc, char **argv)
{
	struct scan_run r = {0};
	int rc;

	if (cli_argp_parse(&scan_argp, argc, argv, 0, NULL, &r.opt) != 0)
		return VDISC_EXIT_USAGE;
	r.opt.columns = cli_term_columns(stdout);
	rc = scan_run_load(&r);
	if (rc == VDISC_EXIT_OK && r.opt.live)
		rc = scan_live_attach(&r.model, &r.src);
	if (rc == VDISC_EXIT_OK) {
		pci_names_init();
		rc = scan_print_(&r);
		dtb_report_diags(r.src.dtb	  ? r.src.dtb
				 : r.opt.pci_dump ? r.opt.pci_dump
						  : SYSFS_PCI,
				 &r.model);
		if (rc == VDISC_EXIT_OK && r.model.nerrors)
			rc = VDISC_EXIT_MALFORMED;
	}
	scan_run_free(&r);
	return rc;
}
