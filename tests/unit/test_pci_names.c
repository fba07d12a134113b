/* SPDX-License-Identifier: MIT */
/*
 * PCI class and capability names, checked against two lists on this
 * machine that were written independently of ours: the kernel's
 * <linux/pci_regs.h> (PCI_CAP_ID_*, PCI_EXT_CAP_ID_*) and the class
 * section of pci.ids.  An id either knows and we lack fails the test;
 * different wording, and ids only we know, are printed as notes.  A list
 * that is not installed skips its test.
 *
 * usage: test_pci_names [pci_regs.h [pci.ids]]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <vdisc/pci.h>

#define MAX_IDS_ 1024

static char default_regs_[] = "/usr/include/linux/pci_regs.h";
static char default_ids_[] = "/usr/share/misc/pci.ids";

struct id_list_ {
	uint32_t ids[MAX_IDS_];
	size_t n;
};

static void list_add(struct id_list_ *l, uint32_t id)
{
	assert_true(l->n < MAX_IDS_);
	l->ids[l->n++] = id;
}

static bool list_has(const struct id_list_ *l, uint32_t id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return true;
	return false;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * "#define PCI_CAP_ID_PM 0x01 ..." with @prefix "PCI_CAP_ID_": the number
 * in @id and the macro name in @name.  Aliases such as PCI_CAP_ID_MAX,
 * whose value is another macro, are not ids and return false.
 */
static bool parse_define(const char *line, const char *prefix, char *name, size_t namesz,
			 unsigned long *id)
{
	const char *p = skip_blanks(line);
	const char *start;
	char *end;
	size_t len;

	if (strncmp(p, "#define", 7) != 0)
		return false;
	p = skip_blanks(p + 7);
	if (strncmp(p, prefix, strlen(prefix)) != 0)
		return false;
	start = p;
	while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	       (*p >= '0' && *p <= '9'))
		p++;
	len = (size_t)(p - start);
	if (len >= namesz || (*p != ' ' && *p != '\t'))
		return false;
	memcpy(name, start, len);
	name[len] = '\0';
	p = skip_blanks(p);
	*id = strtoul(p, &end, 0);
	if (end == p ||
	    (*end != '\0' && *end != '\n' && *end != ' ' && *end != '\t' && *end != '/'))
		return false;
	return true;
}

/*
 * Every @prefix id of the header has a name from @lookup; ids up to @max
 * that we name and the header does not are printed.
 */
static void check_header_ids(const char *path, const char *prefix, unsigned long max,
			     const char *(*lookup)(uint16_t))
{
	struct id_list_ seen = {0};
	unsigned missing = 0, extra = 0;
	char line[512], name[128];
	unsigned long id;
	FILE *f = fopen(path, "r");

	if (!f) {
		print_message("note: %s not found, skipping\n", path);
		skip();
	}
	while (fgets(line, sizeof(line), f)) {
		if (!parse_define(line, prefix, name, sizeof(name), &id))
			continue;
		assert_true(id <= max);
		list_add(&seen, (uint32_t)id);
		if (!lookup((uint16_t)id)) {
			print_message("missing: %s = %#lx has no name\n", name, id);
			missing++;
		}
	}
	fclose(f);
	for (id = 0; id <= max; id++) {
		if (lookup((uint16_t)id) && !list_has(&seen, (uint32_t)id)) {
			print_message("note: %#lx \"%s\" is no %s* in %s\n", id,
				      lookup((uint16_t)id), prefix, path);
			extra++;
		}
	}
	print_message("%s: %zu ids in the header, %u missing here, %u only here\n", prefix, seen.n,
		      missing, extra);
	/* Next to no ids means the parser, not the table, is wrong. */
	assert_true(seen.n >= 16);
	assert_int_equal(missing, 0);
}

static void test_kernel_caps(void **state)
{
	check_header_ids(*state, "PCI_CAP_ID_", 0xff, vdisc_pci_cap_name);
}

static void test_kernel_ecaps(void **state)
{
	check_header_ids(*state, "PCI_EXT_CAP_ID_", 0xffff, vdisc_pci_ecap_name);
}

/* pci.ids' class section as keys: base, base << 8 | sub, base << 16 | sub << 8 | prog-if. */
struct pci_ids_classes_ {
	struct id_list_ bases, subs, progs;
	unsigned missing, differ;
};

