/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "hosted/phys_window.h"
#include "cli.h"
#include "virtio_cli.h"

/*
 * Reading virtio-mmio register blocks on this machine through a read-only
 * /dev/mem mapping.  Read-only means the feature and queue selectors are
 * never written: the offered features stay unread (a driver may own the
 * device), everything else is shown.
 */

#define DEVMEM "/dev/mem"
#define MMIO_CONFIG_OFFSET 0x100

struct config_print {
	FILE *out;
	json_object *obj;
	unsigned fields;
};

static int print_field(void *arg, const struct vdisc_virtio_field *f)
{
	struct config_print *cp = arg;
	char text[sizeof(f->bytes) * 3 + 1];
	size_t i, used = 0;

	cp->fields++;
	if (f->kind == VDISC_VIRTIO_FIELD_UINT) {
		if (cp->obj)
			json_object_object_add(cp->obj, f->name, json_object_new_uint64(f->value));
		else
			fprintf(cp->out, "\t  %-28s %" PRIu64 "\n", f->name, f->value);
		return 0;
	}
	for (i = 0; i < f->len && i < sizeof(f->bytes); i++) {
		if (f->kind == VDISC_VIRTIO_FIELD_STRING) {
			if (!f->bytes[i])
				break;
			text[used++] =
				f->bytes[i] >= 0x20 && f->bytes[i] < 0x7f ? (char)f->bytes[i] : '?';
		} else {
			used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%02x",
						 i ? ":" : "", f->bytes[i]);
		}
	}
	text[used] = '\0';
	if (cp->obj)
		json_object_object_add(cp->obj, f->name, json_object_new_string(text));
	else
		fprintf(cp->out, "\t  %-28s %s\n", f->name, text);
	return 0;
}

/* The device's configuration, decoded for its type: 0 or the decoder's error. */
int virtio_print_config(FILE *out, json_object *obj, uint32_t type,
			const struct vdisc_virtio_features *features,
			const struct vdisc_virtio_config_ops *ops)
{
	struct config_print cp = {out, obj, 0};
	int rc;

	if (!obj)
		fputs("\tDevice configuration:\n", out);
	rc = vdisc_virtio_config_decode(type, features, ops, print_field, &cp);
	if (rc && !obj)
		fprintf(out, "\t  (not decodable: %s)\n", vdisc_strerror(rc));
	else if (!cp.fields && !obj)
		fputs("\t  (no fields for this type and these features)\n", out);
	return rc;
}

int virtio_window_error(const char *what, int err)
{
	int os = errno; /* the system's reason, which the hosted call left */

	if (err == -VDISC_ENOTFOUND)
		cli_error("%s: not present on this machine: device memory cannot be read here",
			  what);
	else if (os == EACCES)
		cli_error("%s: %s (reading device memory needs root)", what, strerror(os));
	else if (os == EPERM)
		cli_error(
			"%s: %s (the kernel refuses this range: CONFIG_STRICT_DEVMEM or lockdown)",
			what, strerror(os));
	else
		cli_error("%s: %s", what, strerror(os));
	return VDISC_EXIT_UNAVAILABLE;
}

static const char *vendor_text(uint32_t vendor, char *buf, size_t len)
{
	if (vendor == VDISC_VIRTIO_MMIO_QEMU_VENDOR)
		return "QEMU";
	snprintf(buf, len, "0x%08" PRIx32, vendor);
	return buf;
}

static void mmio_print(FILE *out, const struct vdisc_virtio_mmio_info *m,
		       struct vdisc_phys_window *cfg)
{
	char tbuf[32], vbuf[16];
	struct vdisc_virtio_config_ops ops;

