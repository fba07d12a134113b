/* SPDX-License-Identifier: MIT */
#include "vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>
#include <vdisc/registry.h>
#include <vdisc/virtio.h>

/*
 * Every registration takes the next sequence number, and both lists stay
 * in that order (a struct added again goes to the tail with a new number).
 * A pair is considered by whichever of the two has the higher number, so
 * each pair is probed at most once whatever the order of arrival.  Walks
 * find their next element by number rather than by keeping a pointer, so
 * a callback that removes what a walk would visit next cannot leave it on
 * a struct that is no longer listed.
 *
 * Registrations numbered above done_seq_ are queued: the outermost call
 * works through them in number order (drain_), which is the order the
 * caller would have made the calls one after another.
 */

void vdisc_registry_init(struct vdisc_registry *reg)
{
	memset(reg, 0, sizeof(*reg));
}

void vdisc_bus_device_init(struct vdisc_bus_device *bdev, enum vdisc_bus_kind kind,
			   const char *name)
{
	memset(bdev, 0, sizeof(*bdev));
	bdev->kind = kind;
	bdev->name = name;
}

/* The virtio type a PCI function's ids name (virtio 1.3, 4.1.2.1 and 4.1.2.3), or 0. */
static uint32_t virtio_pci_type_(const struct vdisc_pci_function *fn)
{
	if (fn->vendor_id != VDISC_VIRTIO_PCI_VENDOR || fn->device_id < 0x1000 ||
	    fn->device_id > 0x107f)
		return 0;
	if (fn->device_id >= VDISC_VIRTIO_PCI_MODERN_BASE)
		return fn->device_id - VDISC_VIRTIO_PCI_MODERN_BASE;
	return fn->has_subsystem ? fn->subsystem_id : 0;
}

int vdisc_bus_device_from_model(struct vdisc_bus_device *bdev, const struct vdisc_device *dev)
{
	if (!bdev || !dev)
		return -VDISC_EINVAL;
	switch (dev->bus) {
	case VDISC_BUS_DT:
		vdisc_bus_device_init(bdev, VDISC_BUS_KIND_DT, dev->path);
		break;
	case VDISC_BUS_PCI:
		if (!dev->pci)
			return -VDISC_EINVAL;
		vdisc_bus_device_init(bdev, VDISC_BUS_KIND_PCI, dev->path);
		bdev->pci = dev->pci;
		bdev->virtio_type = virtio_pci_type_(dev->pci);
		break;
	default:
		return -VDISC_EINVAL;
	}
	bdev->dev = dev;
	bdev->compatible = dev->compatible;
	return 0;
}

/* Where @s stands in the device's compatible list: the rank of a DT match. */
static bool compatible_rank_(const struct vdisc_bus_device *bdev, const char *s, uint32_t *rank)
{
	uint32_t i;

	for (i = 0; i < bdev->compatible.count; i++) {
		if (strcmp(bdev->compatible.items[i], s) == 0) {
			*rank = i;
			return true;
		}
	}
	return false;
}

/* As Linux's pci_match_one_device, without the subsystem ids. */
static bool pci_matches_(const struct vdisc_match *m, const struct vdisc_pci_function *fn)
{
	return (m->vendor == VDISC_PCI_ANY_ID || m->vendor == fn->vendor_id) &&
	       (m->device == VDISC_PCI_ANY_ID || m->device == fn->device_id) &&
	       (fn->class_code & m->class_mask) == m->class_code;
}

/* Whether @m matches @bdev; *@rank orders matches, 0 best (only DT entries rank lower). */
static bool entry_matches_(const struct vdisc_match *m, const struct vdisc_bus_device *bdev,
			   uint32_t *rank)
{
	*rank = 0;
	if (m->kind != VDISC_BUS_KIND_NONE && m->kind != bdev->kind)
		return false;
	switch (m->type) {
	case VDISC_MATCH_DT:
		return m->compatible && compatible_rank_(bdev, m->compatible, rank);
	case VDISC_MATCH_PCI:
		return bdev->pci && pci_matches_(m, bdev->pci);
	case VDISC_MATCH_VIRTIO:
		return bdev->virtio_type != 0 && (m->virtio_type == VDISC_VIRTIO_ANY_TYPE ||
						  m->virtio_type == bdev->virtio_type);
	default:
		return false;
	}
}

