/* SPDX-License-Identifier: MIT */
/*
 * Tests of the lspci-dump access method.
 *
 *   test_dump_parse HOSTILE_DIR   every file in HOSTILE_DIR against the table
 *                                 below (a file missing from the table fails),
 *                                 then generated cases: 100k-line dumps,
 *                                 binary images, slots, read() semantics.
 *   test_dump_parse --list FILE   the functions of FILE, one slot a line
 *   test_dump_parse --hex FILE    the functions and their bytes, as lspci -xxxx
 *                                 prints them (config_size() bytes each)
 * Exit: 0 pass, 1 a check failed, 2 FILE did not parse (message on stderr).
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hosted/pci_dump.h"

static int failures;

static void check_(bool ok, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void check_(bool ok, const char *what, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	failures++;
	fprintf(stderr, "FAIL %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static char *slurp_(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t cap = 0, n;

	*len = 0;
	if (!f)
		return NULL;
	do {
		if (*len == cap) {
			grown = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!grown) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	fclose(f);
	return buf;
}

static uint32_t rd_(const struct vdisc_pci_ops *ops, struct vdisc_pci_addr a, uint16_t off,
		    unsigned width)
{
	uint32_t v = 0xdeadbeef;

	if (ops->read(ops->ctx, a, off, width, &v))
		return 0xdeadbeef;
	return v;
}

static struct vdisc_pci_addr slot_(unsigned seg, unsigned bus, unsigned dev, unsigned fn)
{
	struct vdisc_pci_addr a = {(uint16_t)seg, (uint8_t)bus, (uint8_t)dev, (uint8_t)fn};

	return a;
}

/* --- list / hex modes (the corpus script uses them) ------------------- */

struct list_state {
	struct vdisc_pci_ops *ops;
	bool hex;
	struct vdisc_pci_addr seen[16];
	size_t nseen;
};

static int collect_fn_(void *arg, struct vdisc_pci_addr a)
{
	struct list_state *st = arg;

	if (st->nseen < 16)
		st->seen[st->nseen] = a;
	st->nseen++;
	return 0;
}

static int print_fn_(void *arg, struct vdisc_pci_addr a)
{
	struct list_state *st = arg;
	uint16_t size, off, b;
	char slot[VDISC_PCI_ADDR_STRLEN];

	vdisc_pci_addr_format(slot, sizeof(slot), a, true);
	printf("%s\n", slot);
	if (!st->hex)
		return 0;
	size = st->ops->config_size(st->ops->ctx, a);
	for (off = 0; off < size; off += 16) {
		printf("%02x:", off);
		for (b = 0; b < 16; b++)
			printf(" %02x", rd_(st->ops, a, (uint16_t)(off + b), 1));
		putchar('\n');
	}
	return 0;
}

static int list_file_(const char *path, bool hex)
{
	struct list_state st = {0};
	struct vdisc_pci_dump *d;
	struct vdisc_pci_ops ops;
	char where[160];
	size_t len;
	char *text = slurp_(path, &len);
	int err;

	if (!text) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 2;
	}
	err = vdisc_pci_dump_parse(text, len, &d, where, sizeof(where));
	free(text);
	if (err) {
		fprintf(stderr, "%s: %s\n", path, where);
		return 2;
	}
	vdisc_pci_dump_ops(d, &ops);
	st.ops = &ops;
	st.hex = hex;
	err = ops.list(ops.ctx, print_fn_, &st);
	vdisc_pci_dump_free(d);
	return err ? 1 : 0;
}

/* --- the hostile files ------------------------------------------------- */

struct file_case {
	const char *name;
	int err;	 /* expected return */
	long count;	 /* functions when err == 0 */
	const char *msg; /* a substring of the message when err != 0 */
};

