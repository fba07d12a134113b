/* SPDX-License-Identifier: MIT */
/*
 * The dump access method's text grammar (hosted layer): `lspci -x`,
 * `-xxx` or `-xxxx` output, read a chunk at a time into the store of
 * pci_dump.c.
 *
 * Text rules, as pciutils' lib/dump.c applies them (lspci 3.9.0; later
 * versions only add 6-digit domains), so that what vdisc accepts lists the
 * same functions with the same bytes as `lspci -F FILE`:
 *  - Lines end in '\n', one '\r' before it is dropped.  lspci reads with a
 *    255-byte fgets(), so a line of over 253 characters, a line holding a NUL
 *    byte and a last line without '\n' are errors there and here.
 *  - A device line starts in column 0 with "bb:dd.f " or "DDDD:bb:dd.f " (4, 5
 *    or 6 domain digits): hex digits, except f is one decimal digit, and the
 *    space is required.  Anything after it (the description) is ignored.
 *  - A hex line is 2 to 8 hex digits, ": ", then bytes of exactly two hex
 *    digits, each followed by one space or the end of the line; anything else
 *    after the prefix is a malformed line.  The prefix is the offset of the
 *    first byte; lines may come in any order and may leave holes.
 *  - An empty line ends the current device; every other line (the -v text,
 *    tab-indented) is ignored.  A device owns the hex lines that follow it.
 *  - A device's length is the highest offset given + 1; bytes never given
 *    (holes) read as ff, as do bytes past the length (libpci's pci_read_*
 *    return ff for unreadable bytes).  A byte at offset 4096 or beyond is an
 *    error.  A file with no device line is an empty dump.
 *  - lspci lists the functions sorted by address, whatever the file order
 *    (pciutils' own tests/cap-vendor-virtio is not in order); so does list().
 * Where lspci silently loses or corrupts data, this reader stops instead
 * (one-line message, "LINE N: ..."):
 *  - a hex line with bytes but no device (before the first device line, or
 *    after a blank line): lspci drops those bytes;
 *  - a byte given twice in one device: lspci keeps the last, which is how
 *    an unrecognised device line ("00:02.0" with nothing after it, an lspci
 *    -P path) silently overwrites the device above it;
 *  - a device with fewer than 64 bytes: lspci lists it with ffff ids/class
 *    made up from missing bytes (plain `lspci` output gives only such devices);
 *  - device number above 1f or function above 7: lspci takes "00:3f.9";
 *  - the same slot twice: lspci lists both, each with its own bytes, which an
 *    address-keyed read() cannot represent (a mail with before/after dumps);
 *  - offset prefix ffffffff: lspci writes before its buffer (int overflow).
 * A domain above ffff (VMD) parses in lspci but does not fit
 * struct vdisc_pci_addr: -VDISC_ENOTSUP.
 *
 * One pass: the open device's bytes live at the end of one byte pool (256
 * reserved, grown to 4096 on the first byte past 255, then trimmed to 64, 256
 * or 4096), so nothing is copied; an index sorted by address (already sorted
 * in lspci output, else one qsort) gives O(log n) reads and finds duplicates.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pci_dump_internal.h"

#define DUMP_MAX_LINE_ 253 /* lspci: fgets(buf, 255) must also hold the '\n' */
#define DUMP_MAX_FNS_ UINT32_MAX

struct dump_parser_ {
	struct vdisc_pci_dump *d;
	unsigned long line;
	bool open;    /* hex lines go to the last function */
	bool sorted;  /* keys strictly increasing so far */
	size_t alloc; /* bytes reserved for the open function: 256 or 4096 */
	unsigned len; /* its highest offset given + 1 */
	uint64_t seen[VDISC_PCI_DUMP_SPACE_ / 64];
	char *where;
	size_t wherelen;
};

static int dtext_hexval_(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t dtext_hexrun_(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && dtext_hexval_(s[k]) >= 0)
		k++;
	return k;
}

/* The value of @k <= 8 hex digits. */
static uint32_t dtext_hexnum_(const char *s, size_t k)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < k; i++)
		v = v << 4 | (uint32_t)dtext_hexval_(s[i]);
	return v;
}

static void dtext_slot_str_(char *buf, size_t n, uint32_t key)
{
	vdisc_pci_addr_format(buf, n, vdisc_pci_dump_addr_(key), true);
}