const struct vdisc_match *vdisc_registry_match(const struct vdisc_driver *drv,
					       const struct vdisc_bus_device *bdev)
{
	const struct vdisc_match *m, *best = NULL;
	uint32_t rank, best_rank = 0;

	if (!drv || !bdev || !drv->matches)
		return NULL;
	for (m = drv->matches; m->type != VDISC_MATCH_END; m++) {
		if (!entry_matches_(m, bdev, &rank))
			continue;
		/* The device's first compatible is its most specific (devicetree spec 2.3.1). */
		if (!best || rank < best_rank) {
			best = m;
			best_rank = rank;
		}
		if (best_rank == 0)
			break;
	}
	return best;
}

static bool kind_valid_(enum vdisc_bus_kind kind)
{
	return (unsigned)kind <= VDISC_BUS_KIND_VIRTIO;
}

static bool entry_valid_(const struct vdisc_match *m)
{
	if (!kind_valid_(m->kind))
		return false;
	switch (m->type) {
	case VDISC_MATCH_DT:
		return m->compatible != NULL;
	case VDISC_MATCH_PCI:
		/* Vendor 0 is nobody's: an id left zero where VDISC_PCI_ANY_ID was meant. */
		return m->vendor != 0 && (m->class_code & ~m->class_mask) == 0;
	case VDISC_MATCH_VIRTIO:
		return m->virtio_type != 0; /* 0 is reserved (virtio 1.3, 5) */
	default:
		return false;
	}
}

static bool driver_valid_(const struct vdisc_driver *drv)
{
	const struct vdisc_match *m;

	if (!drv->name || !drv->probe || !drv->matches || drv->matches->type == VDISC_MATCH_END)
		return false;
	for (m = drv->matches; m->type != VDISC_MATCH_END; m++)
		if (!entry_valid_(m))
			return false;
	return true;
}

static bool device_valid_(const struct vdisc_bus_device *bdev)
{
	uint32_t i;

	if (bdev->kind == VDISC_BUS_KIND_NONE || !kind_valid_(bdev->kind))
		return false;
	if (bdev->compatible.count && !bdev->compatible.items)
		return false;
	for (i = 0; i < bdev->compatible.count; i++)
		if (!bdev->compatible.items[i])
			return false;
	return true;
}

/* The first device (driver) registered after number @after, or NULL. */
static struct vdisc_bus_device *next_device_(const struct vdisc_registry *reg, uint64_t after)
{
	struct vdisc_bus_device *d = reg->devices_;

	while (d && d->seq_ <= after)
		d = d->next_;
	return d;
}

static struct vdisc_driver *next_driver_(const struct vdisc_registry *reg, uint64_t after)
{
	struct vdisc_driver *d = reg->drivers_;

	while (d && d->seq_ <= after)
		d = d->next_;
	return d;
}

