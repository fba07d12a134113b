/* SPDX-License-Identifier: MIT */
#ifndef VDISC_TESTS_FD_CLOCK_UTIL_H
#define VDISC_TESTS_FD_CLOCK_UTIL_H

/*
 * What the hosted tests measure around a call: open descriptors (a leak
 * check) and the monotonic clock in ms (a bound on a wait).  Include after
 * <cmocka.h>.
 */
#include <dirent.h>
#include <stdint.h>
#include <time.h>

static inline int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static inline int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
