/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>
#include <vdisc/platform.h>
#include <vdisc/virtio.h>
#include <vdisc/virtio_transport.h>

/*
 * The legacy virtio-pci transport (virtio 1.3, 4.1.4.8): the header at
 * the start of I/O BAR 0, through the platform's port hooks.  Only feature
 * bits 0..31 exist here; rings are one page-aligned area given by page
 * number; the queue size is the device's, not negotiated (4.1.5.1.1.1).
 */

#define PORT_SPACE_ 0x10000u

static int vpl_rd_(const struct vdisc_virtio_pci_legacy_transport *t, uint16_t reg, unsigned width,
		   uint32_t *value)
{
	return t->platform->pio_read(t->platform->ctx, (uint16_t)(t->io_base + reg), width, value);
}

static int vpl_wr_(const struct vdisc_virtio_pci_legacy_transport *t, uint16_t reg, unsigned width,
		   uint32_t value)
{
	return t->platform->pio_write(t->platform->ctx, (uint16_t)(t->io_base + reg), width, value);
}

static int vpl_get_status_(struct vdisc_virtio_dev *dev, uint8_t *status)
{
	uint32_t v = 0;
	int err = vpl_rd_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_STATUS, 1, &v);

	*status = (uint8_t)v;
	return err;
}

static int vpl_set_status_(struct vdisc_virtio_dev *dev, uint8_t status)
{
	return vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_STATUS, 1, status);
}

static int vpl_get_features_(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *f)
{
	memset(f, 0, sizeof(*f));
	f->nwords = 1;
	return vpl_rd_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_HOST_FEATURES, 4, &f->word[0]);
}

/* Bits 32 and up cannot be accepted here: refused rather than dropped. */
static int vpl_set_features_(struct vdisc_virtio_dev *dev, const struct vdisc_virtio_features *f)
{
	unsigned i;

	for (i = 1; i < f->nwords && i < VDISC_VIRTIO_FEATURE_WORDS; i++)
		if (f->word[i] != 0)
			return -VDISC_EINVAL;
	return vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_GUEST_FEATURES, 4,
		       f->nwords ? f->word[0] : 0);
}

/*
 * Whether MSI-X is on now: live from Message Control where the embedder gave
 * configuration access, else the snapshot or the embedder's own vectors.
 */
static int vpl_msix_on_(const struct vdisc_virtio_dev *dev, bool *on)
{
	const struct vdisc_virtio_pci_legacy_transport *t = dev->transport;
	const struct vdisc_pci_ops *ops = t->pci_ops;
	uint32_t flags = 0;
	int err;

	if (ops && ops->read && t->msix_cap) {
		err = ops->read(ops->ctx, t->addr, (uint16_t)(t->msix_cap + VDISC_PCI_MSIX_FLAGS),
				2, &flags);
		*on = err == 0 && (flags & VDISC_PCI_MSIX_FLAGS_ENABLE);
		return err;
	}
	*on = t->msix_snapshot || dev->config_vector != VDISC_VIRTIO_MSI_NO_VECTOR ||
	      dev->queue_vector != VDISC_VIRTIO_MSI_NO_VECTOR;
	return 0;
}

/* The device configuration's port offset in BAR 0, checked against the access. */
static int vpl_config_check_(const struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			     uint16_t *base)
{
	const struct vdisc_virtio_pci_legacy_transport *t = dev->transport;
	uint32_t room = t->config_size;
	bool msix = false;
	int err;

	if (width != 1 && width != 2 && width != 4 && width != 8)
		return -VDISC_EINVAL;
	err = vpl_msix_on_(dev, &msix);
	if (err)
		return err;
	*base = msix ? VDISC_VIRTIO_PCI_LEGACY_CONFIG_MSIX : VDISC_VIRTIO_PCI_LEGACY_CONFIG;
	if (msix) /* the two vectors take 4 bytes of what was configuration */
		room = room > 4 ? room - 4 : 0;
	return (uint32_t)offset + width <= room ? 0 : -VDISC_EINVAL;
}

/*
 * Bytewise, as the legacy interface allows any width (4.1.4.8); the field
 * is in the guest's byte order, so the bytes are the value in memory.
 */
static int vpl_config_read_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			    uint64_t *value)
{
	struct vdisc_virtio_pci_legacy_transport *t = dev->transport;
	uint8_t b[8];
	uint16_t v16;
	uint32_t v, v32;
	uint16_t base = 0;
	unsigned i;
	int err = vpl_config_check_(dev, offset, width, &base);

	for (i = 0; !err && i < width; i++) {
		err = vpl_rd_(t, (uint16_t)(base + offset + i), 1, &v);
		b[i] = (uint8_t)v;
	}
	if (err)
		return err;
	if (width == 1) {
		*value = b[0];
	} else if (width == 2) {
		memcpy(&v16, b, 2);
		*value = v16;
	} else if (width == 4) {
		memcpy(&v32, b, 4);
		*value = v32;
	} else {
		memcpy(value, b, 8);
	}
	return 0;
}

