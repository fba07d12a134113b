/* SPDX-License-Identifier: MIT */
/* cmocka helpers shared by the unit tests that look up scanned devices. */
#ifndef VDISC_TEST_MODEL_ASSERTS_H
#define VDISC_TEST_MODEL_ASSERTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "blob_builder.h"

/* The device at @path, or the test fails naming the path it wanted. */
static inline const struct vdisc_device *must_device(const struct vdisc_model *model,
						     const char *path)
{
	const struct vdisc_device *dev = find_device(model, path);

	if (!dev)
		fail_msg("no device %s", path);
	return dev;
}

#endif
