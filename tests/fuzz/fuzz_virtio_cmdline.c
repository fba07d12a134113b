/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for vdisc_virtio_mmio_cmdline(): any byte string, cut
 * at its first NUL, must give a count or -VDISC_EINVAL with bad_at inside
 * the string; the same count whether or not the results are stored; and
 * each result must be a region inside 64 bits with a non-zero irq that,
 * printed back as a parameter, parses to itself.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARAMS_ 8

static void check_param_(const struct vdisc_virtio_mmio_param *p)
{
	struct vdisc_virtio_mmio_param again;
	/* A counted id past INT32_MAX (after an explicit 2147483647) cannot be written back. */
	bool with_id = p->id <= INT32_MAX;
	char line[128];
	size_t bad;

	if (p->size == 0 || p->irq == 0 || p->size - 1 > UINT64_MAX - p->base ||
	    (p->has_id && !with_id))
		abort();
	snprintf(line, sizeof(line), "virtio_mmio.device=%#" PRIx64 "@%#" PRIx64 ":%" PRIu32,
		 p->size, p->base, p->irq);
	if (with_id)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), ":%" PRIu32, p->id);
	if (vdisc_virtio_mmio_cmdline(line, &again, 1, &bad) != 1)
		abort();
	if (again.size != p->size || again.base != p->base || again.irq != p->irq ||
	    again.has_id != with_id || (with_id && again.id != p->id))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdisc_virtio_mmio_param params[MAX_PARAMS_];
	size_t bad = 0, bad2 = 0, len;
	char *copy;
	int n, i;

	/* An exact-size copy, so any read past the terminating NUL is an ASan report. */
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	len = strlen(copy);
	n = vdisc_virtio_mmio_cmdline(copy, params, MAX_PARAMS_, &bad);
	if (n < 0 && (n != -VDISC_EINVAL || bad >= len))
		abort();
	if (vdisc_virtio_mmio_cmdline(copy, NULL, 0, &bad2) != n || (n < 0 && bad2 != bad))
		abort();
	for (i = 0; i < n && i < MAX_PARAMS_; i++)
		check_param_(&params[i]);
	free(copy);
	return 0;
}
