/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "blk_cli.h"
#include "hosted/blk_users.h"
#include "hosted/pci_bind.h"
#include "hosted/sysfs_attr.h"
#include "hosted/vfio_platform.h"

/*
 * The VFIO backend of vdisc blk: a virtio-blk PCI function driven from
 * userspace -- its config space through the VFIO config region for the
 * library's PCI decoder, its BARs mmapped behind the platform's MMIO hooks
 * for the library's virtio-pci transport, and DMA memory mapped through the
 * IOMMU.  With --bind the function is taken from its driver (only when no
 * block device of it is in use) and given back as found on every exit.
 */

#define VFIO_ARENA_ 65536u /* the config snapshot and capability lists */
#define VFIO_DRIVER_ "vfio-pci"

struct blk_vf {
	struct vdisc_vfio vfio;
	struct vdisc_pci_binding binding;
	struct vdisc_virtio_pci_transport pt;
	struct vdisc_pci_function fn;
	struct vdisc_arena arena;
	uint8_t arena_mem[VFIO_ARENA_];
	char slot[VDISC_PCI_ADDR_STRLEN];
	char was[64]; /* the driver found on the function */
	bool vfio_open;
	char why[512];
};

static struct blk_vf *blk_vf_of(const struct blk_target *t)
{
	return t->be;
}

static int blk_vf_say(struct blk_vf *f, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int blk_vf_say(struct blk_vf *f, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->why, sizeof(f->why), fmt, ap);
	va_end(ap);
	return err;
}

/* A virtio-blk function by its sysfs ids: modern 0x1042, or transitional with subsystem 2. */
static bool blk_vf_is_virtio_blk(const char *slot)
{
	static const char *const attrs[3] = {"vendor", "device", "subsystem_device"};
	char text[16];
	uint16_t id[3] = {0, 0, 0};
	unsigned i;

	for (i = 0; i < 3; i++)
		if (vdisc_sysfs_read_attr("/sys/bus/pci/devices", slot, attrs[i], text,
					  sizeof(text)) == 0)
			id[i] = (uint16_t)strtoul(text, NULL, 16);
	return vdisc_virtio_pci_device_type(id[0], id[1], id[2]) == VDISC_VIRTIO_ID_BLOCK;
}

/* Not bound to vfio-pci: with --bind take it (if nothing uses it), else say how. */
static int blk_vf_bind(struct blk_vf *f, bool bind)
{
	char why[256], group[128];
	int r;

	if (vdisc_pci_driver("/sys", f->slot, f->was, sizeof(f->was)) < 0)
		return blk_vf_say(f, -VDISC_ENOTFOUND, "%s: no such PCI function", f->slot);
	if (strcmp(f->was, VFIO_DRIVER_) == 0)
		return 0;
	/* Never take a function that is not a virtio-blk from its driver (a NIC, a disk
	 * controller): its ids first, from sysfs, before anything is unbound. */
	if (!blk_vf_is_virtio_blk(f->slot))
		return blk_vf_say(f, -VDISC_EINVAL,
				  "%s: not a virtio-blk function (vendor/device ids)", f->slot);
	/* vfio-pci takes no function outside an IOMMU group: say why before unbinding anything. */
	snprintf(group, sizeof(group), "/sys/bus/pci/devices/%s/iommu_group", f->slot);
	if (access(group, F_OK) != 0)
		return blk_vf_say(
			f, -VDISC_ENOTSUP,
			"%s: no IOMMU group: the kernel has no IOMMU enabled (VFIO needs one: "
			"intel_iommu=on, or an IOMMU in the VM)",
			f->slot);
	if (!bind)
		return blk_vf_say(
			f, -VDISC_EPERM,
			"%s: bound to %s, not vfio-pci: add --bind (vdisc rebinds it and "
			"gives it back), or: echo vfio-pci > /sys/bus/pci/devices/%s/"
			"driver_override; echo %s > /sys/bus/pci/devices/%s/driver/unbind; "
			"echo %s > /sys/bus/pci/drivers_probe",
			f->slot, f->was[0] ? f->was : "no driver", f->slot, f->slot, f->slot,
			f->slot);
	r = vdisc_pci_blk_users("/sys", "/proc", f->slot, why, sizeof(why));
	if (r != 0)
		return blk_vf_say(f, r < 0 ? r : -VDISC_EPERM, "%s: %s%s", f->slot, why,
				  r > 0 ? ": not taken from its driver" : "");
	if (access("/sys/bus/pci/drivers/" VFIO_DRIVER_, F_OK) != 0)
		return blk_vf_say(f, -VDISC_ENOTSUP,
				  "%s: vfio-pci is not loaded (modprobe vfio-pci)", f->slot);
	r = vdisc_pci_bind(&f->binding, "/sys", f->slot, VFIO_DRIVER_, why, sizeof(why));
	return r < 0 ? blk_vf_say(f, r, "%s", why) : 0;
}

