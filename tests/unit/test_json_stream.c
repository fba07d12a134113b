/* SPDX-License-Identifier: MIT */
/*
 * The streaming JSON writer (src/cli/json_out.c) against json-c printing
 * the whole document: the same bytes whether a container is opened and
 * closed piece by piece or built and written whole, at every depth,
 * empty containers included; and a failed write is reported.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "cli/cli.h"

/* Every shape the dtb and pci documents have, and the corners of json-c's pretty form. */
static const char doc_text[] =
	"{ \"source\": \"dtb\", \"empty_array\": [], \"empty_object\": {}, \"null\": null,"
	"  \"escapes\": \"a/b \\\"q\\\" \\n\\t\\u0001 \\u00e9\", \"key \\\"quoted\\\"\\n\": 1,"
	"  \"numbers\": [0, -1, 18446744073709551615, 1.5], \"flags\": [true, false],"
	"  \"devices\": [ { \"path\": \"/a\", \"reg\": [ { \"cells\": [1, 2], \"size\": null } ],"
	"                 \"interrupts\": [], \"props\": {} },"
	"               { \"path\": \"/b\", \"nested\": [[[]], [{}], [[1, [2, {\"x\": [[]]}]]]] } "
	"],"
	"  \"tree\": { \"name\": \"\", \"children\": [ { \"name\": \"c\", \"children\": [] } ] },"
	"  \"last\": [ {} ] }";

/* Write @v through the stream, opening every container down to @whole_at levels and putting
 * what is deeper whole: a level of 0 puts the document in one piece. */
static void stream_value(struct cli_json_stream *s, const char *key, json_object *v, unsigned level,
			 unsigned whole_at)
{
	enum json_type t = json_object_get_type(v);

	if ((t != json_type_object && t != json_type_array) || level >= whole_at) {
		assert_int_equal(cli_json_put(s, key, json_object_get(v)), 0);
		return;
	}
	if (t == json_type_array) {
		size_t i;

		assert_int_equal(cli_json_open(s, key, CLI_JSON_ARRAY), 0);
		for (i = 0; i < json_object_array_length(v); i++)
			stream_value(s, NULL, json_object_array_get_idx(v, i), level + 1, whole_at);
		assert_int_equal(cli_json_close(s, CLI_JSON_ARRAY), 0);
	} else {
		assert_int_equal(cli_json_open(s, key, CLI_JSON_OBJECT), 0);
		json_object_object_foreach(v, k, child)
			stream_value(s, k, child, level + 1, whole_at);
		assert_int_equal(cli_json_close(s, CLI_JSON_OBJECT), 0);
	}
}