/* Run one probe; true when it bound. */
static bool probe_(struct vdisc_registry *reg, const struct vdisc_driver *drv,
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
static int device_pass_(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	const struct vdisc_match *m;
	struct vdisc_driver *drv;
	uint64_t at = 0;

	while (!bdev->driver && (drv = next_driver_(reg, at)) && drv->seq_ < bdev->seq_) {
		at = drv->seq_;
		m = vdisc_registry_match(drv, bdev);
		if (m && probe_(reg, drv, bdev, m))
			return 1;
	}
	return 0;
}

/* A newly registered driver against the unbound devices registered before it. */
static int driver_pass_(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	const struct vdisc_match *m;
	struct vdisc_bus_device *bdev;
	uint64_t at = 0;
	int bound = 0;

	while ((bdev = next_device_(reg, at)) && bdev->seq_ < drv->seq_) {
		at = bdev->seq_;
		if (bdev->driver)
			continue;
		m = vdisc_registry_match(drv, bdev);
		if (m && probe_(reg, drv, bdev, m))
			bound++;
	}
	return bound;
}

/* Work through the queued registrations in number order, including those the probes add. */
static int drain_(struct vdisc_registry *reg)
{
	struct vdisc_bus_device *bdev;
	struct vdisc_driver *drv;
	int bound = 0;

	for (;;) {
		bdev = next_device_(reg, reg->done_seq_);
		drv = next_driver_(reg, reg->done_seq_);
		if (bdev && (!drv || bdev->seq_ < drv->seq_)) {
			reg->done_seq_ = bdev->seq_;
			bound += device_pass_(reg, bdev);
		} else if (drv) {
			reg->done_seq_ = drv->seq_;
			bound += driver_pass_(reg, drv);
		} else {
			break;
		}
	}
	/* Queued entries removed before their turn leave numbers nothing holds. */
	reg->done_seq_ = reg->last_seq_;
	return bound;
}

/* Callbacks run between enter_ and leave_; only the outermost call drains the queue. */
static bool enter_(struct vdisc_registry *reg)
{
	bool outer = !reg->busy_;

	reg->busy_ = true;
	return outer;
}

static int leave_(struct vdisc_registry *reg, bool outer)
{
	int bound = 0;

	if (outer) {
		bound = drain_(reg);
		reg->busy_ = false;
	}
	return bound;
}

static bool device_listed_(const struct vdisc_registry *reg, const struct vdisc_bus_device *bdev)
{
	const struct vdisc_bus_device *d;

	for (d = reg->devices_; d; d = d->next_)
		if (d == bdev)
			return true;
	return false;
}

static bool driver_listed_(const struct vdisc_registry *reg, const struct vdisc_driver *drv)
{
	const struct vdisc_driver *d;

	for (d = reg->drivers_; d; d = d->next_)
		if (d == drv)
			return true;
	return false;
}

int vdisc_registry_add_driver(struct vdisc_registry *reg, struct vdisc_driver *drv)
{
	if (!reg || !drv || !driver_valid_(drv))
		return -VDISC_EINVAL;
	if (driver_listed_(reg, drv))
		return -VDISC_EDUPLICATE;
	drv->next_ = NULL;
	drv->seq_ = ++reg->last_seq_;
	if (reg->drivers_tail_)
		reg->drivers_tail_->next_ = drv;
	else
		reg->drivers_ = drv;
	reg->drivers_tail_ = drv;
	reg->ndrivers++;
	return leave_(reg, enter_(reg));
}

int vdisc_registry_add_device(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
{
	if (!reg || !bdev || !device_valid_(bdev))
		return -VDISC_EINVAL;
	if (device_listed_(reg, bdev))
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
	return leave_(reg, enter_(reg));
}

static void unlink_device_(struct vdisc_registry *reg, struct vdisc_bus_device *bdev)
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

static void unbind_(struct vdisc_bus_device *bdev)
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
	if (!device_listed_(reg, bdev))
		return -VDISC_ENOTFOUND;
	if (bdev == reg->probing_dev_)
		return -VDISC_EPERM;
	outer = enter_(reg);
	unlink_device_(reg, bdev);
	unbind_(bdev);
	leave_(reg, outer);
	return 0;
}

static void unlink_driver_(struct vdisc_registry *reg, struct vdisc_driver *drv)
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
	if (!driver_listed_(reg, drv))
		return -VDISC_ENOTFOUND;
	if (drv == reg->probing_drv_)
		return -VDISC_EPERM;
	outer = enter_(reg);
	unlink_driver_(reg, drv);
	while ((bdev = next_device_(reg, at))) {
		at = bdev->seq_;
		if (bdev->driver == drv)
			unbind_(bdev);
	}
	leave_(reg, outer);
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
	while ((bdev = next_device_(reg, at))) {
		at = bdev->seq_;
		ret = fn(bdev, arg);
		if (ret)
			return ret;
	}
	return 0;
}
