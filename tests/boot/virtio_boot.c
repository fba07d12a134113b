/* SPDX-License-Identifier: MIT */
/*
 * What the boot kernel does with each virtio device it finds, whatever
 * the transport: a block device is initialised and checked with
 * vdisc_blk_check; any other type is reported and left alone (nothing
 * but the feature words is read, no status is written).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#include <vdisc/irq.h>

static struct vdisc_blk blk;
static unsigned char scratch[4 * 65536] __attribute__((aligned(4096)));

/* Virtio devices as transport drivers found them, with their interrupts. */
#define MAX_VIRTIO_ 96
static struct vdisc_bus_device virtio_bdev_[MAX_VIRTIO_];
static struct boot_irq_route virtio_irq_[MAX_VIRTIO_];
static bool virtio_has_irq_[MAX_VIRTIO_];
static unsigned nvirtio_;

/* All the feature words as one hex number, the highest nonzero word first. */
static void put_features_(const struct vdisc_virtio_features *f)
{
	int top = (int)f->nwords - 1;

	while (top > 0 && f->word[top] == 0)
		top--;
	con_putx(top >= 0 ? f->word[top] : 0);
	while (--top >= 0)
		con_puthex(f->word[top], 8);
}

static const char *step_name_(enum vdisc_virtio_init_step s)
{
	switch (s) {
	case VDISC_VIRTIO_STEP_RESET:
		return "reset";
	case VDISC_VIRTIO_STEP_ACKNOWLEDGE:
		return "acknowledge";
	case VDISC_VIRTIO_STEP_DRIVER:
		return "driver";
	case VDISC_VIRTIO_STEP_FEATURES:
		return "features";
	case VDISC_VIRTIO_STEP_FEATURES_OK:
		return "features-ok";
	case VDISC_VIRTIO_STEP_QUEUES:
		return "queues";
	case VDISC_VIRTIO_STEP_DRIVER_OK:
		return "driver-ok";
	default:
		return "none";
	}
}

static void print_virtio_(const char *name, const struct vdisc_virtio_dev *vdev,
			  const struct vdisc_virtio_features *accepted,
			  const struct vdisc_virtio_features *offered)
{
	const char *type = vdisc_virtio_device_name(vdev->device_type);

	con_puts("vdisc: virtio ");
	con_puts(name);
	con_puts(" type=");
	if (type)
		con_putw(type);
	else
		con_putu(vdev->device_type);
	con_puts(" transport=");
	con_puts(vdev->ops->name);
	con_puts(" features=");
	put_features_(accepted);
	con_puts(" offered=");
	put_features_(offered);
	con_putc('\n');
}

static void print_blk_head_(const char *name)
{
	con_puts("vdisc: blk ");
	con_puts(name);
	con_puts(" capacity=");
	con_putu(blk.capacity);
	con_puts(" blk_size=");
	con_putu(blk.blk_size);
	con_puts(" ro=");
	con_putc(blk.read_only ? '1' : '0');
	con_puts(" serial=");
}

static void blk_init_failed_(const char *name, struct vdisc_virtio_dev *vdev,
			     enum vdisc_virtio_init_step step, int rc)
{
	uint8_t status = 0xff;

	print_virtio_(name, vdev, &vdev->accepted, &vdev->offered);
	print_blk_head_(name);
	vdev->ops->get_status(vdev, &status);
	con_puts("- check=FAIL:init-");
	con_puts(step_name_(step));
	con_puts(" error=");
	con_puti(rc);
	con_puts(" dev_status=");
	con_putx(status);
	con_puts(" (");
	con_putw(vdisc_strerror(rc));
	con_puts(")\n");
}

