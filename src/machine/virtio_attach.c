/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/pci.h>

#include "machine_internal.h"

struct vdisc_device *vdisc_machine_virtio_of(const struct vdisc_device *transport)
{
	struct vdisc_device *c;

	for (c = transport ? transport->children : NULL; c; c = c->sibling)
		if (c->bus == VDISC_BUS_VIRTIO)
			return c;
	return NULL;
}

/* "<transport>/virtio": the transport's path names the device, as Linux's numbering cannot. */
static const char *virtio_path_(struct vdisc_arena *arena, const char *transport)
{
	size_t n = strlen(transport);
	char *p = VDISC_ARENA_NEW(arena, char, n + sizeof("/virtio"));

	if (!p)
		return NULL;
	memcpy(p, transport, n);
	memcpy(p + n, "/virtio", sizeof("/virtio"));
	return p;
}

static void virtio_merge_(struct vdisc_device_virtio *v, const struct vdisc_device_virtio *info)
{
	if (info->device_type)
		v->device_type = info->device_type;
	if (info->transport)
		v->transport = info->transport;
	if (info->mmio_version)
		v->mmio_version = info->mmio_version;
	if (info->offered.nwords)
		v->offered = info->offered;
	if (info->negotiated.nwords)
		v->negotiated = info->negotiated;
}

struct vdisc_device *vdisc_machine_add_virtio(struct vdisc_model *model,
					      struct vdisc_device *transport,
					      const struct vdisc_device_virtio *info)
{
	struct vdisc_device *v;

	if (!model || !transport || !info || !model->linked || !transport->path)
		return NULL;
	v = vdisc_machine_virtio_of(transport);
	if (v) {
		virtio_merge_(v->virtio, info);
		return v;
	}
	v = vdisc_model_add_device(model);
	if (!v)
		return NULL;
	v->bus = VDISC_BUS_VIRTIO;
	v->path = virtio_path_(model->arena, transport->path);
	v->virtio = VDISC_ARENA_NEW(model->arena, struct vdisc_device_virtio, 1);
	if (!v->path || !v->virtio)
		return NULL;
	*v->virtio = *info;
	vdisc_machine_adopt_(transport, v);
	return v;
}

static uint8_t virtio_pci_via_(enum vdisc_virtio_pci_kind kind)
{
	switch (kind) {
	case VDISC_VIRTIO_PCI_MODERN:
		return VDISC_VIRTIO_VIA_PCI_MODERN;
	case VDISC_VIRTIO_PCI_TRANSITIONAL:
		return VDISC_VIRTIO_VIA_PCI_TRANSITIONAL;
	case VDISC_VIRTIO_PCI_LEGACY:
		return VDISC_VIRTIO_VIA_PCI_LEGACY;
	default:
		return VDISC_VIRTIO_VIA_UNKNOWN;
	}
}

int vdisc_machine_virtio_pci_(struct vdisc_model *model)
{
	struct vdisc_device *d, *end = model->devices_tail;

	/* The virtio children are appended: stop at the last device there was. */
	for (d = model->devices; d && end; d = d == end ? NULL : d->next) {
		struct vdisc_virtio_pci vp;
		struct vdisc_device_virtio info = {0};
		if (d->bus != VDISC_BUS_PCI || !d->pci ||
		    vdisc_virtio_pci_identify(d->pci, &vp) != 0 || vp.kind == VDISC_VIRTIO_PCI_NONE)
			continue;
		info.device_type = vp.device_type;
		info.transport = virtio_pci_via_(vp.kind);
		if (!vdisc_machine_add_virtio(model, d, &info))
			return -VDISC_ENOMEM;
	}
	return 0;
}

struct vdisc_device *vdisc_machine_add_virtio_mmio(struct vdisc_model *model, const char *path,
						   uint64_t base, uint64_t size, uint32_t irq)
{
	static const char *const compatible[] = {"virtio,mmio"};
	struct vdisc_device *d;

	if (!model || !path)
		return NULL;
	d = vdisc_model_add_device(model);
	if (!d)
		return NULL;
	d->regs = VDISC_ARENA_NEW(model->arena, struct vdisc_reg, 1);
	d->irqs = VDISC_ARENA_NEW(model->arena, struct vdisc_irq, 1);
	if (!d->regs || !d->irqs)
		return NULL;
	d->bus = VDISC_BUS_DT;
	d->path = path;
	d->dt.name = path;
	d->dt.status = "okay";
	d->dt.node_offset = -1;
	d->dt.compatible = (struct vdisc_strlist){.items = compatible, .count = 1};
	d->dt.flags = VDISC_DEV_VIRTIO_MMIO;
	d->regs[0] = (struct vdisc_reg){.has_size = true,
					.translated = true,
					.bus_address = base,
					.address = base,
					.size = size};
	d->nregs = 1;
	d->irqs[0] = (struct vdisc_irq){.cells = {irq}, .ncells = 1, .error = -VDISC_ENOTFOUND};
	d->nirqs = irq == VDISC_MACHINE_NO_IRQ ? 0 : 1;
	return d;
}
