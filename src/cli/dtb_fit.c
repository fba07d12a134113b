/* SPDX-License-Identifier: MIT */
#include "dtb_fit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int fit_min(int a, int b)
{
	return a < b ? a : b;
}

static int fit_max(int a, int b)
{
	return a > b ? a : b;
}

static int fit_total(const int w[DTB_COLS])
{
	int i, sum = (DTB_COLS - 1) * DTB_COL_GAP;

	for (i = 0; i < DTB_COLS; i++)
		sum += w[i];
	return sum;
}

/* Take from column @c what the table is over @columns, down to @floor (or its natural width). */
static void fit_give_way(int w[DTB_COLS], int c, int floor, int columns)
{
	int over = fit_total(w) - columns, low = fit_min(w[c], floor);

	if (over > 0)
		w[c] = fit_max(low, w[c] - over);
}

void dtb_fit_widths(const int natural[DTB_COLS], int path_p90, int columns, int width[DTB_COLS])
{
	int i;

	for (i = 0; i < DTB_COLS; i++)
		width[i] = natural[i];
	if (fit_total(width) <= columns)
		return;
	/* A few long paths on lines of their own leave the other rows their columns. */
	width[DTB_COL_PATH] =
		fit_min(natural[DTB_COL_PATH], fit_max(fit_min(path_p90, 2 * columns / 5), 16));
	fit_give_way(width, DTB_COL_IRQS, 20, columns);
	fit_give_way(width, DTB_COL_COMPAT, 24, columns);
	fit_give_way(width, DTB_COL_PATH, 24, columns);
	fit_give_way(width, DTB_COL_COMPAT, 16, columns);
	fit_give_way(width, DTB_COL_PATH, 16, columns);
	fit_give_way(width, DTB_COL_IRQS, 10, columns);
	fit_give_way(width, DTB_COL_COMPAT, 10, columns);
}

void dtb_fit_cell(struct cli_out *o, const char *s, size_t len, int width)
{
	size_t mark = strlen(DTB_FIT_MARK);

	if (width < 0 || len <= (size_t)width) {
		cli_out_mem(o, s, len);
		if (width > 0)
			cli_out_pad(o, (long)width - (long)len);
		return;
	}
	if ((size_t)width <= mark) {
		cli_out_mem(o, s, (size_t)width);
		return;
	}
	cli_out_mem(o, s, (size_t)width - mark);
	cli_out_str(o, DTB_FIT_MARK);
}

/* " (+N)" at the end of @s: N, and @len shortened to before it; else 0. */
static uint32_t fit_list_more(const char *s, size_t *len)
{
	const char *open;
	char *end;
	unsigned long n;

	if (*len < 5 || s[*len - 1] != ')')
		return 0;
	for (open = s + *len - 2; open > s && *open != '('; open--)
		;
	if (open - s < 1 || open[-1] != ' ' || open[1] != '+')
		return 0;
	n = strtoul(open + 2, &end, 10);
	if (end != s + *len - 1)
		return 0;
	*len = (size_t)(open - 1 - s);
	return (uint32_t)n;
}

/* The items' ends in @s: @ends[i] just past the i-th item (up to @max); the count of all. */
static uint32_t fit_list_items(const char *s, size_t len, size_t *ends, uint32_t max)
{
	uint32_t n = 0;
	int depth = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '<')
			depth++;
		else if (s[i] == '>' && depth > 0)
			depth--;
		if (depth == 0 && (i + 1 == len || s[i + 1] == ',' || s[i + 1] == ' ')) {
			if (n < max)
				ends[n] = i + 1;
			n++;
		}
	}
	return n;
}

static size_t fit_dec_len(uint32_t v)
{
	size_t n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

void dtb_fit_list(struct cli_out *o, const char *s, size_t len, int width, bool pad)
{
	enum { MAX_ITEMS = 256 };
	size_t ends[MAX_ITEMS], text = len;
	uint32_t more = fit_list_more(s, &text), n, shown, left;

	if (len <= (size_t)width) {
		dtb_fit_cell(o, s, len, pad ? width : -1);
		return;
	}
	n = fit_list_items(s, text, ends, MAX_ITEMS);
	for (shown = n < MAX_ITEMS ? n : MAX_ITEMS; shown > 0; shown--) {
		left = n - shown + more;
		if (ends[shown - 1] + 4 + fit_dec_len(left) <= (size_t)width)
			break;
	}
	if (shown == 0) {
		dtb_fit_cell(o, s, len, width); /* cut: exactly @width */
		return;
	}
	left = n - shown + more;
	cli_out_mem(o, s, ends[shown - 1]);
	cli_out_str(o, " (+");
	cli_out_dec(o, left);
	cli_out_char(o, ')');
	if (pad)
		cli_out_pad(o, (long)width - (long)(ends[shown - 1] + 4 + fit_dec_len(left)));
}
