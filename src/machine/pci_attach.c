/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/fdt.h>
#include <vdisc/pci.h>
#include <vdisc/pci_regs.h>

#include "machine_internal.h"

#define BUSES_ 256u

/* One segment's buses: what sits above each. */
struct pci_seg_ {
	struct pci_seg_ *next;
	uint16_t segment;
	struct vdisc_device *bridge_to[BUSES_]; /* the bridge whose secondary bus it is */
	struct vdisc_device *root[BUSES_];	/* a root bus's host node or synthetic root */
	const struct vdisc_fdt_pci_host *host[BUSES_]; /* the tree's host of a root bus */
};

static struct pci_seg_ *pci_seg_(struct vdisc_model *model, struct pci_seg_ **segs,
				 uint16_t segment)
{
	struct pci_seg_ *s;

	for (s = *segs; s; s = s->next)
		if (s->segment == segment)
			return s;
	s = VDISC_ARENA_NEW(model->arena, struct pci_seg_, 1);
	if (!s)
		return NULL;
	s->segment = segment;
	s->next = *segs;
	*segs = s;
	return s;
}

static bool pci_is_bridge_(const struct vdisc_pci_function *fn)
{
	unsigned layout = fn->header_type & VDISC_PCI_HEADER_LAYOUT_MASK;

	return layout == VDISC_PCI_HEADER_BRIDGE || layout == VDISC_PCI_HEADER_CARDBUS;
}

/* "pci0000:00": Linux's name for the root bus of a host bridge (drivers/pci/probe.c). */
static struct vdisc_device *pci_synthetic_root_(struct vdisc_model *model, uint16_t segment,
						uint8_t bus)
{
	struct vdisc_pci_addr a = {.segment = segment, .bus = bus};
	char slot[VDISC_PCI_ADDR_STRLEN];
	char *name = VDISC_ARENA_NEW(model->arena, char, sizeof("pci0000:00"));
	struct vdisc_device *root;

	if (!name)
		return NULL;
	/* the slot's "ssss:bb" */
	vdisc_pci_addr_format(slot, sizeof(slot), a, true);
	memcpy(name, "pci", 3);
	memcpy(name + 3, slot, 7);
	name[10] = '\0';
	root = vdisc_model_add_device(model);
	if (!root)
		return NULL;
	root->bus = VDISC_BUS_PCI_ROOT;
	root->path = name;
	return root;
}

/* What a function on root bus @bus of @s hangs below: the tree's host, else a synthetic root. */
static struct vdisc_device *pci_root_(struct vdisc_model *model, struct pci_seg_ *s, uint8_t bus)
{
	if (s->root[bus])
		return s->root[bus];
	for (const struct vdisc_fdt_pci_host *h = model->dt.pci_hosts; h; h = h->next)
		if (h->segment == s->segment && bus >= h->bus_start && bus <= h->bus_end) {
			s->host[bus] = h;
			/* the model's own device: the host list only holds it read-only */
			s->root[bus] = (struct vdisc_device *)(uintptr_t)h->device;
			return s->root[bus];
		}
	s->root[bus] = pci_synthetic_root_(model, s->segment, bus);
	return s->root[bus];
}

/*
 * The INTx of @d at the tree's controller: the pin swizzled across each
 * bridge up to the root bus (PCI-to-PCI Bridge 1.2, 9.1), then the host's
 * interrupt-map, as Linux's of_irq_parse_pci() does.  The climb follows
 * parents, which only ever go to a lower bus: it ends.
 */
static int pci_route_intx_(struct vdisc_model *model, struct pci_seg_ *s, struct vdisc_device *d)
{
	const struct vdisc_device *top = d;
	uint8_t pin = d->pci->interrupt_pin;
	struct vdisc_irq irq;
	int r;

	if (pin < 1 || pin > 4)
		return 0;
	while (top->parent && top->parent->bus == VDISC_BUS_PCI) {
		pin = vdisc_pci_swizzle(pin, top->pci->addr.dev);
		top = top->parent;
	}
	if (!s->host[top->pci->addr.bus])
		return 0; /* no tree: the firmware's routing (ACPI _PRT) is not in the model */
	r = vdisc_fdt_pci_intx(model, s->host[top->pci->addr.bus], top->pci->addr, pin, &irq);
	if (r == -VDISC_ENOMEM)
		return r;
	if (r < 0)
		return vdisc_model_add_diag(model, r, d->path, "interrupt-map", pin);
	d->irqs = VDISC_ARENA_NEW(model->arena, struct vdisc_irq, 1);
	if (!d->irqs)
		return -VDISC_ENOMEM;
	d->irqs[0] = irq;
	d->nirqs = 1;
	return 0;
}

int vdisc_machine_link_pci_(struct vdisc_model *model)
{
	struct pci_seg_ *segs = NULL, *s;
	struct vdisc_device *d, *end = model->devices_tail;
	int r;

	/* Bridges first: a dump need not list a bridge before its secondary bus. */
	for (d = model->devices; d; d = d->next) {
		if (d->bus != VDISC_BUS_PCI || !d->pci || !pci_is_bridge_(d->pci))
			continue;
		s = pci_seg_(model, &segs, d->pci->addr.segment);
		if (!s)
			return -VDISC_ENOMEM;
		/* a secondary bus at or below the bridge's own would make a loop */
		if (d->pci->secondary_bus > d->pci->addr.bus &&
		    !s->bridge_to[d->pci->secondary_bus])
			s->bridge_to[d->pci->secondary_bus] = d;
	}
	/* Synthetic roots are appended as they are met: stop at the last function. */
	for (d = model->devices; d && end; d = d == end ? NULL : d->next) {
		struct vdisc_device *up;
		if (d->bus != VDISC_BUS_PCI || !d->pci)
			continue;
		s = pci_seg_(model, &segs, d->pci->addr.segment);
		if (!s)
			return -VDISC_ENOMEM;
		up = s->bridge_to[d->pci->addr.bus];
		if (!up)
			up = pci_root_(model, s, d->pci->addr.bus);
		if (!up)
			return -VDISC_ENOMEM;
		vdisc_machine_adopt_(up, d);
	}
	for (d = model->devices; d && end; d = d == end ? NULL : d->next) {
		if (d->bus != VDISC_BUS_PCI || !d->pci)
			continue;
		r = pci_route_intx_(model, pci_seg_(model, &segs, d->pci->addr.segment), d);
		if (r < 0)
			return r;
	}
	return 0;
}
