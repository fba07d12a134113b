/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <string.h>

#include "blk_cli.h"

/*
 * SIGINT and SIGTERM only ask vdisc blk to stop: whatever it holds -- a
 * block under test, a function taken from its driver, DMA mappings -- is
 * put back by the normal exit path, which checks this flag.
 */

volatile sig_atomic_t blk_stop_signal;

static void blk_on_signal(int sig)
{
	blk_stop_signal = sig;
}

void blk_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = blk_on_signal; /* no SA_RESTART: a sleep or a wait ends at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