__attribute__((format(printf, 4, 5))) static int
dtext_fail_at_(struct dump_parser_ *p, unsigned long line, int err, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (p->where && p->wherelen)
		n = snprintf(p->where, p->wherelen, "LINE %lu: ", line);
	if (n > 0 && (size_t)n < p->wherelen) {
		va_start(ap, fmt);
		vsnprintf(p->where + n, p->wherelen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return err;
}

/* Up to 8 characters of @s for a message, non-printable ones as '?'. */
static void dtext_token_(char *buf, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 8 && s[i] != ' '; i++)
		buf[i] = s[i] > ' ' && s[i] < 0x7f ? s[i] : '?';
	buf[i] = '\0';
}

static uint16_t dtext_round_size_(unsigned len)
{
	if (len <= 64)
		return 64;
	return len <= 256 ? 256 : VDISC_PCI_DUMP_SPACE_;
}

/* Ends the open device: it must hold the 64-byte header; trims its bytes. */
static int dtext_close_device_(struct dump_parser_ *p)
{
	struct vdisc_pci_dump_fn_ *f;
	char slot[16];

	if (!p->open)
		return 0;
	p->open = false;
	f = &p->d->fns[p->d->count - 1];
	dtext_slot_str_(slot, sizeof(slot), f->key);
	if (p->len == 0)
		return dtext_fail_at_(p, f->line, -VDISC_EINVAL,
				      "%s has no hex lines (dump it with lspci -x, -xxx or -xxxx)",
				      slot);
	if (p->len < 64)
		return dtext_fail_at_(
			p, f->line, -VDISC_EINVAL,
			"%s has %u bytes of configuration space; the 64-byte header is "
			"needed",
			slot, p->len);
	f->size = dtext_round_size_(p->len);
	p->d->pool_len = f->off + f->size;
	return 0;
}

static int dtext_open_device_(struct dump_parser_ *p, uint32_t key)
{
	struct vdisc_pci_dump *d = p->d;
	struct vdisc_pci_dump_fn_ *f;
	int err;

	err = dtext_close_device_(p);
	if (err)
		return err;
	if (d->count >= DUMP_MAX_FNS_)
		return dtext_fail_at_(p, p->line, -VDISC_ENOMEM, "too many functions");
	if (vdisc_pci_dump_fns_reserve_(d, d->count + 1) || vdisc_pci_dump_pool_reserve_(d, 256))
		return dtext_fail_at_(p, p->line, -VDISC_ENOMEM, "out of memory");
	if (d->count && key <= d->fns[d->count - 1].key)
		p->sorted = false;
	f = &d->fns[d->count++];
	f->key = key;
	f->size = 0;
	f->off = d->pool_len;
	f->line = p->line;
	memset(d->pool + f->off, 0xff, 256);
	d->pool_len += 256;
	p->alloc = 256;
	p->len = 0;
	memset(p->seen, 0, sizeof(p->seen));
	p->open = true;
	return 0;
}

static int dtext_put_byte_(struct dump_parser_ *p, uint64_t off, unsigned char v)
{
	struct vdisc_pci_dump *d = p->d;
	struct vdisc_pci_dump_fn_ *f = &d->fns[d->count - 1];
	char slot[16];

	if (off >= VDISC_PCI_DUMP_SPACE_)
		return dtext_fail_at_(
			p, p->line, -VDISC_ERANGE,
			"offset %llx is past the end of configuration space (4096 bytes)",
			(unsigned long long)off);
	if (off >= p->alloc) {
		if (vdisc_pci_dump_pool_reserve_(d, VDISC_PCI_DUMP_SPACE_ - p->alloc))
			return dtext_fail_at_(p, p->line, -VDISC_ENOMEM, "out of memory");
		memset(d->pool + f->off + p->alloc, 0xff, VDISC_PCI_DUMP_SPACE_ - p->alloc);
		d->pool_len = f->off + VDISC_PCI_DUMP_SPACE_;
		p->alloc = VDISC_PCI_DUMP_SPACE_;
	}
	if (p->seen[off / 64] >> (off % 64) & 1) {
		dtext_slot_str_(slot, sizeof(slot), f->key);
		return dtext_fail_at_(p, p->line, -VDISC_EINVAL, "byte %03llx of %s is given twice",
				      (unsigned long long)off, slot);
	}
	p->seen[off / 64] |= (uint64_t)1 << (off % 64);
	d->pool[f->off + off] = v;
	if (off + 1 > p->len)
		p->len = (unsigned)off + 1;
	return 0;
}

/*
 * The bytes of a hex line whose "OFFSET: " prefix is @k + 2 characters.
 * Stores them when a device is open; else only counts them.  Returns the
 * count, or an error (malformed only when a device is open, as in lspci).
 */
static long dtext_hex_bytes_(struct dump_parser_ *p, const char *s, size_t n, size_t k)
{
	uint64_t off = dtext_hexnum_(s, k);
	size_t pos = k + 2;
	long count = 0;
	char tok[9];
	int err;

	while (pos + 1 < n && dtext_hexval_(s[pos]) >= 0 && dtext_hexval_(s[pos + 1]) >= 0 &&
	       (pos + 2 == n || s[pos + 2] == ' ')) {
		if (p->open) {
			err = dtext_put_byte_(p, off + (uint64_t)count,
					      (unsigned char)(dtext_hexval_(s[pos]) << 4 |
							      dtext_hexval_(s[pos + 1])));
			if (err)
				return err;
		}
		count++;
		pos += 2;
		if (pos < n)
			pos++;
	}
	if (pos == n)
		return count;
	if (!p->open)
		return 0;
	if (s[pos] == ' ')
		return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
				      "malformed hex line at column %zu (a second space)", pos + 1);
	dtext_token_(tok, s + pos, n - pos);
	return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
			      "malformed hex line at column %zu (\"%s\")", pos + 1, tok);
}