/* The function decoded and checked: a modern (or transitional) virtio-blk device. */
static int blk_vf_identify(struct blk_vf *f)
{
	struct vdisc_virtio_pci vp;
	int err;

	vdisc_arena_init(&f->arena, f->arena_mem, sizeof(f->arena_mem));
	err = vdisc_vfio_decode(&f->vfio, &f->arena, &f->fn);
	if (err < 0)
		return blk_vf_say(f, err, "%s: config space: %s", f->slot, vdisc_strerror(err));
	vdisc_virtio_pci_identify(&f->fn, &vp);
	if (vp.kind == VDISC_VIRTIO_PCI_NONE || vp.device_type != VDISC_VIRTIO_ID_BLOCK)
		return blk_vf_say(f, -VDISC_EINVAL, /* the wrong device named: bad input */
				  "%s: [%04x:%04x] is not a virtio-blk device", f->slot,
				  f->fn.vendor_id, f->fn.device_id);
	if (vp.kind == VDISC_VIRTIO_PCI_LEGACY)
		return blk_vf_say(f, -VDISC_ENOTSUP,
				  "%s: a legacy-only virtio-blk device (no modern capabilities): "
				  "its I/O BAR cannot be reached through the IOMMU safely",
				  f->slot);
	return 0;
}

/*
 * Behind an IOMMU the device must translate its DMA (virtio 1.3, 6.1: ACCESS_PLATFORM);
 * one that does not would take our IOVAs for physical addresses: never let it start.
 */
static int blk_vf_check_platform(struct blk_vf *f, struct vdisc_virtio_dev *dev)
{
	struct vdisc_virtio_features offered;
	int err;

	memset(&offered, 0, sizeof(offered));
	err = dev->ops->get_features(dev, &offered);
	if (err < 0)
		return blk_vf_say(f, err, "%s: reading its features: %s", f->slot,
				  vdisc_strerror(err));
	if (!vdisc_virtio_has(&offered, VDISC_VIRTIO_F_ACCESS_PLATFORM))
		return blk_vf_say(
			f, -VDISC_ENOTSUP,
			"%s: the device does not offer ACCESS_PLATFORM: it ignores the IOMMU "
			"and would DMA to the wrong addresses (QEMU: iommu_platform=on)",
			f->slot);
	return 0;
}

