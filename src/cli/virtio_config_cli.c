/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/*
 * Device configuration, decoded field by field: the printer every view
 * shares (pci --virtio --read-bars, virtio mmio, dtb --probe) and
 * vdisc virtio config, which decodes bytes given on the command line.
 */

struct config_cli_print {
	FILE *out;
	json_object *obj;
	unsigned fields;
};

static int config_cli_print_field(void *arg, const struct vdisc_virtio_field *f)
{
	struct config_cli_print *cp = arg;
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
	struct config_cli_print cp = {out, obj, 0};
	int rc;

	if (!obj)
		fputs("\tDevice configuration:\n", out);
	rc = vdisc_virtio_config_decode(type, features, ops, config_cli_print_field, &cp);
	if (rc && !obj)
		fprintf(out, "\t  (not decodable: %s)\n", vdisc_strerror(rc));
	else if (!cp.fields && !obj)
		fputs("\t  (no fields for this type and these features)\n", out);
	return rc;
}

struct config_cli_bytes {
	uint8_t b[4096];
	size_t n;
};

static int config_cli_bytes_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	const struct config_cli_bytes *c = ctx;
	unsigned i;

	if (offset + width > c->n)
		return -VDISC_ERANGE;
	*value = 0;
	for (i = 0; i < width; i++) /* modern devices are little-endian (virtio 1.3, 4.1.3.1) */
		*value |= (uint64_t)c->b[offset + i] << (8 * i);
	return 0;
}

/* Hex bytes from the words, spaces or colons between them allowed: "00 10 00 00" or "00100000". */
static int config_cli_parse_bytes(const struct virtio_options *opt, struct config_cli_bytes *c)
{
	int w;

	c->n = 0;
	for (w = 0; w < opt->nwords; w++) {
		const char *p = opt->words[w];

		while (*p) {
			if (*p == ':' || *p == ' ' || *p == ',') {
				p++;
				continue;
			}
			if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]) ||
			    c->n == sizeof(c->b))
				return -1;
			c->b[c->n++] = (uint8_t)strtoul((char[]){p[0], p[1], 0}, NULL, 16);
			p += 2;
		}
	}
	return c->n ? 0 : -1;
}

int virtio_cmd_config(const struct virtio_options *opt)
{
	static struct config_cli_bytes bytes;
	struct vdisc_virtio_features offered = {{0}, 0};
	struct vdisc_virtio_config_ops ops = {config_cli_bytes_read, NULL, &bytes, 0};
	json_object *obj = NULL;
	uint32_t type;
	int rc;

	if (!opt->type || virtio_parse_type(opt->type, &type) != 0) {
		cli_error("config: --type TYPE (a name or a number) says which layout to decode");
		return VDISC_EXIT_USAGE;
	}
	if (opt->features) {
		const char *colon = strchr(opt->features, ':');
		char first[40];
		size_t len = colon ? (size_t)(colon - opt->features) : strlen(opt->features);

		if (len >= sizeof(first) ||
		    (snprintf(first, sizeof(first), "%.*s", (int)len, opt->features),
		     virtio_parse_word(first, 0, &offered) != 0) ||
		    (colon && virtio_parse_word(colon + 1, 1, &offered) != 0)) {
			cli_error("--features %s: not HEX or HEX:HEX (bits 0-63, then 64-127)",
				  opt->features);
			return VDISC_EXIT_USAGE;
		}
	}
	if (config_cli_parse_bytes(opt, &bytes) != 0) {
		cli_error("config: give the configuration as hex bytes (at most 4096)");
		return VDISC_EXIT_USAGE;
	}
	ops.size = (uint16_t)bytes.n;
	if (opt->json)
		obj = json_object_new_object();
	rc = virtio_print_config(stdout, obj, type, &offered, &ops);
	if (rc == -VDISC_ENOTSUP) {
		if (obj)
			json_object_put(obj);
		cli_error("config: no configuration layout known for device type %s", opt->type);
		return VDISC_EXIT_USAGE;
	}
	if (obj)
		cli_json_print(stdout, obj);
	return rc ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}
