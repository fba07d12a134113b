/* SPDX-License-Identifier: MIT */
/*
 * Device initialisation (virtio 1.3, 3.1.1): reset, ACKNOWLEDGE, DRIVER,
 * feature negotiation, FEATURES_OK confirmed by reading it back, and later
 * DRIVER_OK.  Legacy devices (3.1.2) have no FEATURES_OK and no VERSION_1.
 * Every wait is bounded by the platform clock.
 */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio_transport.h>

#define RESET_TIMEOUT_NS_ 1000000000ull

int vdisc_virtio_reset(struct vdisc_virtio_dev *dev)
{
	const struct vdisc_platform *p = dev->platform;
	uint64_t start;
	uint8_t status;
	int err;

	if (!p->now_ns)
		return -VDISC_ENOTSUP; /* no clock, no bounded wait */
	err = dev->ops->set_status(dev, 0);
	if (err < 0)
		return err;
	/* 4.1.4.3.2 / 4.2.2.2: the reset is complete only once status reads back 0. */
	start = p->now_ns(p->ctx);
	for (;;) {
		err = dev->ops->get_status(dev, &status);
		if (err < 0)
			return err;
		if (status == 0)
			return 0;
		if (p->now_ns(p->ctx) - start > RESET_TIMEOUT_NS_)
			return -VDISC_ETIMEDOUT;
	}
}

/* OR @bits into the status register: virtio wants each step to keep the earlier bits. */
static int negotiate_add_status_(struct vdisc_virtio_dev *dev, uint8_t bits)
{
	uint8_t status;
	int err = dev->ops->get_status(dev, &status);

	if (err < 0)
		return err;
	if (status & VDISC_VIRTIO_STATUS_DEVICE_NEEDS_RESET)
		return -VDISC_EIO;
	return dev->ops->set_status(dev, (uint8_t)(status | bits));
}

void vdisc_virtio_fail(struct vdisc_virtio_dev *dev)
{
	uint8_t status = 0;

	if (!dev || !dev->ops)
		return;
	/* 3.1.1: FAILED says the driver gave up; the reset then stops any DMA in flight. */
	if (dev->ops->get_status(dev, &status) < 0)
		status = 0;
	(void)dev->ops->set_status(dev, (uint8_t)(status | VDISC_VIRTIO_STATUS_FAILED));
	if (dev->platform && dev->platform->now_ns)
		(void)vdisc_virtio_reset(dev);
}

static void negotiate_accept_(struct vdisc_virtio_dev *dev,
			      const struct vdisc_virtio_features *supported)
{
	unsigned i, words = dev->offered.nwords;

	if (words > VDISC_VIRTIO_FEATURE_WORDS)
		words = VDISC_VIRTIO_FEATURE_WORDS;
	memset(&dev->accepted, 0, sizeof(dev->accepted));
	for (i = 0; i < words && i < supported->nwords; i++)
		dev->accepted.word[i] = dev->offered.word[i] & supported->word[i];
	dev->accepted.nwords = (uint8_t)words;
	if (dev->ops->legacy) {
		/* A legacy device has 32 feature bits; VERSION_1 does not exist for it. */
		for (i = 1; i < VDISC_VIRTIO_FEATURE_WORDS; i++)
			dev->accepted.word[i] = 0;
		if (dev->accepted.nwords > 1)
			dev->accepted.nwords = 1;
	}
}

static int negotiate_features_(struct vdisc_virtio_dev *dev,
			       const struct vdisc_virtio_features *supported,
			       enum vdisc_virtio_init_step *step)
{
	uint8_t status;
	int err;

	*step = VDISC_VIRTIO_STEP_FEATURES;
	memset(&dev->offered, 0, sizeof(dev->offered));
	err = dev->ops->get_features(dev, &dev->offered);
	if (err < 0)
		return err;
	negotiate_accept_(dev, supported);
	if (!dev->ops->legacy && !vdisc_virtio_has(&dev->accepted, VDISC_VIRTIO_F_VERSION_1))
		return -VDISC_ENOTSUP;
	err = dev->ops->set_features(dev, &dev->accepted);
	if (err < 0)
		return err;
	if (dev->ops->legacy)
		return 0; /* 3.1.2: legacy devices have no FEATURES_OK */

	*step = VDISC_VIRTIO_STEP_FEATURES_OK;
	err = negotiate_add_status_(dev, VDISC_VIRTIO_STATUS_FEATURES_OK);
	if (err < 0)
		return err;
	/* 3.1.1 step 6: the device may refuse the subset by leaving FEATURES_OK clear. */
	err = dev->ops->get_status(dev, &status);
	if (err < 0)
		return err;
	if (!(status & VDISC_VIRTIO_STATUS_FEATURES_OK) ||
	    (status & (VDISC_VIRTIO_STATUS_DEVICE_NEEDS_RESET | VDISC_VIRTIO_STATUS_FAILED)))
		return -VDISC_EIO;
	return 0;
}

int vdisc_virtio_negotiate(struct vdisc_virtio_dev *dev,
			   const struct vdisc_virtio_features *supported,
			   enum vdisc_virtio_init_step *failed_step)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_RESET, ignored;
	int err;

	if (!failed_step)
		failed_step = &ignored;
	*failed_step = VDISC_VIRTIO_STEP_NONE;
	if (!dev || !dev->ops || !dev->platform || !supported)
		return -VDISC_EINVAL;
	if (!dev->platform->now_ns)
		return -VDISC_ENOTSUP; /* no clock: every wait would be unbounded */

	err = vdisc_virtio_reset(dev);
	if (err == 0) {
		step = VDISC_VIRTIO_STEP_ACKNOWLEDGE;
		err = negotiate_add_status_(dev, VDISC_VIRTIO_STATUS_ACKNOWLEDGE);
	}
	if (err == 0) {
		step = VDISC_VIRTIO_STEP_DRIVER;
		err = negotiate_add_status_(dev, VDISC_VIRTIO_STATUS_DRIVER);
	}
	if (err == 0)
		err = negotiate_features_(dev, supported, &step);
	if (err < 0) {
		*failed_step = step;
		vdisc_virtio_fail(dev);
	}
	return err;
}

int vdisc_virtio_driver_ok(struct vdisc_virtio_dev *dev)
{
	uint8_t status;
	int err;

	if (!dev || !dev->ops)
		return -VDISC_EINVAL;
	err = negotiate_add_status_(dev, VDISC_VIRTIO_STATUS_DRIVER_OK);
	if (err == 0)
		err = dev->ops->get_status(dev, &status);
	if (err == 0 && (!(status & VDISC_VIRTIO_STATUS_DRIVER_OK) ||
			 (status & VDISC_VIRTIO_STATUS_DEVICE_NEEDS_RESET)))
		err = -VDISC_EIO;
	if (err < 0)
		vdisc_virtio_fail(dev);
	return err;
}
