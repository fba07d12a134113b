/* SPDX-License-Identifier: MIT */
#ifndef VDISC_CLI_OUT_BUF_H
#define VDISC_CLI_OUT_BUF_H

/*
 * Text output through one large buffer, for listings of a hundred thousand
 * lines: a string, a character, padding or a number is appended by a copy
 * or a few divisions, never by parsing a format string, and the buffer goes
 * to its FILE 64 KiB at a time (stdio passes a write that size straight to
 * the kernel).  The first failed write is kept with its errno and whatever
 * follows is dropped, so the caller checks once, at the end.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CLI_OUT_SIZE 65536

/* Room for any number cli_fmt_hex() or cli_fmt_dec() writes. */
#define CLI_FMT_NUM_MAX 20

/**
 * struct cli_out - a buffered text stream
 * @file: where the bytes go
 * @used: bytes in @buf not yet written
 * @failed: a write failed; nothing more is written
 * @err: the errno of that failure
 * @buf: the bytes
 */
struct cli_out {
	FILE *file;
	size_t used;
	bool failed;
	int err;
	char buf[CLI_OUT_SIZE];
};

/**
 * cli_out_init - start writing to a FILE
 * @o: the stream
 * @file: where the bytes go (the caller keeps it open until cli_out_end())
 */
void cli_out_init(struct cli_out *o, FILE *file);

/**
 * cli_out_flush - hand what is buffered to the FILE
 * @o: the stream
 *
 * Needed only before writing to the same FILE some other way.
 *
 * returns:
 *	0, or -1 when this or an earlier write failed
 */
int cli_out_flush(struct cli_out *o);

/**
 * cli_out_end - write what is buffered and say whether everything was written
 * @o: the stream
 *
 * The FILE's own buffer may still hold data: the caller's fflush() is the
 * last check.
 *
 * returns:
 *	0 when every write succeeded
 *	-1 when one failed, with errno set to its reason
 */
int cli_out_end(struct cli_out *o);

/**
 * cli_out_room - make room for @n bytes at the end of the buffer
 * @o: the stream
 * @n: at most CLI_OUT_SIZE
 *
 * returns:
 *	where they go (o->buf + o->used); the caller writes and adds to o->used
 */
static inline char *cli_out_room(struct cli_out *o, size_t n)
{
	if (CLI_OUT_SIZE - o->used < n)
		cli_out_flush(o);
	return o->buf + o->used;
}

/**
 * cli_out_mem_long - append bytes that may not fit in the buffer (cli_out_mem()'s slow path)
 * @o: the stream
 * @p: the bytes
 * @n: how many
 */
void cli_out_mem_long(struct cli_out *o, const char *p, size_t n);

/**
 * cli_out_mem - append bytes
 * @o: the stream
 * @p: the bytes
 * @n: how many
 */
static inline void cli_out_mem(struct cli_out *o, const char *p, size_t n)
{
	if (CLI_OUT_SIZE - o->used < n) {
		cli_out_mem_long(o, p, n);
		return;
	}
	memcpy(o->buf + o->used, p, n);
	o->used += n;
}

/**
 * cli_out_str - append a NUL-terminated string
 * @o: the stream
 * @s: the string
 */
static inline void cli_out_str(struct cli_out *o, const char *s)
{
	cli_out_mem(o, s, strlen(s));
}

/**
 * cli_out_char - append one character
 * @o: the stream
 * @c: the character
 */
static inline void cli_out_char(struct cli_out *o, char c)
{
	*cli_out_room(o, 1) = c;
	o->used++;
}

/**
 * cli_out_pad - append spaces
 * @o: the stream
 * @n: how many; nothing when 0 or less
 */
void cli_out_pad(struct cli_out *o, long n);

/**
 * cli_out_field - append a string left-aligned in a column, as printf's "%-*s"
 * @o: the stream
 * @s: the string
 * @width: the column's width; a longer string is written whole
 */
void cli_out_field(struct cli_out *o, const char *s, int width);

/**
 * cli_fmt_hex - write a number in lower-case hex, no prefix, as printf's "%0*x"
 * @dst: room for CLI_FMT_NUM_MAX bytes (no NUL is written)
 * @v: the number
 * @min_digits: leading zeros up to this many digits (1: none), at most 16
 *
 * returns:
 *	how many characters were written
 */
size_t cli_fmt_hex(char *dst, uint64_t v, unsigned min_digits);

/**
 * cli_fmt_dec - write a number in decimal, as printf's "%u"
 * @dst: room for CLI_FMT_NUM_MAX bytes (no NUL is written)
 * @v: the number
 *
 * returns:
 *	how many characters were written
 */
size_t cli_fmt_dec(char *dst, uint64_t v);

/**
 * cli_out_hex - append a number in lower-case hex, no prefix
 * @o: the stream
 * @v: the number
 * @min_digits: as cli_fmt_hex()
 */
static inline void cli_out_hex(struct cli_out *o, uint64_t v, unsigned min_digits)
{
	char *p = cli_out_room(o, CLI_FMT_NUM_MAX);

	o->used += cli_fmt_hex(p, v, min_digits);
}

/**
 * cli_out_dec - append a number in decimal
 * @o: the stream
 * @v: the number
 */
static inline void cli_out_dec(struct cli_out *o, uint64_t v)
{
	char *p = cli_out_room(o, CLI_FMT_NUM_MAX);

	o->used += cli_fmt_dec(p, v);
}

/**
 * cli_out_printf - append printf-formatted text (for lines printed once, not per node)
 * @o: the stream
 * @fmt: the format
 */
void cli_out_printf(struct cli_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
