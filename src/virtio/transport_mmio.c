/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include "config_mmio.h"

#include <vdisc/error.h>
#include <vdisc/platform.h>
#include <vdisc/virtio.h>
#include <vdisc/virtio_transport.h>

/*
 * The virtio-mmio transport (virtio 1.3, 4.2), version 2 and the legacy
 * version 1 (4.2.4).  Control registers are touched only with 32-bit
 * aligned accesses (4.2.2.2), write-only ones are never read and read-only
 * ones never written; device configuration at 0x100 takes the field's own
 * width (modern) or bytes (legacy).
 */

#define MMIO_MODERN_FEATURE_WORDS_ 2 /* DeviceFeaturesSel 0 and 1: bits 0..63 */

static uint32_t vm_rd_(const struct vdisc_virtio_mmio_transport *t, uint32_t reg)
{
	return t->platform->mmio_read32(t->platform->ctx, t->base + reg);
}

static void vm_wr_(const struct vdisc_virtio_mmio_transport *t, uint32_t reg, uint32_t value)
{
	t->platform->mmio_write32(t->platform->ctx, t->base + reg, value);
}

static int vm_get_status_(struct vdisc_virtio_dev *dev, uint8_t *status)
{
	*status = (uint8_t)vm_rd_(dev->transport, VDISC_VIRTIO_MMIO_STATUS);
	return 0;
}

static int vm_set_status_(struct vdisc_virtio_dev *dev, uint8_t status)
{
	vm_wr_(dev->transport, VDISC_VIRTIO_MMIO_STATUS, status);
	return 0;
}

static int vm_get_features_(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *f)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	uint32_t sel, words = t->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY
				      ? 1
				      : MMIO_MODERN_FEATURE_WORDS_;

	memset(f, 0, sizeof(*f));
	for (sel = 0; sel < words; sel++) {
		vm_wr_(t, VDISC_VIRTIO_MMIO_DEVICE_FEATURES_SEL, sel);
		f->word[sel] = vm_rd_(t, VDISC_VIRTIO_MMIO_DEVICE_FEATURES);
	}
	f->nwords = (uint8_t)words;
	return 0;
}

static int vm_set_features_(struct vdisc_virtio_dev *dev, const struct vdisc_virtio_features *f)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	uint32_t sel, words = t->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY
				      ? 1
				      : MMIO_MODERN_FEATURE_WORDS_;

	/* Bits the transport cannot carry must not be silently dropped. */
	for (sel = words; sel < f->nwords && sel < VDISC_VIRTIO_FEATURE_WORDS; sel++)
		if (f->word[sel] != 0)
			return -VDISC_EINVAL;
	for (sel = 0; sel < words; sel++) {
		vm_wr_(t, VDISC_VIRTIO_MMIO_DRIVER_FEATURES_SEL, sel);
		vm_wr_(t, VDISC_VIRTIO_MMIO_DRIVER_FEATURES, sel < f->nwords ? f->word[sel] : 0);
	}
	return 0;
}

/* Width 1, 2, 4 or 8 inside the configuration; natural alignment only for modern. */
static bool vm_config_ok_(const struct vdisc_virtio_mmio_transport *t, uint16_t offset,
			  unsigned width)
{
	if (width != 1 && width != 2 && width != 4 && width != 8)
		return false;
	if (t->version != VDISC_VIRTIO_MMIO_VERSION_LEGACY &&
	    offset % (width == 8 ? 4 : width) != 0)
		return false;
	if ((uint32_t)offset + width > t->config_size)
		return false;
	/* A caller may have raised config_size: the window must not wrap. */
	return t->base + VDISC_VIRTIO_MMIO_CONFIG + t->config_size - 1 >= t->base;
}

/* Legacy configuration is guest-endian: bytes in, the CPU's own order out (4.2.4). */
static void vm_legacy_config_read_(const struct vdisc_virtio_mmio_transport *t, uint64_t addr,
				   unsigned width, uint64_t *value)
{
	uint8_t b[8];
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	unsigned i;

	for (i = 0; i < width; i++)
		b[i] = t->platform->mmio_read8(t->platform->ctx, addr + i);
	switch (width) {
	case 1:
		memcpy(&v8, b, 1);
		*value = v8;
		break;
	case 2:
		memcpy(&v16, b, 2);
		*value = v16;
		break;
	case 4:
		memcpy(&v32, b, 4);
		*value = v32;
		break;
	default:
		memcpy(value, b, 8);
		break;
	}
}

static void vm_legacy_config_write_(const struct vdisc_virtio_mmio_transport *t, uint64_t addr,
				    unsigned width, uint64_t value)
{
	uint8_t b[8];
	uint8_t v8 = (uint8_t)value;
	uint16_t v16 = (uint16_t)value;
	uint32_t v32 = (uint32_t)value;
	unsigned i;

	if (width == 1)
		memcpy(b, &v8, 1);
	else if (width == 2)
		memcpy(b, &v16, 2);
	else if (width == 4)
		memcpy(b, &v32, 4);
	else
		memcpy(b, &value, 8);
	for (i = 0; i < width; i++)
		t->platform->mmio_write8(t->platform->ctx, addr + i, b[i]);
}