/* What lspci 3.9.0 does with each: tests/pci-dump/README.md. */
static const struct file_case file_cases[] = {
	{"hex-out-of-order.txt", 0, 1, NULL},
	{"holes.txt", 0, 1, NULL},
	{"crlf.txt", 0, 1, NULL},
	{"offset-4096-no-bytes.txt", 0, 1, NULL},
	{"long-offset-prefix.txt", 0, 1, NULL},
	{"uppercase.txt", 0, 1, NULL},
	{"trailing-space.txt", 0, 1, NULL},
	{"one-long-hex-line.txt", 0, 1, NULL},
	{"whitespace-line-keeps-device.txt", 0, 1, NULL},
	{"unsorted.txt", 0, 3, NULL},
	{"domain-5-digits.txt", 0, 1, NULL},
	{"domain-6-digits.txt", 0, 1, NULL},
	{"empty.txt", 0, 0, NULL},
	{"no-devices.txt", 0, 0, NULL},
	{"verbose-interleaved.txt", 0, 1, NULL},
	{"length-128.txt", 0, 1, NULL},
	{"partial-4096.txt", 0, 1, NULL},
	{"line-253-chars.txt", 0, 1, NULL},
	{"hex-before-device.txt", -VDISC_EINVAL, 0, "LINE 1: hex line outside any device"},
	{"hex-after-blank.txt", -VDISC_EINVAL, 0, "LINE 7: hex line outside any device"},
	{"bare-slot-line.txt", -VDISC_EINVAL, 0, "LINE 8: hex line outside any device"},
	{"unrecognised-device-overwrites.txt", -VDISC_EINVAL, 0,
	 "LINE 7: byte 000 of 0000:00:01.0 is given twice"},
	{"byte-given-twice.txt", -VDISC_EINVAL, 0,
	 "LINE 6: byte 010 of 0000:00:02.0 is given twice"},
	{"garbage-token.txt", -VDISC_EINVAL, 0, "LINE 6: malformed hex line at column 5 (\"zz\")"},
	{"one-digit-token.txt", -VDISC_EINVAL, 0, "LINE 6: malformed hex line at column 5 (\"1\")"},
	{"double-space.txt", -VDISC_EINVAL, 0,
	 "LINE 6: malformed hex line at column 8 (a second space)"},
	{"tab-separated.txt", -VDISC_EINVAL, 0, "LINE 6: malformed hex line at column 5"},
	{"three-digit-token.txt", -VDISC_EINVAL, 0, "LINE 6: malformed hex line at column 5"},
	{"line-254-chars.txt", -VDISC_EINVAL, 0, "LINE 2: line is longer than 253 characters"},
	{"offset-past-4096.txt", -VDISC_ERANGE, 0, "LINE 6: offset 1000 is past the end"},
	{"offset-crosses-4096.txt", -VDISC_ERANGE, 0, "LINE 6: offset 1000 is past the end"},
	{"offset-ffffffff.txt", -VDISC_ERANGE, 0, "LINE 6: offset ffffffff is past the end"},
	{"nul-byte.txt", -VDISC_EINVAL, 0, "LINE 4: NUL byte"},
	{"elf-header.txt", -VDISC_EINVAL, 0, "LINE 1: NUL byte"},
	{"truncated-last-line.txt", -VDISC_ETRUNCATED, 0, "LINE 5: no newline at the end"},
	{"truncated-mid-byte.txt", -VDISC_ETRUNCATED, 0, "LINE 5: no newline at the end"},
	{"cr-only-line-ends.txt", -VDISC_ETRUNCATED, 0, "LINE 1: no newline at the end"},
	{"short-device.txt", -VDISC_EINVAL, 0,
	 "LINE 1: 0000:00:02.0 has 32 bytes of configuration space; the 64-byte header"},
	{"no-hex-lines.txt", -VDISC_EINVAL, 0, "LINE 1: 0000:00:00.0 has no hex lines"},
	{"duplicate-slot.txt", -VDISC_EDUPLICATE, 0,
	 "LINE 7: 0000:00:02.0 is given twice (first at LINE 1)"},
	{"duplicate-slot-unsorted.txt", -VDISC_EDUPLICATE, 0,
	 "LINE 19: 0000:00:01.0 is given twice (first at LINE 7)"},
	{"duplicate-two-slots.txt", -VDISC_EDUPLICATE, 0,
	 "LINE 13: 0000:00:05.0 is given twice (first at LINE 1)"},
	{"device-out-of-range.txt", -VDISC_EINVAL, 0, "LINE 1: device number 3f is out of range"},
	{"function-out-of-range.txt", -VDISC_EINVAL, 0, "LINE 1: function 8 is out of range"},
	{"domain-above-ffff.txt", -VDISC_ENOTSUP, 0,
	 "LINE 1: domain 10000 does not fit in 16 bits"},
};

