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
	uint32_t type;
	unsigned fields;
};

/* What a number counts, per field: the unit a person reads it in. */
enum config_cli_unit {
	CFG_UNIT_NONE,
	CFG_UNIT_SECTORS, /* 512-byte sectors, whatever the block size (virtio 1.3, 5.2.4) */
	CFG_UNIT_BYTES,
	CFG_UNIT_NET_STATUS, /* VIRTIO_NET_S_* bits */
	CFG_UNIT_MBPS,	     /* net speed: Mb/s, 0xffffffff unknown */
	CFG_UNIT_DUPLEX,     /* net duplex: 0 half, 1 full, 0xff unknown */
	CFG_UNIT_WRITEBACK,  /* blk writeback: 0 writethrough, 1 writeback */
	CFG_UNIT_PAGES,	     /* balloon: 4 KiB pages (5.5.6) */
	CFG_UNIT_BLOCKS,     /* blk topology: logical blocks */
};

static const struct {
	uint32_t type;
	const char *field;
	enum config_cli_unit unit;
} config_cli_units[] = {
	{VDISC_VIRTIO_ID_BLOCK, "capacity", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "size_max", CFG_UNIT_BYTES},
	{VDISC_VIRTIO_ID_BLOCK, "blk_size", CFG_UNIT_BYTES},
	{VDISC_VIRTIO_ID_BLOCK, "topology.min_io_size", CFG_UNIT_BLOCKS},
	{VDISC_VIRTIO_ID_BLOCK, "topology.opt_io_size", CFG_UNIT_BLOCKS},
	{VDISC_VIRTIO_ID_BLOCK, "writeback", CFG_UNIT_WRITEBACK},
	{VDISC_VIRTIO_ID_BLOCK, "max_discard_sectors", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "discard_sector_alignment", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "max_write_zeroes_sectors", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "max_secure_erase_sectors", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "secure_erase_sector_alignment", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "zoned.zone_sectors", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "zoned.max_append_sectors", CFG_UNIT_SECTORS},
	{VDISC_VIRTIO_ID_BLOCK, "zoned.write_granularity", CFG_UNIT_BYTES},
	{VDISC_VIRTIO_ID_NET, "status", CFG_UNIT_NET_STATUS},
	{VDISC_VIRTIO_ID_NET, "mtu", CFG_UNIT_BYTES},
	{VDISC_VIRTIO_ID_NET, "speed", CFG_UNIT_MBPS},
	{VDISC_VIRTIO_ID_NET, "duplex", CFG_UNIT_DUPLEX},
	{VDISC_VIRTIO_ID_BALLOON, "num_pages", CFG_UNIT_PAGES},
	{VDISC_VIRTIO_ID_BALLOON, "actual", CFG_UNIT_PAGES},
};

static enum config_cli_unit config_cli_unit_of(uint32_t type, const char *field)
{
	size_t i;

	for (i = 0; i < sizeof(config_cli_units) / sizeof(config_cli_units[0]); i++)
		if (config_cli_units[i].type == type &&
		    strcmp(config_cli_units[i].field, field) == 0)
			return config_cli_units[i].unit;
	return CFG_UNIT_NONE;
}

/* A byte count in the largest binary unit it fills at least once: "512 MiB", "1.5 GiB";
 * a fraction is cut to tenths, so the text never claims more than there is. */
