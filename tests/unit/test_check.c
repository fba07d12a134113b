/* SPDX-License-Identifier: MIT */
/*
 * vdisc_fdt_check_detail(): a blob that cannot be trusted is refused with
 * the right code and a sentence saying what is wrong, before anything
 * walks it; and vdisc_strerror() covers every code.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "blob_builder.h"

/* A small valid tree, built in @b so a test can damage it in place. */
static size_t make_valid(struct bb *b)
{
	size_t size = 0;

	bb_start(b);
	bb_begin(b, "");
	bb_bus(b, 1, 1);
	bb_string(b, "model", "check");
	bb_begin(b, "dev@1000");
	bb_cells(b, "reg", 0x1000, 0x100);
	bb_string(b, "compatible", "acme,dev");
	bb_end(b);
	bb_end(b);
	assert_non_null(bb_finish(b, &size));
	return size;
}

/* A failure must say what, not only which code. */
static void assert_problem(const void *blob, size_t size, int error)
{
	struct vdisc_fdt_problem p = {0};

	assert_int_equal(vdisc_fdt_check_detail(blob, size, &p), error);
	assert_non_null(p.what);
	assert_true(strlen(p.what) > 0);
	assert_int_equal(vdisc_fdt_check(blob, size), error);
}

/* A good blob passes, with or without room to spare after totalsize. */
static void test_valid(void **state)
{
	struct vdisc_fdt_problem p = {.what = "stale"};
	struct vdisc_model m;
	size_t size;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	assert_int_equal(vdisc_fdt_check_detail(b.buf, size, &p), 0);
	assert_null(p.what);
	assert_int_equal(vdisc_fdt_check_detail(b.buf, sizeof(b.buf), NULL), 0);
	assert_int_equal(vdisc_fdt_check(b.buf, size), 0);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndevices, 1);
}

/* Not 0xd00dfeed: -VDISC_EBADMAGIC, naming the number found and the one expected. */
static void test_bad_magic(void **state)
{
	struct vdisc_fdt_problem p = {0};
	struct vdisc_model m;
	struct vdisc_arena a;
	unsigned char abuf[1024];
	size_t size;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	fdt_set_magic(b.buf, 0xdeadbeef);
	assert_problem(b.buf, size, -VDISC_EBADMAGIC);
	vdisc_fdt_check_detail(b.buf, size, &p);
	assert_int_equal(p.value, 0xdeadbeef);
	assert_int_equal(p.limit, FDT_MAGIC);

	/* The scan refuses it too, and leaves the model empty. */
	vdisc_arena_init(&a, abuf, sizeof(abuf));
	vdisc_model_init(&m, &a);
	assert_int_equal(vdisc_fdt_scan(b.buf, size, &m), -VDISC_EBADMAGIC);
	assert_int_equal(m.ndevices, 0);
	assert_null(m.devices);
}

/*
 * totalsize claims more than the bytes given (a file cut short):
 * -VDISC_ETRUNCATED with value = totalsize, limit = what was given.
 * Fewer bytes than a header, likewise.
 */
static void test_truncated(void **state)
{
	struct vdisc_fdt_problem p = {0};
	struct vdisc_model m;
	struct vdisc_arena a;
	unsigned char abuf[1024];
	size_t size;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	assert_problem(b.buf, size - 1, -VDISC_ETRUNCATED);
	vdisc_fdt_check_detail(b.buf, size - 1, &p);
	assert_int_equal(p.value, size);
	assert_int_equal(p.limit, size - 1);

	assert_problem(b.buf, 3, -VDISC_ETRUNCATED);
	assert_problem(b.buf, 20, -VDISC_ETRUNCATED);
	assert_problem(b.buf, 0, -VDISC_ETRUNCATED);

	vdisc_arena_init(&a, abuf, sizeof(abuf));
	vdisc_model_init(&m, &a);
	assert_int_equal(vdisc_fdt_scan(b.buf, size - 1, &m), -VDISC_ETRUNCATED);
	assert_int_equal(m.ndevices, 0);
}

static void test_null_blob(void **state)
{
	(void)state;
	assert_problem(NULL, 100, -VDISC_EINVAL);
}

/* Version 15 lacks what we read; last_comp_version 18 says we cannot read it. */
static void test_bad_version(void **state)
{
	size_t size;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	fdt_set_version(b.buf, 15);
	assert_problem(b.buf, size, -VDISC_EBADVERSION);

	size = make_valid(&b);
	fdt_set_last_comp_version(b.buf, 18);
	assert_problem(b.buf, size, -VDISC_EBADVERSION);
}

/* The strings block moved onto the structure block: libfdt would accept it, vdisc does not. */
static void test_overlapping_blocks(void **state)
{
	size_t size;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	fdt_set_off_dt_strings(b.buf, fdt_off_dt_struct(b.buf));
	assert_problem(b.buf, size, -VDISC_EBADLAYOUT);
}