/* Byte-level expectations for some of the accepted files. */
static void check_accepted_(const char *name, struct vdisc_pci_dump *d)
{
	struct vdisc_pci_ops ops;
	struct vdisc_pci_addr a = slot_(0, 0, 2, 0);
	struct list_state st = {0};

	vdisc_pci_dump_ops(d, &ops);
	if (!strcmp(name, "hex-out-of-order.txt") || !strcmp(name, "crlf.txt") ||
	    !strcmp(name, "uppercase.txt") || !strcmp(name, "trailing-space.txt") ||
	    !strcmp(name, "verbose-interleaved.txt")) {
		check_(rd_(&ops, a, 0, 4) == 0x10421af4, name, "ids %08x", rd_(&ops, a, 0, 4));
		check_(rd_(&ops, a, 0x2c, 4) == 0x00021af4, name, "subsys %08x",
		       rd_(&ops, a, 0x2c, 4));
		check_(rd_(&ops, a, 0x3c, 2) == 0x010b, name, "irq %04x", rd_(&ops, a, 0x3c, 2));
		check_(ops.config_size(ops.ctx, a) == 64, name, "size %u",
		       ops.config_size(ops.ctx, a));
	} else if (!strcmp(name, "holes.txt")) {
		check_(ops.config_size(ops.ctx, a) == 256, name, "size");
		check_(rd_(&ops, a, 0x40, 4) == 0xffffffff, name, "hole %08x",
		       rd_(&ops, a, 0x40, 4));
		check_(rd_(&ops, a, 0x80, 4) == 0x44332211, name, "80 %08x", rd_(&ops, a, 0x80, 4));
		check_(rd_(&ops, a, 0x84, 4) == 0xffffffff, name, "past length");
	} else if (!strcmp(name, "offset-4096-no-bytes.txt")) {
		check_(ops.config_size(ops.ctx, a) == 64, name, "size");
	} else if (!strcmp(name, "long-offset-prefix.txt")) {
		check_(rd_(&ops, a, 0x40, 2) == 0x0b0a, name, "40");
		check_(rd_(&ops, a, 0x50, 1) == 0x0c, name, "50");
		check_(ops.config_size(ops.ctx, a) == 256, name, "size");
	} else if (!strcmp(name, "one-long-hex-line.txt")) {
		check_(rd_(&ops, a, 0x3c, 4) == 0x3f3e3d3c, name, "3c");
	} else if (!strcmp(name, "whitespace-line-keeps-device.txt")) {
		check_(rd_(&ops, a, 0x40, 2) == 0x0201, name, "40");
	} else if (!strcmp(name, "unsorted.txt")) {
		ops.list(ops.ctx, collect_fn_, &st);
		check_(st.nseen == 3 && st.seen[0].dev == 1 && st.seen[1].dev == 2 &&
			       st.seen[2].dev == 3,
		       name, "address order, as lspci lists");
		check_(rd_(&ops, slot_(0, 0, 1, 0), 0, 2) == 0x1af4, name, "lookup");
	} else if (!strcmp(name, "domain-5-digits.txt")) {
		check_(rd_(&ops, slot_(1, 0, 2, 0), 0, 2) == 0x1af4, name, "segment 1");
		check_(rd_(&ops, a, 0, 2) == 0xffff, name, "segment 0 absent");
	} else if (!strcmp(name, "length-128.txt")) {
		a = slot_(0, 0, 0x1f, 0);
		check_(ops.config_size(ops.ctx, a) == 256, name, "size");
		check_(rd_(&ops, a, 0x7c, 4) == 0, name, "7c");
		check_(rd_(&ops, a, 0x80, 4) == 0xffffffff, name, "80");
	} else if (!strcmp(name, "partial-4096.txt")) {
		check_(ops.config_size(ops.ctx, a) == 4096, name, "size");
		check_(rd_(&ops, a, 0x1fc, 4) == 0, name, "1fc");
		check_(rd_(&ops, a, 0x200, 4) == 0xffffffff, name, "200");
		check_(rd_(&ops, a, 0xffc, 4) == 0xffffffff, name, "ffc");
	}
}

