/* SPDX-License-Identifier: MIT */
/*
 * Interrupt controllers as registry drivers: a controller node binds like
 * any device, its chip comes from the caller's pool, and a device's probe
 * finds the chip of its interrupt's controller by path.  Register these
 * first (Linux brings its irqchips up before the devices that use them).
 */
#include "registry_internal.h"

#include <vdisc/error.h>
#include <vdisc/irq.h>

/* Every compatible vdisc_irqchip_from_model() drives. */
static const struct vdisc_match irqd_matches_[] = {
	{VDISC_MATCH_COMPATIBLE("sifive,plic-1.0.0")},
	{VDISC_MATCH_COMPATIBLE("riscv,plic0")},
	{VDISC_MATCH_COMPATIBLE("arm,gic-v3")},
	{VDISC_MATCH_COMPATIBLE("arm,gic-400")},
	{VDISC_MATCH_COMPATIBLE("arm,cortex-a15-gic")},
	{VDISC_MATCH_COMPATIBLE("arm,cortex-a9-gic")},
	{VDISC_MATCH_COMPATIBLE("arm,cortex-a7-gic")},
	{VDISC_MATCH_COMPATIBLE("arm,arm11mp-gic")},
	{VDISC_MATCH_COMPATIBLE("arm,pl390")},
	{VDISC_MATCH_COMPATIBLE("arm,arm1176jzf-devchip-gic")},
	{0},
};

static bool irqd_status_ok_(const struct vdisc_device *dev)
{
	const char *s = dev->dt.status;

	return !s || strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0;
}

static int irqd_probe_(struct vdisc_bus_device *bdev, const struct vdisc_match *matched, void *ctx)
{
	struct vdisc_irqchip_pool *pool = ctx;
	const struct vdisc_device *dev = bdev->dev;
	uint32_t i;
	int err;

	(void)matched;
	if (!pool || !dev || dev->bus != VDISC_BUS_DT)
		return -VDISC_ENOMATCH;
	if (!irqd_status_ok_(dev))
		return -VDISC_ENOTSUP;
	for (i = 0; i < pool->count && pool->chips[i].ops; i++)
		;
	if (i == pool->count)
		return -VDISC_ENOMEM;
	err = vdisc_irqchip_from_model(&pool->chips[i], pool->platform, pool->model, dev,
				       pool->hart_intc_path, pool->supervisor);
	if (err) {
		pool->chips[i].ops = NULL;
		return err;
	}
	pool->used++;
	bdev->driver_data = &pool->chips[i];
	return 0;
}

static void irqd_remove_(struct vdisc_bus_device *bdev, void *ctx)
{
	struct vdisc_irqchip_pool *pool = ctx;
	struct vdisc_irqchip *chip = bdev->driver_data;

	if (chip && chip->ops) {
		chip->ops = NULL;
		pool->used--;
	}
}

void vdisc_irqchip_driver_init(struct vdisc_driver *drv, struct vdisc_irqchip_pool *pool)
{
	if (!drv)
		return;
	memset(drv, 0, sizeof(*drv));
	drv->name = "irqchip";
	drv->matches = irqd_matches_;
	drv->probe = irqd_probe_;
	drv->remove = irqd_remove_;
	drv->ctx = pool;
	if (pool) {
		if (pool->chips)
			memset(pool->chips, 0, sizeof(*pool->chips) * pool->count);
		else
			pool->count = 0;
		pool->used = 0;
	}
}

struct vdisc_irqchip *vdisc_registry_irqchip(const struct vdisc_registry *reg, const char *path)
{
	const struct vdisc_bus_device *b;
	uint32_t n;

	if (!reg || !path)
		return NULL;
	/* ndevices bounds the walk, whatever the links say. */
	for (b = reg->devices_, n = 0; b && n < reg->ndevices; b = b->next_, n++) {
		const struct vdisc_irqchip *chip = b->driver_data;

		if (b->driver && b->driver->probe == irqd_probe_ && chip && chip->path &&
		    strcmp(chip->path, path) == 0)
			return b->driver_data;
	}
	return NULL;
}
