/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/*
 * vdisc virtio: the dispatch to types, features, config and mmio (one file
 * each, virtio_*_cli.c), each with its own options and help.  The
 * subcommand comes first; its options and arguments follow it.
 */

enum {
	OPT_TYPE = 'T',
	OPT_JSON = 'j',
	OPT_BITS = 'b',
	OPT_SYSFS = 0x100,
	OPT_SYSFS_ROOT,
	OPT_SCAN,
	OPT_CMDLINE,
	OPT_FEATURES,
};

#define CMD_VIRTIO_JSON                                   \
	{                                                 \
		"json", OPT_JSON, NULL, 0, "Emit JSON", 0 \
	}
#define CMD_VIRTIO_TYPE(what)                                                         \
	{                                                                             \
		"type", OPT_TYPE, "TYPE", 0,                                          \
			"The device type " what                                       \
			": a name or alias (block, blk, net, ...; see 'vdisc virtio " \
			"types') or a number",                                        \
			0                                                             \
	}

static const struct argp_option cmd_virtio_types_options[] = {CMD_VIRTIO_JSON, {0}};

static const struct argp_option cmd_virtio_features_options[] = {
	CMD_VIRTIO_TYPE("whose device-specific bits are named"),
	{"bits", OPT_BITS, "BITS", 0,
	 "The features as sysfs writes them: one 0/1 per bit, bit 0 first", 0},
	{"sysfs", OPT_SYSFS, NULL, 0,
	 "Decode every virtio device of this machine as negotiated (/sys/bus/virtio)", 0},
	CMD_VIRTIO_JSON,
	{"sysfs-root", OPT_SYSFS_ROOT, "DIR", OPTION_HIDDEN,
	 "Read /sys/bus/virtio/devices from DIR (tests)", 0},
	{0}};

static const struct argp_option cmd_virtio_config_options[] = {
	CMD_VIRTIO_TYPE("whose configuration layout is decoded"),
	{"features", OPT_FEATURES, "HEX[:HEX]", 0,
	 "The offered features (bits 0-63[:64-127]) that make fields valid (default none)", 0},
	CMD_VIRTIO_JSON,
	{0}};

static const struct argp_option cmd_virtio_mmio_options[] = {
	{"scan", OPT_SCAN, "START-END[/STEP]", 0,
	 "Probe every STEP bytes (default 0x200) from START to END, as kernels without a device "
	 "tree do",
	 0},
	{"cmdline", OPT_CMDLINE, "STRING", OPTION_ARG_OPTIONAL,
	 "Probe what the virtio_mmio.device= parameters of STRING name (default /proc/cmdline)", 0},
	CMD_VIRTIO_JSON,
	{0}};

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
		opt->words[opt->nwords++] = arg;
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

struct cmd_virtio_sub {
	const char *name;
	struct argp argp;
	int (*run)(const struct virtio_options *opt);
};

