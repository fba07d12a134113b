/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio.h>

/*
 * virtio_mmio.device=<size>@<baseaddr>:<irq>[:<id>] on a kernel command
 * line, read as Linux reads it:
 *  - words as next_arg() (lib/cmdline.c) splits them: blanks separate
 *    them except inside double quotes, a quoted value or a quoted whole
 *    word loses its quotes, '-' and '_' are the same in a parameter name,
 *    and a bare "--" ends the kernel's parameters (the rest is init's);
 *  - the value as vm_cmdline_set() (drivers/virtio/virtio_mmio.c) does:
 *    <size> by memparse() (a C number with an optional K, M, G, T, P or E
 *    suffix, either case), <baseaddr> as scanf's %lli (0x for hex, a
 *    leading 0 for octal), <irq> and <id> as %u and %d (decimal only),
 *    nothing after the last field, and irq 0 refused.
 * Linux wraps numbers silently (a negative base too), skips blanks before
 * a number inside a quoted value, and takes a size of 0 or a negative id;
 * here each of those is malformed, as is a region that runs past 2^64.
 * Linux numbers a device without <id> one above the device before it (the
 * first 0); so does @id, with @has_id false.
 */

#define PARAM_NAME_ "virtio_mmio.device"

struct span_ {
	const char *s;
	size_t at, end; /* [at, end) of the command line */
};

/* The kernel's isspace() for ASCII; its Latin-1 0xa0 is not taken for a blank here. */
static bool cmdline_is_blank_(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static unsigned cmdline_digit_value_(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned)(c - 'A' + 10);
	return 16;
}

/*
 * An unsigned number at v->at, in @radix or, for 0, as the kernel's
 * radix rule: "0x" and a hex digit for hex, a leading 0 for octal.  At
 * least one digit; false on none or on overflow of 64 bits.
 */
static bool cmdline_parse_u64_(struct span_ *v, unsigned radix, uint64_t *value)
{
	const char *s = v->s;
	size_t i = v->at;
	uint64_t n = 0;

	if (radix == 0) {
		radix = 10;
		if (i < v->end && s[i] == '0') {
			radix = 8;
			if (i + 2 < v->end && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
			    cmdline_digit_value_(s[i + 2]) < 16) {
				radix = 16;
				i += 2;
			}
		}
	}
	if (i >= v->end || cmdline_digit_value_(s[i]) >= radix)
		return false;
	for (; i < v->end && cmdline_digit_value_(s[i]) < radix; i++) {
		unsigned d = cmdline_digit_value_(s[i]);

		if (n > (UINT64_MAX - d) / radix)
			return false;
		n = n * radix + d;
	}
	v->at = i;
	*value = n;
	return true;
}

static bool cmdline_expect_(struct span_ *v, char c)
{
	if (v->at >= v->end || v->s[v->at] != c)
		return false;
	v->at++;
	return true;
}

/* memparse()'s suffixes, each 1024 times the one before. */
static bool cmdline_apply_suffix_(struct span_ *v, uint64_t *size)
{
	static const char suffixes[] = "kmgtpe";
	const char *hit;
	char c;
	unsigned shift;

	if (v->at >= v->end)
		return true;
	c = v->s[v->at];
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	hit = memchr(suffixes, c, sizeof(suffixes) - 1);
	if (!hit)
		return true;
	shift = 10 * (unsigned)(hit - suffixes + 1);
	if (*size > UINT64_MAX >> shift)
		return false;
	*size <<= shift;
	v->at++;
	return true;
}

