/* SPDX-License-Identifier: MIT */
#include "pci_internal.h"

#include <vdisc/virtio_spec.h>

/*
 * The standard capabilities of a register or three: AGP, slot id, debug port,
 * bridge subsystem ids, SATA, advanced features, and the vendor-specific one
 * (which a virtio function fills with the location of its structures).
 */

static bool capsm_has_(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
		       unsigned end)
{
	return cap->offset + end <= fn->config_size;
}

/* AGP 3.0, 2.5.1: queue depths are stored minus one; rates are a bitmap of 1x/2x/4x or 4x/8x. */
int vdisc_pci_decode_agp(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_agp *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_AGP, VDISC_PCI_CAP_SIZEOF);
	uint8_t rev;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	rev = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_AGP_VERSION);
	out->major = rev >> 4;
	out->minor = rev & 0xf;
	if (!capsm_has_(fn, cap, VDISC_PCI_AGP_SIZEOF))
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->status = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_AGP_STATUS);
	out->command = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_AGP_COMMAND);
	/* The AGP3 status bit only means AGP 3.0 mode on a revision 3 interface. */
	out->agp3 = out->major >= 3 && (out->status & VDISC_PCI_AGP_STATUS_AGP3);
	out->status_rq = (uint16_t)(((out->status & VDISC_PCI_AGP_STATUS_RQ_MASK) >>
				     VDISC_PCI_AGP_STATUS_RQ_SHIFT) +
				    1);
	out->command_rq = (uint16_t)(((out->command & VDISC_PCI_AGP_COMMAND_RQ_MASK) >>
				      VDISC_PCI_AGP_STATUS_RQ_SHIFT) +
				     1);
	out->status_rates = out->status & VDISC_PCI_AGP_STATUS_RATE_MASK;
	out->command_rates = out->command & VDISC_PCI_AGP_COMMAND_RATE_MASK;
	return 0;
}

int vdisc_pci_decode_slotid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			    struct vdisc_pci_slotid *out)
{
	int err =
		vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_SLOTID, VDISC_PCI_CAP_SIZEOF);

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	out->esr = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_SID_ESR);
	out->slots = out->esr & VDISC_PCI_SID_ESR_NSLOTS;
	out->first_in_chassis = (out->esr & VDISC_PCI_SID_ESR_FIC) != 0;
	out->chassis = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_SID_CHASSIS_NR);
	return 0;
}

int vdisc_pci_decode_dbg(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			 struct vdisc_pci_dbg *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_DBG, VDISC_PCI_CAP_SIZEOF);
	uint16_t flags;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	flags = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_CAP_FLAGS);
	out->bar = (uint8_t)(flags >> VDISC_PCI_DBG_BAR_SHIFT);
	out->offset = flags & VDISC_PCI_DBG_OFFSET_MASK;
	return 0;
}

int vdisc_pci_decode_ssvid(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			   struct vdisc_pci_ssvid *out)
{
	int err =
		vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_SSVID, VDISC_PCI_CAP_SIZEOF);

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	if (!capsm_has_(fn, cap, VDISC_PCI_SSVID_DEVICE_ID + 2))
		return -VDISC_ERANGE;
	out->vendor = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_SSVID_VENDOR_ID);
	out->device = vdisc_pci_cfg16(fn, cap->offset + VDISC_PCI_SSVID_DEVICE_ID);
	return 0;
}

/* AHCI 1.3.1, 2.4.1: the revision sits where other capabilities keep flags. */
int vdisc_pci_decode_sata(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_sata *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_SATA, VDISC_PCI_CAP_SIZEOF);
	uint8_t rev;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	rev = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_CAP_FLAGS);
	out->major = rev >> 4;
	out->minor = rev & 0xf;
	if (!capsm_has_(fn, cap, VDISC_PCI_SATA_REGS + 4))
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->regs = vdisc_pci_cfg32(fn, cap->offset + VDISC_PCI_SATA_REGS);
	out->location = out->regs & VDISC_PCI_SATA_REGS_MASK;
	out->offset = (out->regs >> VDISC_PCI_SATA_OFFSET_SHIFT) & VDISC_PCI_SATA_OFFSET_MASK;
	return 0;
}

int vdisc_pci_decode_af(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			struct vdisc_pci_af *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_AF, VDISC_PCI_CAP_SIZEOF);

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	out->length = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_AF_LENGTH);
	out->cap = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_AF_CAP);
	if (!capsm_has_(fn, cap, VDISC_PCI_CAP_AF_SIZEOF))
		return -VDISC_ERANGE;
	out->has_regs = true;
	out->ctrl = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_AF_CTRL);
	out->status = vdisc_pci_cfg8(fn, cap->offset + VDISC_PCI_AF_STATUS);
	return 0;
}

/* A virtio function (transitional or modern id) of virtio's vendor id (virtio 1.3, 4.1.2). */
static bool capsm_is_virtio_(const struct vdisc_pci_function *fn)
{
	return fn->vendor_id == VDISC_VIRTIO_PCI_VENDOR &&
	       fn->device_id >= VDISC_VIRTIO_PCI_LEGACY_BASE &&
	       fn->device_id <= VDISC_VIRTIO_PCI_DEVICE_LAST;
}

/*
 * Virtio 1.3, 4.1.4: a virtio_pci_cap is at least 16 bytes; the whole of it
 * must be readable before any of it is believed.
 */
int vdisc_pci_decode_vndr(const struct vdisc_pci_function *fn, const struct vdisc_pci_cap *cap,
			  struct vdisc_pci_vndr *out)
{
	int err = vdisc_pci_cap_check_(fn, cap, false, VDISC_PCI_CAP_ID_VNDR, VDISC_PCI_CAP_SIZEOF);
	uint16_t at;

	memset(out, 0, sizeof(*out));
	if (err)
		return err;
	at = cap->offset;
	out->length = vdisc_pci_cfg8(fn, at + VDISC_PCI_VNDR_LEN);
	if (!capsm_is_virtio_(fn) || out->length < VDISC_VIRTIO_PCI_CAP_SIZE)
		return 0;
	if (!capsm_has_(fn, cap, out->length))
		return -VDISC_ERANGE;
	out->virtio = true;
	out->cfg_type = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_CFG_TYPE);
	out->bar = vdisc_pci_cfg8(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_BAR);
	out->offset = vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_OFFSET);
	out->size = vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_LENGTH);
	if (out->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY &&
	    out->length >= VDISC_VIRTIO_PCI_NOTIFY_CAP_SIZE) {
		out->has_multiplier = true;
		out->multiplier = vdisc_pci_cfg32(fn, at + VDISC_VIRTIO_PCI_CAP_OFF_NOTIFY_MULT);
	}
	return 0;
}