	if (m->placeholder) {
		fprintf(out, "0x%" PRIx64 ": virtio-mmio v%" PRIu32 ", empty slot (device id 0)\n",
			m->base, m->version);
		return;
	}
	fprintf(out,
		"0x%" PRIx64 ": virtio-mmio v%" PRIu32 ", %s (device type %" PRIu32
		"), vendor %s\n",
		m->base, m->version, virtio_type_text(m->device_id, tbuf, sizeof(tbuf)),
		m->device_id, vendor_text(m->vendor_id, vbuf, sizeof(vbuf)));
	fputs("\tStatus: ", out);
	virtio_print_status(out, m->status);
	fputc('\n', out);
	if (m->version >= 2)
		fprintf(out, "\tConfig generation: %" PRIu32 "\n", m->config_generation);
	fputs("\tOffered features: not read (needs a write to DeviceFeaturesSel)\n", out);
	if (cfg) {
		vdisc_phys_window_config(cfg, (uint16_t)cfg->len, &ops);
		virtio_print_config(out, NULL, m->device_id, &m->offered, &ops);
	}
}

static json_object *mmio_json(const struct vdisc_virtio_mmio_info *m, struct vdisc_phys_window *cfg)
{
	json_object *o = json_object_new_object(), *c;
	struct vdisc_virtio_config_ops ops;
	const char *name = vdisc_virtio_device_name(m->device_id);

	json_object_object_add(o, "address", json_object_new_uint64(m->base));
	json_object_object_add(o, "transport",
			       json_object_new_string(m->version == 1 ? "mmio-v1" : "mmio-v2"));
	json_object_object_add(o, "version", json_object_new_uint64(m->version));
	json_object_object_add(o, "placeholder", json_object_new_boolean(m->placeholder));
	json_object_object_add(o, "device_type",
			       m->placeholder ? NULL : json_object_new_uint64(m->device_id));
	json_object_object_add(o, "device_type_name",
			       !m->placeholder && name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "vendor_id", json_object_new_uint64(m->vendor_id));
	json_object_object_add(o, "status", virtio_json_status(m->status));
	json_object_object_add(o, "features", NULL);
	if (cfg && !m->placeholder) {
		c = json_object_new_object();
		vdisc_phys_window_config(cfg, (uint16_t)cfg->len, &ops);
		virtio_print_config(NULL, c, m->device_id, &m->offered, &ops);
		json_object_object_add(o, "config", c);
	}
	return o;
}

/*
 * Probe one block.  returns 1 when it is virtio (printed), 0 when it is not,
 * or -exit status when device memory cannot be read at all.
 */
int virtio_mmio_probe_print(uint64_t base, uint64_t size, json_object *arr, bool quiet)
{
	struct vdisc_virtio_mmio_info info;
	struct vdisc_phys_window regs, cfg;
	struct vdisc_platform p;
	bool have_cfg;
	int err, rc;

	if (size < VDISC_VIRTIO_MMIO_SIZE)
		size = VDISC_VIRTIO_MMIO_SIZE;
	err = vdisc_phys_window_open(DEVMEM, base, MMIO_CONFIG_OFFSET, base, &regs);
	if (err)
		return -virtio_window_error(DEVMEM, err);
	vdisc_phys_window_platform(&regs, &p);
	rc = vdisc_virtio_mmio_probe(&p, base, false, &info);
	vdisc_phys_window_close(&regs);
	if (rc == -VDISC_ENOTFOUND || rc == -VDISC_ENOTSUP) {
		if (!quiet)
			cli_error("0x%" PRIx64 ": not a virtio-mmio register block (%s)", base,
				  rc == -VDISC_ENOTFOUND ? "no virtio magic" : "unknown version");
		return 0;
	}
	if (rc) {
		cli_error("0x%" PRIx64 ": %s", base, vdisc_strerror(rc));
		return 0;
	}
	have_cfg = !info.placeholder &&
		   vdisc_phys_window_open(DEVMEM, base + MMIO_CONFIG_OFFSET,
					  (size_t)(size - MMIO_CONFIG_OFFSET), 0, &cfg) == 0;
	if (arr)
		json_object_array_add(arr, mmio_json(&info, have_cfg ? &cfg : NULL));
	else
		mmio_print(stdout, &info, have_cfg ? &cfg : NULL);
	if (have_cfg)
		vdisc_phys_window_close(&cfg);
	return 1;
}