static void print_check_fail_(const struct vdisc_blk_check_report *r, int rc)
{
	uint8_t status = 0xff;

	con_puts("FAIL:");
	con_putw(r->reason);
	con_puts(" error=");
	con_puti(rc);
	con_puts(" sector=");
	con_putu(r->error_sector);
	con_puts(" blk_status=");
	con_putx(r->blk_status);
	if (blk.dev->ops->get_status(blk.dev, &status) == 0) {
		con_puts(" dev_status=");
		con_putx(status);
	}
	con_puts(" sectors=");
	for (unsigned i = 0; i < VDISC_BLK_CHECK_SECTORS; i++) {
		if (i)
			con_putc(',');
		con_putu(r->sector[i]);
		con_putc(':');
		con_puts(vdisc_blk_state_name(r->state[i]));
	}
}

static void do_blk_(const char *name, struct vdisc_virtio_dev *vdev,
		    const struct boot_irq_route *irq)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;
	struct vdisc_blk_check_report report;
	char id[21];
	int rc, idrc;

	memset(&blk, 0, sizeof(blk));
	boot_dma_reset(); /* one device at a time: the previous one is released */
	rc = vdisc_blk_init(&blk, vdev, &step);
	if (rc) {
		blk_init_failed_(name, vdev, step, rc);
		boot_fail();
		return;
	}
	boot_tally.blk++;
	print_virtio_(name, vdev, &vdev->accepted, &vdev->offered);
	if (boot_bench_mode()) { /* bench/boot: measured, not checked */
		boot_bench_blk(name, &blk, vdev, irq);
		vdisc_blk_release(&blk);
		return;
	}

	idrc = vdisc_blk_get_id(&blk, id);
	memset(&report, 0, sizeof(report));
	rc = -VDISC_EINVAL;
	if ((uint64_t)blk.blk_size * 4 <= sizeof(scratch))
		rc = vdisc_blk_check(&blk, scratch, &report);
	else
		report.reason = "blk_size-too-large-for-scratch";

	print_blk_head_(name);
	con_putw(idrc == 0 ? id : NULL);
	con_puts(" check=");
	if (rc == 0) {
		con_puts("ok");
	} else {
		print_check_fail_(&report, rc);
		boot_fail();
	}
	con_putc('\n');
	if (rc == 0)
		boot_blk_irq_run(name, &blk, irq, scratch);
	if (idrc && idrc != -VDISC_ENOTSUP) {
		con_puts("vdisc: log ");
		con_puts(name);
		con_puts(" GET_ID failed: ");
		con_puts(vdisc_strerror(idrc));
		con_putc('\n');
	}
	/* After a failure the device is reset or FAILED; release gives back only what the
	 * device can no longer touch. */
	vdisc_blk_release(&blk);
}

/* ---- the virtio-blk driver: bound to every virtio device of type block ---- */

static int blk_probe_(struct vdisc_bus_device *bdev, const struct vdisc_match *m, void *ctx)
{
	(void)m;
	(void)ctx;
	unsigned i = (unsigned)(bdev - virtio_bdev_);

	do_blk_(bdev->name, bdev->data,
		i < nvirtio_ && virtio_has_irq_[i] ? &virtio_irq_[i] : NULL);
	return 0; /* bound, pass or fail: the result is on the console */
}

static const struct vdisc_match blk_matches_[] = {
	{VDISC_MATCH_VIRTIO_TYPE(VDISC_VIRTIO_ID_BLOCK), .bus = VDISC_BUS_VIRTIO},
	{0},
};
static struct vdisc_driver blk_driver_ = {
	.name = "vdisc-boot-blk-check", .matches = blk_matches_, .probe = blk_probe_};

void boot_blk_driver(void)
{
	if (vdisc_registry_add_driver(&boot_registry, &blk_driver_) < 0)
		boot_fail();
}

/* ---- virtio devices, as transport drivers find them ---- */

bool boot_irq_route_wired(const struct vdisc_irq *irq, struct boot_irq_route *out)
{
	memset(out, 0, sizeof(*out));
	out->chip = irq ? boot_irq_chip(irq->controller) : NULL;
	return out->chip && vdisc_irq_line_of(irq, &out->line, &out->flags) == 0;
}

