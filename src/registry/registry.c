/* SPDX-License-Identifier: MIT */
#include "registry_internal.h"

#include <vdisc/error.h>

/*
 * The registry's lists and its bind loop.
 *
 * Every registration takes the next sequence number, and both lists stay
 * in that order (a struct added again goes to the tail with a new number).
 * A pair is considered by whichever of the two has the higher number, so
 * each pair is probed at most once whatever the order of arrival.  Walks
 * find their next element by number rather than by keeping a pointer, so
 * a callback that removes what a walk would visit next cannot leave it on
 * a struct that is no longer listed.
 *
 * Registrations numbered above done_seq_ are queued: the outermost call
 * works through them in number order (registry_drain_), which is the order
 * the caller would have made the calls one after another.
 */

void vdisc_registry_init(struct vdisc_registry *reg)
{
	memset(reg, 0, sizeof(*reg));
}

/* The first device (driver) registered after number @after, or NULL. */
static struct vdisc_bus_device *registry_next_device_(const struct vdisc_registry *reg,
						      uint64_t after)
{
	struct vdisc_bus_device *d = reg->devices_;

	while (d && d->seq_ <= after)
		d = d->next_;
	return d;
}

static struct vdisc_driver *registry_next_driver_(const struct vdisc_registry *reg, uint64_t after)
{
	struct vdisc_driver *d = reg->drivers_;

	while (d && d->seq_ <= after)
		d = d->next_;
	return d;
}

/* Run one probe; true when it bound. */
static bool registry_probe_(struct vdisc_registry *reg, const struct vdisc_driver *drv,
			    struct vdisc_bus_device *bdev, const struct vdisc_match *m)
{
	struct vdisc_bus_device *saved_dev = reg->probing_dev_;
	const struct vdisc_driver *saved_drv = reg->probing_drv_;
	int err;

	reg->probing_dev_ = bdev;
	reg->probing_drv_ = drv;
	err = drv->probe(bdev, m, drv->ctx);
	reg->probing_dev_ = saved_dev;
	reg->probing_drv_ = saved_drv;
	if (err == 0) {
		bdev->driver = drv;
		return true;
	}
	bdev->driver_data = NULL;
	if (err != -VDISC_ENOMATCH && err != -VDISC_ENOTSUP)
		bdev->probe_error = err;
	return false;
}

/* A newly registered device against the drivers registered before it. */
static int registry_device_pass_(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	const struct vdisc_match *m;
	struct vdisc_driver *drv;
	uint64_t at = 0;

	while (!bdev->driver && (drv = registry_next_driver_(reg, at)) && drv->seq_ < bdev->seq_) {
		at = drv->seq_;
		m = vdisc_registry_match(drv, bdev);
		if (m && registry_probe_(reg, drv, bdev, m))
			return 1;
	}
	return 0;
}

/* A newly registered driver against the unbound devices registered before it. */
static int registry_driver_pass_(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	const struct vdisc_match *m;
	struct vdisc_bus_device *bdev;
	uint64_t at = 0;
	int bound = 0;

	while ((bdev = registry_next_device_(reg, at)) && bdev->seq_ < drv->seq_) {
		at = bdev->seq_;
		if (bdev->driver)
			continue;
		m = vdisc_registry_match(drv, bdev);
		if (m && registry_probe_(reg, drv, bdev, m))
			bound++;
	}
	return bound;
}

/* Work through the queued registrations in number order, including those the probes add. */
static int registry_drain_(struct vdisc_registry *reg)
{
	struct vdisc_bus_device *bdev;
	struct vdisc_driver *drv;
	int bound = 0;

	for (;;) {
		bdev = registry_next_device_(reg, reg->done_seq_);
		drv = registry_next_driver_(reg, reg->done_seq_);
		if (bdev && (!drv || bdev->seq_ < drv->seq_)) {
			reg->done_seq_ = bdev->seq_;
			bound += registry_device_pass_(reg, bdev);
		} else if (drv) {
			reg->done_seq_ = drv->seq_;
			bound += registry_driver_pass_(reg, drv);
		} else {
			break;
		}
	}
	/* Queued entries removed before their turn leave numbers nothing holds. */
	reg->done_seq_ = reg->last_seq_;
	return bound;
}

/* Callbacks run between registry_enter_ and registry_leave_; only the outermost call drains the
 * queue. */
static bool registry_enter_(struct vdisc_registry *reg)
{
	bool outer = !reg->busy_;

	reg->busy_ = true;
	return outer;
}

static int registry_leave_(struct vdisc_registry *reg, bool outer)
{
	int bound = 0;

	if (outer) {
		bound = registry_drain_(reg);
		reg->busy_ = false;
	}
	return bound;
}