/* One value, the part after '='; false if malformed. */
static bool cmdline_parse_value_(struct span_ v, struct vdisc_virtio_mmio_param *p)
{
	uint64_t irq, id;

	memset(p, 0, sizeof(*p));
	if (!cmdline_parse_u64_(&v, 0, &p->size) || !cmdline_apply_suffix_(&v, &p->size) ||
	    !cmdline_expect_(&v, '@') || !cmdline_parse_u64_(&v, 0, &p->base) ||
	    !cmdline_expect_(&v, ':') || !cmdline_parse_u64_(&v, 10, &irq))
		return false;
	if (irq == 0 || irq > UINT32_MAX)
		return false;
	p->irq = (uint32_t)irq;
	if (v.at < v.end) {
		if (!cmdline_expect_(&v, ':') || !cmdline_parse_u64_(&v, 10, &id) || id > INT32_MAX)
			return false;
		p->id = (uint32_t)id;
		p->has_id = true;
	}
	return v.at == v.end && p->size != 0 && p->size - 1 <= UINT64_MAX - p->base;
}

/* The parameter name is ours, '-' and '_' alike (the kernel's parameq()). */
static bool cmdline_is_our_name_(const char *s, size_t at, size_t end)
{
	const char *name = PARAM_NAME_;
	size_t i, len = sizeof(PARAM_NAME_) - 1;

	if (end - at != len)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[at + i] == '-' ? '_' : s[at + i];

		if (c != name[i])
			return false;
	}
	return true;
}

struct word_ {
	size_t start;	       /* the first character, an opening quote included */
	size_t name, name_end; /* the parameter name */
	bool has_value;	       /* there was an '=' after the name's first character */
	size_t value, end;     /* the value, its quotes taken off */
	size_t next;	       /* where the search for the next word begins */
};

/* The word at @i (not a blank), cut as next_arg() cuts it. */
static void cmdline_cut_word_(const char *s, size_t i, struct word_ *w)
{
	bool quoted = s[i] == '"', in_quote = quoted;
	size_t j, eq = 0;

	w->start = i;
	w->name = i + quoted;
	for (j = w->name; s[j] && (in_quote || !cmdline_is_blank_(s[j])); j++) {
		if (!eq && j > w->name && s[j] == '=')
			eq = j;
		if (s[j] == '"')
			in_quote = !in_quote;
	}
	w->next = w->end = j;
	w->has_value = eq != 0;
	w->name_end = w->has_value ? eq : j;
	w->value = w->has_value ? eq + 1 : j;
	if (w->has_value && w->value < j && s[w->value] == '"') {
		w->value++;
		quoted = true;
	}
	/* One closing quote comes off, whichever quote opened. */
	if (quoted && j > w->name && s[j - 1] == '"')
		w->end = j - 1;
	if (!w->has_value)
		w->name_end = w->value = w->end;
	else if (w->end < w->value)
		w->end = w->value; /* the value's opening quote ended the word */
}

static bool cmdline_is_end_of_options_(const char *s, const struct word_ *w)
{
	return !w->has_value && w->name_end - w->name == 2 && s[w->name] == '-' &&
	       s[w->name + 1] == '-';
}

int vdisc_virtio_mmio_cmdline(const char *cmdline, struct vdisc_virtio_mmio_param *out,
			      unsigned max, size_t *bad_at)
{
	uint32_t next_id = 0;
	size_t i = 0;
	int found = 0;

	if (bad_at)
		*bad_at = 0;
	if (!cmdline || (max && !out))
		return -VDISC_EINVAL;
	for (;;) {
		struct vdisc_virtio_mmio_param p;
		struct word_ w;

		while (cmdline_is_blank_(cmdline[i]))
			i++;
		if (!cmdline[i])
			break;
		cmdline_cut_word_(cmdline, i, &w);
		i = w.next;
		if (cmdline_is_end_of_options_(cmdline, &w))
			break;
		if (!cmdline_is_our_name_(cmdline, w.name, w.name_end))
			continue;
		if (!w.has_value ||
		    !cmdline_parse_value_((struct span_){cmdline, w.value, w.end}, &p)) {
			if (bad_at)
				*bad_at = w.start;
			return -VDISC_EINVAL;
		}
		if (!p.has_id)
			p.id = next_id;
		next_id = p.id + 1;
		if ((unsigned)found < max)
			out[found] = p;
		if (found < INT32_MAX)
			found++;
	}
	return found;
}
