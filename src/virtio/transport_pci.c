/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include "config_mmio.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>
#include <vdisc/platform.h>
#include <vdisc/virtio.h>
#include <vdisc/virtio_transport.h>

/*
 * The modern virtio-pci transport (virtio 1.3, 4.1.4 and 4.1.5): the
 * common configuration structure, the notification structure and the
 * device configuration, each where its capability says, reached through
 * the platform's MMIO hooks at the BAR addresses the caller assigned.
 * Every field is accessed at its own width (4.1.3.1); 64-bit fields as two
 * 32-bit halves, low first.  MSI-X vectors are the embedder's choice
 * (dev->config_vector, dev->queue_vector), written and read back here; the
 * ISR byte serves a wired line.
 */

#define NOTIFY_WIDTH_ 2		   /* a 16-bit notification (4.1.5.2) */
#define DEVICE_CFG_REACH_ 0x10000u /* config offsets are 16-bit */

static uint8_t vp_rd8_(const struct vdisc_virtio_pci_transport *t, uint32_t reg)
{
	return t->platform->mmio_read8(t->platform->ctx, t->common + reg);
}

static uint16_t vp_rd16_(const struct vdisc_virtio_pci_transport *t, uint32_t reg)
{
	return t->platform->mmio_read16(t->platform->ctx, t->common + reg);
}

static uint32_t vp_rd32_(const struct vdisc_virtio_pci_transport *t, uint32_t reg)
{
	return t->platform->mmio_read32(t->platform->ctx, t->common + reg);
}

static void vp_wr8_(const struct vdisc_virtio_pci_transport *t, uint32_t reg, uint8_t v)
{
	t->platform->mmio_write8(t->platform->ctx, t->common + reg, v);
}

static void vp_wr16_(const struct vdisc_virtio_pci_transport *t, uint32_t reg, uint16_t v)
{
	t->platform->mmio_write16(t->platform->ctx, t->common + reg, v);
}

static void vp_wr32_(const struct vdisc_virtio_pci_transport *t, uint32_t reg, uint32_t v)
{
	t->platform->mmio_write32(t->platform->ctx, t->common + reg, v);
}

static void vp_wr64_(const struct vdisc_virtio_pci_transport *t, uint32_t reg, uint64_t v)
{
	vp_wr32_(t, reg, (uint32_t)v);
	vp_wr32_(t, reg + 4, (uint32_t)(v >> 32));
}

static int vp_get_status_(struct vdisc_virtio_dev *dev, uint8_t *status)
{
	*status = vp_rd8_(dev->transport, VDISC_VIRTIO_PCI_COMMON_STATUS);
	return 0;
}

static int vp_set_status_(struct vdisc_virtio_dev *dev, uint8_t status)
{
	vp_wr8_(dev->transport, VDISC_VIRTIO_PCI_COMMON_STATUS, status);
	return 0;
}

/* All 128 bits the select can reach (4.1.4.3: words past 1 read 0 today). */
static int vp_get_features_(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *f)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	uint32_t sel;

	memset(f, 0, sizeof(*f));
	for (sel = 0; sel < VDISC_VIRTIO_FEATURE_WORDS; sel++) {
		vp_wr32_(t, VDISC_VIRTIO_PCI_COMMON_DFSELECT, sel);
		f->word[sel] = vp_rd32_(t, VDISC_VIRTIO_PCI_COMMON_DF);
	}
	f->nwords = VDISC_VIRTIO_FEATURE_WORDS;
	return 0;
}

/* Every word is written, the unknown ones as 0, so none keeps a stale value. */
static int vp_set_features_(struct vdisc_virtio_dev *dev, const struct vdisc_virtio_features *f)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	uint32_t sel;

	for (sel = 0; sel < VDISC_VIRTIO_FEATURE_WORDS; sel++) {
		vp_wr32_(t, VDISC_VIRTIO_PCI_COMMON_GFSELECT, sel);
		vp_wr32_(t, VDISC_VIRTIO_PCI_COMMON_GF, sel < f->nwords ? f->word[sel] : 0);
	}
	return 0;
}

static int vp_config_check_(const struct vdisc_virtio_pci_transport *t, uint16_t offset,
			    unsigned width)
{
	if (width != 1 && width != 2 && width != 4 && width != 8)
		return -VDISC_EINVAL;
	if (offset % (width == 8 ? 4 : width) != 0)
		return -VDISC_EINVAL;
	if (!t->device)
		return -VDISC_ENOTFOUND;
	return (uint32_t)offset + width <= t->device_len ? 0 : -VDISC_EINVAL;
}