/* lspci's device line: "bb:dd.f " or a 4- to 6-digit domain and ':' before it. */
static int dtext_device_line_(struct dump_parser_ *p, const char *s, size_t n, bool *is)
{
	size_t k = dtext_hexrun_(s, n), i = 0;
	uint32_t seg = 0;
	unsigned dev, fn;

	*is = false;
	if (k >= 4 && k <= 6 && k < n && s[k] == ':') {
		seg = dtext_hexnum_(s, k);
		i = k + 1;
	} else if (k != 2) {
		return 0;
	}
	if (n - i < 8 || dtext_hexrun_(s + i, 2) != 2 || s[i + 2] != ':' ||
	    dtext_hexrun_(s + i + 3, 2) != 2 || s[i + 5] != '.' || s[i + 6] < '0' ||
	    s[i + 6] > '9' || s[i + 7] != ' ')
		return 0;
	*is = true;
	dev = dtext_hexnum_(s + i + 3, 2);
	fn = (unsigned)(s[i + 6] - '0');
	if (seg > 0xffff)
		return dtext_fail_at_(
			p, p->line, -VDISC_ENOTSUP,
			"domain %x does not fit in 16 bits (vdisc reads domains 0000-ffff)", seg);
	if (dev > 0x1f)
		return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
				      "device number %02x is out of range (00-1f)", dev);
	if (fn > 7)
		return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
				      "function %u is out of range (0-7)", fn);
	return dtext_open_device_(p, vdisc_pci_addr_key((struct vdisc_pci_addr){
					     (uint16_t)seg, (uint8_t)dtext_hexnum_(s + i, 2),
					     (uint8_t)dev, (uint8_t)fn}));
}

static int dtext_line_(struct dump_parser_ *p, const char *s, size_t n)
{
	bool is;
	size_t k;
	long count;
	int err;

	if (n == 0)
		return dtext_close_device_(p);
	err = dtext_device_line_(p, s, n, &is);
	if (err || is)
		return err;
	k = dtext_hexrun_(s, n);
	if (k < 2 || k > 8 || n < k + 2 || s[k] != ':' || s[k + 1] != ' ')
		return 0; /* -v text, or anything else lspci ignores */
	count = dtext_hex_bytes_(p, s, n, k);
	if (count < 0)
		return (int)count;
	if (!p->open && count > 0)
		return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
				      "hex line outside any device (no device line above it, or a "
				      "blank line in between)");
	return 0;
}

