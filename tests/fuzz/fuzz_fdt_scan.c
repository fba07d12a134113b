/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for vdisc_fdt_scan(): any byte string must give a clean
 * error or a model whose every string and array can be read back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

/*
 * The tree joined (vdisc_machine_link): out of memory is allowed, anything
 * else must be a tree whose walk visits every device once, each one level
 * below its parent, and ends.
 */
static void check_link(struct vdisc_model *model)
{
	const struct vdisc_device *d = NULL, *p;
	uint32_t n = 0, seen = 0;
	unsigned depth = 0;
	int r = vdisc_machine_link(model);

	if (r == -VDISC_ENOMEM)
		return;
	if (r != 0)
		abort();
	for (p = model->devices; p; p = p->next)
		n++;
	while ((d = vdisc_machine_next(model, d, &depth))) {
		unsigned up = 0;
		for (p = d->parent; p; p = p->parent)
			if (++up > n)
				abort(); /* a cycle */
		if (up != depth || ++seen > n)
			abort();
	}
	if (seen != n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the walk's result goes, so the compiler cannot drop the reads. */
extern volatile size_t vdisc_fuzz_sink;
volatile size_t vdisc_fuzz_sink;

static size_t touch_device(const struct vdisc_device *dev)
{
	size_t sum = strlen(dev->path) + strlen(dev->dt.name) +
		     (dev->dt.status ? strlen(dev->dt.status) : 0);
	uint32_t i;

	for (i = 0; i < dev->dt.compatible.count; i++)
		sum += strlen(dev->dt.compatible.items[i]);
	for (i = 0; i < dev->nregs; i++)
		sum += (size_t)(dev->regs[i].address + dev->regs[i].size + dev->regs[i].ncells);
	for (i = 0; i < dev->nirqs; i++)
		sum += dev->irqs[i].controller
			       ? strlen(dev->irqs[i].controller) + dev->irqs[i].ncells
			       : 0;
	return sum;
}

static size_t touch_model(const struct vdisc_model *model)
{
	const struct vdisc_device *dev;
	const struct vdisc_region *r;
	const struct vdisc_cpu *cpu;
	const struct vdisc_diag *d;
	size_t sum = 0;

	for (dev = model->devices; dev; dev = dev->next)
		sum += touch_device(dev);
	for (r = model->memory; r; r = r->next)
		sum += (size_t)r->size;
	for (r = model->reserved; r; r = r->next)
		sum += (size_t)r->size + (r->path ? strlen(r->path) : 0);
	for (cpu = model->cpus; cpu; cpu = cpu->next)
		sum += strlen(cpu->path) + (cpu->isa ? strlen(cpu->isa) : 0);
	for (d = model->diags; d; d = d->next)
		sum += (d->path ? strlen(d->path) : 0) + (d->prop ? strlen(d->prop) : 0);
	sum += model->dt.bootargs ? strlen(model->dt.bootargs) : 0;
	sum += model->dt.stdout_node ? strlen(model->dt.stdout_node) : 0;
	return sum;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_irq(const struct vdisc_irq *a, const struct vdisc_irq *b)
{
	return same_str(a->controller, b->controller) && same_str(a->via, b->via) &&
	       a->ncells == b->ncells && memcmp(a->cells, b->cells, sizeof(a->cells)) == 0 &&
	       a->has_line == b->has_line && a->line == b->line && a->error == b->error;
}

static bool same_device(const struct vdisc_device *a, const struct vdisc_device *b)
{
	uint32_t i;

	if (!same_str(a->path, b->path) || !same_str(a->dt.status, b->dt.status) ||
	    a->dt.flags != b->dt.flags || a->dt.node_offset != b->dt.node_offset ||
	    a->dt.compatible.count != b->dt.compatible.count || a->nregs != b->nregs ||
	    a->nirqs != b->nirqs)
		return false;
	for (i = 0; i < a->dt.compatible.count; i++)
		if (a->dt.compatible.items[i] != b->dt.compatible.items[i])
			return false;
	for (i = 0; i < a->nregs; i++)
		if (memcmp(&a->regs[i], &b->regs[i], sizeof(a->regs[i])) != 0)
			return false;
	for (i = 0; i < a->nirqs; i++)
		if (!same_irq(&a->irqs[i], &b->irqs[i]))
			return false;
	return true;
}

/*
 * vdisc_fdt_open() + vdisc_fdt_next_device() must give the devices the
 * whole scan gave, in the same order, and the same verdict (errors or not).
 */
static void check_stream(const void *blob, size_t size, const struct vdisc_model *scanned,
			 void *buf, size_t cap)
{
	unsigned char scratch_buf[1 << 14];
	struct vdisc_arena arena, scratch;
	const struct vdisc_device *want = scanned->devices;
	struct vdisc_device *dev;
	struct vdisc_model model;
	uint32_t cursor = 0;
	const char *compat;
	int err, offset, len;

	vdisc_arena_init(&arena, buf, cap);
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_open(blob, size, &model) != 0 || model.ndevices != scanned->ndevices)
		abort();
	/* What the index noted agrees with the overlay parser wherever that one has a verdict. */
	err = vdisc_fdt_overlay_check(blob, size, NULL);
	if (err >= 0 && vdisc_fdt_is_overlay(&model) != (err == 1))
		abort();
	for (;;) {
		/* What a filtering caller looks at first: the node and its compatible. */
		offset = vdisc_fdt_peek_device(&model, &cursor);
		if ((offset < 0) != !want || (want && offset != want->dt.node_offset))
			abort();
		compat = vdisc_fdt_getprop(&model, offset, "compatible", &len);
		if (compat && len > 0)
			vdisc_fuzz_sink += (size_t)compat[len - 1];
		vdisc_arena_init(&scratch, scratch_buf, sizeof(scratch_buf));
		err = vdisc_fdt_next_device(&model, &cursor, &scratch, 0, &dev);
		if (err == -VDISC_ENOMEM)
			return; /* a device bigger than the scratch: nothing to compare */
		if (err || !dev != !want || (dev && !same_device(dev, want)))
			abort();
		if (!dev)
			break;
		want = want->next;
	}
	if (!model.nerrors != !scanned->nerrors)
		abort();
}

/* An arena of vdisc_fdt_arena_size()'s bound must never run out, scanned or opened. */
static void check_bound(const void *blob, size_t size, uint32_t flags)
{
	struct vdisc_model model;
	struct vdisc_arena arena;
	size_t bound;
	void *buf;
	int err;

	if (vdisc_fdt_arena_size(blob, size, flags, &bound) != 0)
		return;
	buf = malloc(bound ? bound : 1);
	if (!buf)
		return;
	vdisc_arena_init(&arena, buf, bound);
	vdisc_model_init(&model, &arena);
	err = flags ? vdisc_fdt_open(blob, size, &model) : vdisc_fdt_scan(blob, size, &model);
	if (err == -VDISC_ENOMEM)
		abort();
	/*
	 * Streaming an opened tree adds to the model's arena too (controllers'
	 * paths, interrupt-map indexes, listed problems): the bound covers that.
	 * The scratch is ample, so running out can only be the model's arena.
	 */
	if (!err && flags) {
		size_t cap = 64 * size + 65536;
		void *scratch_buf = malloc(cap);
		struct vdisc_arena scratch;
		struct vdisc_device *dev;
		uint32_t cursor = 0;

		do {
			if (!scratch_buf)
				break;
			/* Skipping devices (a filtered listing) only ever takes less. */
			if (cursor % 2 && vdisc_fdt_skip_device(&model, &cursor) < 0)
				break;
			vdisc_arena_init(&scratch, scratch_buf, cap);
			err = vdisc_fdt_next_device(&model, &cursor, &scratch, 0, &dev);
			if (err == -VDISC_ENOMEM)
				abort();
		} while (!err && dev);
		free(scratch_buf);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdisc_model model;
	struct vdisc_arena arena;
	size_t cap = 4096 + 16 * size;
	void *copy, *buf;

	/* An exact-size copy, so any read past the input is an ASan report. */
	copy = malloc(size ? size : 1);
	buf = malloc(cap);
	if (!copy || !buf)
		goto out;
	memcpy(copy, data, size);
	vdisc_arena_init(&arena, buf, cap);
	vdisc_model_init(&model, &arena);
	if (vdisc_fdt_scan(copy, size, &model) == 0) {
		void *again = malloc(cap);

		vdisc_fuzz_sink = touch_model(&model);
		if (again)
			check_stream(copy, size, &model, again, cap);
		free(again);
		check_link(&model);
	}
	check_bound(copy, size, 0);
	check_bound(copy, size, VDISC_FDT_SIZE_INDEX);
	/* A tiny arena must fail cleanly too. */
	vdisc_arena_init(&arena, buf, 512);
	vdisc_model_init(&model, &arena);
	(void)vdisc_fdt_scan(copy, size, &model);
out:
	free(buf);
	free(copy);
	return 0;
}