void boot_virtio_found(struct vdisc_bus_device *parent, struct vdisc_virtio_dev *vdev,
		       const struct boot_irq_route *irq)
{
	struct vdisc_bus_device *b;

	boot_tally.virtio++;
	if (nvirtio_ == MAX_VIRTIO_) {
		con_puts("vdisc: log too many virtio devices: ");
		con_puts(parent->name);
		con_puts(" skipped\n");
		boot_fail();
		return;
	}
	virtio_has_irq_[nvirtio_] = irq != NULL;
	if (irq)
		virtio_irq_[nvirtio_] = *irq;
	b = &virtio_bdev_[nvirtio_++];
	vdisc_bus_device_init(b, VDISC_BUS_VIRTIO, parent->name);
	b->virtio_type = vdev->device_type;
	b->parent = parent;
	b->data = vdev;
	/* Queued when called from the transport driver's probe; probed right after it. */
	if (vdisc_registry_add_device(&boot_registry, b) < 0)
		boot_fail();
}

/* Devices no driver took: report what they offer and leave them alone. */
static int leftover_(struct vdisc_bus_device *b, void *arg)
{
	struct vdisc_virtio_features none, offered;
	struct vdisc_virtio_dev *vdev = b->data;

	(void)arg;
	if (b->bus != VDISC_BUS_VIRTIO || b->driver)
		return 0;
	memset(&none, 0, sizeof(none));
	memset(&offered, 0, sizeof(offered));
	if (vdev->ops->get_features(vdev, &offered)) {
		con_puts("vdisc: virtio ");
		con_puts(b->name);
		con_puts(" FAIL:get-features\n");
		boot_fail();
		return 0;
	}
	none.nwords = offered.nwords;
	print_virtio_(b->name, vdev, &none, &offered);
	return 0;
}

void boot_virtio_leftovers(void)
{
	vdisc_registry_for_each_device(&boot_registry, leftover_, NULL);
}

/* ---- the virtio-mmio transport driver: bound to "virtio,mmio" nodes ---- */

#define MAX_MMIO_ 64
static struct vdisc_virtio_mmio_transport mmio_t_[MAX_MMIO_];
static struct vdisc_virtio_dev mmio_dev_[MAX_MMIO_];
static unsigned nmmio_;

static int mmio_probe_(struct vdisc_bus_device *bdev, const struct vdisc_match *m, void *ctx)
{
	const struct vdisc_device *d = bdev->dev;
	int rc;

	(void)m;
	(void)ctx;
	if (!d || !d->nregs || !d->regs[0].translated)
		return -VDISC_ENOMATCH;
	if (nmmio_ == MAX_MMIO_)
		return -VDISC_ENOMEM;
	rc = vdisc_virtio_mmio_transport_init(&mmio_t_[nmmio_], &boot_platform, d->regs[0].address,
					      &mmio_dev_[nmmio_]);
	if (rc == -VDISC_ENOTFOUND)
		return -VDISC_ENOMATCH; /* an empty slot (device id 0): nothing to drive */
	if (rc) {
		con_puts("vdisc: virtio ");
		con_puts(d->path);
		con_puts(" FAIL:transport-init error=");
		con_puti(rc);
		con_putc('\n');
		boot_fail();
		return rc;
	}
	struct boot_irq_route irq;
	bool wired = d->nirqs && boot_irq_route_wired(&d->irqs[0], &irq);
	boot_virtio_found(bdev, &mmio_dev_[nmmio_++], wired ? &irq : NULL);
	return 0;
}

static const struct vdisc_match mmio_matches_[] = {
	{VDISC_MATCH_COMPATIBLE("virtio,mmio")},
	{0},
};
static struct vdisc_driver mmio_driver_ = {
	.name = "virtio-mmio", .matches = mmio_matches_, .probe = mmio_probe_};

void boot_virtio_mmio_driver(void)
{
	if (vdisc_registry_add_driver(&boot_registry, &mmio_driver_) < 0)
		boot_fail();
}
