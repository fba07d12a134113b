/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "scan_cli.h"

const char *scan_kind_name(const struct vdisc_device *dev)
{
	switch (dev->bus) {
	case VDISC_BUS_DT:
		return "dt";
	case VDISC_BUS_PCI:
		return "pci";
	case VDISC_BUS_PCI_ROOT:
		return "pci-root";
	case VDISC_BUS_VIRTIO:
		return "virtio";
	default:
		return "unknown";
	}
}

const char *scan_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return !slash || slash[1] == '\0' ? path : slash + 1;
}

const char *scan_virtio_transport_name(const struct vdisc_device_virtio *v)
{
	switch (v->transport) {
	case VDISC_VIRTIO_VIA_MMIO:
		return v->mmio_version == 1 ? "mmio-legacy" : "mmio";
	case VDISC_VIRTIO_VIA_PCI_MODERN:
		return "pci-modern";
	case VDISC_VIRTIO_VIA_PCI_TRANSITIONAL:
		return "pci-transitional";
	case VDISC_VIRTIO_VIA_PCI_LEGACY:
		return "pci-legacy";
	default:
		return NULL;
	}
}

const char *scan_pin_name(unsigned pin)
{
	static const char *const pins[] = {"INTA", "INTB", "INTC", "INTD"};

	return pin >= 1 && pin <= 4 ? pins[pin - 1] : NULL;
}

void scan_irq_number(char *buf, size_t len, const struct vdisc_irq *q)
{
	size_t used = 0;

	buf[0] = '\0';
	if (q->has_line) {
		snprintf(buf, len, "%" PRIu32, q->line);
		return;
	}
	for (unsigned c = 0; c < q->ncells && used < len; c++)
		used += (size_t)snprintf(buf + used, len - used, "%s%" PRIu32, c ? "," : "",
					 q->cells[c]);
}
