/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char *argp_program_bug_address = "the vdisc issue tracker";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	bool has_subcommands; /* `vdisc help NAME SUB` is for these only */
};

static const struct command commands[] = {
	{"dtb", cmd_dtb, false}, {"pci", cmd_pci, false},   {"virtio", cmd_virtio, true},
	{"blk", cmd_blk, true},	 {"scan", cmd_scan, false}, {"diff", cmd_diff, false},
};

static const char doc[] =
	"Cross-architecture device discovery and inspection.\v"
	"Commands:\n"
	"  scan          the whole machine as one tree: device tree, PCI, virtio, drivers\n"
	"  diff A B      what differs between two trees or scan snapshots\n"
	"  dtb [FILE]    list the devices of a flattened device tree\n"
	"  pci           list and decode PCI functions (live, or a dump with -F)\n"
	"  virtio        virtio device types, feature words, configuration, mmio\n"
	"  blk           info, check, bench a virtio-blk device (vhost-user, VFIO)\n"
	"  help [COMMAND [SUBCOMMAND]]\n"
	"                the same as 'vdisc COMMAND [SUBCOMMAND] --help'\n"
	"\n"
	"Run 'vdisc COMMAND --help' (or -h) for the options of a command.\n"
	"Exit status (every command; warnings alone exit 0):\n"
	"  0  success\n"
	"  1  a check or device operation failed, or a query found nothing\n"
	"  2  usage error: bad options or arguments\n"
	"  3  not permitted, or not available on this machine\n"
	"  4  the input named is not there or cannot be read (as that kind of input)\n"
	"  5  the input was read and is malformed";

static const struct argp top_argp = {NULL, NULL, "COMMAND [ARG...]", doc, NULL, NULL, NULL};

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

static const struct command *main_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	cli_error("unknown command '%s' (try 'vdisc --help')", name);
	return NULL;
}

/* Run @cmd with its arguments from @argv[0] (the command's own name). */
static int main_run(const struct command *cmd, int argc, char **argv)
{
	char name[64];

	/* argp names the program after argv[0]: make usage read "vdisc dtb". */
	snprintf(name, sizeof(name), "vdisc %s", cmd->name);
	argv[0] = name;
	main_status = cmd->run(argc, argv);
	return main_status;
}

/* vdisc help [COMMAND [SUBCOMMAND]]: what COMMAND [SUBCOMMAND] --help prints. */
static int main_help(int argc, char **argv)
{
	static char help_opt[] = "--help", program[] = "vdisc";
	char *args[4] = {program, NULL, NULL, NULL};
	const struct command *cmd;

	if (argc == 1) {
		args[1] = help_opt;
		return cli_argp_parse(&top_argp, 2, args, 0, NULL, NULL) ? VDISC_EXIT_USAGE : 0;
	}
	cmd = main_find(argv[1]);
	if (!cmd)
		return VDISC_EXIT_USAGE;
	if (argc > 3 || (argc == 3 && !cmd->has_subcommands)) {
		cli_error("help: unexpected argument '%s' (try 'vdisc help %s')", argv[argc - 1],
			  cmd->name);
		return VDISC_EXIT_USAGE;
	}
	args[0] = argv[1];
	args[1] = argc == 3 ? argv[2] : help_opt;
	args[2] = argc == 3 ? help_opt : NULL;
	return main_run(cmd, argc, args);
}

int main(int argc, char **argv)
{
	const struct command *cmd;
	int index;

	atexit(main_check_output);
	argp_err_exit_status = VDISC_EXIT_USAGE; /* argp_error() and argp_usage() exit with it */
	index = cli_argp_command(&top_argp, argc, argv, "no command given (try 'vdisc dtb FILE')");
	if (index < 0)
		return VDISC_EXIT_USAGE;
	if (strcmp(argv[index], "help") == 0)
		return main_help(argc - index, argv + index);
	cmd = main_find(argv[index]);
	if (!cmd)
		return VDISC_EXIT_USAGE;
	return main_run(cmd, argc - index, argv + index);
}
