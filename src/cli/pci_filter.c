/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "pci_cli.h"

/*
 * lspci's selectors, with pciutils 3.9's grammar and its reasons for a
 * refusal: -s [[[[domain]:]bus]:][slot][.[func]] and
 * -d [vendor]:[device][:class[:progif]].  A field may be empty or "*" (any);
 * the class may end in x digits ("-d ::06xx" is every bridge).
 */

#define PFILTER_MAX_FIELDS 4
#define PFILTER_MAX_TEXT 63 /* lspci refuses longer expressions */

/* A field is [start, end) of the argument; absent fields have start == NULL. */
struct pfilter_field {
	const char *start, *end;
};

/* Splits @s at @sep into at most @max fields; -1 when there are more. */
static int pfilter_split(const char *s, const char *end, char sep, struct pfilter_field *fields,
			 unsigned max)
{
	unsigned n = 0;

	memset(fields, 0, max * sizeof(*fields));
	for (;;) {
		const char *stop = s;

		if (n >= max)
			return -1;
		while (stop < end && *stop != sep)
			stop++;
		fields[n].start = s;
		fields[n++].end = stop;
		if (stop == end)
			return 0;
		s = stop + 1;
	}
}

static bool pfilter_defined(const struct pfilter_field *f)
{
	size_t len = f->start ? (size_t)(f->end - f->start) : 0;

	return len > 0 && !(len == 1 && f->start[0] == '*');
}

static int pfilter_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A hex field no larger than @max (leading zeros count toward nothing).  With
 * @mask, an x digit matches anything: it shifts in a zero value nibble and
 * clears that nibble of *@mask.  An undefined field leaves *@out alone.
 */
static bool pfilter_hex(const struct pfilter_field *f, int *out, unsigned *mask, unsigned max)
{
	unsigned value = 0, bound = 0, m = ~0u;
	const char *c;

	if (!pfilter_defined(f))
		return true;
	for (c = f->start; c < f->end; c++) {
		int d = pfilter_digit(*c);

		if ((*c == 'x' || *c == 'X') && mask) {
			value <<= 4;
			bound = bound << 4 | 1; /* an x still makes the field a digit longer */
			m <<= 4;
		} else if (d >= 0) {
			value = value << 4 | (unsigned)d;
			bound = bound << 4 | (unsigned)d;
			m = m << 4 | 0xf;
		} else {
			return false;
		}
		if (bound > max)
			return false;
	}
	*out = (int)value;
	if (mask)
		*mask = m;
	return true;
}

void pci_selector_init(struct pci_selector *f)
{
	f->segment = f->bus = f->dev = f->fn = -1;
	f->vendor = f->device = f->class_code = f->prog_if = -1;
	f->class_mask = ~0u;
}

static const char *pfilter_slot_fn(const struct pfilter_field *field, struct pci_selector *f)
{
	struct pfilter_field sub[2];

	if (!pfilter_defined(field))
		return NULL;
	if (pfilter_split(field->start, field->end, '.', sub, 2) != 0)
		return "Invalid slot/function number";
	if (!pfilter_hex(&sub[0], &f->dev, NULL, 0x1f))
		return "Invalid slot number";
	if (!pfilter_hex(&sub[1], &f->fn, NULL, 7))
		return "Invalid function number";
	return NULL;
}

const char *pci_parse_slot_filter(const char *s, struct pci_selector *f)
{
	struct pfilter_field fields[3];
	size_t len = strlen(s);
	unsigned i = 0;

	if (len > PFILTER_MAX_TEXT)
		return "Expression too long";
	if (pfilter_split(s, s + len, ':', fields, 3) != 0)
		return "Too many fields";
	/* Three fields: domain:bus:slot; two: bus:slot; one: slot. */
	if (fields[2].start) {
		if (!pfilter_hex(&fields[0], &f->segment, NULL, 0x7fffffff))
			return "Invalid domain number";
		i++;
	}
	if (fields[i + 1].start) {
		if (!pfilter_hex(&fields[i], &f->bus, NULL, 0xff))
			return "Invalid bus number";
		i++;
	}
	return pfilter_slot_fn(&fields[i], f);
}

const char *pci_parse_id_filter(const char *s, struct pci_selector *f)
{
	struct pfilter_field fields[PFILTER_MAX_FIELDS];
	size_t len = strlen(s);

	if (len > PFILTER_MAX_TEXT)
		return "Expression too long";
	if (pfilter_split(s, s + len, ':', fields, PFILTER_MAX_FIELDS) != 0)
		return "Too many fields";
	if (!fields[1].start)
		return "At least two fields must be given";
	if (!pfilter_hex(&fields[0], &f->vendor, NULL, 0xffff))
		return "Invalid vendor ID";
	if (!pfilter_hex(&fields[1], &f->device, NULL, 0xffff))
		return "Invalid device ID";
	if (!pfilter_hex(&fields[2], &f->class_code, &f->class_mask, 0xffff))
		return "Invalid class code";
	if (!pfilter_hex(&fields[3], &f->prog_if, NULL, 0xff))
		return "Invalid programming interface code";
	return NULL;
}

bool pci_selector_match(const struct pci_selector *f, const struct vdisc_pci_function *fn)
{
	unsigned cls = fn->class_code >> 8;

	return (f->segment < 0 || f->segment == fn->addr.segment) &&
	       (f->bus < 0 || f->bus == fn->addr.bus) && (f->dev < 0 || f->dev == fn->addr.dev) &&
	       (f->fn < 0 || f->fn == fn->addr.fn) &&
	       (f->vendor < 0 || f->vendor == fn->vendor_id) &&
	       (f->device < 0 || f->device == fn->device_id) &&
	       (f->class_code < 0 || ((cls ^ (unsigned)f->class_code) & f->class_mask) == 0) &&
	       (f->prog_if < 0 || (unsigned)f->prog_if == (fn->class_code & 0xff));
}