static int vpl_config_write_(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			     uint64_t value)
{
	struct vdisc_virtio_pci_legacy_transport *t = dev->transport;
	uint8_t b[8];
	uint16_t v16 = (uint16_t)value;
	uint32_t v32 = (uint32_t)value;
	uint16_t base = 0;
	unsigned i;
	int err = vpl_config_check_(dev, offset, width, &base);

	if (err)
		return err;
	if (width == 1)
		b[0] = (uint8_t)value;
	else if (width == 2)
		memcpy(b, &v16, 2);
	else if (width == 4)
		memcpy(b, &v32, 4);
	else
		memcpy(b, &value, 8);
	for (i = 0; !err && i < width; i++)
		err = vpl_wr_(t, (uint16_t)(base + offset + i), 1, b[i]);
	return err;
}

/* Legacy devices have no generation counter (4.1.4.8): callers read twice. */
static int vpl_config_generation_(struct vdisc_virtio_dev *dev, uint32_t *generation)
{
	(void)dev;
	*generation = 0;
	return 0;
}

static int vpl_queue_max_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max)
{
	uint32_t size = 0;
	int err = vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_SELECT, 2, index);

	if (!err)
		err = vpl_rd_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_SIZE, 2, &size);
	*max = err ? 0
		   : (uint16_t)(size > VDISC_VIRTIO_QUEUE_SIZE_MAX ? VDISC_VIRTIO_QUEUE_SIZE_MAX
								   : size);
	return err;
}

/* Write a legacy MSI-X vector register and read it back (NO_VECTOR: the device refused). */
static int vpl_set_vector_(const struct vdisc_virtio_pci_legacy_transport *t, uint16_t reg,
			   uint16_t vector)
{
	uint32_t back = 0;
	int err = vpl_wr_(t, reg, 2, vector);

	if (!err)
		err = vpl_rd_(t, reg, 2, &back);
	if (!err && vector != VDISC_VIRTIO_MSI_NO_VECTOR && back == VDISC_VIRTIO_MSI_NO_VECTOR)
		err = -VDISC_EIO;
	return err;
}

/*
 * The vectors of the selected queue and of configuration changes.  The
 * registers exist only while MSI-X is on (4.1.4.8): a real vector with MSI-X
 * off cannot be given to the device.
 */
static int vpl_vectors_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	uint32_t qv = (uint32_t)dev->queue_vector + index;
	bool msix = false;
	int err = vpl_msix_on_(dev, &msix);

	if (dev->queue_vector == VDISC_VIRTIO_MSI_NO_VECTOR || qv >= VDISC_VIRTIO_MSI_NO_VECTOR)
		qv = VDISC_VIRTIO_MSI_NO_VECTOR;
	if (err || !msix)
		return err ? err
			   : (dev->config_vector == VDISC_VIRTIO_MSI_NO_VECTOR &&
					      qv == VDISC_VIRTIO_MSI_NO_VECTOR
				      ? 0
				      : -VDISC_EINVAL);
	err = vpl_set_vector_(dev->transport, VDISC_VIRTIO_MSI_CONFIG_VECTOR, dev->config_vector);
	return err ? err
		   : vpl_set_vector_(dev->transport, VDISC_VIRTIO_MSI_QUEUE_VECTOR, (uint16_t)qv);
}

static int vpl_queue_setup_(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			    uint64_t desc, uint64_t avail, uint64_t used)
{
	uint32_t pfn, in_use = 0;
	uint16_t max;
	int err;

	err = vdisc_virtio_legacy_pfn(size, desc, avail, used, &pfn);
	if (!err)
		err = vpl_queue_max_(dev, index, &max); /* selects the queue */
	if (err)
		return err;
	if (max == 0)
		return -VDISC_ENOTFOUND;
	/* The legacy interface cannot shrink a queue: the size is the device's. */
	if (size != max)
		return -VDISC_EINVAL;
	err = vpl_rd_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_PFN, 4, &in_use);
	if (err)
		return err;
	if (in_use != 0)
		return -VDISC_EIO;
	err = vpl_vectors_(dev, index); /* the queue is selected */
	return err ? err : vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_PFN, 4, pfn);
}

static int vpl_queue_notify_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	return vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_NOTIFY, 2, index);
}