static int vp_config_read_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			   uint64_t *value)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	const struct vdisc_platform *p = t->platform;
	uint64_t addr = t->device + offset;
	int err = vp_config_check_(t, offset, width);

	if (err)
		return err;
	*value = vdisc_config_mmio_read_(p, addr, width);
	return 0;
}

static int vp_config_write_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			    uint64_t value)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	const struct vdisc_platform *p = t->platform;
	uint64_t addr = t->device + offset;
	int err = vp_config_check_(t, offset, width);

	if (err)
		return err;
	vdisc_config_mmio_write_(p, addr, width, value);
	return 0;
}

static int vp_config_generation_(struct vdisc_virtio_dev *dev, uint32_t *generation)
{
	*generation = vp_rd8_(dev->transport, VDISC_VIRTIO_PCI_COMMON_CFGGENERATION);
	return 0;
}

static int vp_queue_max_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	uint16_t size;

	/* Past num_queues there is nothing to select (4.1.4.3). */
	*max = 0;
	if (index >= t->num_queues)
		return 0;
	vp_wr16_(t, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, index);
	size = vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_Q_SIZE);
	*max = (uint16_t)(size > VDISC_VIRTIO_QUEUE_SIZE_MAX ? VDISC_VIRTIO_QUEUE_SIZE_MAX : size);
	return 0;
}

/*
 * The selected queue's notify address: cap.offset + queue_notify_off *
 * notify_off_multiplier (4.1.4.4), and the 2 bytes written there must lie
 * inside the structure.  A device that says otherwise is broken.
 */
static int vp_notify_addr_(const struct vdisc_virtio_pci_transport *t, uint64_t *addr)
{
	uint64_t off =
		(uint64_t)vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_Q_NOFF) * t->notify_off_multiplier;

	if (off > t->notify_len || t->notify_len - off < NOTIFY_WIDTH_)
		return -VDISC_EIO;
	*addr = t->notify + off;
	return 0;
}

/*
 * Write an MSI-X vector register and read it back: a device without room for a
 * vector answers NO_VECTOR (4.1.4.3.1), and would then never interrupt.
 */
static int vp_set_vector_(const struct vdisc_virtio_pci_transport *t, uint32_t reg, uint16_t vector)
{
	vp_wr16_(t, reg, vector);
	if (vector != VDISC_VIRTIO_MSI_NO_VECTOR && vp_rd16_(t, reg) == VDISC_VIRTIO_MSI_NO_VECTOR)
		return -VDISC_EIO;
	return 0;
}

/* Queue @index's vector: queue_vector + index, or none (never past the 16-bit range). */
static uint16_t vp_queue_vector_(const struct vdisc_virtio_dev *dev, uint16_t index)
{
	uint32_t v = (uint32_t)dev->queue_vector + index;

	if (dev->queue_vector == VDISC_VIRTIO_MSI_NO_VECTOR || v >= VDISC_VIRTIO_MSI_NO_VECTOR)
		return VDISC_VIRTIO_MSI_NO_VECTOR;
	return (uint16_t)v;
}

static int vp_queue_setup_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			   uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	uint64_t notify;
	uint16_t max;
	int err;

	if (desc % VDISC_VIRTQ_DESC_ALIGN != 0 || avail % VDISC_VIRTQ_AVAIL_ALIGN != 0 ||
	    used % VDISC_VIRTQ_USED_ALIGN != 0)
		return -VDISC_EINVAL;
	vp_queue_max_(dev, index, &max); /* selects the queue */
	if (max == 0)
		return -VDISC_ENOTFOUND;
	if (size == 0 || size > max || (size & (size - 1)) != 0)
		return -VDISC_EINVAL;
	if (vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_Q_ENABLE) != 0)
		return -VDISC_EIO;
	err = vp_notify_addr_(t, &notify);
	if (err)
		return err;
	/* The vectors before queue_enable (4.1.5.1.3); NO_VECTOR: polled or a wired line. */
	err = vp_set_vector_(t, VDISC_VIRTIO_PCI_COMMON_MSIX, dev->config_vector);
	if (!err)
		err = vp_set_vector_(t, VDISC_VIRTIO_PCI_COMMON_Q_MSIX,
				     vp_queue_vector_(dev, index));
	if (err)
		return err;
	vp_wr16_(t, VDISC_VIRTIO_PCI_COMMON_Q_SIZE, size);
	vp_wr64_(t, VDISC_VIRTIO_PCI_COMMON_Q_DESC, desc);
	vp_wr64_(t, VDISC_VIRTIO_PCI_COMMON_Q_DRIVER, avail);
	vp_wr64_(t, VDISC_VIRTIO_PCI_COMMON_Q_DEVICE, used);
	vp_wr16_(t, VDISC_VIRTIO_PCI_COMMON_Q_ENABLE, 1);
	if (index < VDISC_VIRTIO_PCI_NOTIFY_CACHE)
		t->queue_notify[index] = notify;
	return 0;
}

