/* SPDX-License-Identifier: MIT */
/*
 * A program with no C library at all that scans a device tree through the
 * freestanding core: if it links, the core's boundary holds.  It is linked,
 * not run (it has no operating system to return to).
 */
#include <vdisc/vdisc.h>

void _start(void);

static unsigned char arena_storage[1 << 16];
extern const unsigned char vdisc_link_check_blob[];

void _start(void)
{
	struct vdisc_arena arena;
	struct vdisc_model model;
	volatile int rc;

	vdisc_arena_init(&arena, arena_storage, sizeof(arena_storage));
	vdisc_model_init(&model, &arena);
	rc = vdisc_fdt_scan(vdisc_link_check_blob, 64, &model);
	(void)rc;
	for (;;)
		;
}

const unsigned char vdisc_link_check_blob[64] = {0xd0, 0x0d, 0xfe, 0xed};
