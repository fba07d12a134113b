/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DTB_ROWS_H
#define VDISC_DTB_ROWS_H

/*
 * The table's rows as the first pass formatted them, kept up to a memory
 * budget, so that the second pass (which only pads them to the widths the
 * first found) prints them instead of decoding every device again.  Rows
 * past the budget are not kept: the second pass decodes those as before.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DTB_ROW_CELLS 4 /* compatible, address, interrupts, status; the path is rebuilt */

struct dtb_rows {
	char *buf; /* a reservation of @limit bytes, touched as it fills */
	size_t used, limit;
	uint32_t count;
	bool full; /* a row did not fit: it and every later one are not kept */
};

/* An empty store that may take up to @limit bytes; false (nothing to free) without memory. */
bool dtb_rows_init(struct dtb_rows *rows, size_t limit);
/* Keep one row: its node's offset and its cells; false once the budget is spent. */
bool dtb_rows_add(struct dtb_rows *rows, int offset, const char *const cells[DTB_ROW_CELLS]);
/* The row at *@pos (0 first), advancing it; false after the last. */
bool dtb_rows_next(const struct dtb_rows *rows, size_t *pos, int *offset,
		   const char *cells[DTB_ROW_CELLS]);
void dtb_rows_free(struct dtb_rows *rows);

#endif
