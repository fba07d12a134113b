/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>
#include <string.h>

#include "virtio_cli.h"

/* Feature words and status bytes as a person reads them: by name, "bit<N>" where unnamed. */

void virtio_print_features(FILE *out, uint32_t device_type, const struct vdisc_virtio_features *f)
{
	unsigned bit, shown = 0;

	for (bit = 0; bit < 32u * f->nwords; bit++) {
		const char *name;

		if (!vdisc_virtio_has(f, bit))
			continue;
		name = vdisc_virtio_feature_name(device_type, bit);
		if (name)
			fprintf(out, "%s%s", shown++ ? " " : "", name);
		else
			fprintf(out, "%sbit%u", shown++ ? " " : "", bit);
	}
	if (!shown)
		fputs("(none)", out);
}

void virtio_print_status(FILE *out, uint32_t status)
{
	unsigned bit, shown = 0;

	for (bit = 0; bit < 8; bit++) {
		const char *name;

		if (!(status & (1u << bit)))
			continue;
		name = vdisc_virtio_status_name(bit);
		if (name)
			fprintf(out, "%s%s", shown++ ? " " : "", name);
		else
			fprintf(out, "%sbit%u", shown++ ? " " : "", bit);
	}
	if (!shown)
		fputs("(reset)", out);
}

struct json_object *virtio_json_features(uint32_t device_type,
					 const struct vdisc_virtio_features *f)
{
	struct json_object *arr = json_object_new_array();
	char buf[16];
	unsigned bit;

	for (bit = 0; bit < 32u * f->nwords; bit++) {
		const char *name;

		if (!vdisc_virtio_has(f, bit))
			continue;
		name = vdisc_virtio_feature_name(device_type, bit);
		if (!name) {
			snprintf(buf, sizeof(buf), "bit%u", bit);
			name = buf;
		}
		json_object_array_add(arr, json_object_new_string(name));
	}
	return arr;
}

/* The same bits as [{"bit": N, "name": "..."}], the name null where the tables have none. */
struct json_object *virtio_json_feature_bits(uint32_t device_type,
					     const struct vdisc_virtio_features *f)
{
	struct json_object *arr = json_object_new_array();
	unsigned bit;

	for (bit = 0; bit < 32u * f->nwords; bit++) {
		const char *name;
		struct json_object *o;

		if (!vdisc_virtio_has(f, bit))
			continue;
		name = vdisc_virtio_feature_name(device_type, bit);
		o = json_object_new_object();
		json_object_object_add(o, "bit", json_object_new_uint64(bit));
		json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
		json_object_array_add(arr, o);
	}
	return arr;
}

/* One line per feature word, each saying where it was read: "word 0 (bits 0-31)  0x...  SOURCE". */
void virtio_print_feature_words(FILE *out, const struct vdisc_virtio_features *f,
				const char *const *source)
{
	char bits[24];
	unsigned i;

	for (i = 0; i < f->nwords; i++) {
		snprintf(bits, sizeof(bits), "(bits %u-%u)", 32 * i, 32 * i + 31);
		fprintf(out, "\t  word %u %-14s 0x%08" PRIx32 "  %s\n", i, bits, f->word[i],
			source[i] ? source[i] : "");
	}
}

struct json_object *virtio_json_status(uint32_t status)
{
	struct json_object *arr = json_object_new_array();
	char buf[16];
	unsigned bit;

	for (bit = 0; bit < 8; bit++) {
		const char *name;

		if (!(status & (1u << bit)))
			continue;
		name = vdisc_virtio_status_name(bit);
		if (!name) {
			snprintf(buf, sizeof(buf), "bit%u", bit);
			name = buf;
		}
		json_object_array_add(arr, json_object_new_string(name));
	}
	return arr;
}

const char *virtio_type_text(uint32_t type, char *buf, size_t len)
{
	const char *name = vdisc_virtio_device_name(type);

	if (name)
		return name;
	snprintf(buf, len, "type %" PRIu32, type);
	return buf;
}

const char *virtio_pci_kind_name(enum vdisc_virtio_pci_kind kind)
{
	switch (kind) {
	case VDISC_VIRTIO_PCI_MODERN:
		return "modern";
	case VDISC_VIRTIO_PCI_TRANSITIONAL:
		return "transitional";
	case VDISC_VIRTIO_PCI_LEGACY:
		return "legacy";
	default:
		return NULL;
	}
}
