/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>

#include "pci_cli.h"

/*
 * What a virtio function is: type and transport from config space, where
 * its structures live (each checked against its BAR), and, on a live
 * machine, what the running driver negotiated.  The device's offered
 * features need a write to device_feature_select: never done on a device a
 * driver owns, so they are shown only where something else read them.
 */

static void pci_print_virtio_cap(FILE *out, const struct vdisc_virtio_pci_cap *c)
{
	const char *name = vdisc_virtio_pci_cap_name(c->cfg_type);

	fprintf(out, "\t\t[%02x] %-13s", c->cap_offset, name ? name : "unknown");
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_PCI_CFG) {
		fputs(" (window in config space)\n", out);
		return;
	}
	fprintf(out, " BAR%u +0x%04" PRIx64 " len 0x%" PRIx64, c->bar, c->offset, c->length);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY)
		fprintf(out, ", notify_off_multiplier %" PRIu32, c->notify_off_multiplier);
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY)
		fprintf(out, ", id %u", c->id);
	if (!c->in_bar)
		fputs(c->bar_known ? "  <outside its BAR>" : "  <BAR missing>", out);
	fputc('\n', out);
}

void pci_print_virtio(FILE *out, const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	struct vdisc_virtio_pci v;
	char type[32];
	unsigned i;

	if (vdisc_virtio_pci_identify(fn, &v) != 0 || v.kind == VDISC_VIRTIO_PCI_NONE)
		return;
	fprintf(out, "\tVirtio: %s (device type %" PRIu32 "), transport pci-%s\n",
		virtio_type_text(v.device_type, type, sizeof(type)), v.device_type,
		virtio_pci_kind_name(v.kind));
	if (v.ncaps) {
		fputs("\tVirtio structures:\n", out);
		for (i = 0; i < v.ncaps; i++)
			pci_print_virtio_cap(out, &v.caps[i]);
	}
	if (!x || !x->virtio_known)
		return;
	fprintf(out, "\tVirtio driver: %s (%s), status ",
		x->virtio.driver[0] ? x->virtio.driver : "none", x->virtio.name);
	if (x->virtio.has_status)
		virtio_print_status(out, x->virtio.status);
	else
		fputs("unknown", out);
	fputc('\n', out);
	if (x->virtio.has_features) {
		fputs("\tNegotiated features: ", out);
		virtio_print_features(out, v.device_type, &x->virtio.negotiated);
		fputc('\n', out);
	}
}

static json_object *pci_json_virtio_cap(const struct vdisc_virtio_pci_cap *c)
{
	json_object *o = json_object_new_object();
	const char *name = vdisc_virtio_pci_cap_name(c->cfg_type);

	json_object_object_add(o, "cfg_type", json_object_new_uint64(c->cfg_type));
	json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "cap_offset", json_object_new_uint64(c->cap_offset));
	json_object_object_add(o, "bar", json_object_new_uint64(c->bar));
	json_object_object_add(o, "offset", json_object_new_uint64(c->offset));
	json_object_object_add(o, "length", json_object_new_uint64(c->length));
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_NOTIFY)
		json_object_object_add(o, "notify_off_multiplier",
				       json_object_new_uint64(c->notify_off_multiplier));
	if (c->cfg_type == VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY)
		json_object_object_add(o, "id", json_object_new_uint64(c->id));
	json_object_object_add(o, "inside_bar",
			       c->bar_known || !c->in_bar ? json_object_new_boolean(c->in_bar)
							  : NULL);
	return o;
}

json_object *pci_json_virtio(const struct vdisc_pci_function *fn, const struct pci_extra *x)
{
	json_object *o, *caps, *features;
	struct vdisc_virtio_pci v;
	unsigned i;

	if (vdisc_virtio_pci_identify(fn, &v) != 0 || v.kind == VDISC_VIRTIO_PCI_NONE)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "transport",
			       json_object_new_string(virtio_pci_kind_name(v.kind)));
	json_object_object_add(o, "device_type", json_object_new_uint64(v.device_type));
	json_object_object_add(
		o, "device_type_name",
		vdisc_virtio_device_name(v.device_type)
			? json_object_new_string(vdisc_virtio_device_name(v.device_type))
			: NULL);
	caps = json_object_new_array();
	for (i = 0; i < v.ncaps; i++)
		json_object_array_add(caps, pci_json_virtio_cap(&v.caps[i]));
	json_object_object_add(o, "caps", caps);
	features = json_object_new_object();
	/* Offered features are not read: that needs a write to a register a driver owns. */
	json_object_object_add(features, "device", NULL);
	json_object_object_add(features, "negotiated",
			       x && x->virtio_known && x->virtio.has_features
				       ? virtio_json_features(v.device_type, &x->virtio.negotiated)
				       : NULL);
	json_object_object_add(o, "features", features);
	json_object_object_add(o, "status",
			       x && x->virtio_known && x->virtio.has_status
				       ? virtio_json_status(x->virtio.status)
				       : NULL);
	json_object_object_add(o, "driver",
			       x && x->virtio_known && x->virtio.driver[0]
				       ? json_object_new_string(x->virtio.driver)
				       : NULL);
	json_object_object_add(o, "sysfs_name",
			       x && x->virtio_known ? json_object_new_string(x->virtio.name)
						    : NULL);
	return o;
}
