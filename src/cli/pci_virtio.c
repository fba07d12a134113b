/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "hosted/phys_window.h"
#include "pci_cli.h"

/*
 * What a virtio function is: type and transport from config space, where
 * its structures live (each checked against its BAR), and, on a live
 * machine, what the running driver negotiated.  The device's offered
 * features need a write to device_feature_select: never done on a device a
 * driver owns, so they are shown only where something else read them.
 */

static void pci_virtio_print_cap(FILE *out, const struct vdisc_virtio_pci_cap *c)
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

/*
 * --read-bars: the device-configuration structure, mapped read-only from the
 * BAR through sysfs.  Fields are gated by the features the driver negotiated
 * (a subset of those offered, so nothing shown is invalid).
 */
static int pci_virtio_open_config(const struct vdisc_pci_function *fn, const struct pci_extra *x,
				  const struct vdisc_virtio_pci *v, struct vdisc_phys_window *w)
{
	const struct vdisc_virtio_pci_cap *dev = NULL;
	char path[PATH_MAX], slot[32];
	unsigned i;

	for (i = 0; i < v->ncaps; i++)
		if (v->caps[i].cfg_type == VDISC_VIRTIO_PCI_CAP_DEVICE && v->caps[i].in_bar)
			dev = &v->caps[i];
	if (!dev || dev->length == 0)
		return -VDISC_ENOTSUP; /* no device structure inside a BAR */
	vdisc_pci_addr_format(slot, sizeof(slot), fn->addr, true);
	snprintf(path, sizeof(path), "%s/%s/resource%u", x->bar_root, slot, dev->bar);
	return vdisc_phys_window_open(path, dev->offset,
				      (size_t)(dev->length > 4096 ? 4096 : dev->length), 0, w);
}

static void pci_virtio_config(FILE *out, json_object *obj, const struct vdisc_pci_function *fn,
			      const struct pci_extra *x, const struct vdisc_virtio_pci *v)
{
	static const struct vdisc_virtio_features none;
	struct vdisc_virtio_config_ops ops;
	struct vdisc_phys_window w;
	int err = pci_virtio_open_config(fn, x, v, &w);

	if (err) {
		const char *why = err == -VDISC_ENOTSUP ? "no device structure inside a BAR"
							: strerror(errno);

		if (obj)
			json_object_object_add(obj, "config_error", json_object_new_string(why));
		else
			fprintf(out, "\tDevice configuration: not readable (%s)\n", why);
		return;
	}
	vdisc_phys_window_config(&w, (uint16_t)w.len, &ops);
	if (obj) {
		json_object *c = json_object_new_object();

		virtio_print_config(
			NULL, c, v->device_type,
			x->virtio_known && x->virtio.has_features ? &x->virtio.negotiated : &none,
			&ops);
		json_object_object_add(obj, "config", c);
	} else {
		virtio_print_config(
			out, NULL, v->device_type,
			x->virtio_known && x->virtio.has_features ? &x->virtio.negotiated : &none,
			&ops);
	}
	vdisc_phys_window_close(&w);
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
			pci_virtio_print_cap(out, &v.caps[i]);
	}
	if (x && x->bar_root)
		pci_virtio_config(out, NULL, fn, x, &v);
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

static json_object *pci_virtio_json_cap(const struct vdisc_virtio_pci_cap *c)
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
		json_object_array_add(caps, pci_virtio_json_cap(&v.caps[i]));
	json_object_object_add(o, "caps", caps);
	features = json_object_new_object();
	/* Offered features are not read: that needs a write to a register a driver owns. */
	json_object_object_add(features, "device", NULL);
	json_object_object_add(features, "negotiated",
			       x && x->virtio_known && x->virtio.has_features
				       ? virtio_json_features(v.device_type, &x->virtio.negotiated)
				       : NULL);
	json_object_object_add(features, "device_bits", NULL);
	json_object_object_add(
		features, "negotiated_bits",
		x && x->virtio_known && x->virtio.has_features
			? virtio_json_feature_bits(v.device_type, &x->virtio.negotiated)
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