static bool registry_device_listed_(const struct vdisc_registry *reg,
				    const struct vdisc_bus_device *bdev)
{
	const struct vdisc_bus_device *d;

	for (d = reg->devices_; d; d = d->next_)
		if (d == bdev)
			return true;
	return false;
}

static bool registry_driver_listed_(const struct vdisc_registry *reg,
				    const struct vdisc_driver *drv)
{
	const struct vdisc_driver *d;

	for (d = reg->drivers_; d; d = d->next_)
		if (d == drv)
			return true;
	return false;
}

int vdisc_registry_add_driver(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	if (!reg || !drv || !vdisc_registry_driver_valid_(drv))
		return -VDISC_EINVAL;
	if (registry_driver_listed_(reg, drv))
		return -VDISC_EDUPLICATE;
	drv->next_ = NULL;
	drv->seq_ = ++reg->last_seq_;
	if (reg->drivers_tail_)
		reg->drivers_tail_->next_ = drv;
	else
		reg->drivers_ = drv;
	reg->drivers_tail_ = drv;
	reg->ndrivers++;
	return registry_leave_(reg, registry_enter_(reg));
}

int vdisc_registry_add_device(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	if (!reg || !bdev || !vdisc_registry_device_valid_(bdev))
		return -VDISC_EINVAL;
	if (registry_device_listed_(reg, bdev))
		return -VDISC_EDUPLICATE;
	bdev->driver = NULL;
	bdev->driver_data = NULL;
	bdev->probe_error = 0;
	bdev->next_ = NULL;
	bdev->seq_ = ++reg->last_seq_;
	if (reg->devices_tail_)
		reg->devices_tail_->next_ = bdev;
	else
		reg->devices_ = bdev;
	reg->devices_tail_ = bdev;
	reg->ndevices++;
	return registry_leave_(reg, registry_enter_(reg));
}

static void registry_unlink_device_(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	struct vdisc_bus_device **pp = &reg->devices_, *prev = NULL;

	while (*pp != bdev) {
		prev = *pp;
		pp = &prev->next_;
	}
	*pp = bdev->next_;
	if (reg->devices_tail_ == bdev)
		reg->devices_tail_ = prev;
	bdev->next_ = NULL;
	reg->ndevices--;
}

static void registry_unbind_(struct vdisc_bus_device *bdev)
{
	const struct vdisc_driver *drv = bdev->driver;

	if (drv && drv->remove)
		drv->remove(bdev, drv->ctx);
	bdev->driver = NULL;
	bdev->driver_data = NULL;
}

int vdisc_registry_remove_device(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	bool outer;

	if (!reg || !bdev)
		return -VDISC_EINVAL;
	if (!registry_device_listed_(reg, bdev))
		return -VDISC_ENOTFOUND;
	if (bdev == reg->probing_dev_)
		return -VDISC_EPERM;
	outer = registry_enter_(reg);
	registry_unlink_device_(reg, bdev);
	registry_unbind_(bdev);
	registry_leave_(reg, outer);
	return 0;
}

static void registry_unlink_driver_(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	struct vdisc_driver **pp = &reg->drivers_, *prev = NULL;

	while (*pp != drv) {
		prev = *pp;
		pp = &prev->next_;
	}
	*pp = drv->next_;
	if (reg->drivers_tail_ == drv)
		reg->drivers_tail_ = prev;
	drv->next_ = NULL;
	reg->ndrivers--;
}

int vdisc_registry_remove_driver(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	struct vdisc_bus_device *bdev;
	uint64_t at = 0;
	bool outer;

	if (!reg || !drv)
		return -VDISC_EINVAL;
	if (!registry_driver_listed_(reg, drv))
		return -VDISC_ENOTFOUND;
	if (drv == reg->probing_drv_)
		return -VDISC_EPERM;
	outer = registry_enter_(reg);
	registry_unlink_driver_(reg, drv);
	while ((bdev = registry_next_device_(reg, at))) {
		at = bdev->seq_;
		if (bdev->driver == drv)
			registry_unbind_(bdev);
	}
	registry_leave_(reg, outer);
	return 0;
}

int vdisc_registry_for_each_device(struct vdisc_registry *reg,
				   int (*fn)(struct vdisc_bus_device *bdev, void *arg), void *arg)
{
	struct vdisc_bus_device *bdev;
	uint64_t at = 0;
	int ret;

	if (!reg || !fn)
		return -VDISC_EINVAL;
	while ((bdev = registry_next_device_(reg, at))) {
		at = bdev->seq_;
		ret = fn(bdev, arg);
		if (ret)
			return ret;
	}
	return 0;
}