static int dtext_cmp_ent_(const void *a, const void *b)
{
	const struct vdisc_pci_dump_ent_ *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts the index; a slot given twice is an error at its second device line. */
static int dtext_build_index_(struct dump_parser_ *p)
{
	struct vdisc_pci_dump *d = p->d;
	size_t i, dup = 0;
	char slot[16];

	if (!d->count)
		return 0;
	d->index = malloc(d->count * sizeof(*d->index));
	if (!d->index)
		return dtext_fail_at_(p, p->line, -VDISC_ENOMEM, "out of memory");
	for (i = 0; i < d->count; i++) {
		d->index[i].key = d->fns[i].key;
		d->index[i].idx = (uint32_t)i;
	}
	if (p->sorted)
		return 0;
	qsort(d->index, d->count, sizeof(*d->index), dtext_cmp_ent_);
	for (i = 1; i < d->count; i++)
		if (d->index[i].key == d->index[i - 1].key &&
		    (!dup || d->index[i].idx < d->index[dup].idx))
			dup = i;
	if (!dup)
		return 0;
	dtext_slot_str_(slot, sizeof(slot), d->index[dup].key);
	return dtext_fail_at_(
		p, d->fns[d->index[dup].idx].line, -VDISC_EDUPLICATE,
		"%s is given twice (first at LINE %lu); split before/after dumps into "
		"separate files",
		slot, d->fns[d->index[dup - 1].idx].line);
}

/*
 * Parse the whole lines of text[0..len).  With @final the text ends the file;
 * otherwise a last line without its newline is left for the next chunk.
 * returns the bytes consumed, or a negative error.
 */
static long dtext_parse_chunk_(struct dump_parser_ *p, const char *text, size_t len, bool final)
{
	size_t pos = 0, n, look;
	const char *s, *nl;
	int err;

	while (pos < len) {
		s = text + pos;
		look = len - pos < DUMP_MAX_LINE_ + 1 ? len - pos : DUMP_MAX_LINE_ + 1;
		nl = memchr(s, '\n', look);
		n = nl ? (size_t)(nl - s) : look;
		if (!nl && !final && n <= DUMP_MAX_LINE_)
			break; /* the rest of this line is in the next chunk */
		p->line++;
		if (n > DUMP_MAX_LINE_)
			return dtext_fail_at_(p, p->line, -VDISC_EINVAL,
					      "line is longer than %d characters (lspci's limit)",
					      DUMP_MAX_LINE_);
		if (memchr(s, '\0', n))
			return dtext_fail_at_(p, p->line, -VDISC_EINVAL, "NUL byte in the line");
		if (!nl)
			return dtext_fail_at_(p, p->line, -VDISC_ETRUNCATED,
					      "no newline at the end of the file (truncated?)");
		pos += n + 1;
		if (n && s[n - 1] == '\r')
			n--;
		err = dtext_line_(p, s, n);
		if (err)
			return err;
	}
	return (long)pos;
}

static int dtext_parse_finish_(struct dump_parser_ *p)
{
	int err = dtext_close_device_(p);

	return err ? err : dtext_build_index_(p);
}

static int dtext_parse_lines_(struct dump_parser_ *p, const char *text, size_t len)
{
	long used = dtext_parse_chunk_(p, text, len, true);

	return used < 0 ? (int)used : dtext_parse_finish_(p);
}

static struct dump_parser_ *dtext_parser_new_(char *where, size_t wherelen)
{
	struct dump_parser_ *p = calloc(1, sizeof(*p));

	if (p)
		p->d = calloc(1, sizeof(*p->d));
	if (!p || !p->d) {
		free(p);
		return NULL;
	}
	p->sorted = true;
	p->where = where;
	p->wherelen = wherelen;
	return p;
}

/*
 * The same parse from a stream, a chunk at a time: a large dump is never
 * held in memory as text, only as the bytes it describes.
 */
int vdisc_pci_dump_parse_file(FILE *f, struct vdisc_pci_dump **out, char *where, size_t wherelen)
{
	enum { CHUNK = 1 << 16 };
	struct dump_parser_ *p;
	size_t have = 0, got;
	char *buf;
	long used;
	int err = 0;

	if (where && wherelen)
		where[0] = '\0';
	if (!out || !f)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "no stream");
	*out = NULL;
	p = dtext_parser_new_(where, wherelen);
	buf = malloc(CHUNK);
	if (!p || !buf) {
		free(buf);
		if (p)
			vdisc_pci_dump_free(p->d);
		free(p);
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_ENOMEM, "out of memory");
	}
	for (;;) {
		got = fread(buf + have, 1, CHUNK - have, f);
		have += got;
		used = dtext_parse_chunk_(p, buf, have, got == 0);
		if (used < 0) {
			err = (int)used;
			break;
		}
		memmove(buf, buf + used, have - (size_t)used);
		have -= (size_t)used;
		if (got == 0) {
			err = ferror(f) ? vdisc_pci_dump_fail_(where, wherelen, -VDISC_EIO,
							       "read error")
					: dtext_parse_finish_(p);
			break;
		}
	}
	free(buf);
	if (err)
		vdisc_pci_dump_free(p->d);
	else
		*out = p->d;
	free(p);
	return err;
}

int vdisc_pci_dump_parse(const char *text, size_t len, struct vdisc_pci_dump **out, char *where,
			 size_t wherelen)
{
	struct dump_parser_ *p;
	int err;

	if (where && wherelen)
		where[0] = '\0';
	if (!out)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "no result pointer");
	*out = NULL;
	if (!text && len)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_EINVAL, "no text");
	p = dtext_parser_new_(where, wherelen);
	if (!p)
		return vdisc_pci_dump_fail_(where, wherelen, -VDISC_ENOMEM, "out of memory");
	err = dtext_parse_lines_(p, text, len);
	if (err)
		vdisc_pci_dump_free(p->d);
	else
		*out = p->d;
	free(p);
	return err;
}