static void config_cli_human(char *buf, size_t len, uint64_t bytes)
{
	static const char *const unit[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
	unsigned u = 0;
	uint64_t whole = bytes;

	while (whole >= 1024 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
		whole /= 1024;
		u++;
	}
	if (u == 0 || bytes % ((uint64_t)1 << (10 * u)) == 0)
		snprintf(buf, len, "%" PRIu64 " %s", whole, unit[u]);
	else
		/* tenths cut, never rounded up: 2147483136 bytes is 1.9 GiB, not 2.0 */
		snprintf(
			buf, len, "%.1f %s",
			(double)(uint64_t)((double)bytes * 10 / (double)((uint64_t)1 << (10 * u))) /
				10,
			unit[u]);
}

/* virtio 1.3, 5.1.4: VIRTIO_NET_S_LINK_UP 1, VIRTIO_NET_S_ANNOUNCE 2. */
static void config_cli_net_status(char *buf, size_t len, uint64_t v)
{
	snprintf(buf, len, "(%s%s%s%s)", v & 1 ? "LINK_UP" : "link down", v & 2 ? " ANNOUNCE" : "",
		 v & ~(uint64_t)3 ? " " : "", v & ~(uint64_t)3 ? "reserved bits" : "");
}

/* The text after a number: its unit and what it means, or "" */
static void config_cli_unit_text(char *buf, size_t len, enum config_cli_unit unit, uint64_t v)
{
	char human[64];

	buf[0] = '\0';
	switch (unit) {
	case CFG_UNIT_SECTORS:
		config_cli_human(human, sizeof(human), v * 512);
		if (v > UINT64_MAX / 512)
			snprintf(buf, len, " sectors (over 2^64 bytes)");
		else if (v * 512 < 1024)
			snprintf(buf, len, " sector%s (%" PRIu64 " bytes)", v == 1 ? "" : "s",
				 v * 512);
		else
			snprintf(buf, len, " sectors (%" PRIu64 " bytes, %s)", v * 512, human);
		break;
	case CFG_UNIT_BYTES:
		snprintf(buf, len, " bytes");
		break;
	case CFG_UNIT_BLOCKS:
		snprintf(buf, len, " blocks");
		break;
	case CFG_UNIT_PAGES:
		config_cli_human(human, sizeof(human), v * 4096);
		snprintf(buf, len, " pages of 4 KiB (%s)", human);
		break;
	case CFG_UNIT_NET_STATUS:
		config_cli_net_status(human, sizeof(human), v);
		snprintf(buf, len, " %s", human);
		break;
	case CFG_UNIT_MBPS:
		snprintf(buf, len, v == 0xffffffffu ? " (unknown)" : " Mb/s");
		break;
	case CFG_UNIT_DUPLEX:
		snprintf(buf, len, " (%s)", v == 0 ? "half" : v == 1 ? "full" : "unknown");
		break;
	case CFG_UNIT_WRITEBACK:
		snprintf(buf, len, " (%s)", v ? "writeback" : "writethrough");
		break;
	default:
		break;
	}
}

/* JSON keeps each field's number as is and adds a key beside it: NAME_bytes, status_names. */
static void config_cli_unit_json(json_object *obj, enum config_cli_unit unit, const char *name,
				 uint64_t v)
{
	char key[96];
	json_object *arr;

	if (unit == CFG_UNIT_SECTORS && v <= UINT64_MAX / 512) {
		snprintf(key, sizeof(key), "%s_bytes", name);
		json_object_object_add(obj, key, json_object_new_uint64(v * 512));
	} else if (unit == CFG_UNIT_NET_STATUS) {
		arr = json_object_new_array();
		if (v & 1)
			json_object_array_add(arr, json_object_new_string("LINK_UP"));
		if (v & 2)
			json_object_array_add(arr, json_object_new_string("ANNOUNCE"));
		snprintf(key, sizeof(key), "%s_names", name);
		json_object_object_add(obj, key, arr);
	}
}

static int config_cli_print_field(void *arg, const struct vdisc_virtio_field *f)
{
	struct config_cli_print *cp = arg;
	char text[sizeof(f->bytes) * 3 + 1];
	size_t i, used = 0;

	cp->fields++;
	if (f->kind == VDISC_VIRTIO_FIELD_UINT) {
		enum config_cli_unit unit = config_cli_unit_of(cp->type, f->name);

		if (cp->obj) {
			json_object_object_add(cp->obj, f->name, json_object_new_uint64(f->value));
			config_cli_unit_json(cp->obj, unit, f->name, f->value);
		} else {
			config_cli_unit_text(text, sizeof(text), unit, f->value);
			fprintf(cp->out, "\t  %-28s %" PRIu64 "%s\n", f->name, f->value, text);
		}
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
	struct config_cli_print cp = {out, obj, type, 0};
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