static const struct cmd_virtio_sub cmd_virtio_subs[] = {
	{"types",
	 {cmd_virtio_types_options, cmd_virtio_parse, "",
	  "List the device types the tables know: id, name, virtio-pci device ids (modern "
	  "0x1040+id, and the transitional 0x1000-0x103f id of the types that have one) and the "
	  "short aliases --type also takes.",
	  NULL, NULL, NULL},
	 virtio_cmd_types},
	{"features",
	 {cmd_virtio_features_options, cmd_virtio_parse,
	  "[--type TYPE] HEX [HEX]\n[--type TYPE] --bits BITS\n--sysfs",
	  "Name the bits of virtio feature words.\v"
	  "Each HEX is a 64-bit word: the first holds bits 0-63, the second 64-127.  Bits "
	  "without a name are shown as bitN, never dropped.  Without --type only the "
	  "device-independent bits (24-49) are named, and the set device-specific ones (0-23, "
	  "50-127) are listed as needing a type.  --json gives each bit's number beside its "
	  "name (\"bits\").  --sysfs reads the features each driver of this machine "
	  "negotiated.",
	  NULL, NULL, NULL},
	 virtio_cmd_features},
	{"config",
	 {cmd_virtio_config_options, cmd_virtio_parse, "--type TYPE BYTE...",
	  "Decode a device's configuration space from its bytes.\v"
	  "BYTEs are hex, as dumped: 52 54 00 or 52:54:00 or 525400.  A field is shown only where "
	  "the offered features make it valid.",
	  NULL, NULL, NULL},
	 virtio_cmd_config},
	{"mmio",
	 {cmd_virtio_mmio_options, cmd_virtio_parse,
	  "ADDR[,SIZE]...\n--scan START-END[/STEP]\n--cmdline[=STRING]",
	  "Read virtio-mmio register blocks at physical addresses.\v"
	  "As root, through /dev/mem: the magic, version, device and vendor ids and the status, "
	  "read-only.  When Status reads 0 (no driver has begun), the offered features and the "
	  "queue sizes too: DeviceFeaturesSel and QueueSel are written through a second, "
	  "writable /dev/mem mapping taken for those two registers alone, and left at 0.  A "
	  "device a driver owns is never written: its negotiated features come from "
	  "/sys/bus/virtio (the virtio device whose platform device holds ADDR in /proc/iomem); "
	  "where /dev/mem refuses a range a driver holds (CONFIG_IO_STRICT_DEVMEM), that view "
	  "alone is shown.  Each feature word says where it was read.  SIZE defaults to 0x200.",
	  NULL, NULL, NULL},
	 virtio_cmd_mmio},
};

static const char cmd_virtio_doc[] =
	"Virtio device types, feature words, configuration and mmio register blocks.\v"
	"Subcommands:\n"
	"  types      list the device types the tables know, with their aliases\n"
	"  features   name the bits of feature words (--type TYPE HEX..., or --sysfs)\n"
	"  config     decode device configuration bytes (--type TYPE BYTE...)\n"
	"  mmio       read virtio-mmio register blocks (ADDR, --scan or --cmdline)\n"
	"\n"
	"Run 'vdisc virtio SUBCOMMAND --help' for the options of each.";

static const struct argp cmd_virtio_argp = {
	NULL, NULL, "SUBCOMMAND [OPTION...] [ARG...]", cmd_virtio_doc, NULL, NULL, NULL};

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

static int cmd_virtio_run(const struct cmd_virtio_sub *sub, int argc, char **argv)
{
	struct virtio_options opt = {.sub = sub->name};
	uint32_t type;
	int rc;

	opt.words = calloc((size_t)argc + 1, sizeof(*opt.words));
	if (!opt.words)
		return VDISC_EXIT_FAILED;
	if (cli_argp_parse(&sub->argp, argc, argv, 0, NULL, &opt) != 0) {
		free(opt.words);
		return VDISC_EXIT_USAGE;
	}
	rc = cmd_virtio_refuse_extras(&opt);
	/* A type name not known is said here, once, with the names close to it. */
	if (rc == VDISC_EXIT_OK && opt.type && virtio_type_arg(opt.type, &type) != 0)
		rc = VDISC_EXIT_USAGE;
	if (rc == VDISC_EXIT_OK)
		rc = sub->run(&opt);
	free(opt.words);
	return rc;
}

int cmd_virtio(int argc, char **argv)
{
	int index = cli_argp_command(&cmd_virtio_argp, argc, argv,
				     "no subcommand given (types, features, config or mmio)");
	char name[64];
	size_t i;

	if (index < 0)
		return VDISC_EXIT_USAGE;
	for (i = 0; i < sizeof(cmd_virtio_subs) / sizeof(cmd_virtio_subs[0]); i++) {
		if (strcmp(argv[index], cmd_virtio_subs[i].name) != 0)
			continue;
		/* The usage line reads "vdisc virtio mmio". */
		snprintf(name, sizeof(name), "%s %s", argv[0], argv[index]);
		argv[index] = name;
		return cmd_virtio_run(&cmd_virtio_subs[i], argc - index, argv + index);
	}
	cli_error("virtio %s: unknown subcommand (types, features, config or mmio)", argv[index]);
	return VDISC_EXIT_USAGE;
}