static int blk_vf_open(struct blk_target *t, const char *where, int timeout_ms, size_t dma_bytes)
{
	struct vdisc_vfio_config cfg = {.dma_bytes = dma_bytes};
	uint64_t bar_base[VDISC_PCI_MAX_BARS];
	struct vdisc_pci_addr addr;
	struct blk_vf *f = calloc(1, sizeof(*f));
	int err;

	(void)timeout_ms;
	if (!f)
		return -VDISC_ENOMEM;
	t->be = f;
	f->vfio.container = f->vfio.group = f->vfio.device = -1;
	if (vdisc_pci_addr_parse(where, &addr) < 0)
		return blk_vf_say(f, -VDISC_EINVAL, "%s: not a PCI address ([[dddd:]bb:]dd.f)",
				  where);
	vdisc_pci_addr_format(f->slot, sizeof(f->slot), addr, true);
	snprintf(t->label, sizeof(t->label), "%s", f->slot);
	err = blk_vf_bind(f, t->bind);
	if (err == 0) {
		err = vdisc_vfio_open(&f->vfio, addr, &cfg);
		f->vfio_open = true;
		/* No IOMMU group is not a wrong address: VFIO is not available on this system. */
		if (err == -VDISC_ENOTFOUND && f->vfio.cause == VDISC_VFIO_CAUSE_NO_GROUP)
			err = -VDISC_ENOTSUP;
		/* Too little lockable memory is a limit of this system, not a failed device;
		 * a group another process holds is not to be had now. */
		if (f->vfio.cause == VDISC_VFIO_CAUSE_MEMLOCK ||
		    f->vfio.cause == VDISC_VFIO_CAUSE_BUSY)
			err = -VDISC_EPERM;
		if (err < 0)
			return blk_vf_say(f, err, "%s", f->vfio.why ? f->vfio.why : "VFIO");
	}
	if (err == 0)
		err = blk_vf_identify(f);
	if (err < 0)
		return err;
	vdisc_vfio_bar_bases(&f->vfio, bar_base);
	err = vdisc_virtio_pci_transport_init(&f->pt, &f->vfio.platform, &f->fn, bar_base, &t->dev);
	if (err < 0)
		return blk_vf_say(f, err, "%s: virtio-pci transport: %s", f->slot,
				  vdisc_strerror(err));
	return blk_vf_check_platform(f, &t->dev);
}

static void blk_vf_close(struct blk_target *t)
{
	struct blk_vf *f = blk_vf_of(t);
	char why[256];

	if (!f)
		return;
	if (f->vfio_open)
		vdisc_vfio_close(&f->vfio);
	if (vdisc_pci_binding_restore(&f->binding, why, sizeof(why)) < 0)
		fprintf(stderr, "vdisc: %s: giving it back to %s: %s\n", f->slot,
			f->binding.driver[0] ? f->binding.driver : "no driver", why);
	free(f);
	t->be = NULL;
}

static const char *blk_vf_why(const struct blk_target *t)
{
	const struct blk_vf *f = blk_vf_of(t);

	return f && f->why[0] ? f->why : NULL;
}

static void blk_vf_info_text(FILE *out, const struct blk_target *t)
{
	const struct blk_vf *f = blk_vf_of(t);

	fprintf(out, "\tPCI: %s [%04x:%04x] rev %02x, IOMMU group %d, driver vfio-pci", f->slot,
		f->fn.vendor_id, f->fn.device_id, f->fn.revision, f->vfio.group_id);
	if (f->binding.changed)
		fprintf(out, " (taken from %s, given back when vdisc exits)",
			f->was[0] ? f->was : "no driver");
	fputc('\n', out);
	fprintf(out, "\tDMA: %zu bytes at IOVA 0x%llx\n", f->vfio.dma_size,
		(unsigned long long)f->vfio.iova);
}

static void blk_vf_info_json(struct json_object *root, const struct blk_target *t)
{
	const struct blk_vf *f = blk_vf_of(t);
	struct json_object *pci = json_object_new_object();

	json_object_object_add(pci, "slot", json_object_new_string(f->slot));
	json_object_object_add(pci, "vendor_id", json_object_new_int(f->fn.vendor_id));
	json_object_object_add(pci, "device_id", json_object_new_int(f->fn.device_id));
	json_object_object_add(pci, "iommu_group", json_object_new_int(f->vfio.group_id));
	json_object_object_add(pci, "driver_found",
			       f->was[0] ? json_object_new_string(f->was) : NULL);
	json_object_object_add(pci, "iova", json_object_new_uint64(f->vfio.iova));
	json_object_object_add(root, "pci", pci);
}

const struct blk_backend blk_vfio_backend = {
	.name = "vfio",
	.open = blk_vf_open,
	.close = blk_vf_close,
	.why = blk_vf_why,
	.info_text = blk_vf_info_text,
	.info_json = blk_vf_info_json,
};
