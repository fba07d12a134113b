/* SPDX-License-Identifier: MIT */
#include "dtb_rows.h"

#include <string.h>

#include "cli.h"

/*
 * A row is its node's offset (4 bytes, native order) and its cells, each
 * NUL-terminated, packed one after another: about 60 bytes for a typical
 * device, where decoding it again costs some microseconds.
 */

bool dtb_rows_init(struct dtb_rows *rows, size_t limit)
{
	*rows = (struct dtb_rows){.limit = limit};
	/* Address space only: pages are touched (and counted) as rows fill them. */
	rows->buf = limit ? cli_arena_alloc(limit) : NULL;
	return rows->buf != NULL;
}

bool dtb_rows_add(struct dtb_rows *rows, int offset, const char *const cells[DTB_ROW_CELLS])
{
	size_t len[DTB_ROW_CELLS], need = sizeof(offset);
	unsigned i;

	if (rows->full)
		return false;
	for (i = 0; i < DTB_ROW_CELLS; i++) {
		len[i] = strlen(cells[i]) + 1;
		need += len[i];
	}
	if (need > rows->limit - rows->used) {
		rows->full = true;
		return false;
	}
	memcpy(rows->buf + rows->used, &offset, sizeof(offset));
	rows->used += sizeof(offset);
	for (i = 0; i < DTB_ROW_CELLS; i++) {
		memcpy(rows->buf + rows->used, cells[i], len[i]);
		rows->used += len[i];
	}
	rows->count++;
	return true;
}

bool dtb_rows_next(const struct dtb_rows *rows, size_t *pos, int *offset,
		   const char *cells[DTB_ROW_CELLS])
{
	unsigned i;

	if (*pos >= rows->used)
		return false;
	memcpy(offset, rows->buf + *pos, sizeof(*offset));
	*pos += sizeof(*offset);
	for (i = 0; i < DTB_ROW_CELLS; i++) {
		cells[i] = rows->buf + *pos;
		*pos += strlen(cells[i]) + 1;
	}
	return true;
}

void dtb_rows_free(struct dtb_rows *rows)
{
	cli_arena_free(rows->buf, rows->limit);
	*rows = (struct dtb_rows){0};
}
