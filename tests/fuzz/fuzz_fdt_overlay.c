/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the overlay reader (src/fdt/overlay.c): any byte
 * string must give a clean verdict, and the verdict must agree with the
 * iterators: a blob vdisc_fdt_overlay_check() calls sound iterates to the
 * end without an error, every fixup it yields points at 4 bytes inside an
 * existing property, and a refused blob (past vdisc_fdt_check()) has an
 * entry an iterator refuses.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>
#include <vdisc/vdisc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

extern volatile size_t vdisc_fuzz_overlay_sink;
volatile size_t vdisc_fuzz_overlay_sink;

/* Every fragment; the first error, or 0. */
static int walk_fragments(const void *blob)
{
	struct vdisc_fdt_fragment f;
	int cursor = 0, err, n = 0;

	while ((err = vdisc_fdt_overlay_next_fragment(blob, &cursor, &f)) == 1) {
		if (f.overlay < 0 || ++n > 1 << 20)
			abort();
		vdisc_fuzz_overlay_sink += strlen(f.name);
		if (f.kind == VDISC_FDT_TARGET_LABEL)
			vdisc_fuzz_overlay_sink += strlen(f.label);
		else if (f.kind == VDISC_FDT_TARGET_PATH)
			vdisc_fuzz_overlay_sink += strlen(f.path);
	}
	return err;
}

static int walk_fixups(const void *blob)
{
	struct vdisc_fdt_fixup_iter it = {0};
	struct vdisc_fdt_fixup fx;
	char prop[256];
	int err, len;

	while ((err = vdisc_fdt_overlay_next_fixup(blob, &it, &fx)) == 1) {
		if (fx.node < 0 ||
		    !fdt_getprop_namelen(blob, fx.node, fx.prop, (int)fx.prop_len, &len) ||
		    (uint64_t)fx.offset + 4 > (uint64_t)len)
			abort();
		vdisc_fuzz_overlay_sink += strlen(fx.label) + fx.path[fx.path_len - 1];
		if (fx.prop_len < sizeof(prop)) {
			memcpy(prop, fx.prop, fx.prop_len);
			prop[fx.prop_len] = '\0';
			if (!vdisc_fdt_overlay_label_at(blob, fx.node, prop, fx.offset))
				abort();
		}
	}
	return err;
}

static int walk_local_fixups(const void *blob)
{
	struct vdisc_fdt_local_fixup_iter it = {0};
	struct vdisc_fdt_local_fixup lf;
	int err, len;

	while ((err = vdisc_fdt_overlay_next_local_fixup(blob, &it, &lf)) == 1) {
		if (!fdt_getprop(blob, lf.node, lf.prop, &len) ||
		    (uint64_t)lf.offset + 4 > (uint64_t)len)
			abort();
		vdisc_fuzz_overlay_sink += lf.phandle;
	}
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdisc_fdt_problem problem;
	void *blob = malloc(size ? size : 1);
	int verdict, walked;

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	verdict = vdisc_fdt_overlay_check(blob, size, &problem);
	if (verdict >= 0 || vdisc_fdt_check(blob, size) == 0) {
		walked = walk_fragments(blob);
		if (!walked)
			walked = walk_fixups(blob);
		if (!walked)
			walked = walk_local_fixups(blob);
		/* The verdict and the iterators agree. */
		if ((verdict >= 0) != (walked == 0) || (walked && walked != verdict))
			abort();
	} else if (!problem.what) {
		abort(); /* a refusal always says why */
	}
	free(blob);
	return 0;
}
