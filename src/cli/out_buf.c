/* SPDX-License-Identifier: MIT */
#include "out_buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

void cli_out_init(struct cli_out *o, FILE *file)
{
	o->file = file;
	o->used = 0;
	o->failed = false;
	o->err = 0;
}

/* The first failure wins: later bytes are dropped, so errno keeps its reason. */
static void out_buf_write(struct cli_out *o, const char *p, size_t n)
{
	if (o->failed || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, o->file) != n) {
		o->failed = true;
		o->err = errno ? errno : EIO;
	}
}

int cli_out_flush(struct cli_out *o)
{
	out_buf_write(o, o->buf, o->used);
	o->used = 0;
	return o->failed ? -1 : 0;
}

int cli_out_end(struct cli_out *o)
{
	cli_out_flush(o);
	if (o->failed)
		errno = o->err;
	return o->failed ? -1 : 0;
}

void cli_out_mem_long(struct cli_out *o, const char *p, size_t n)
{
	cli_out_flush(o);
	if (n >= CLI_OUT_SIZE) {
		out_buf_write(o, p, n);
		return;
	}
	memcpy(o->buf, p, n);
	o->used = n;
}

void cli_out_pad(struct cli_out *o, long n)
{
	while (n > 0) {
		size_t k = n < CLI_OUT_SIZE ? (size_t)n : CLI_OUT_SIZE;

		memset(cli_out_room(o, k), ' ', k);
		o->used += k;
		n -= (long)k;
	}
}

void cli_out_field(struct cli_out *o, const char *s, int width)
{
	size_t n = strlen(s);

	cli_out_mem(o, s, n);
	if ((size_t)width > n && width > 0)
		cli_out_pad(o, (long)((size_t)width - n));
}

size_t cli_fmt_hex(char *dst, uint64_t v, unsigned min_digits)
{
	static const char digits[] = "0123456789abcdef";
	unsigned n = (unsigned)(64 - __builtin_clzll(v | 1) + 3) / 4, i;

	if (n < min_digits)
		n = min_digits < 16 ? min_digits : 16;
	for (i = n; i > 0; i--, v >>= 4)
		dst[i - 1] = digits[v & 15];
	return n;
}

size_t cli_fmt_dec(char *dst, uint64_t v)
{
	/* Two digits per division: addresses and sizes have ten or more. */
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	char tmp[CLI_FMT_NUM_MAX];
	size_t n = sizeof(tmp);

	while (v >= 100) {
		n -= 2;
		memcpy(tmp + n, pairs + (v % 100) * 2, 2);
		v /= 100;
	}
	if (v >= 10) {
		n -= 2;
		memcpy(tmp + n, pairs + v * 2, 2);
	} else {
		tmp[--n] = (char)('0' + v);
	}
	memcpy(dst, tmp + n, sizeof(tmp) - n);
	return sizeof(tmp) - n;
}

void cli_out_printf(struct cli_out *o, const char *fmt, ...)
{
	size_t room = CLI_OUT_SIZE - o->used;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < room) {
		o->used += (size_t)n;
		return;
	}
	/* It did not fit: format it again where it does, or hand it to stdio whole. */
	cli_out_flush(o);
	va_start(ap, fmt);
	if ((size_t)n < CLI_OUT_SIZE)
		o->used = (size_t)vsnprintf(o->buf, CLI_OUT_SIZE, fmt, ap);
	else if (!o->failed && vfprintf(o->file, fmt, ap) < 0) {
		o->failed = true;
		o->err = errno ? errno : EIO;
	}
	va_end(ap);
}
