/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "blk_cli.h"
#include "cli.h"

/*
 * vdisc blk: drive a virtio-blk device -- a vhost-user back-end, or a PCI
 * function through VFIO -- with the library's own driver: the dispatch to
 * info, check and bench (blk_*_cli.c), each with its own options and help
 * and the device options they share.
 */

enum {
	OPT_JSON = 'j',
	OPT_PCI = 's', /* the slot, as vdisc pci -s names one */
	OPT_VHOST_USER = 0x100,
	OPT_SECTORS,
	OPT_READ_ONLY,
	OPT_RW,
	OPT_BS,
	OPT_IODEPTH,
	OPT_QUEUES,
	OPT_RUNTIME,
	OPT_SIZE,
	OPT_ALLOW_WRITE,
	OPT_TIMEOUT,
	OPT_SPIN,
	OPT_BIND,
};

static const struct argp_option cmd_blk_device_options[] = {
	{NULL, 0, NULL, 0, "The device (one of --vhost-user and --pci):", 1},
	{"vhost-user", OPT_VHOST_USER, "SOCK", 0,
	 "The vhost-user-blk back-end listening on UNIX socket SOCK", 1},
	{"pci", OPT_PCI, "SLOT", 0,
	 "The virtio-blk PCI function [[dddd:]bb:]dd.f, driven through VFIO (root; an IOMMU)", 1},
	{"bind", OPT_BIND, NULL, 0,
	 "With --pci: take the function from its driver for vfio-pci (refused while its disk "
	 "is in use) and give it back afterwards",
	 1},
	{"timeout", OPT_TIMEOUT, "MS", 0, "Wait at most MS ms for each back-end reply (2000)", 1},
	{"spin", OPT_SPIN, "US", 0,
	 "Poll US microseconds for a completion, then sleep until the back-end signals "
	 "(default: poll only, which is fastest but keeps a CPU busy)",
	 1},
	{0}};

#define CMD_BLK_JSON                                      \
	{                                                 \
		"json", OPT_JSON, NULL, 0, "Emit JSON", 0 \
	}

static const struct argp_option cmd_blk_info_options[] = {CMD_BLK_JSON, {0}};

static const struct argp_option cmd_blk_check_options[] = {
	{"sectors", OPT_SECTORS, "LIST", 0,
	 "The blocks to check, as first sectors N[,N...] (default: first, middle, last)", 0},
	{"read-only", OPT_READ_ONLY, NULL, 0, "Only read, even a writable device", 0},
	CMD_BLK_JSON,
	{0}};

static const struct argp_option cmd_blk_bench_options[] = {
	{"rw", OPT_RW, "read|write|randread|randwrite", 0, "The access pattern (randread)", 0},
	{"bs", OPT_BS, "SIZE", 0, "Bytes per request, e.g. 4k, 1M (4k)", 0},
	{"iodepth", OPT_IODEPTH, "N", 0, "Requests in flight per queue (1)", 0},
	{"queues", OPT_QUEUES, "N", 0, "Request queues to use, with MQ (1)", 0},
	{"numjobs", OPT_QUEUES, "N", OPTION_ALIAS, NULL, 0},
	{"runtime", OPT_RUNTIME, "S", 0, "Run for S seconds (default 5 without --size)", 0},
	{"size", OPT_SIZE, "BYTES", 0, "Stop after BYTES transferred", 0},
	{"allow-write", OPT_ALLOW_WRITE, NULL, 0,
	 "Let write and randwrite overwrite the device's data", 0},
	CMD_BLK_JSON,
	{0}};

static const char cmd_blk_doc[] =
	"Drive a virtio-blk device with vdisc's own driver.\v"
	"Subcommands:\n"
	"  info    features (virtio and vhost bits apart), capacity, block size,\n"
	"          topology, queues, limits, serial\n"
	"  check   read the first, a middle and the last block; on a writable device\n"
	"          save each, write a pattern, flush, read back, restore, verify\n"
	"  bench   IOPS, MB/s and latency percentiles\n"
	"Each takes the device as --vhost-user SOCK (a back-end such as\n"
	"qemu-storage-daemon) or --pci SLOT (a virtio-blk function bound to vfio-pci,\n"
	"or --bind).  Run 'vdisc blk SUBCOMMAND --help' for the options of each.\n"
	"Exit status: see 'vdisc --help'.";

static const struct argp cmd_blk_argp = {
	NULL, NULL, "SUBCOMMAND (--vhost-user SOCK|--pci SLOT)", cmd_blk_doc, NULL, NULL, NULL};

/* A positive number for @name, within 1..@max. */
static error_t cmd_blk_number(struct argp_state *state, const char *name, const char *arg,
			      unsigned max, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 0);

	if (*arg == '\0' || *end != '\0' || v == 0 || v > max)
		argp_error(state, "--%s: '%s' is not a number from 1 to %u", name, arg, max);
	*out = (unsigned)v;
	return 0;
}

static error_t cmd_blk_size_arg(struct argp_state *state, const char *name, const char *arg,
				uint64_t *out)
{
	if (blk_parse_size(arg, out) < 0 || *out == 0)
		argp_error(state, "--%s: '%s' is not a size (512, 4k, 1M, 2G)", name, arg);
	return 0;
}