static void run_file_case_(const char *dir, const struct file_case *c)
{
	static char sentinel;
	struct vdisc_pci_dump *d =
		(struct vdisc_pci_dump *)(void *)&sentinel; /* must become NULL */
	char path[4096], where[160];
	size_t len;
	char *text;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, c->name);
	text = slurp_(path, &len);
	check_(text != NULL, c->name, "cannot read %s", path);
	if (!text)
		return;
	err = vdisc_pci_dump_parse(text, len, &d, where, sizeof(where));
	free(text);
	check_(err == c->err, c->name, "returned %d (%s), expected %d", err, where, c->err);
	if (c->err) {
		check_(d == NULL, c->name, "result not NULL on error");
		check_(c->msg && strstr(where, c->msg) != NULL, c->name,
		       "message \"%s\" lacks \"%s\"", where, c->msg);
		check_(strchr(where, '\n') == NULL, c->name, "message has a newline");
		return;
	}
	check_(where[0] == '\0', c->name, "message on success: %s", where);
	if (err)
		return;
	check_((long)vdisc_pci_dump_count(d) == c->count, c->name, "%zu functions, expected %ld",
	       vdisc_pci_dump_count(d), c->count);
	check_accepted_(c->name, d);
	vdisc_pci_dump_free(d);
}

static void run_hostile_dir_(const char *dir)
{
	size_t i, n = sizeof(file_cases) / sizeof(file_cases[0]);
	struct dirent *e;
	DIR *dp = opendir(dir);

	check_(dp != NULL, dir, "cannot open the directory");
	while (dp && (e = readdir(dp))) {
		if (e->d_name[0] == '.' || !strstr(e->d_name, ".txt"))
			continue;
		for (i = 0; i < n && strcmp(file_cases[i].name, e->d_name); i++)
			;
		check_(i < n, e->d_name, "not in the table of test_dump_parse.c");
	}
	if (dp)
		closedir(dp);
	for (i = 0; i < n; i++)
		run_file_case_(dir, &file_cases[i]);
	printf("hostile files: %zu\n", n);
}

/* --- generated: big dumps ---------------------------------------------- */

/* @nfn functions of 256 bytes, each "bb:dd.f" (domain when @domains), 18 lines each. */
static char *big_dump_(size_t nfn, bool descending, bool domains, size_t *len)
{
	size_t cap = nfn * 900 + 64, pos = 0, i, k;
	char *text = malloc(cap);
	unsigned row, b;

	if (!text)
		return NULL;
	for (k = 0; k < nfn; k++) {
		i = descending ? nfn - 1 - k : k;
		if (domains)
			pos += (size_t)sprintf(text + pos, "%04zx:", i >> 16);
		pos += (size_t)sprintf(text + pos, "%02zx:%02zx.%zu Device %zu\n", i >> 8 & 0xff,
				       i >> 3 & 0x1f, i & 7, i);
		for (row = 0; row < 256; row += 16) {
			pos += (size_t)sprintf(text + pos, "%02x:", row);
			for (b = 0; b < 16; b++)
				pos += (size_t)sprintf(
					text + pos, " %02x",
					row + b < 2 ? (unsigned)(i >> 8 * (row + b)) & 0xff
						    : (row + b) & 0xff);
			text[pos++] = '\n';
		}
		text[pos++] = '\n';
	}
	*len = pos;
	return text;
}