static int vm_config_read_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			   uint64_t *value)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	const struct vdisc_platform *p = t->platform;
	uint64_t addr = t->base + VDISC_VIRTIO_MMIO_CONFIG + offset;

	if (!vm_config_ok_(t, offset, width))
		return -VDISC_EINVAL;
	if (t->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY) {
		vm_legacy_config_read_(t, addr, width, value);
		return 0;
	}
	*value = vdisc_config_mmio_read_(p, addr, width);
	return 0;
}

static int vm_config_write_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			    uint64_t value)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	const struct vdisc_platform *p = t->platform;
	uint64_t addr = t->base + VDISC_VIRTIO_MMIO_CONFIG + offset;

	if (!vm_config_ok_(t, offset, width))
		return -VDISC_EINVAL;
	if (t->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY) {
		vm_legacy_config_write_(t, addr, width, value);
		return 0;
	}
	vdisc_config_mmio_write_(p, addr, width, value);
	return 0;
}

static int vm_config_generation_(struct vdisc_virtio_dev *dev, uint32_t *generation)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;

	/* Version 1 has no ConfigGeneration register (4.2.4): never read 0xfc there. */
	*generation = t->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY
			      ? 0
			      : vm_rd_(t, VDISC_VIRTIO_MMIO_CONFIG_GENERATION);
	return 0;
}

/* QueueSizeMax of the selected queue, bounded by what a split ring can be. */
static uint16_t vm_read_max_(const struct vdisc_virtio_mmio_transport *t)
{
	uint32_t max = vm_rd_(t, VDISC_VIRTIO_MMIO_QUEUE_NUM_MAX);

	return (uint16_t)(max > VDISC_VIRTIO_QUEUE_SIZE_MAX ? VDISC_VIRTIO_QUEUE_SIZE_MAX : max);
}

static int vm_queue_max_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;

	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_SEL, index);
	*max = vm_read_max_(t);
	return 0;
}

/* A size the device can take: a power of 2 up to its maximum (2.7). */
static int vm_check_size_(uint16_t max, uint16_t size)
{
	if (max == 0)
		return -VDISC_ENOTFOUND;
	if (size == 0 || size > max || (size & (size - 1)) != 0)
		return -VDISC_EINVAL;
	return 0;
}

static void vm_write64_(const struct vdisc_virtio_mmio_transport *t, uint32_t reg, uint64_t value)
{
	vm_wr_(t, reg, (uint32_t)value);
	vm_wr_(t, reg + 4, (uint32_t)(value >> 32));
}

/* 4.2.3.2, in its order: select, check unused, size, the three areas, ready. */
static int vm_queue_setup_v2_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			      uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	int err;

	if (desc % VDISC_VIRTQ_DESC_ALIGN != 0 || avail % VDISC_VIRTQ_AVAIL_ALIGN != 0 ||
	    used % VDISC_VIRTQ_USED_ALIGN != 0)
		return -VDISC_EINVAL;
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_SEL, index);
	if (vm_rd_(t, VDISC_VIRTIO_MMIO_QUEUE_READY) != 0)
		return -VDISC_EIO;
	err = vm_check_size_(vm_read_max_(t), size);
	if (err)
		return err;
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_NUM, size);
	vm_write64_(t, VDISC_VIRTIO_MMIO_QUEUE_DESC_LOW, desc);
	vm_write64_(t, VDISC_VIRTIO_MMIO_QUEUE_DRIVER_LOW, avail);
	vm_write64_(t, VDISC_VIRTIO_MMIO_QUEUE_DEVICE_LOW, used);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_READY, 1);
	return 0;
}

/* 4.2.4: page size first, then select, check unused, size, alignment, page number. */
static int vm_queue_setup_v1_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			      uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	uint32_t pfn;
	int err;

	err = vdisc_virtio_legacy_pfn(size, desc, avail, used, &pfn);
	if (err)
		return err;
	/* Before any queue is used; written for every queue so the order cannot matter. */
	vm_wr_(t, VDISC_VIRTIO_MMIO_GUEST_PAGE_SIZE, VDISC_VIRTIO_LEGACY_ALIGN);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_SEL, index);
	if (vm_rd_(t, VDISC_VIRTIO_MMIO_QUEUE_PFN) != 0)
		return -VDISC_EIO;
	err = vm_check_size_(vm_read_max_(t), size);
	if (err)
		return err;
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_NUM, size);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_ALIGN, VDISC_VIRTIO_LEGACY_ALIGN);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_PFN, pfn);
	return 0;
}

static int vm_queue_notify_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	vm_wr_(dev->transport, VDISC_VIRTIO_MMIO_QUEUE_NOTIFY, index);
	return 0;
}

