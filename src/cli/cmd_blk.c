/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "blk_cli.h"
#include "cli.h"

/*
 * vdisc blk: drive a virtio-blk device -- today a vhost-user back-end --
 * through the library's own driver: the options every subcommand shares,
 * and the dispatch to info, check and bench (blk_*_cli.c).
 */

enum {
	OPT_JSON = 'j',
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
	OPT_PCI,
	OPT_BIND,
};

static const struct argp_option cmd_blk_options[] = {
	{"vhost-user", OPT_VHOST_USER, "SOCK", 0,
	 "The vhost-user-blk back-end listening on UNIX socket SOCK", 0},
	{"pci", OPT_PCI, "SLOT", 0,
	 "The virtio-blk PCI function [[dddd:]bb:]dd.f, driven through VFIO (root; an IOMMU)", 0},
	{"bind", OPT_BIND, NULL, 0,
	 "With --pci: take the function from its driver for vfio-pci (refused while its disk "
	 "is in use) and give it back afterwards",
	 0},
	{"json", OPT_JSON, NULL, 0, "Emit JSON", 0},
	{"timeout", OPT_TIMEOUT, "MS", 0, "Wait at most MS ms for each back-end reply (2000)", 0},
	{"spin", OPT_SPIN, "US", 0,
	 "Poll US microseconds for a completion, then sleep until the back-end signals "
	 "(default: poll only, which is fastest but keeps a CPU busy)",
	 0},
	{"sectors", OPT_SECTORS, "LIST", 0,
	 "'check': the blocks to check, as first sectors N[,N...] (default: first, middle, last)",
	 1},
	{"read-only", OPT_READ_ONLY, NULL, 0, "'check': only read, even a writable device", 1},
	{"rw", OPT_RW, "MODE", 0, "'bench': read, write, randread or randwrite (randread)", 2},
	{"bs", OPT_BS, "SIZE", 0, "'bench': bytes per request, e.g. 4k, 1M (4k)", 2},
	{"iodepth", OPT_IODEPTH, "N", 0, "'bench': requests in flight per queue (1)", 2},
	{"queues", OPT_QUEUES, "N", 0, "'bench': request queues to use, with MQ (1)", 2},
	{"numjobs", OPT_QUEUES, "N", OPTION_ALIAS, NULL, 2},
	{"runtime", OPT_RUNTIME, "S", 0, "'bench': run for S seconds (default 5 without --size)",
	 2},
	{"size", OPT_SIZE, "BYTES", 0, "'bench': stop after BYTES transferred", 2},
	{"allow-write", OPT_ALLOW_WRITE, NULL, 0,
	 "'bench': let write and randwrite overwrite the device's data", 2},
	{0}};

static const char cmd_blk_doc[] =
	"Drive a virtio-blk device with vdisc's own driver.\v"
	"Subcommands:\n"
	"Devices: --vhost-user SOCK (a back-end such as qemu-storage-daemon), or\n"
	"--pci SLOT (a virtio-blk function bound to vfio-pci, or --bind).\n"
	"  info  --vhost-user SOCK     features (virtio and vhost bits apart), capacity,\n"
	"                              block size, topology, queues, limits, serial\n"
	"  check --vhost-user SOCK     read the first, a middle and the last block; on a\n"
	"                              writable device save each, write a pattern, flush,\n"
	"                              read back, restore, verify: nothing is left changed\n"
	"  bench --vhost-user SOCK     IOPS, MB/s and latency percentiles\n"
	"Exit status: see 'vdisc --help'.";

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

static error_t cmd_blk_parse(int key, char *arg, struct argp_state *state)
{
	struct blk_options *o = state->input;
	struct vdisc_pci_addr slot;
	uint64_t v;
	unsigned n;
	char *end;

	switch (key) {
	case OPT_VHOST_USER:
		o->vhost_user = arg;
		return 0;
	case OPT_JSON:
		o->json = true;
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
		if (o->sub)
			argp_error(state, "unexpected argument '%s'", arg);
		o->sub = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no subcommand given (info, check or bench)");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp cmd_blk_argp = {cmd_blk_options,
					 cmd_blk_parse,
					 "info|check|bench --vhost-user SOCK",
					 cmd_blk_doc,
					 NULL,
					 NULL,
					 NULL};

int cmd_blk(int argc, char **argv)
{
	struct blk_options o = {.bs = 4096, .iodepth = 1, .queues = 1};

	if (argp_parse(&cmd_blk_argp, argc, argv, 0, NULL, &o) != 0)
		return VDISC_EXIT_USAGE;
	if (!o.vhost_user == !o.pci) {
		cli_error("blk %s: give one device: --vhost-user SOCK or --pci SLOT", o.sub);
		return VDISC_EXIT_USAGE;
	}
	if (o.bind && !o.pci) {
		cli_error("blk %s: --bind is for --pci", o.sub);
		return VDISC_EXIT_USAGE;
	}
	if (strcmp(o.sub, "info") == 0)
		return blk_cmd_info(&o);
	if (strcmp(o.sub, "check") == 0)
		return blk_cmd_check(&o);
	if (strcmp(o.sub, "bench") == 0)
		return blk_cmd_bench(&o);
	cli_error("blk %s: unknown subcommand (info, check or bench)", o.sub);
	return VDISC_EXIT_USAGE;
}
