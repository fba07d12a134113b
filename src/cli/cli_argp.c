/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <stdlib.h>

#include "cli.h"

/*
 * The help options of every command and subcommand, in place of argp's
 * own: argp gives help as -? only, and -h is what people type first.  The
 * same three options (help, usage, version) are added to every parser by
 * cli_argp_parse(), so that `vdisc virtio mmio -h` works like `--help`
 * and `-V` names the libraries in use wherever it is given.
 */

enum { CLI_ARGP_USAGE = 0x7f00 };

static const struct argp_option cli_argp_help_options[] = {
	{"help", 'h', NULL, 0, "Give this help list (also -?)", -1},
	{NULL, '?', NULL, OPTION_ALIAS | OPTION_HIDDEN, NULL, -1},
	{"usage", CLI_ARGP_USAGE, NULL, 0, "Give a short usage message", -1},
	{"version", 'V', NULL, 0, "Print the versions of vdisc and of the libraries it uses", -1},
	{0}};

static error_t cli_argp_help_parse(int key, char *arg, struct argp_state *state)
{
	(void)arg;
	switch (key) {
	case 'h':
	case '?':
		argp_state_help(state, state->out_stream, ARGP_HELP_STD_HELP);
		return 0;
	case CLI_ARGP_USAGE:
		argp_state_help(state, state->out_stream, ARGP_HELP_USAGE | ARGP_HELP_EXIT_OK);
		return 0;
	case 'V':
		cli_print_version(state->out_stream);
		if (!(state->flags & ARGP_NO_EXIT))
			exit(VDISC_EXIT_OK);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp cli_argp_help = {
	cli_argp_help_options, cli_argp_help_parse, NULL, NULL, NULL, NULL, NULL};

/* Room for the children a command's parser has, plus the help options and the terminator. */
#define CLI_ARGP_MAX_CHILDREN 8

int cli_argp_parse(const struct argp *argp, int argc, char **argv, unsigned flags, int *arg_index,
		   void *input)
{
	struct argp_child children[CLI_ARGP_MAX_CHILDREN + 2] = {{0}};
	struct argp wrapped = *argp;
	size_t n = 0;

	for (; argp->children && argp->children[n].argp; n++) {
		if (n == CLI_ARGP_MAX_CHILDREN)
			abort(); /* a programming error: raise the limit */
		children[n] = argp->children[n];
	}
	children[n].argp = &cli_argp_help;
	wrapped.children = children;
	return argp_parse(&wrapped, argc, argv, flags | ARGP_NO_HELP, arg_index, input);
}

struct cli_argp_first {
	int index;
	const char *missing;
};

/* Options before the first argument are the help options only (the children's). */
static error_t cli_argp_first_parse(int key, char *arg, struct argp_state *state)
{
	struct cli_argp_first *first = state->input;

	(void)arg;
	switch (key) {
	case ARGP_KEY_ARG:
		/* The (sub)command and everything after it belong to its own parser. */
		first->index = state->next - 1;
		state->next = state->argc;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "%s", first->missing);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

int cli_argp_command(const struct argp *argp, int argc, char **argv, const char *missing)
{
	struct cli_argp_first first = {-1, missing};
	struct argp with_parser = *argp;

	with_parser.parser = cli_argp_first_parse;
	if (cli_argp_parse(&with_parser, argc, argv, ARGP_IN_ORDER, NULL, &first) != 0)
		return -1;
	return first.index;
}
