/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *argp_program_version = "vdisc " VDISC_VERSION_STRING;
const char *argp_program_bug_address = "the vdisc issue tracker";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{"dtb", cmd_dtb},
	{"pci", cmd_pci},
	{"virtio", cmd_virtio},
	{"blk", cmd_blk},
};

static const char doc[] =
	"Cross-architecture device discovery and inspection.\v"
	"Commands:\n"
	"  dtb [FILE]    list the devices of a flattened device tree\n"
	"  pci           list and decode PCI functions (live, or a dump with -F)\n"
	"  virtio        virtio device types and feature words by name\n"
	"  blk           drive a virtio-blk device (vhost-user): info, check, bench\n"
	"\n"
	"Run 'vdisc COMMAND --help' for the options of a command.\n"
	"Exit status (every command; warnings alone exit 0):\n"
	"  0  success\n"
	"  1  a check or device operation failed, or a query found nothing\n"
	"  2  usage error: bad options or arguments\n"
	"  3  not permitted, or not available on this machine\n"
	"  4  the input named is not there or cannot be read (as that kind of input)\n"
	"  5  the input was read and is malformed";

struct top_state {
	int command_index;
};

static error_t main_top_parse(int key, char *arg, struct argp_state *state)
{
	struct top_state *top = state->input;

	(void)arg;
	switch (key) {
	case ARGP_KEY_ARG:
		/* The command and everything after it belong to the command's own parser. */
		top->command_index = state->next - 1;
		state->next = state->argc;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no command given (try 'vdisc dtb FILE')");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp top_argp = {NULL, main_top_parse, "COMMAND [ARG...]", doc, NULL, NULL,
				     NULL};

/* The status main() returns, for the exit handler below (argp's --help exits 0 from inside). */
static int main_status;

/*
 * A write to standard output that failed (a full disk; a closed pipe, where
 * SIGPIPE is ignored) fails the run and is said once, here, at exit,
 * whatever printed it (a command, argp's --help): the commands stop
 * writing at their first failure.  The default SIGPIPE still ends a run
 * quietly, as it does other Unix tools.
 */
static void main_check_output(void)
{
	int err;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	err = errno;
	/* The error flag outlives the errno of the write that set it: write once more to learn it.
	 */
	if (!err && fputc('\n', stdout) != EOF && fflush(stdout) != 0)
		err = errno;
	if (err)
		cli_error("standard output: write error: %s", strerror(err));
	else
		cli_error("standard output: write error");
	_exit(main_status != VDISC_EXIT_OK ? main_status : VDISC_EXIT_FAILED);
}

int main(int argc, char **argv)
{
	struct top_state top = {.command_index = -1};
	size_t i;

	atexit(main_check_output);
	argp_err_exit_status = VDISC_EXIT_USAGE; /* argp_error() and argp_usage() exit with it */
	if (argp_parse(&top_argp, argc, argv, ARGP_IN_ORDER, NULL, &top) != 0)
		return VDISC_EXIT_USAGE;
	if (top.command_index < 0)
		return VDISC_EXIT_USAGE;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		char name[64];

		if (strcmp(argv[top.command_index], commands[i].name) != 0)
			continue;
		/* argp names the program after argv[0]: make usage read "vdisc dtb". */
		snprintf(name, sizeof(name), "vdisc %s", commands[i].name);
		argv[top.command_index] = name;
		main_status = commands[i].run(argc - top.command_index, argv + top.command_index);
		return main_status;
	}
	cli_error("unknown command '%s' (try 'vdisc --help')", argv[top.command_index]);
	return VDISC_EXIT_USAGE;
}
