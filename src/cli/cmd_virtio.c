/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/*
 * vdisc virtio: the options every subcommand shares and the dispatch to
 * types, features, config and mmio (one file each, virtio_*_cli.c).
 */

enum {
	OPT_TYPE = 't',
	OPT_SYSFS = 's',
	OPT_JSON = 'j',
	OPT_BITS = 'b',
	OPT_SYSFS_ROOT = 0x100,
	OPT_SCAN,
	OPT_CMDLINE,
	OPT_FEATURES,
};

static const struct argp_option cmd_virtio_options[] = {
	{"type", OPT_TYPE, "TYPE", 0,
	 "Device type for 'features': a name (block, network, ...) or a number", 0},
	{"sysfs", OPT_SYSFS, NULL, 0,
	 "'features': decode every virtio device of this machine (/sys/bus/virtio)", 0},
	{"bits", OPT_BITS, "BITS", 0,
	 "'features': a word as sysfs writes it, one 0/1 per bit, bit 0 first", 0},
	{"json", OPT_JSON, NULL, 0, "Emit JSON", 0},
	{"features", OPT_FEATURES, "HEX[:HEX]", 0,
	 "'config': the offered features (bits 0-63[:64-127]) that make fields valid", 0},
	{"scan", OPT_SCAN, "START-END[/STEP]", 0,
	 "'mmio': probe every STEP (default 0x200) from START to END", 0},
	{"cmdline", OPT_CMDLINE, "STRING", OPTION_ARG_OPTIONAL,
	 "'mmio': the virtio_mmio.device= parameters of STRING (default /proc/cmdline)", 0},
	{"sysfs-root", OPT_SYSFS_ROOT, "DIR", OPTION_HIDDEN,
	 "Read /sys/bus/virtio/devices from DIR (tests)", 0},
	{0}};

static const char cmd_virtio_doc[] =
	"Virtio decoding.\v"
	"Subcommands:\n"
	"  types                          list the device types the tables know\n"
	"  features --type TYPE HEX...    name the bits of feature words: each HEX is 64 bits,\n"
	"                                 the first bits 0-63, the next 64-127\n"
	"  features --type TYPE --bits B  the same for sysfs's 0/1 string\n"
	"  features --sysfs               every virtio device of this machine, as negotiated\n"
	"  config --type TYPE [--features HEX[:HEX]] BYTES...\n"
	"                                 decode device configuration bytes (hex, as dumped)\n"
	"  mmio ADDR[,SIZE]...            read virtio-mmio register blocks (root, /dev/mem,\n"
	"                                 read-only: offered features are not read)\n"
	"  mmio --scan START-END[/STEP]   probe a physical range, as kernels without a DT do\n"
	"  mmio --cmdline[=STRING]        the virtio_mmio.device= parameters (/proc/cmdline)";

static error_t cmd_virtio_parse(int key, char *arg, struct argp_state *state)
{
	struct virtio_options *opt = state->input;

	switch (key) {
	case OPT_TYPE:
		opt->type = arg;
		return 0;
	case OPT_SYSFS:
		opt->sysfs = true;
		return 0;
	case OPT_BITS:
		opt->bits = arg;
		return 0;
	case OPT_JSON:
		opt->json = true;
		return 0;
	case OPT_SYSFS_ROOT:
		opt->sysfs_root = arg;
		return 0;
	case OPT_SCAN:
		opt->scan = arg;
		return 0;
	case OPT_FEATURES:
		opt->features = arg;
		return 0;
	case OPT_CMDLINE:
		opt->use_cmdline = true;
		opt->cmdline = arg;
		return 0;
	case ARGP_KEY_ARG:
		if (!opt->sub)
			opt->sub = arg;
		else
			opt->words[opt->nwords++] = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no subcommand given (types or features)");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp cmd_virtio_argp = {cmd_virtio_options,
					    cmd_virtio_parse,
					    "types|features [HEX...]",
					    cmd_virtio_doc,
					    NULL,
					    NULL,
					    NULL};

/* Arguments and options a subcommand would otherwise ignore are usage errors. */
static int cmd_virtio_refuse_extras(const struct virtio_options *o)
{
	if (strcmp(o->sub, "types") == 0 && o->nwords > 0) {
		cli_error("virtio types: unexpected argument '%s' (it takes none)", o->words[0]);
		return VDISC_EXIT_USAGE;
	}
	if (strcmp(o->sub, "features") != 0)
		return VDISC_EXIT_OK;
	if (o->sysfs && (o->nwords > 0 || o->bits || o->type)) {
		cli_error(
			"virtio features --sysfs reads this machine's devices: it takes no feature "
			"words, --bits or --type");
		return VDISC_EXIT_USAGE;
	}
	if (o->bits && o->nwords > 0) {
		cli_error("virtio features: give the features as --bits or as HEX words, not both");
		return VDISC_EXIT_USAGE;
	}
	return VDISC_EXIT_OK;
}

static int cmd_virtio_run(const struct virtio_options *o)
{
	struct virtio_options opt = *o;
	int rc = cmd_virtio_refuse_extras(o);

	if (rc != VDISC_EXIT_OK)
		return rc;
	if (strcmp(opt.sub, "types") == 0)
		return virtio_cmd_types(&opt);
	if (strcmp(opt.sub, "features") == 0)
		return virtio_cmd_features(&opt);
	if (strcmp(opt.sub, "mmio") == 0)
		return virtio_cmd_mmio(&opt);
	if (strcmp(opt.sub, "config") == 0)
		return virtio_cmd_config(&opt);
	cli_error("virtio %s: unknown subcommand (types, features, config or mmio)", opt.sub);
	return VDISC_EXIT_USAGE;
}

int cmd_virtio(int argc, char **argv)
{
	struct virtio_options opt = {0};
	int rc;

	opt.words = calloc((size_t)argc + 1, sizeof(*opt.words));
	if (!opt.words)
		return VDISC_EXIT_FAILED;
	if (argp_parse(&cmd_virtio_argp, argc, argv, 0, NULL, &opt) != 0) {
		free(opt.words);
		return VDISC_EXIT_USAGE;
	}
	rc = cmd_virtio_run(&opt);
	free(opt.words);
	return rc;
}