/* The device options, which every subcommand shares (a child parser of each). */
static error_t cmd_blk_parse_device(int key, char *arg, struct argp_state *state)
{
	struct blk_options *o = state->input;
	struct vdisc_pci_addr slot;
	unsigned n;

	switch (key) {
	case OPT_VHOST_USER:
		o->vhost_user = arg;
		return 0;
	case OPT_TIMEOUT:
		cmd_blk_number(state, "timeout", arg, 600000, &n);
		o->timeout_ms = (int)n;
		return 0;
	case OPT_PCI:
		/* A slot that cannot be one is a usage error; one that is not there, unreadable. */
		if (vdisc_pci_addr_parse(arg, &slot) < 0)
			argp_error(state, "--pci: '%s' is not a PCI address ([[dddd:]bb:]dd.f)",
				   arg);
		o->pci = arg;
		return 0;
	case OPT_BIND:
		o->bind = true;
		return 0;
	case OPT_SPIN:
		cmd_blk_number(state, "spin", arg, 10000000, &o->spin_us);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp cmd_blk_device_argp = {
	cmd_blk_device_options, cmd_blk_parse_device, NULL, NULL, NULL, NULL, NULL};

static const struct argp_child cmd_blk_children[] = {{&cmd_blk_device_argp, 0, NULL, 0}, {0}};

static error_t cmd_blk_parse(int key, char *arg, struct argp_state *state)
{
	struct blk_options *o = state->input;
	uint64_t v;
	char *end;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = o;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_SECTORS:
		o->sectors = arg;
		return 0;
	case OPT_READ_ONLY:
		o->read_only = true;
		return 0;
	case OPT_RW:
		o->rw = arg;
		return 0;
	case OPT_BS:
		cmd_blk_size_arg(state, "bs", arg, &v);
		if (v % 512 || v > (1u << 20))
			argp_error(state, "--bs: %s is not a multiple of 512 up to 1M", arg);
		o->bs = (uint32_t)v;
		return 0;
	case OPT_IODEPTH:
		return cmd_blk_number(state, "iodepth", arg, 256, &o->iodepth);
	case OPT_QUEUES:
		return cmd_blk_number(state, "queues", arg, 16, &o->queues);
	case OPT_RUNTIME:
		o->runtime = strtod(arg, &end);
		if (*arg == '\0' || *end != '\0' || !(o->runtime > 0 && o->runtime <= 86400))
			argp_error(state, "--runtime: '%s' is not a number of seconds", arg);
		return 0;
	case OPT_SIZE:
		return cmd_blk_size_arg(state, "size", arg, &o->size);
	case OPT_ALLOW_WRITE:
		o->allow_write = true;
		return 0;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

struct cmd_blk_sub {
	const char *name;
	struct argp argp;
	int (*run)(const struct blk_options *o);
};

#define CMD_BLK_ARGS "--vhost-user SOCK\n--pci SLOT [--bind]"

static const struct cmd_blk_sub cmd_blk_subs[] = {
	{"info",
	 {cmd_blk_info_options, cmd_blk_parse, CMD_BLK_ARGS,
	  "What a virtio-blk device offers: features (virtio and vhost bits apart), capacity, "
	  "block size, topology, queues, limits, serial.",
	  cmd_blk_children, NULL, NULL},
	 blk_cmd_info},
	{"check",
	 {cmd_blk_check_options, cmd_blk_parse, CMD_BLK_ARGS,
	  "Check that a virtio-blk device reads and writes what it should.\v"
	  "Reads the first, a middle and the last block; on a writable device (and without "
	  "--read-only) saves each, writes a pattern, flushes, reads back, restores and "
	  "verifies: nothing is left changed, also when interrupted (SIGINT, SIGTERM).",
	  cmd_blk_children, NULL, NULL},
	 blk_cmd_check},
	{"bench",
	 {cmd_blk_bench_options, cmd_blk_parse, CMD_BLK_ARGS,
	  "Measure a virtio-blk device: IOPS, MB/s and latency percentiles.\v"
	  "The options are fio's names for the same things.  Writes are refused unless "
	  "--allow-write: they overwrite the device's data.",
	  cmd_blk_children, NULL, NULL},
	 blk_cmd_bench},
};

/* Parse one subcommand's options and run it. */
static int cmd_blk_run(const struct cmd_blk_sub *sub, int argc, char **argv)
{
	struct blk_options o = {.sub = sub->name, .bs = 4096, .iodepth = 1, .queues = 1};

	if (cli_argp_parse(&sub->argp, argc, argv, 0, NULL, &o) != 0)
		return VDISC_EXIT_USAGE;
	if (!o.vhost_user == !o.pci) {
		cli_error("blk %s: give one device: --vhost-user SOCK or --pci SLOT", o.sub);
		return VDISC_EXIT_USAGE;
	}
	if (o.bind && !o.pci) {
		cli_error("blk %s: --bind is for --pci", o.sub);
		return VDISC_EXIT_USAGE;
	}
	return sub->run(&o);
}

int cmd_blk(int argc, char **argv)
{
	int index = cli_argp_command(&cmd_blk_argp, argc, argv,
				     "no subcommand given (info, check or bench)");
	char name[64];
	size_t i;

	if (index < 0)
		return VDISC_EXIT_USAGE;
	for (i = 0; i < sizeof(cmd_blk_subs) / sizeof(cmd_blk_subs[0]); i++) {
		if (strcmp(argv[index], cmd_blk_subs[i].name) != 0)
			continue;
		/* The usage line reads "vdisc blk check". */
		snprintf(name, sizeof(name), "%s %s", argv[0], argv[index]);
		argv[index] = name;
		return cmd_blk_run(&cmd_blk_subs[i], argc - index, argv + index);
	}
	cli_error("blk %s: unknown subcommand (info, check or bench)", argv[index]);
	return VDISC_EXIT_USAGE;
}