static int vp_queue_notify_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;
	uint64_t addr;
	int err;

	if (index < VDISC_VIRTIO_PCI_NOTIFY_CACHE) {
		addr = t->queue_notify[index];
		if (!addr)
			return -VDISC_EINVAL; /* not set up */
	} else {
		if (index >= t->num_queues)
			return -VDISC_EINVAL;
		vp_wr16_(t, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, index);
		if (vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_Q_ENABLE) == 0)
			return -VDISC_EINVAL;
		err = vp_notify_addr_(t, &addr);
		if (err)
			return err;
	}
	t->platform->mmio_write16(t->platform->ctx, addr, index);
	return 0;
}

/*
 * A driver must never write 0 to queue_enable (4.1.4.3.2): only a reset
 * stops a modern queue.  So this forgets the queue, and says -VDISC_EPERM
 * when the device still has it enabled: its rings must not be freed yet.
 */
static int vp_queue_disable_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;

	if (index < VDISC_VIRTIO_PCI_NOTIFY_CACHE)
		t->queue_notify[index] = 0;
	if (index >= t->num_queues)
		return 0;
	vp_wr16_(t, VDISC_VIRTIO_PCI_COMMON_Q_SELECT, index);
	return vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_Q_ENABLE) == 0 ? 0 : -VDISC_EPERM;
}

/* Reading the ISR byte clears it and deasserts INTx (4.1.4.5). */
static int vp_isr_ack_(struct vdisc_virtio_dev *dev, uint8_t *isr)
{
	struct vdisc_virtio_pci_transport *t = dev->transport;

	*isr = 0;
	if (!t->isr)
		return -VDISC_ENOTSUP;
	*isr = t->platform->mmio_read8(t->platform->ctx, t->isr);
	return 0;
}

static const struct vdisc_virtio_transport_ops pci_modern_ops_ = {
	.name = "pci-modern",
	.get_status = vp_get_status_,
	.set_status = vp_set_status_,
	.get_features = vp_get_features_,
	.set_features = vp_set_features_,
	.config_read = vp_config_read_,
	.config_write = vp_config_write_,
	.config_generation = vp_config_generation_,
	.queue_max = vp_queue_max_,
	.queue_setup = vp_queue_setup_,
	.queue_notify = vp_queue_notify_,
	.queue_disable = vp_queue_disable_,
	.isr_ack = vp_isr_ack_,
	.legacy = false,
	.legacy_align = 0,
};

static const struct vdisc_pci_bar *vp_find_bar_(const struct vdisc_pci_function *fn, uint8_t index)
{
	unsigned i;

	for (i = 0; i < fn->nbars && i < VDISC_ARRAY_SIZE(fn->bars); i++)
		if (fn->bars[i].index == index && fn->bars[i].type != VDISC_PCI_BAR_ROM)
			return &fn->bars[i];
	return NULL;
}

/*
 * The first capability of @cfg_type we can use (4.1.4.1): a reserved bar
 * value is ignored, and so is an I/O BAR (no port hooks here).  One in a
 * BAR that does not exist is returned, for the region check to refuse.
 */
static const struct vdisc_virtio_pci_cap *
vp_pick_(const struct vdisc_pci_function *fn, const struct vdisc_virtio_pci *v, uint8_t cfg_type)
{
	const struct vdisc_pci_bar *bar;
	unsigned i;

	for (i = 0; i < v->ncaps; i++) {
		if (v->caps[i].cfg_type != cfg_type || v->caps[i].bar >= VDISC_PCI_MAX_BARS)
			continue;
		bar = vp_find_bar_(fn, v->caps[i].bar);
		if (bar && bar->type == VDISC_PCI_BAR_IO)
			continue;
		return &v->caps[i];
	}
	return NULL;
}

/*
 * Where a structure is, once it is known to lie wholly inside a sized,
 * assigned BAR.  @align is a power of 2 (a mask, not a 64-bit division).
 */