static void check_big_(size_t nfn, bool descending)
{
	const char *what = descending ? "big dump, descending" : "big dump";
	struct vdisc_pci_dump *d = NULL;
	struct vdisc_pci_ops ops;
	char where[160], want[64];
	size_t len, i, lines, bad = 0;
	char *text = big_dump_(nfn, descending, true, &len);
	clock_t t0;
	int err;

	check_(text != NULL, what, "out of memory");
	if (!text)
		return;
	for (i = 0, lines = 0; i < len; i++)
		lines += text[i] == '\n';
	t0 = clock();
	err = vdisc_pci_dump_parse(text, len, &d, where, sizeof(where));
	printf("%s: %zu lines, %zu functions, %.1f ms\n", what, lines, nfn,
	       1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC);
	check_(err == 0, what, "%s", where);
	if (!err) {
		vdisc_pci_dump_ops(d, &ops);
		check_(vdisc_pci_dump_count(d) == nfn, what, "count %zu", vdisc_pci_dump_count(d));
		for (i = 0; i < nfn; i++) {
			struct vdisc_pci_addr a =
				slot_((unsigned)(i >> 16), (unsigned)(i >> 8 & 0xff),
				      (unsigned)(i >> 3 & 0x1f), (unsigned)(i & 7));
			bad += rd_(&ops, a, 0, 2) != (i & 0xffff) ||
			       rd_(&ops, a, 0xfc, 4) != 0xfffefdfc;
		}
		check_(bad == 0, what, "%zu functions read back wrong", bad);
		vdisc_pci_dump_free(d);
	}
	/* The same file with a bad token on its very last line. */
	memcpy(text + len - 4, "zz\n\n", 4);
	err = vdisc_pci_dump_parse(text, len, &d, where, sizeof(where));
	snprintf(want, sizeof(want), "LINE %zu: malformed hex line", lines - 1);
	check_(err == -VDISC_EINVAL && strstr(where, want), what, "late error: %s", where);
	free(text);
}

/* --- generated: binary images ------------------------------------------ */

static void check_binary_(void)
{
	static const struct {
		size_t len;
		unsigned fn;
		int err;
		size_t count;
		uint16_t size;
	} cases[] = {
		{256, 0, 0, 1, 256},
		{512, 0, 0, 2, 256},
		{2048, 0, 0, 8, 256},
		{2304, 0, -VDISC_EINVAL, 0, 0},
		{512, 7, -VDISC_EINVAL, 0, 0},
		{256, 7, 0, 1, 256},
		{4096, 0, 0, 1, 4096},
		{8192, 3, 0, 2, 4096},
		{32768, 0, 0, 8, 4096},
		{300, 0, -VDISC_EINVAL, 0, 0},
		{0, 0, -VDISC_EINVAL, 0, 0},
		{64, 0, -VDISC_EINVAL, 0, 0},
		{4352, 0, -VDISC_EINVAL, 0, 0},
	};
	unsigned char *img = malloc(32768);
	struct vdisc_pci_dump *d;
	struct vdisc_pci_ops ops;
	char where[160], what[64];
	size_t i, k;
	int err;

	if (!img)
		return;
	for (k = 0; k < 32768; k++)
		img[k] = (unsigned char)(k * 7 + k / 4096);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vdisc_pci_addr first = slot_(0x12, 3, 4, cases[i].fn);

		snprintf(what, sizeof(what), "binary %zu bytes at fn %u", cases[i].len,
			 cases[i].fn);
		err = vdisc_pci_dump_from_binary(img, cases[i].len, first, &d, where,
						 sizeof(where));
		check_(err == cases[i].err, what, "returned %d (%s)", err, where);
		check_(err ? where[0] != '\0' && !d : !where[0], what, "message/result");
		if (err)
			continue;
		vdisc_pci_dump_ops(d, &ops);
		check_(vdisc_pci_dump_count(d) == cases[i].count, what, "count");
		for (k = 0; k < cases[i].count; k++) {
			struct vdisc_pci_addr a = slot_(0x12, 3, 4, cases[i].fn + (unsigned)k);
			uint16_t off = (uint16_t)(cases[i].size - 4);

			check_(ops.config_size(ops.ctx, a) == cases[i].size, what, "size");
			check_(rd_(&ops, a, off, 1) == img[k * cases[i].size + off], what,
			       "byte of fn %zu", k);
		}
		vdisc_pci_dump_free(d);
	}
	check_(vdisc_pci_dump_from_binary(img, 256, slot_(0, 0, 32, 0), &d, where, sizeof(where)) ==
			       -VDISC_EINVAL &&
		       strstr(where, "slot out of range"),
	       "binary", "dev 32");
	check_(vdisc_pci_dump_from_binary(img, 256, slot_(0, 0, 0, 0), NULL, NULL, 0) ==
		       -VDISC_EINVAL,
	       "binary", "NULL out");
	free(img);
}