static int hex_byte(const char *p)
{
	char buf[3] = {p[0], p[1], '\0'};
	char *end;
	long v;

	if (!p[0] || !p[1])
		return -1;
	v = strtol(buf, &end, 16);
	return *end ? -1 : (int)v;
}

/* @key printed with @digits hex digits: 2 for a class, 4 for a subclass, 6 for a prog-if. */
static void compare_name(struct pci_ids_classes_ *c, const char *what, int digits, unsigned key,
			 const char *ours, const char *theirs)
{
	if (!ours) {
		print_message("missing: %s %0*x \"%s\" has no name\n", what, digits, key, theirs);
		c->missing++;
	} else if (strcmp(ours, theirs) != 0) {
		print_message("note: %s %0*x: pci.ids \"%s\", ours \"%s\"\n", what, digits, key,
			      theirs, ours);
		c->differ++;
	}
}

/* One line of pci.ids; @base and @sub carry the enclosing class, -1 outside one. */
static void parse_ids_line(struct pci_ids_classes_ *c, char *line, int *base, int *sub)
{
	size_t len = strlen(line);
	int v;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (!len || line[0] == '#')
		return;
	if (line[0] != '\t') {
		*base = line[0] == 'C' && line[1] == ' ' ? hex_byte(line + 2) : -1;
		*sub = -1;
		if (*base < 0)
			return;
		list_add(&c->bases, (uint32_t)*base);
		compare_name(c, "class", 2, (unsigned)*base,
			     vdisc_pci_base_class_name((uint8_t)*base), skip_blanks(line + 4));
	} else if (line[1] != '\t' && *base >= 0) {
		*sub = v = hex_byte(line + 1);
		assert_true(v >= 0);
		list_add(&c->subs, (uint32_t)(*base << 8 | v));
		compare_name(c, "subclass", 4, (unsigned)(*base << 8 | v),
			     vdisc_pci_subclass_name((uint8_t)*base, (uint8_t)v),
			     skip_blanks(line + 3));
	} else if (line[1] == '\t' && *base >= 0 && *sub >= 0) {
		v = hex_byte(line + 2);
		assert_true(v >= 0);
		list_add(&c->progs, (uint32_t)(*base << 16 | *sub << 8 | v));
		compare_name(c, "prog-if", 6, (unsigned)(*base << 16 | *sub << 8 | v),
			     vdisc_pci_prog_if_name((uint8_t)*base, (uint8_t)*sub, (uint8_t)v),
			     skip_blanks(line + 4));
	}
}

static unsigned note_extra_prog_ifs(const struct pci_ids_classes_ *c, unsigned b, unsigned s)
{
	unsigned extra = 0, p;

	for (p = 0; p <= 0xff; p++) {
		const char *name = vdisc_pci_prog_if_name((uint8_t)b, (uint8_t)s, (uint8_t)p);

		if (name && !list_has(&c->progs, b << 16 | s << 8 | p)) {
			print_message("note: prog-if %06x \"%s\" is not in pci.ids\n",
				      b << 16 | s << 8 | p, name);
			extra++;
		}
	}
	return extra;
}

/*
 * What we name that pci.ids does not (newer spec revisions, as a rule).
 * Prog-ifs are looked for under named subclasses only: 16M lookups otherwise.
 */
static unsigned note_extra_classes(const struct pci_ids_classes_ *c)
{
	unsigned extra = 0, b, s;

	for (b = 0; b <= 0xff; b++) {
		const char *name = vdisc_pci_base_class_name((uint8_t)b);

		if (name && !list_has(&c->bases, b)) {
			print_message("note: class %02x \"%s\" is not in pci.ids\n", b, name);
			extra++;
		}
		for (s = 0; s <= 0xff; s++) {
			name = vdisc_pci_subclass_name((uint8_t)b, (uint8_t)s);
			if (!name)
				continue;
			if (!list_has(&c->subs, b << 8 | s)) {
				print_message("note: subclass %04x \"%s\" is not in pci.ids\n",
					      b << 8 | s, name);
				extra++;
			}
			extra += note_extra_prog_ifs(c, b, s);
		}
	}
	return extra;
}

static void test_pci_ids_classes(void **state)
{
	const char *path = *state;
	struct pci_ids_classes_ c = {0};
	int base = -1, sub = -1;
	unsigned extra;
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		print_message("note: %s not found, skipping\n", path);
		skip();
	}
	while (fgets(line, sizeof(line), f))
		parse_ids_line(&c, line, &base, &sub);
	fclose(f);
	extra = note_extra_classes(&c);
	print_message("pci.ids: %zu classes, %zu subclasses, %zu prog-ifs; %u missing here, "
		      "%u worded differently, %u only here\n",
		      c.bases.n, c.subs.n, c.progs.n, c.missing, c.differ, extra);
	assert_true(c.bases.n >= 16 && c.subs.n >= 100);
	assert_int_equal(c.missing, 0);
}