static int vp_place_(const struct vdisc_virtio_pci_cap *c, const uint64_t bar_base[],
		     uint64_t min_len, uint32_t align, uint64_t *addr)
{
	uint64_t base = bar_base[c->bar];

	if (!c->in_bar || !c->bar_known || c->length < min_len || (c->offset & (align - 1)) != 0)
		return -VDISC_EINVAL;
	if (base == 0 || c->offset > UINT64_MAX - base || c->length > UINT64_MAX - base - c->offset)
		return -VDISC_EINVAL;
	*addr = base + c->offset;
	return 0;
}

static bool vp_hooks_ok_(const struct vdisc_platform *p)
{
	return p->mmio_read8 && p->mmio_read16 && p->mmio_read32 && p->mmio_write8 &&
	       p->mmio_write16 && p->mmio_write32;
}

/* The four structures, each checked; common and notify are required. */
static int vp_place_all_(struct vdisc_virtio_pci_transport *t, const struct vdisc_pci_function *fn,
			 const struct vdisc_virtio_pci *v, const uint64_t bar_base[])
{
	const struct vdisc_virtio_pci_cap *common = vp_pick_(fn, v, VDISC_VIRTIO_PCI_CAP_COMMON);
	const struct vdisc_virtio_pci_cap *notify = vp_pick_(fn, v, VDISC_VIRTIO_PCI_CAP_NOTIFY);
	const struct vdisc_virtio_pci_cap *isr = vp_pick_(fn, v, VDISC_VIRTIO_PCI_CAP_ISR);
	const struct vdisc_virtio_pci_cap *device = vp_pick_(fn, v, VDISC_VIRTIO_PCI_CAP_DEVICE);
	uint32_t mult;
	int err;

	if (!common || !notify)
		return -VDISC_ENOTSUP;
	/* Alignments and sizes from 4.1.4.3.1, 4.1.4.4.1, 4.1.4.5 and 4.1.4.6.1. */
	err = vp_place_(common, bar_base, VDISC_VIRTIO_PCI_COMMON_LEN_1_0, 4, &t->common);
	if (!err)
		err = vp_place_(notify, bar_base, NOTIFY_WIDTH_, 2, &t->notify);
	if (!err && isr)
		err = vp_place_(isr, bar_base, 1, 1, &t->isr);
	if (!err && device)
		err = vp_place_(device, bar_base, 0, 4, &t->device);
	if (err)
		return err;
	mult = notify->notify_off_multiplier;
	if (mult != 0 && (mult < 2 || (mult & (mult - 1)) != 0))
		return -VDISC_EINVAL;
	t->notify_off_multiplier = mult;
	t->notify_len = notify->length;
	if (device)
		t->device_len = (uint32_t)(device->length < DEVICE_CFG_REACH_ ? device->length
									      : DEVICE_CFG_REACH_);
	return 0;
}

int vdisc_virtio_pci_transport_init(struct vdisc_virtio_pci_transport *t,
				    const struct vdisc_platform *p,
				    const struct vdisc_pci_function *fn,
				    const uint64_t bar_base[VDISC_PCI_MAX_BARS],
				    struct vdisc_virtio_dev *dev)
{
	struct vdisc_virtio_pci v;
	int err;

	if (!t || !p || !fn || !bar_base || !dev)
		return -VDISC_EINVAL;
	if (!vp_hooks_ok_(p))
		return -VDISC_ENOTSUP;
	err = vdisc_virtio_pci_identify(fn, &v);
	if (err)
		return err;
	if (v.kind == VDISC_VIRTIO_PCI_NONE)
		return -VDISC_ENOTFOUND;
	if (v.kind == VDISC_VIRTIO_PCI_LEGACY)
		return -VDISC_ENOTSUP;
	memset(t, 0, sizeof(*t));
	t->platform = p;
	err = vp_place_all_(t, fn, &v, bar_base);
	if (err) {
		memset(t, 0, sizeof(*t));
		return err;
	}
	t->num_queues = vp_rd16_(t, VDISC_VIRTIO_PCI_COMMON_NUMQ);
	memset(dev, 0, sizeof(*dev));
	dev->ops = &pci_modern_ops_;
	dev->transport = t;
	dev->platform = p;
	dev->device_type = v.device_type;
	dev->config_vector = VDISC_VIRTIO_MSI_NO_VECTOR;
	dev->queue_vector = VDISC_VIRTIO_MSI_NO_VECTOR;
	return 0;
}
