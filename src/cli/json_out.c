/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <json-c/json.h>
#include <string.h>

#include "cli.h"

/* The one format every command prints: json-c's pretty form, two spaces a level, '/' as is. */
#define JSON_OUT_FLAGS \
	(JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

/*
 * The bytes json-c escapes in a string, and how: the letter after the
 * backslash, or 'u' for \u00XX.  Bytes from 0x7f up are written as they are.
 */
static const char json_out_escape[256] = {
	[0x01] = 'u', [0x02] = 'u', [0x03] = 'u',  [0x04] = 'u', [0x05] = 'u', [0x06] = 'u',
	[0x07] = 'u', ['\b'] = 'b', ['\t'] = 't',  ['\n'] = 'n', [0x0b] = 'u', ['\f'] = 'f',
	['\r'] = 'r', [0x0e] = 'u', [0x0f] = 'u',  [0x10] = 'u', [0x11] = 'u', [0x12] = 'u',
	[0x13] = 'u', [0x14] = 'u', [0x15] = 'u',  [0x16] = 'u', [0x17] = 'u', [0x18] = 'u',
	[0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u',  [0x1c] = 'u', [0x1d] = 'u', [0x1e] = 'u',
	[0x1f] = 'u', ['"'] = '"',  ['\\'] = '\\',
};

/* The stream's verdict after a call: the writer keeps the first failure and its errno. */
static int json_out_status(struct cli_json_stream *s)
{
	s->failed = s->out.failed;
	return s->failed ? -1 : 0;
}

static void json_out_write(struct cli_json_stream *s, const char *p, size_t n)
{
	cli_out_mem(&s->out, p, n);
}

/* A line break and the indent of @level, as json-c's pretty form has them. */
static void json_out_newline(struct cli_json_stream *s, unsigned level)
{
	cli_out_char(&s->out, '\n');
	cli_out_pad(&s->out, (long)level * 2);
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
		json_out_write(s, text, (size_t)(nl - text));
		json_out_newline(s, s->depth);
		text = nl + 1;
	}
	json_out_write(s, text, strlen(text));
}

/* Serialize @v at the current depth and drop the reference; NULL prints as null. */
static void json_out_value(struct cli_json_stream *s, struct json_object *v)
{
	const char *text = json_object_to_json_string_ext(v, JSON_OUT_FLAGS);

	if (!text) {
		if (!s->out.failed) {
			s->out.failed = true;
			s->out.err = ENOMEM;
		}
	} else {
		json_out_reindented(s, text);
	}
	json_object_put(v);
}

/* The length of @key if json-c writes it as it is (plain ASCII: every key vdisc uses), else -1. */
static long json_out_plain_key(const char *key)
{
	size_t n;
	unsigned char c;

	/* Printable ASCII but the quote and backslash; the NUL ends the loop as a non-printable. */
	for (n = 0; (c = (unsigned char)key[n]) - 0x20u < 0x5fu && c != '"' && c != '\\'; n++)
		;
	return !key[n] && n < CLI_OUT_SIZE / 4 ? (long)n : -1;
}

/*
 * What comes before a member: the enclosing bracket if this is its first
 * member (held back until now because json-c prints an empty container in
 * its own way), or the separator, then the line break, indent and key --
 * written in one piece, since a listing has millions of members.
 */
static void json_out_member(struct cli_json_stream *s, const char *key)
{
	size_t indent = (size_t)s->depth * 2;
	long n = key ? json_out_plain_key(key) : 0;
	char *p;

	if (s->depth == 0)
		return;
	if (n < 0 || indent > CLI_OUT_SIZE / 4) {
		/* A key json-c escapes, or a depth no tree has: piece by piece. */
		cli_out_char(&s->out, s->pending ? s->pending : ',');
		json_out_newline(s, s->depth);
		if (key) {
			json_out_value(s, json_object_new_string(key));
			json_out_write(s, ": ", 2);
		}
		s->pending = 0;
		return;
	}
	p = cli_out_room(&s->out, indent + (size_t)n + 6);
	*p++ = s->pending ? s->pending : ',';
	*p++ = '\n';
	memset(p, ' ', indent);
	p += indent;
	if (key) {
		*p++ = '"';
		memcpy(p, key, (size_t)n);
		p += n;
		memcpy(p, "\": ", 3);
		p += 3;
	}
	s->out.used = (size_t)(p - s->out.buf);
	s->pending = 0;
}

void cli_json_stream_init(struct cli_json_stream *s, FILE *out)
{
	s->depth = 0;
	s->pending = 0;
	s->failed = false;
	cli_out_init(&s->out, out);
}

int cli_json_put(struct cli_json_stream *s, const char *key, struct json_object *value)
{
	json_out_member(s, key);
	json_out_value(s, value);
	return json_out_status(s);
}

int cli_json_open(struct cli_json_stream *s, const char *key, enum cli_json_kind kind)
{
	json_out_member(s, key);
	s->pending = kind == CLI_JSON_ARRAY ? '[' : '{';
	s->depth++;
	return json_out_status(s);
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
		json_out_newline(s, s->depth);
		cli_out_char(&s->out, kind == CLI_JSON_ARRAY ? ']' : '}');
	}
	return json_out_status(s);
}

