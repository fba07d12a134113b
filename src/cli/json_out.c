/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "cli.h"

/* The one format every command prints: json-c's pretty form, two spaces a level, '/' as is. */
#define JSON_OUT_FLAGS \
	(JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/* The first failure wins: later writes are skipped, so errno keeps its reason. */
static void json_out_emit(struct cli_json_stream *s, const char *p, size_t n)
{
	if (s->failed || n == 0)
		return;
	if (fwrite(p, 1, n, s->out) != n) {
		s->failed = true;
		s->err = errno ? errno : EIO;
	}
}

static void json_out_flush(struct cli_json_stream *s)
{
	json_out_emit(s, s->buf, s->used);
	s->used = 0;
}

static void json_out_write(struct cli_json_stream *s, const char *p, size_t n)
{
	if (s->used + n > sizeof(s->buf))
		json_out_flush(s);
	if (n > sizeof(s->buf)) {
		json_out_emit(s, p, n);
		return;
	}
	memcpy(s->buf + s->used, p, n);
	s->used += n;
}

static void json_out_indent(struct cli_json_stream *s, unsigned level)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)level * 2;

	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		json_out_write(s, spaces, k);
		n -= k;
	}
}

/*
 * json-c indents a value serialized at level L by 2*L spaces after each of
 * its newlines and nowhere else (a newline inside a string is escaped), so
 * a value serialized alone at level 0 and indented after each newline by
 * the stream's depth reads exactly as it would inside the whole document.
 */
static void json_out_reindented(struct cli_json_stream *s, const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n'))) {
		json_out_write(s, text, (size_t)(nl + 1 - text));
		json_out_indent(s, s->depth);
		text = nl + 1;
	}
	json_out_write(s, text, strlen(text));
}

/* Serialize @v at the current depth and drop the reference; NULL prints as null. */
static void json_out_value(struct cli_json_stream *s, struct json_object *v)
{
	const char *text = json_object_to_json_string_ext(v, JSON_OUT_FLAGS);

	if (!text) {
		if (!s->failed) {
			s->failed = true;
			s->err = ENOMEM;
		}
	} else {
		json_out_reindented(s, text);
	}
	json_object_put(v);
}

/* A key as json-c writes it; plain ASCII (every key vdisc uses) skips the allocation. */
static void json_out_key(struct cli_json_stream *s, const char *key)
{
	const unsigned char *c;

	for (c = (const unsigned char *)key; *c; c++)
		if (*c < 0x20 || *c >= 0x7f || *c == '"' || *c == '\\')
			break;
	if (*c) {
		json_out_value(s, json_object_new_string(key));
	} else {
		json_out_write(s, "\"", 1);
		json_out_write(s, key, strlen(key));
		json_out_write(s, "\"", 1);
	}
	json_out_write(s, ": ", 2);
}

/*
 * What comes before a member: the enclosing bracket if this is its first
 * member (held back until now because json-c prints an empty container in
 * its own way), or the separator, then the line break, indent and key.
 */
static void json_out_member(struct cli_json_stream *s, const char *key)
{
	if (s->depth == 0)
		return;
	if (s->pending) {
		json_out_write(s, &s->pending, 1);
		s->pending = 0;
	} else {
		json_out_write(s, ",", 1);
	}
	json_out_write(s, "\n", 1);
	json_out_indent(s, s->depth);
	if (key)
		json_out_key(s, key);
}

void cli_json_stream_init(struct cli_json_stream *s, FILE *out)
{
	memset(s, 0, sizeof(*s));
	s->out = out;
}

int cli_json_put(struct cli_json_stream *s, const char *key, struct json_object *value)
{
	json_out_member(s, key);
	json_out_value(s, value);
	return s->failed ? -1 : 0;
}

int cli_json_open(struct cli_json_stream *s, const char *key, enum cli_json_kind kind)
{
	json_out_member(s, key);
	s->pending = kind == CLI_JSON_ARRAY ? '[' : '{';
	s->depth++;
	return s->failed ? -1 : 0;
}

int cli_json_close(struct cli_json_stream *s, enum cli_json_kind kind)
{
	if (s->depth == 0)
		return -1;
	s->depth--;
	if (s->pending) {
		s->pending = 0;
		json_out_value(s, kind == CLI_JSON_ARRAY ? json_object_new_array()
							 : json_object_new_object());
	} else {
		json_out_write(s, "\n", 1);
		json_out_indent(s, s->depth);
		json_out_write(s, kind == CLI_JSON_ARRAY ? "]" : "}", 1);
	}
	return s->failed ? -1 : 0;
}

/* A string as json-c 0.16 escapes it with JSON_C_TO_STRING_NOSLASHESCAPE. */
static void json_out_string(struct cli_json_stream *s, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *c = (const unsigned char *)str, *run = c;
	char esc[7];

	json_out_write(s, "\"", 1);
	for (; *c; c++) {
		const char *e = NULL;

		switch (*c) {
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		case '\b':
			e = "\\b";
			break;
		case '\f':
			e = "\\f";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		default:
			if (*c >= 0x20)
				continue;
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*c >> 4];
			esc[5] = hex[*c & 15];
			esc[6] = '\0';
			e = esc;
		}
		json_out_write(s, (const char *)run, (size_t)(c - run));
		json_out_write(s, e, strlen(e));
		run = c + 1;
	}
	json_out_write(s, (const char *)run, (size_t)(c - run));
	json_out_write(s, "\"", 1);
}

int cli_json_put_string(struct cli_json_stream *s, const char *key, const char *value)
{
	json_out_member(s, key);
	if (value)
		json_out_string(s, value);
	else
		json_out_write(s, "null", 4);
	return s->failed ? -1 : 0;
}

int cli_json_put_u64(struct cli_json_stream *s, const char *key, uint64_t value)
{
	char digits[24];
	size_t n = sizeof(digits);

	json_out_member(s, key);
	do
		digits[--n] = (char)('0' + value % 10);
	while ((value /= 10) != 0);
	json_out_write(s, digits + n, sizeof(digits) - n);
	return s->failed ? -1 : 0;
}

int cli_json_put_bool(struct cli_json_stream *s, const char *key, bool value)
{
	json_out_member(s, key);
	json_out_write(s, value ? "true" : "false", value ? 4 : 5);
	return s->failed ? -1 : 0;
}

int cli_json_put_null(struct cli_json_stream *s, const char *key)
{
	json_out_member(s, key);
	json_out_write(s, "null", 4);
	return s->failed ? -1 : 0;
}

int cli_json_stream_end(struct cli_json_stream *s)
{
	json_out_write(s, "\n", 1);
	json_out_flush(s);
	if (s->failed)
		errno = s->err;
	return s->failed ? -1 : 0;
}

void cli_json_print(FILE *out, struct json_object *root)
{
	struct cli_json_stream s;

	cli_json_stream_init(&s, out);
	cli_json_put(&s, NULL, root);
	cli_json_stream_end(&s);
}
