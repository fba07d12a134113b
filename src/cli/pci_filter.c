/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "pci_cli.h"

/*
 * lspci's selectors: -s [[[[domain]:]bus]:][dev][.[func]] and
 * -d [vendor]:[device][:class], every field optional or "*".
 */

static int pfilter_parse_field(const char *s, size_t len, unsigned max, int *out)
{
	char buf[16], *end;
	unsigned long v;

	if (len == 0 || (len == 1 && s[0] == '*')) {
		*out = -1;
		return 0;
	}
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtoul(buf, &end, 16);
	if (*end || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* The last @c in the @len bytes at @s (memrchr is a GNU extension). */
static const char *pfilter_last_char(const char *s, size_t len, char c)
{
	while (len-- > 0)
		if (s[len] == c)
			return s + len;
	return NULL;
}

int pci_parse_slot_filter(const char *s, struct pci_selector *f)
{
	const char *dot = strchr(s, '.'), *colon1, *colon2, *devpart;
	const char *end = dot ? dot : s + strlen(s);
	int rc = 0;

	f->segment = f->bus = f->dev = f->fn = -1;
	if (dot && pfilter_parse_field(dot + 1, strlen(dot + 1), 7, &f->fn) != 0)
		return -1;
	colon2 = pfilter_last_char(s, (size_t)(end - s), ':');
	devpart = colon2 ? colon2 + 1 : s;
	rc |= pfilter_parse_field(devpart, (size_t)(end - devpart), 31, &f->dev);
	if (colon2) {
		const char *buspart;

		colon1 = pfilter_last_char(s, (size_t)(colon2 - s), ':');
		buspart = colon1 ? colon1 + 1 : s;

		rc |= pfilter_parse_field(buspart, (size_t)(colon2 - buspart), 0xff, &f->bus);
		if (colon1)
			rc |= pfilter_parse_field(s, (size_t)(colon1 - s), 0xffff, &f->segment);
	}
	return rc ? -1 : 0;
}

int pci_parse_id_filter(const char *s, struct pci_selector *f)
{
	const char *c1 = strchr(s, ':'), *c2;
	int rc = 0;

	f->vendor = f->device = f->class_code = -1;
	if (!c1)
		return -1;
	c2 = strchr(c1 + 1, ':');
	rc |= pfilter_parse_field(s, (size_t)(c1 - s), 0xffff, &f->vendor);
	if (c2) {
		rc |= pfilter_parse_field(c1 + 1, (size_t)(c2 - c1 - 1), 0xffff, &f->device);
		rc |= pfilter_parse_field(c2 + 1, strlen(c2 + 1), 0xffff, &f->class_code);
	} else {
		rc |= pfilter_parse_field(c1 + 1, strlen(c1 + 1), 0xffff, &f->device);
	}
	return rc ? -1 : 0;
}

bool pci_selector_match(const struct pci_selector *f, const struct vdisc_pci_function *fn)
{
	return (f->segment < 0 || f->segment == fn->addr.segment) &&
	       (f->bus < 0 || f->bus == fn->addr.bus) && (f->dev < 0 || f->dev == fn->addr.dev) &&
	       (f->fn < 0 || f->fn == fn->addr.fn) &&
	       (f->vendor < 0 || f->vendor == fn->vendor_id) &&
	       (f->device < 0 || f->device == fn->device_id) &&
	       (f->class_code < 0 || (unsigned)f->class_code == fn->class_code >> 8);
}