/* Page number 0 stops the queue (the legacy interface allows it). */
static int vpl_queue_disable_(struct vdisc_virtio_dev *dev, uint16_t index)
{
	int err = vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_SELECT, 2, index);

	return err ? err : vpl_wr_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_QUEUE_PFN, 4, 0);
}

/* Reading the ISR register clears it and deasserts INTx (4.1.4.5, 4.1.4.8). */
static int vpl_isr_ack_(struct vdisc_virtio_dev *dev, uint8_t *isr)
{
	uint32_t v = 0;
	int err = vpl_rd_(dev->transport, VDISC_VIRTIO_PCI_LEGACY_ISR, 1, &v);

	*isr = err ? 0 : (uint8_t)v;
	return err;
}

static const struct vdisc_virtio_transport_ops pci_legacy_ops_ = {
	.name = "pci-legacy",
	.get_status = vpl_get_status_,
	.set_status = vpl_set_status_,
	.get_features = vpl_get_features_,
	.set_features = vpl_set_features_,
	.config_read = vpl_config_read_,
	.config_write = vpl_config_write_,
	.config_generation = vpl_config_generation_,
	.queue_max = vpl_queue_max_,
	.queue_setup = vpl_queue_setup_,
	.queue_notify = vpl_queue_notify_,
	.queue_disable = vpl_queue_disable_,
	.isr_ack = vpl_isr_ack_,
	.legacy = true,
	.legacy_align = VDISC_VIRTIO_LEGACY_ALIGN,
	.fixed_queue_size = true,
};

/* The MSI-X capability (its offset, 0: none) and whether the snapshot shows it enabled. */
static uint16_t vpl_msix_cap_(const struct vdisc_pci_function *fn, bool *enabled)
{
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_msix msix;

	*enabled = false;
	for (cap = fn->caps; cap; cap = cap->next) {
		if (cap->extended || cap->id != VDISC_PCI_CAP_ID_MSIX)
			continue;
		if (vdisc_pci_decode_msix(fn, cap, &msix) == 0)
			*enabled = msix.enabled;
		return cap->offset;
	}
	return 0;
}

static const struct vdisc_pci_bar *vpl_bar0_(const struct vdisc_pci_function *fn)
{
	unsigned i;

	for (i = 0; i < fn->nbars && i < VDISC_ARRAY_SIZE(fn->bars); i++)
		if (fn->bars[i].index == 0 && fn->bars[i].type != VDISC_PCI_BAR_ROM)
			return &fn->bars[i];
	return NULL;
}

int vdisc_virtio_pci_legacy_transport_init(struct vdisc_virtio_pci_legacy_transport *t,
					   const struct vdisc_platform *p,
					   const struct vdisc_pci_function *fn, uint64_t io_base,
					   struct vdisc_virtio_dev *dev)
{
	const struct vdisc_pci_bar *bar;
	struct vdisc_virtio_pci v;
	uint16_t config, cap;
	bool msix;
	int err;

	if (!t || !p || !fn || !dev)
		return -VDISC_EINVAL;
	if (!p->pio_read || !p->pio_write)
		return -VDISC_ENOTSUP;
	err = vdisc_virtio_pci_identify(fn, &v);
	if (err)
		return err;
	if (v.kind == VDISC_VIRTIO_PCI_NONE)
		return -VDISC_ENOTFOUND;
	if (v.kind == VDISC_VIRTIO_PCI_MODERN)
		return -VDISC_ENOTSUP;
	bar = vpl_bar0_(fn);
	cap = vpl_msix_cap_(fn, &msix);
	config = msix ? VDISC_VIRTIO_PCI_LEGACY_CONFIG_MSIX : VDISC_VIRTIO_PCI_LEGACY_CONFIG;
	if (!bar || bar->type != VDISC_PCI_BAR_IO || !bar->has_size || bar->size < config)
		return -VDISC_EINVAL;
	if (io_base == 0 || bar->size > PORT_SPACE_ || io_base > PORT_SPACE_ - bar->size)
		return -VDISC_EINVAL;
	memset(t, 0, sizeof(*t));
	t->platform = p;
	t->io_base = (uint16_t)io_base;
	t->config_offset = config;
	t->config_size = (uint16_t)(bar->size - VDISC_VIRTIO_PCI_LEGACY_CONFIG);
	t->addr = fn->addr;
	t->msix_cap = cap;
	t->msix_snapshot = msix;
	memset(dev, 0, sizeof(*dev));
	dev->ops = &pci_legacy_ops_;
	dev->transport = t;
	dev->platform = p;
	dev->device_type = v.device_type;
	dev->config_vector = VDISC_VIRTIO_MSI_NO_VECTOR;
	dev->queue_vector = VDISC_VIRTIO_MSI_NO_VECTOR;
	return 0;
}
