/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "virtio_cli.h"

/* Arguments the virtio subcommands share: device types by name or number, feature words. */

/* A type by number or by the tables' name. */
int virtio_parse_type(const char *s, uint32_t *type)
{
	uint32_t ids[256];
	size_t n = vdisc_virtio_device_ids(ids, 256), i;
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s && !*end && v <= UINT32_MAX) {
		*type = (uint32_t)v;
		return 0;
	}
	for (i = 0; i < n && i < 256; i++)
		if (strcmp(vdisc_virtio_device_name(ids[i]), s) == 0) {
			*type = ids[i];
			return 0;
		}
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
