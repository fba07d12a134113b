/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "virtio_cli.h"

#include "cli.h"

/* Arguments the virtio subcommands share: device types by name or number, feature words. */

/*
 * Short names people already use for a type, beside the tables' names
 * (src/virtio/ids.c): the QEMU device and Linux driver names (virtio-net,
 * virtio-blk, virtio-rng, vhost-vsock, virtio-mem, virtio-snd, virtiofs),
 * QEMU's virtio-serial for the console, Linux's VIRTIO_ID_CLOCK for the
 * rtc.  Names the tables already use (scsi, 9p, fs, gpu, input, console,
 * balloon, iommu, sound, crypto) need no alias.
 */
static const struct {
	const char *alias;
	uint32_t id;
} virtio_aliases[] = {
	{"net", VDISC_VIRTIO_ID_NET},	     {"blk", VDISC_VIRTIO_ID_BLOCK},
	{"serial", VDISC_VIRTIO_ID_CONSOLE}, {"rng", VDISC_VIRTIO_ID_ENTROPY},
	{"clock", VDISC_VIRTIO_ID_RTC},	     {"vsock", VDISC_VIRTIO_ID_VSOCK},
	{"mem", VDISC_VIRTIO_ID_MEM},	     {"snd", VDISC_VIRTIO_ID_SOUND},
	{"virtiofs", VDISC_VIRTIO_ID_FS},
};

#define VIRTIO_ARGS_NALIASES (sizeof(virtio_aliases) / sizeof(virtio_aliases[0]))
#define VIRTIO_ARGS_MAX_TYPES 256

const char *virtio_type_alias(uint32_t type, size_t index)
{
	size_t i;

	for (i = 0; i < VIRTIO_ARGS_NALIASES; i++)
		if (virtio_aliases[i].id == type && index-- == 0)
			return virtio_aliases[i].alias;
	return NULL;
}

/* Every name and alias, with its id: names first, in the tables' order. */
static size_t virtio_args_names(const char **names, uint32_t *ids, size_t max)
{
	uint32_t all[VIRTIO_ARGS_MAX_TYPES];
	size_t n = vdisc_virtio_device_ids(all, VIRTIO_ARGS_MAX_TYPES), i, k = 0;

	for (i = 0; i < n && i < VIRTIO_ARGS_MAX_TYPES && k < max; i++, k++) {
		names[k] = vdisc_virtio_device_name(all[i]);
		ids[k] = all[i];
	}
	for (i = 0; i < VIRTIO_ARGS_NALIASES && k < max; i++, k++) {
		names[k] = virtio_aliases[i].alias;
		ids[k] = virtio_aliases[i].id;
	}
	return k;
}

/* A type by number, by the tables' name or by alias; any case, "virtio-" or "virtio_" before. */
int virtio_parse_type(const char *s, uint32_t *type)
{
	const char *names[VIRTIO_ARGS_MAX_TYPES + VIRTIO_ARGS_NALIASES];
	uint32_t ids[VIRTIO_ARGS_MAX_TYPES + VIRTIO_ARGS_NALIASES];
	size_t n = virtio_args_names(names, ids, sizeof(ids) / sizeof(ids[0])), i;
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s && !*end && *s != '-' && v <= UINT32_MAX) {
		*type = (uint32_t)v;
		return 0;
	}
	if (strncasecmp(s, "virtio-", 7) == 0 || strncasecmp(s, "virtio_", 7) == 0)
		s += 7;
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], s) == 0) {
			*type = ids[i];
			return 0;
		}
	return -1;
}

/* The edit distance between @a and @b (both shorter than 32), case ignored. */
static size_t virtio_args_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[32], i, j;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (tolower((unsigned char)a[i - 1]) !=
							   tolower((unsigned char)b[j - 1]));

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* Close to @s: a few edits away (fewer for short words), or @s begins it. */
static bool virtio_args_close(const char *s, const char *name)
{
	size_t ls = strlen(s), limit = ls < 4 ? 1 : 2;

	if (ls >= 31 || strlen(name) >= 31)
		return false;
	return (ls >= 2 && strncasecmp(name, s, ls) == 0) || virtio_args_distance(s, name) <= limit;
}

int virtio_type_arg(const char *s, uint32_t *type)
{
	const char *names[VIRTIO_ARGS_MAX_TYPES + VIRTIO_ARGS_NALIASES];
	uint32_t ids[VIRTIO_ARGS_MAX_TYPES + VIRTIO_ARGS_NALIASES];
	size_t n = virtio_args_names(names, ids, sizeof(ids) / sizeof(ids[0])), i, shown = 0;
	char close[256] = "";

	if (virtio_parse_type(s, type) == 0)
		return 0;
	for (i = 0; i < n && shown < 6; i++) {
		size_t used = strlen(close);

		if (!virtio_args_close(s, names[i]))
			continue;
		snprintf(close + used, sizeof(close) - used, "%s%s", shown ? ", " : "", names[i]);
		shown++;
	}
	if (shown)
		cli_error("--type %s: not a number or a type name; close: %s (see 'vdisc virtio "
			  "types')",
			  s, close);
	else
		cli_error("--type %s: not a number or a type name (see 'vdisc virtio types')", s);
	return -1;
}

int virtio_parse_word(const char *s, unsigned index, struct vdisc_virtio_features *f)
{
	const char *p = s;
	uint64_t v = 0;
	size_t digits = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++, digits++) {
		if (!isxdigit((unsigned char)*p) || digits == 16)
			return -1;
		v = v << 4 |
		    (uint64_t)(isdigit((unsigned char)*p) ? *p - '0' : (tolower(*p) - 'a' + 10));
	}
	if (!digits || index >= VDISC_VIRTIO_FEATURE_WORDS / 2)
		return -1;
	f->word[2 * index] = (uint32_t)v;
	f->word[2 * index + 1] = (uint32_t)(v >> 32);
	f->nwords = (uint8_t)(2 * index + 2);
	return 0;
}