/* Ready 0, then read it back: the device has stopped once it reads 0 (4.2.2.2). */
static int vm_queue_disable_v2_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;

	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_SEL, index);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_READY, 0);
	return vm_rd_(t, VDISC_VIRTIO_MMIO_QUEUE_READY) == 0 ? 0 : -VDISC_EIO;
}

static int vm_queue_disable_v1_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;

	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_SEL, index);
	vm_wr_(t, VDISC_VIRTIO_MMIO_QUEUE_PFN, 0);
	return 0;
}

/*
 * InterruptStatus, then the same bits to InterruptACK (4.2.2), which lowers the
 * line.  Every bit read is acknowledged, a future one too: one left set would keep a
 * level-triggered line asserted for ever.
 */
static int vm_isr_ack_(struct vdisc_virtio_dev *dev, uint8_t *isr)
{
	struct vdisc_virtio_mmio_transport *t = dev->transport;
	uint32_t v = vm_rd_(t, VDISC_VIRTIO_MMIO_INTERRUPT_STATUS);

	if (v)
		vm_wr_(t, VDISC_VIRTIO_MMIO_INTERRUPT_ACK, v);
	*isr = (uint8_t)v;
	return 0;
}

static const struct vdisc_virtio_transport_ops mmio_v2_ops_ = {
	.name = "mmio-v2",
	.get_status = vm_get_status_,
	.set_status = vm_set_status_,
	.get_features = vm_get_features_,
	.set_features = vm_set_features_,
	.config_read = vm_config_read_,
	.config_write = vm_config_write_,
	.config_generation = vm_config_generation_,
	.queue_max = vm_queue_max_,
	.queue_setup = vm_queue_setup_v2_,
	.queue_notify = vm_queue_notify_,
	.queue_disable = vm_queue_disable_v2_,
	.isr_ack = vm_isr_ack_,
	.legacy = false,
	.legacy_align = 0,
};

static const struct vdisc_virtio_transport_ops mmio_v1_ops_ = {
	.name = "mmio-v1",
	.get_status = vm_get_status_,
	.set_status = vm_set_status_,
	.get_features = vm_get_features_,
	.set_features = vm_set_features_,
	.config_read = vm_config_read_,
	.config_write = vm_config_write_,
	.config_generation = vm_config_generation_,
	.queue_max = vm_queue_max_,
	.queue_setup = vm_queue_setup_v1_,
	.queue_notify = vm_queue_notify_,
	.queue_disable = vm_queue_disable_v1_,
	.isr_ack = vm_isr_ack_,
	.legacy = true,
	.legacy_align = VDISC_VIRTIO_LEGACY_ALIGN,
};

int vdisc_virtio_legacy_pfn(uint16_t size, uint64_t desc, uint64_t avail, uint64_t used,
			    uint32_t *pfn)
{
	const uint64_t align = VDISC_VIRTIO_LEGACY_ALIGN;
	uint64_t avail_end;

	if (!pfn || size == 0 || desc % align != 0)
		return -VDISC_EINVAL;
	if (desc / align > UINT32_MAX)
		return -VDISC_ERANGE;
	/* 2.7, legacy layout: descriptors, then flags, idx, ring[size], used_event. */
	if (avail != desc + 16u * (uint64_t)size)
		return -VDISC_EINVAL;
	avail_end = avail + 2u * (3u + (uint64_t)size);
	if (used != (avail_end + align - 1) / align * align)
		return -VDISC_EINVAL;
	*pfn = (uint32_t)(desc / align);
	return 0;
}

static bool vm_hooks_ok_(const struct vdisc_platform *p)
{
	return p->mmio_read8 && p->mmio_read16 && p->mmio_read32 && p->mmio_write8 &&
	       p->mmio_write16 && p->mmio_write32;
}

int vdisc_virtio_mmio_transport_init(struct vdisc_virtio_mmio_transport *t,
				     const struct vdisc_platform *p, uint64_t base,
				     struct vdisc_virtio_dev *dev)
{
	struct vdisc_virtio_mmio_info info;
	int err;

	if (!t || !p || !dev)
		return -VDISC_EINVAL;
	if (!vm_hooks_ok_(p))
		return -VDISC_ENOTSUP;
	if (base > UINT64_MAX - (VDISC_VIRTIO_MMIO_SIZE - 1))
		return -VDISC_EINVAL;
	/* The probe reads magic, version and device id, and stops at a placeholder. */
	err = vdisc_virtio_mmio_probe(p, base, false, &info);
	if (err)
		return err;
	if (info.placeholder)
		return -VDISC_ENOTFOUND;
	memset(t, 0, sizeof(*t));
	t->platform = p;
	t->base = base;
	t->version = info.version;
	t->config_size = VDISC_VIRTIO_MMIO_SIZE - VDISC_VIRTIO_MMIO_CONFIG;
	memset(dev, 0, sizeof(*dev));
	dev->ops = info.version == VDISC_VIRTIO_MMIO_VERSION_LEGACY ? &mmio_v1_ops_ : &mmio_v2_ops_;
	dev->transport = t;
	dev->platform = p;
	dev->device_type = info.device_id;
	return 0;
}
