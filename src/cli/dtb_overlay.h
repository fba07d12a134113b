/* SPDX-License-Identifier: MIT */
#ifndef VDISC_CLI_DTB_OVERLAY_H
#define VDISC_CLI_DTB_OVERLAY_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

/**
 * dtb_overlay_detect - whether a loaded --overlay file is an overlay
 * @file: the blob, accepted by vdisc_fdt_check() (the caller has checked it)
 *
 * The same question vdisc_fdt_is_overlay() answers from an index, for a
 * file that is applied, never opened as a tree.
 *
 * returns:
 *	true where the blob has a fragment, __fixups__ or __local_fixups__
 */
bool dtb_overlay_detect(const struct cli_file *file);

/**
 * dtb_overlay_sound - whether every target and fixup entry of an overlay is sound
 * @file: the overlay's name, for the message
 * @blob: the overlay, accepted by vdisc_fdt_check()
 *
 * The first problem is one error line naming the fragment or the entry.
 *
 * returns:
 *	true when vdisc_fdt_overlay_check() finds nothing wrong
 */
bool dtb_overlay_sound(const char *file, const void *blob);

/**
 * dtb_overlay_list - list an overlay: fragments, targets, what each changes, labels
 * @out: where the listing goes
 * @file: the overlay (vdisc_fdt_is_overlay() said yes)
 * @opt: text or JSON, -v, --compatible
 *
 * A malformed entry (a fixup naming a node the overlay lacks, ...) gives
 * one error line naming it and no listing.
 *
 * returns:
 *	a VDISC_EXIT_* code
 */
int dtb_overlay_list(FILE *out, const struct cli_file *file, const struct dtb_options *opt);

/**
 * dtb_overlay_apply - apply opt->overlays to a loaded base, in order, in memory
 * @opt: the overlays' file names (and the base's, for messages)
 * @base: the base; replaced by the merged tree (packed as fdtoverlay packs it)
 *
 * A base that is not a sound tree is left as it is, for the listing to
 * refuse with its reason.  Each failure is one line naming the overlay
 * and the cause.
 *
 * returns:
 *	a VDISC_EXIT_* code
 */
int dtb_overlay_apply(const struct dtb_options *opt, struct cli_file *base);

#endif
