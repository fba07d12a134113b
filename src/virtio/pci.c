/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio.h>

/*
 * Virtio over PCI (virtio 1.3, 4.1): which kind of function this is, and
 * where its structures live.  Every capability is checked against its BAR
 * where the BAR's size is known: a device is not trusted to point inside.
 */

static const struct vdisc_pci_bar *virtio_pci_find_bar_(const struct vdisc_pci_function *fn,
							uint8_t index)
{
	unsigned i;

	for (i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index == index && fn->bars[i].type != VDISC_PCI_BAR_ROM)
			return &fn->bars[i];
	return NULL;
}

static void virtio_pci_check_in_bar_(const struct vdisc_pci_function *fn,
				     struct vdisc_virtio_pci_cap *c)
{
	const struct vdisc_pci_bar *bar =
		c->bar < VDISC_PCI_MAX_BARS ? virtio_pci_find_bar_(fn, c->bar) : NULL;

	if (!bar) {
		/* No such BAR: the structure cannot be reached at all. */
		c->bar_known = true;
		c->in_bar = false;
		return;
	}
	c->bar_known = bar->has_size;
	c->in_bar =
		!bar->has_size || (c->length <= bar->size && c->offset <= bar->size - c->length);
}

/* One vendor capability; false when it is too short to be a virtio one. */
static bool virtio_pci_decode_cap_(const struct vdisc_pci_function *fn, uint16_t at,
				   struct vdisc_virtio_pci_cap *c)
{
	uint8_t len = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_LEN);

	if (len < VDISC_VIRTIO_PCI_CAP_SIZE || at + (unsigned)len > fn->config_size)
		return false;
	memset(c, 0, sizeof(*c));
	c->cap_offset = at;
	c->cfg_type = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_CFG_TYPE);
	c->bar = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_BAR);
	c->id = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_ID);
	c->offset = vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_OFFSET);
	c->length = vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_LENGTH);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY && len >= VDISC_VIRTIO_PCI_NOTIFY_CAP_SIZE)
		c->notify_off_multiplier =
			vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_NOTIFY_MULT);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY &&
	    len >= VDISC_VIRTIO_PCI_CAP64_SIZE) {
		c->offset |= (uint64_t)vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_OFFSET_HI)
			     << 32;
		c->length |= (uint64_t)vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_LENGTH_HI)
			     << 32;
	}
	/* The PCI configuration access capability names a window, not a BAR region. */
	if (c->cfg_type != VDISC_VIRTIO_PCI_CAP_PCI_CFG)
		virtio_pci_check_in_bar_(fn, c);
	else
		c->in_bar = true;
	return true;
}

uint32_t vdisc_virtio_pci_device_type(uint16_t vendor, uint16_t device, uint16_t subsystem_device)
{
	if (vendor != VDISC_VIRTIO_PCI_VENDOR || device < VDISC_VIRTIO_PCI_LEGACY_BASE ||
	    device > VDISC_VIRTIO_PCI_DEVICE_LAST)
		return 0;
	if (device >= VDISC_VIRTIO_PCI_MODERN_BASE)
		return device - VDISC_VIRTIO_PCI_MODERN_BASE;
	/* Transitional ids name the type in the subsystem device id (4.1.2.3). */
	return subsystem_device;
}

int vdisc_virtio_pci_identify(const struct vdisc_pci_function *fn, struct vdisc_virtio_pci *out)
{
	const struct vdisc_pci_cap *cap;
	bool common = false;

	if (!fn || !out)
		return -VDISC_EINVAL;
	memset(out, 0, sizeof(*out));
	if (fn->vendor_id != VDISC_VIRTIO_PCI_VENDOR ||
	    fn->device_id < VDISC_VIRTIO_PCI_LEGACY_BASE ||
	    fn->device_id > VDISC_VIRTIO_PCI_DEVICE_LAST)
		return 0;
	out->device_type = vdisc_virtio_pci_device_type(fn->vendor_id, fn->device_id,
							fn->has_subsystem ? fn->subsystem_id : 0);
	for (cap = fn->caps; cap; cap = cap->next) {
		struct vdisc_virtio_pci_cap *c;

		if (cap->extended || cap->id != VDISC_PCI_CAP_ID_VNDR)
			continue;
		if (out->ncaps == VDISC_VIRTIO_PCI_MAX_CAPS) {
			out->truncated = true;
			break;
		}
		c = &out->caps[out->ncaps];
		if (!virtio_pci_decode_cap_(fn, cap->offset, c))
			continue;
		common |= c->cfg_type == VDISC_VIRTIO_PCI_CAP_COMMON;
		out->ncaps++;
	}
	if (fn->device_id >= VDISC_VIRTIO_PCI_MODERN_BASE)
		out->kind = VDISC_VIRTIO_PCI_MODERN;
	else
		out->kind = common ? VDISC_VIRTIO_PCI_TRANSITIONAL : VDISC_VIRTIO_PCI_LEGACY;
	return 0;
}
