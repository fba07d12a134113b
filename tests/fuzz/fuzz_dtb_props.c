/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the CLI's property decoding (src/cli/dtb_props.c):
 * every property of every node of any blob the scan accepts is classified
 * and printed as -v prints it, phandle lists, interrupt-map, msi-map and
 * iommu-map included; a map that does not parse must fall back to cells,
 * never read outside its value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

#include "cli/cli.h"
#include "cli/out_buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_props_print(struct vdisc_model *model, struct cli_out *o)
{
	struct prop_reader *r = prop_reader_new(model);
	struct prop_iter it;
	const char *name;
	const void *val;
	int node, depth = 0, len;

	if (!r)
		return;
	for (node = 0; node >= 0 && depth >= 0; node = prop_tree_next(model, node, &depth))
		for (prop_iter_start(&it, model, node); prop_iter_next(&it, &name, &val, &len);)
			prop_print(o, r, node, 4, name, val, len);
	prop_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct vdisc_model model;
	struct vdisc_arena arena;
	struct cli_out *o;
	void *blob, *mem;
	size_t cap;

	if (!sink)
		sink = fopen("/dev/null", "w");
	/* A copy of exactly @size bytes, aligned as a loaded blob is. */
	blob = malloc(size ? size : 1);
	o = malloc(sizeof(*o));
	if (!blob || !o || !sink)
		goto out;
	memcpy(blob, data, size);
	if (vdisc_fdt_arena_size(blob, size, VDISC_FDT_SIZE_INDEX, &cap) != 0)
		goto out;
	mem = malloc(cap ? cap : 1);
	if (!mem)
		goto out;
	vdisc_arena_init(&arena, mem, cap);
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_open(blob, size, &model) == 0) {
		cli_out_init(o, sink);
		fuzz_props_print(&model, o);
		cli_out_end(o);
	}
	free(mem);
out:
	free(o);
	free(blob);
	return 0;
}