/* The names the CLI leans on, and the fallbacks. */
static void test_examples(void **state)
{
	(void)state;
	assert_string_equal(vdisc_pci_class_name(0x020000), "Ethernet controller");
	assert_string_equal(vdisc_pci_class_name(0x060400), "PCI bridge");
	assert_string_equal(vdisc_pci_class_name(0x010802), "Non-Volatile memory controller");
	assert_string_equal(vdisc_pci_prog_if_name(0x01, 0x08, 0x02), "NVM Express");
	assert_string_equal(vdisc_pci_class_name(0x0c0330), "USB controller");
	assert_string_equal(vdisc_pci_prog_if_name(0x0c, 0x03, 0x30), "XHCI");
	assert_string_equal(vdisc_pci_prog_if_name(0x06, 0x04, 0x01), "Subtractive decode");
	assert_string_equal(vdisc_pci_base_class_name(0x01), "Mass storage controller");
	assert_string_equal(vdisc_pci_subclass_name(0x01, 0x06), "SATA controller");
	/* An unknown subclass falls back to its base class; bits above 23 are ignored. */
	assert_string_equal(vdisc_pci_class_name(0x0c7f00), "Serial bus controller");
	assert_string_equal(vdisc_pci_class_name(0xab020000u), "Ethernet controller");
	assert_null(vdisc_pci_class_name(0x140000)); /* reserved base class */
	assert_null(vdisc_pci_subclass_name(0x01, 0x7f));
	assert_null(vdisc_pci_prog_if_name(0x0c, 0x03, 0x31));

	assert_string_equal(vdisc_pci_cap_name(0x01), "Power Management");
	assert_string_equal(vdisc_pci_cap_name(0x05), "MSI");
	assert_string_equal(vdisc_pci_cap_name(0x10), "Express");
	assert_string_equal(vdisc_pci_cap_name(0x11), "MSI-X");
	assert_string_equal(vdisc_pci_ecap_name(0x0001), "Advanced Error Reporting");
	assert_string_equal(vdisc_pci_ecap_name(0x0010), "Single Root I/O Virtualization (SR-IOV)");
	assert_string_equal(vdisc_pci_ecap_name(0x0023), "Designated Vendor-Specific");
	assert_null(vdisc_pci_cap_name(0xff)); /* a broken chain, never a capability */
	assert_null(vdisc_pci_cap_name(0x100));
	assert_null(vdisc_pci_ecap_name(0xffff));
}

static void assert_clean_name(const char *name)
{
	size_t len;

	if (!name)
		return;
	len = strlen(name);
	assert_true(len > 0);
	assert_true(name[0] != ' ' && name[len - 1] != ' ');
}

/* Every name is printable as it stands: not empty, no stray blanks. */
static void test_names_clean(void **state)
{
	unsigned b, s, p, id;

	(void)state;
	for (b = 0; b <= 0xff; b++) {
		assert_clean_name(vdisc_pci_base_class_name((uint8_t)b));
		for (s = 0; s <= 0xff; s++) {
			const uint8_t b8 = (uint8_t)b, s8 = (uint8_t)s;

			assert_clean_name(vdisc_pci_subclass_name(b8, s8));
			/* As in note_extra_classes(): prog-ifs of named subclasses only. */
			for (p = 0; vdisc_pci_subclass_name(b8, s8) && p <= 0xff; p++)
				assert_clean_name(vdisc_pci_prog_if_name(b8, s8, (uint8_t)p));
		}
	}
	for (id = 0; id <= 0xffff; id++) {
		assert_clean_name(vdisc_pci_cap_name((uint16_t)id));
		assert_clean_name(vdisc_pci_ecap_name((uint16_t)id));
	}
}

int main(int argc, char **argv)
{
	char *regs = argc > 1 ? argv[1] : default_regs_;
	char *ids = argc > 2 ? argv[2] : default_ids_;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_names_clean),
		cmocka_unit_test_prestate(test_kernel_caps, regs),
		cmocka_unit_test_prestate(test_kernel_ecaps, regs),
		cmocka_unit_test_prestate(test_pci_ids_classes, ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
