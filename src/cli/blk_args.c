/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "blk_cli.h"

/*
 * The argument grammars of vdisc blk: sizes with fio's binary suffixes
 * (512, 4k, 1M, 2G: powers of 1024) and sector lists.
 */

int blk_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (end == s || errno || *s == '-')
		return -VDISC_EINVAL;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	case '\0':
		break;
	default:
		return -VDISC_EINVAL;
	}
	if (shift && *++end != '\0')
		return -VDISC_EINVAL;
	if (v > (UINT64_MAX >> shift))
		return -VDISC_ERANGE;
	*out = (uint64_t)v << shift;
	return 0;
}

int blk_parse_sectors(const char *s, uint64_t *sectors, unsigned max, unsigned *n)
{
	char *end;

	*n = 0;
	for (;;) {
		if (*s < '0' || *s > '9' || *n == max)
			return -VDISC_EINVAL;
		errno = 0;
		sectors[(*n)++] = strtoull(s, &end, 0);
		if (errno)
			return -VDISC_ERANGE;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -VDISC_EINVAL;
		s = end + 1;
	}
}