static char *print_whole(json_object *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cli_json_print(f, json_object_get(doc));
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *print_streamed(json_object *doc, unsigned whole_at)
{
	struct cli_json_stream s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cli_json_stream_init(&s, f);
	stream_value(&s, NULL, doc, 0, whole_at);
	assert_int_equal(s.depth, 0);
	assert_int_equal(cli_json_stream_end(&s), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_same_bytes_at_every_depth(void **state)
{
	json_object *doc = json_tokener_parse(doc_text);
	char *whole;
	unsigned whole_at;

	(void)state;
	assert_non_null(doc);
	whole = print_whole(doc);
	/* Sanity: the reference has the nested indentation and json-c's empty forms in it. */
	assert_non_null(strstr(whole, "\n      \"path\": \"/a\""));
	for (whole_at = 0; whole_at <= 8; whole_at++) {
		char *streamed = print_streamed(doc, whole_at);

		assert_string_equal(streamed, whole);
		free(streamed);
	}
	free(whole);
	json_object_put(doc);
}

static void test_empty_document(void **state)
{
	struct cli_json_stream s;
	char *buf = NULL, *whole;
	json_object *empty;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	cli_json_stream_init(&s, f);
	assert_int_equal(cli_json_open(&s, NULL, CLI_JSON_ARRAY), 0);
	assert_int_equal(cli_json_close(&s, CLI_JSON_ARRAY), 0);
	assert_int_equal(cli_json_close(&s, CLI_JSON_ARRAY), -1); /* nothing open */
	assert_int_equal(cli_json_stream_end(&s), 0);
	assert_int_equal(fclose(f), 0);
	empty = json_object_new_array();
	whole = print_whole(empty); /* takes a reference of its own */
	json_object_put(empty);
	assert_string_equal(buf, whole);
	free(whole);
	free(buf);
}

/*
 * A full device: the first failing write is reported, with its errno, and
 * nothing after it.  The stream hands stdio 64 KiB at a time, so the failure
 * shows once that much is written (a long listing stops early), or at the end.
 */
static void test_write_error(void **state)
{
	struct cli_json_stream s;
	FILE *f = fopen("/dev/full", "w");
	int i, rc = 0;

	(void)state;
	if (!f)
		skip();
	setvbuf(f, NULL, _IONBF, 0);
	cli_json_stream_init(&s, f);
	cli_json_open(&s, NULL, CLI_JSON_OBJECT);
	cli_json_open(&s, "devices", CLI_JSON_ARRAY);
	for (i = 0; i < 4; i++)
		rc |= cli_json_put(&s, NULL, json_object_new_string("x"));
	assert_int_equal(rc, 0); /* still in the stream's buffer */
	for (i = 0; i < 4096 && !s.failed; i++)
		rc |= cli_json_put_string(&s, NULL, "a device's worth of text");
	assert_int_equal(rc, -1);
	assert_true(s.failed);
	assert_true(i < 4096);
	assert_int_equal(cli_json_close(&s, CLI_JSON_ARRAY), -1);
	assert_int_equal(cli_json_close(&s, CLI_JSON_OBJECT), -1);
	errno = 0;
	assert_int_equal(cli_json_stream_end(&s), -1);
	assert_int_equal(errno, ENOSPC);
	fclose(f);
}

/* The direct writers give json-c's bytes: every byte value in a string, numbers, null, booleans. */
static void test_direct_writers_match_json_c(void **state)
{
	static const uint64_t numbers[] = {0, 1, 9, 10, 4294967295u, UINT64_MAX};
	char text[256], *direct, *whole;
	struct cli_json_stream s;
	json_object *doc = json_object_new_object(), *arr = json_object_new_array();
	size_t len = 0, i;
	FILE *f;

	(void)state;
	for (i = 1; i < 256; i++)
		text[i - 1] = (char)i;
	text[255] = '\0';
	json_object_object_add(doc, "all bytes", json_object_new_string(text));
	json_object_object_add(doc, "slash/quote\"", json_object_new_string("a/b\"c"));
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		json_object_array_add(arr, json_object_new_uint64(numbers[i]));
	json_object_object_add(doc, "numbers", arr);
	json_object_object_add(doc, "null", NULL);
	json_object_object_add(doc, "yes", json_object_new_boolean(1));
	json_object_object_add(doc, "no", json_object_new_boolean(0));
	whole = print_whole(doc);
	json_object_put(doc);

	direct = NULL;
	f = open_memstream(&direct, &len);
	assert_non_null(f);
	cli_json_stream_init(&s, f);
	cli_json_open(&s, NULL, CLI_JSON_OBJECT);
	cli_json_put_string(&s, "all bytes", text);
	cli_json_put_string(&s, "slash/quote\"", "a/b\"c");
	cli_json_open(&s, "numbers", CLI_JSON_ARRAY);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		cli_json_put_u64(&s, NULL, numbers[i]);
	cli_json_close(&s, CLI_JSON_ARRAY);
	cli_json_put_string(&s, "null", NULL);
	cli_json_put_bool(&s, "yes", true);
	cli_json_put_bool(&s, "no", false);
	cli_json_close(&s, CLI_JSON_OBJECT);
	assert_int_equal(cli_json_stream_end(&s), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(direct, whole);
	free(direct);
	free(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct_writers_match_json_c),
		cmocka_unit_test(test_same_bytes_at_every_depth),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