/* --- generated: slots and read() semantics ----------------------------- */

/* The formatter writes what the parser reads, and refuses a buffer too small. */
static void check_slot_format_(void)
{
	struct vdisc_pci_addr a = {0xabcd, 0xef, 0x1f, 7}, b;
	char buf[VDISC_PCI_ADDR_STRLEN];

	check_(vdisc_pci_addr_format(buf, sizeof(buf), a, true) == 12 &&
		       strcmp(buf, "abcd:ef:1f.7") == 0,
	       "format", "gave \"%s\"", buf);
	check_(vdisc_pci_addr_parse(buf, &b) == 0 && b.segment == a.segment && b.bus == a.bus &&
		       b.dev == a.dev && b.fn == a.fn,
	       "format", "does not parse back: %s", buf);
	check_(vdisc_pci_addr_format(buf, sizeof(buf), a, false) == 7 &&
		       strcmp(buf, "ef:1f.7") == 0,
	       "format", "gave \"%s\" without the domain", buf);
	check_(vdisc_pci_addr_format(buf, 12, a, true) == -VDISC_ERANGE && buf[0] == '\0', "format",
	       "accepted a short buffer");
}

static void check_slots_(void)
{
	static const struct {
		const char *s;
		int ok;
		unsigned seg, bus, dev, fn;
	} cases[] = {
		{"0000:00:02.0", 1, 0, 0, 2, 0},  {"00:02.0", 1, 0, 0, 2, 0},
		{"02.7", 1, 0, 0, 2, 7},	  {"ffff:ff:1f.7", 1, 0xffff, 0xff, 0x1f, 7},
		{"1:2:3.4", 1, 1, 2, 3, 4},	  {"A:bC:1F.0", 1, 0xa, 0xbc, 0x1f, 0},
		{"00:20.0", 0, 0, 0, 0, 0},	  {"00:02.8", 0, 0, 0, 0, 0},
		{"10000:00:02.0", 0, 0, 0, 0, 0}, {"000:100:02.0", 0, 0, 0, 0, 0},
		{"00:02.0 ", 0, 0, 0, 0, 0},	  {"00:02.", 0, 0, 0, 0, 0},
		{"00:02", 0, 0, 0, 0, 0},	  {":00:02.0", 0, 0, 0, 0, 0},
		{"0:0:0:02.0", 0, 0, 0, 0, 0},	  {"", 0, 0, 0, 0, 0},
		{"00:02.00", 0, 0, 0, 0, 0},	  {"00::02.0", 0, 0, 0, 0, 0},
	};
	struct vdisc_pci_addr a;
	size_t i;
	int err;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&a, 0xee, sizeof(a));
		err = vdisc_pci_addr_parse(cases[i].s, &a);
		check_(cases[i].ok ? err == 0 : err == -VDISC_EINVAL, cases[i].s, "returned %d",
		       err);
		if (cases[i].ok && !err)
			check_(a.segment == cases[i].seg && a.bus == cases[i].bus &&
				       a.dev == cases[i].dev && a.fn == cases[i].fn,
			       cases[i].s, "parsed %x:%x:%x.%u", a.segment, a.bus, a.dev, a.fn);
	}
	check_(vdisc_pci_addr_parse(NULL, &a) == -VDISC_EINVAL, "slot NULL", "accepted");
	check_slot_format_();
}

static int stop_at_second_(void *arg, struct vdisc_pci_addr a)
{
	(void)a;
	return ++*(int *)arg == 2 ? -VDISC_EIO : 0;
}