/* A string as json-c 0.16 escapes it with JSON_C_TO_STRING_NOSLASHESCAPE. */
static void json_out_string(struct cli_json_stream *s, const char *str)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *c = (const unsigned char *)str, *run = c;
	char esc[6] = {'\\', 'u', '0', '0'};

	cli_out_char(&s->out, '"');
	for (; *c; c++) {
		char e = json_out_escape[*c];

		if (!e)
			continue;
		json_out_write(s, (const char *)run, (size_t)(c - run));
		run = c + 1;
		if (e != 'u') {
			esc[1] = e;
			json_out_write(s, esc, 2);
			continue;
		}
		esc[1] = 'u';
		esc[4] = hex[*c >> 4];
		esc[5] = hex[*c & 15];
		json_out_write(s, esc, 6);
	}
	json_out_write(s, (const char *)run, (size_t)(c - run));
	cli_out_char(&s->out, '"');
}

int cli_json_put_string(struct cli_json_stream *s, const char *key, const char *value)
{
	json_out_member(s, key);
	if (value)
		json_out_string(s, value);
	else
		json_out_write(s, "null", 4);
	return json_out_status(s);
}

int cli_json_put_u64(struct cli_json_stream *s, const char *key, uint64_t value)
{
	json_out_member(s, key);
	cli_out_dec(&s->out, value);
	return json_out_status(s);
}

int cli_json_put_hex(struct cli_json_stream *s, const char *key, const void *bytes, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *b = bytes;

	json_out_member(s, key);
	cli_out_char(&s->out, '"');
	while (len) {
		size_t k = len < CLI_OUT_SIZE / 4 ? len : CLI_OUT_SIZE / 4, i;
		char *p = cli_out_room(&s->out, 2 * k);

		for (i = 0; i < k; i++) {
			p[2 * i] = hex[b[i] >> 4];
			p[2 * i + 1] = hex[b[i] & 15];
		}
		s->out.used += 2 * k;
		b += k;
		len -= k;
	}
	cli_out_char(&s->out, '"');
	return json_out_status(s);
}

int cli_json_put_bool(struct cli_json_stream *s, const char *key, bool value)
{
	json_out_member(s, key);
	json_out_write(s, value ? "true" : "false", value ? 4 : 5);
	return json_out_status(s);
}

int cli_json_put_null(struct cli_json_stream *s, const char *key)
{
	json_out_member(s, key);
	json_out_write(s, "null", 4);
	return json_out_status(s);
}

int cli_json_stream_end(struct cli_json_stream *s)
{
	cli_out_char(&s->out, '\n');
	cli_out_end(&s->out); /* errno: the first failure's */
	s->failed = s->out.failed;
	return s->failed ? -1 : 0;
}

void cli_json_print(FILE *out, struct json_object *root)
{
	struct cli_json_stream s;

	cli_json_stream_init(&s, out);
	cli_json_put(&s, NULL, root);
	cli_json_stream_end(&s);
}
