/* SPDX-License-Identifier: MIT */
#ifndef VDISC_DTB_FIT_H
#define VDISC_DTB_FIT_H

/*
 * Fitting `vdisc dtb`'s table to a width: which width each column gets, and
 * each cell cut to its column with a marker.  A path is never cut (it is
 * what a person copies into the next command): a longer one takes a line of
 * its own and its row continues under the columns on the next.
 */
#include <stdbool.h>
#include <stddef.h>

#include "out_buf.h"

enum dtb_col { DTB_COL_PATH, DTB_COL_COMPAT, DTB_COL_ADDRESS, DTB_COL_IRQS, DTB_COL_STATUS };
#define DTB_COLS 5
#define DTB_COL_GAP 2 /* spaces between columns */

/* What a cut cell ends with; a list cut between items says how many are left instead. */
#define DTB_FIT_MARK "..."

/**
 * dtb_fit_widths - the columns' widths for a table no wider than @columns
 * @natural: each column's widest cell (the headings included)
 * @path_p90: the width that nine paths in ten fit
 * @columns: the width to fit
 * @width: set to each column's width
 *
 * Unchanged where the natural widths fit.  Otherwise the path column is
 * held to @path_p90 (at most two fifths of the line), then the interrupts
 * give way down to 20 columns, the compatible strings and the paths down to
 * 24, then both to 16 and the interrupts to 10; a table that does not fit at
 * those floors is left wider than @columns.
 */
void dtb_fit_widths(const int natural[DTB_COLS], int path_p90, int columns, int width[DTB_COLS]);

/**
 * dtb_fit_cell - a cell left-aligned in @width columns, cut with DTB_FIT_MARK if longer
 * @o: the output
 * @s: the cell's text
 * @len: its length
 * @width: the column's width; below 0: the last column, not padded
 */
void dtb_fit_cell(struct cli_out *o, const char *s, size_t len, int width);

/**
 * dtb_fit_list - an interrupt list in @width columns, cut between interrupts
 * @o: the output
 * @s: the list: groups "CONTROLLER:ITEM,ITEM" separated by spaces, an ITEM a
 *     number or "<cells>", a "?" group alone, maybe ending " (+N)"
 * @len: its length
 * @width: the column's width
 * @pad: padded to @width (false: the end of a line)
 *
 * A list that does not fit shows the interrupts that fit and " (+N)", N
 * the number left out; where not even one fits, it is cut as a cell.
 */
void dtb_fit_list(struct cli_out *o, const char *s, size_t len, int width, bool pad);

#endif