static void check_reads_(void)
{
	static const char text[] = "00:01.0 a\n"
				   "00: 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n"
				   "30: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ff\n"
				   "00:02.0 b\n00: 11 22 33 44\n3f: 00\n"
				   "00:03.0 c\n00: aa\n3f: bb\n";
	struct vdisc_pci_dump *d;
	struct vdisc_pci_ops ops;
	struct vdisc_pci_addr a = slot_(0, 0, 1, 0);
	uint32_t v = 0;
	char where[160];
	int n = 0;

	check_(vdisc_pci_dump_parse(text, sizeof(text) - 1, &d, where, sizeof(where)) == 0, "reads",
	       "parse: %s", where);
	vdisc_pci_dump_ops(d, &ops);
	check_(ops.write == NULL && !strcmp(ops.name, "dump"), "reads", "ops");
	check_(rd_(&ops, a, 0, 1) == 0x01 && rd_(&ops, a, 2, 2) == 0x0403 &&
		       rd_(&ops, a, 4, 4) == 0x08070605,
	       "reads", "little-endian widths");
	check_(rd_(&ops, a, 0x10, 4) == 0xffffffff && rd_(&ops, a, 0x3f, 1) == 0xff, "reads",
	       "hole reads ff");
	check_(ops.read(ops.ctx, a, 0, 3, &v) == -VDISC_EINVAL, "reads", "width 3");
	check_(ops.read(ops.ctx, a, 2, 4, &v) == -VDISC_EINVAL, "reads", "unaligned");
	check_(ops.read(ops.ctx, a, 4096, 1, &v) == -VDISC_EINVAL, "reads", "offset 4096");
	check_(ops.read(ops.ctx, slot_(0, 0, 32, 0), 0, 1, &v) == -VDISC_EINVAL, "reads", "dev 32");
	check_(ops.read(ops.ctx, a, 0, 4, NULL) == -VDISC_EINVAL, "reads", "NULL value");
	check_(rd_(&ops, slot_(0, 0, 4, 0), 0, 4) == 0xffffffff &&
		       rd_(&ops, slot_(0, 0, 4, 0), 0, 2) == 0xffff &&
		       rd_(&ops, slot_(0, 1, 1, 0), 0, 1) == 0xff,
	       "reads", "absent function reads all ones");
	check_(rd_(&ops, a, 0x100, 4) == 0xffffffff && rd_(&ops, a, 0xffc, 4) == 0xffffffff,
	       "reads", "past the length");
	check_(ops.config_size(ops.ctx, a) == 64 &&
		       ops.config_size(ops.ctx, slot_(0, 0, 4, 0)) == 0 &&
		       ops.config_size(ops.ctx, slot_(0, 0, 1, 8)) == 0,
	       "reads", "config_size");
	check_(rd_(&ops, slot_(0, 0, 3, 0), 0x3c, 4) == 0xbbffffff, "reads", "sparse device");
	check_(ops.list(ops.ctx, stop_at_second_, &n) == -VDISC_EIO && n == 2, "reads",
	       "list stops at the visitor's error");
	check_(ops.list(ops.ctx, NULL, NULL) == -VDISC_EINVAL, "reads", "list NULL visitor");
	vdisc_pci_dump_free(d);
	vdisc_pci_dump_free(NULL);
	check_(vdisc_pci_dump_count(NULL) == 0, "reads", "count NULL");
	check_(vdisc_pci_dump_parse(text, 5, NULL, where, sizeof(where)) == -VDISC_EINVAL, "args",
	       "NULL out");
	check_(vdisc_pci_dump_parse(NULL, 0, &d, NULL, 0) == 0 && vdisc_pci_dump_count(d) == 0,
	       "args", "empty");
	vdisc_pci_dump_free(d);
	check_(vdisc_pci_dump_parse(text, sizeof(text) - 1, &d, where, 12) == 0, "args",
	       "small where");
	vdisc_pci_dump_free(d);
	check_(vdisc_pci_dump_parse("00:01.0 a\n00: zz\n", 17, &d, where, 12) == -VDISC_EINVAL &&
		       strlen(where) == 11,
	       "args", "message truncated to the buffer");
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--list"))
		return list_file_(argv[2], false);
	if (argc == 3 && !strcmp(argv[1], "--hex"))
		return list_file_(argv[2], true);
	if (argc != 2) {
		fprintf(stderr, "usage: test_dump_parse HOSTILE_DIR | --list FILE | --hex FILE\n");
		return 2;
	}
	run_hostile_dir_(argv[1]);
	check_big_(5556, false); /* 100008 lines */
	check_big_(5556, true);
	check_big_(70000, false); /* more than one domain */
	check_binary_();
	check_slots_();
	check_reads_();
	printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
	return failures ? 1 : 0;
}