/* A property whose name offset lies past the strings block: -VDISC_EBADSTRINGS (fdt.h). */
static void test_name_offset_outside_strings(void **state)
{
	size_t size;
	int prop;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	prop = fdt_first_property_offset(b.buf, 0);
	assert_true(prop >= 0);
	/* struct fdt_property: tag, len, nameoff. */
	*(fdt32_t *)(b.buf + fdt_off_dt_struct(b.buf) + (uint32_t)prop + 8) =
		cpu_to_fdt32(fdt_size_dt_strings(b.buf));
	assert_problem(b.buf, size, -VDISC_EBADSTRINGS);
}

/* An unknown tag in the structure block: -VDISC_EBADSTRUCT. */
static void test_bad_tag(void **state)
{
	size_t size;
	int prop;
	struct bb b;

	(void)state;
	size = make_valid(&b);
	prop = fdt_first_property_offset(b.buf, 0);
	assert_true(prop >= 0);
	*(fdt32_t *)(b.buf + fdt_off_dt_struct(b.buf) + (uint32_t)prop) = cpu_to_fdt32(0x77);
	assert_problem(b.buf, size, -VDISC_EBADSTRUCT);
}

static void build_nested(struct bb *b, unsigned levels)
{
	unsigned i;

	bb_start(b);
	bb_begin(b, "");
	for (i = 0; i < levels; i++)
		bb_begin(b, "n");
	bb_string(b, "compatible", "deep");
	for (i = 0; i < levels; i++)
		bb_end(b);
	bb_end(b);
}

/*
 * Nodes nested VDISC_FDT_MAX_DEPTH below the root are fine; one more is
 * -VDISC_ELOOP ("nesting deeper than VDISC_FDT_MAX_DEPTH").
 */
static void test_nesting_depth(void **state)
{
	struct vdisc_fdt_problem p = {0};
	struct vdisc_model m;
	size_t size;
	struct bb b;

	(void)state;
	build_nested(&b, VDISC_FDT_MAX_DEPTH);
	assert_non_null(bb_finish(&b, &size));
	assert_int_equal(vdisc_fdt_check_detail(b.buf, size, &p), 0);
	assert_int_equal(bb_scan(&b, &m), 0);
	assert_int_equal(m.ndevices, 1);
	assert_int_equal(m.devices->dt.depth, VDISC_FDT_MAX_DEPTH);

	build_nested(&b, VDISC_FDT_MAX_DEPTH + 1);
	assert_non_null(bb_finish(&b, &size));
	assert_problem(b.buf, size, -VDISC_ELOOP);
	vdisc_fdt_check_detail(b.buf, size, &p);
	assert_int_equal(p.limit, VDISC_FDT_MAX_DEPTH);
}

/* Every code has its own text, the same for +e and -e. */
static void test_strerror_table(void **state)
{
	int e, f;

	(void)state;
	for (e = 0; e < VDISC_ERROR_COUNT_; e++) {
		const char *s = vdisc_strerror(e);

		assert_non_null(s);
		assert_string_not_equal(s, "unknown error");
		assert_string_equal(s, vdisc_strerror(-e));
		for (f = 0; f < e; f++)
			assert_string_not_equal(s, vdisc_strerror(f));
	}
	assert_string_equal(vdisc_strerror(VDISC_ERROR_COUNT_), "unknown error");
	assert_string_equal(vdisc_strerror(-VDISC_ERROR_COUNT_), "unknown error");
	assert_string_equal(vdisc_strerror(1000), "unknown error");
	assert_string_equal(vdisc_strerror(INT_MAX), "unknown error");
	assert_string_equal(vdisc_strerror(-INT_MAX), "unknown error");
}

/* The tree's readings of the codes with a generic text; the rest as vdisc_strerror(). */
static void test_fdt_strerror(void **state)
{
	int e;

	(void)state;
	assert_string_equal(vdisc_fdt_strerror(-VDISC_ENOMATCH), "no interrupt-map entry matches");
	assert_string_equal(vdisc_fdt_strerror(-VDISC_EDUPLICATE),
			    "property defined twice in one node");
	assert_string_equal(vdisc_strerror(-VDISC_ENOMATCH), "no match");
	assert_string_equal(vdisc_strerror(-VDISC_EDUPLICATE), "given twice");
	for (e = 0; e < VDISC_ERROR_COUNT_; e++)
		if (e != VDISC_ENOMATCH && e != VDISC_EDUPLICATE)
			assert_string_equal(vdisc_fdt_strerror(-e), vdisc_strerror(-e));
	assert_string_equal(vdisc_fdt_strerror(INT_MIN), "unknown error");
}

/*
 * Any int is "a value outside the enum" for the doc's promise, INT_MIN
 * too; negating it is undefined and indexes the table at a negative offset.
 */
static void test_strerror_int_min(void **state)
{
	(void)state;
	assert_string_equal(vdisc_strerror(INT_MIN), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_null_blob),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_overlapping_blocks),
		cmocka_unit_test(test_name_offset_outside_strings),
		cmocka_unit_test(test_bad_tag),
		cmocka_unit_test(test_nesting_depth),
		cmocka_unit_test(test_strerror_table),
		cmocka_unit_test(test_fdt_strerror),
		cmocka_unit_test(test_strerror_int_min),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
