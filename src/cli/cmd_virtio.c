/* SPDX-License-Identifier: MIT */
#include <argp.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/*
 * vdisc virtio types            the device id table
 * vdisc virtio features ...     any feature word by name, or every device of this machine
 */

#define VIRTIO_SYSFS "/sys/bus/virtio/devices"

enum {
	OPT_TYPE = 't',
	OPT_SYSFS = 's',
	OPT_JSON = 'j',
	OPT_BITS = 'b',
	OPT_SYSFS_ROOT = 0x100,
	OPT_SCAN,
	OPT_CMDLINE,
	OPT_FEATURES,
};

struct virtio_options {
	const char *sub;
	const char *type;
	const char *bits;
	const char *sysfs_root;
	const char *scan;
	const char *features; /* 'config': offered features, HEX[:HEX] */
	const char *cmdline;  /* --cmdline's string, or NULL for /proc/cmdline */
	bool sysfs, json, use_cmdline;
	char **words; /* the arguments after the subcommand (room for argc of them) */
	int nwords;
};

static const struct argp_option virtio_options_spec[] = {
	{"type", OPT_TYPE, "TYPE", 0,
	 "Device type for 'features': a name (block, network, ...) or a number", 0},
	{"sysfs", OPT_SYSFS, NULL, 0,
	 "'features': decode every virtio device of this machine (/sys/bus/virtio)", 0},
	{"bits", OPT_BITS, "BITS", 0,
	 "'features': a word as sysfs writes it, one 0/1 per bit, bit 0 first", 0},
	{"json", OPT_JSON, NULL, 0, "Emit JSON", 0},
	{"features", OPT_FEATURES, "HEX[:HEX]", 0,
	 "'config': the offered features (bits 0-63[:64-127]) that make fields valid", 0},
	{"scan", OPT_SCAN, "START-END[/STEP]", 0,
	 "'mmio': probe every STEP (default 0x200) from START to END", 0},
	{"cmdline", OPT_CMDLINE, "STRING", OPTION_ARG_OPTIONAL,
	 "'mmio': the virtio_mmio.device= parameters of STRING (default /proc/cmdline)", 0},
	{"sysfs-root", OPT_SYSFS_ROOT, "DIR", OPTION_HIDDEN,
	 "Read /sys/bus/virtio/devices from DIR (tests)", 0},
	{0}};

static const char virtio_doc[] =
	"Virtio decoding.\v"
	"Subcommands:\n"
	"  types                          list the device types the tables know\n"
	"  features --type TYPE HEX...    name the bits of feature words: each HEX is 64 bits,\n"
	"                                 the first bits 0-63, the next 64-127\n"
	"  features --type TYPE --bits B  the same for sysfs's 0/1 string\n"
	"  features --sysfs               every virtio device of this machine, as negotiated\n"
	"  config --type TYPE [--features HEX[:HEX]] BYTES...\n"
	"                                 decode device configuration bytes (hex, as dumped)\n"
	"  mmio ADDR[,SIZE]...            read virtio-mmio register blocks (root, /dev/mem,\n"
	"                                 read-only: offered features are not read)\n"
	"  mmio --scan START-END[/STEP]   probe a physical range, as kernels without a DT do\n"
	"  mmio --cmdline[=STRING]        the virtio_mmio.device= parameters (/proc/cmdline)";

static error_t virtio_parse(int key, char *arg, struct argp_state *state)
{
	struct virtio_options *opt = state->input;

	switch (key) {
	case OPT_TYPE:
		opt->type = arg;
		return 0;
	case OPT_SYSFS:
		opt->sysfs = true;
		return 0;
	case OPT_BITS:
		opt->bits = arg;
		return 0;
	case OPT_JSON:
		opt->json = true;
		return 0;
	case OPT_SYSFS_ROOT:
		opt->sysfs_root = arg;
		return 0;
	case OPT_SCAN:
		opt->scan = arg;
		return 0;
	case OPT_FEATURES:
		opt->features = arg;
		return 0;
	case OPT_CMDLINE:
		opt->use_cmdline = true;
		opt->cmdline = arg;
		return 0;
	case ARGP_KEY_ARG:
		if (!opt->sub)
			opt->sub = arg;
		else
			opt->words[opt->nwords++] = arg;
		return 0;
	case ARGP_KEY_NO_ARGS:
		argp_error(state, "no subcommand given (types or features)");
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static const struct argp virtio_argp = {
	virtio_options_spec, virtio_parse, "types|features [HEX...]", virtio_doc, NULL, NULL, NULL};

static int virtio_types(const struct virtio_options *opt)
{
	uint32_t ids[256];
	size_t n = vdisc_virtio_device_ids(ids, 256), i;
	json_object *arr = opt->json ? json_object_new_array() : NULL;

	if (n > 256)
		n = 256;
	for (i = 0; i < n; i++) {
		const char *name = vdisc_virtio_device_name(ids[i]);

		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_uint64(ids[i]));
			json_object_object_add(o, "name", json_object_new_string(name));
			json_object_object_add(
				o, "pci_modern_device_id",
				json_object_new_uint64(VDISC_VIRTIO_PCI_MODERN_BASE + ids[i]));
			json_object_array_add(arr, o);
		} else {
			printf("%3" PRIu32 "  %-24s pci %04x:%04x\n", ids[i], name,
			       VDISC_VIRTIO_PCI_VENDOR, VDISC_VIRTIO_PCI_MODERN_BASE + ids[i]);
		}
	}
	if (arr)
		cli_json_print(stdout, arr);
	return VDISC_EXIT_OK;
}

/* A type by number or by the tables' name. */
static int virtio_parse_type(const char *s, uint32_t *type)
{
	uint32_t ids[256];
	size_t n = vdisc_virtio_device_ids(ids, 256), i;
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (*s && !*end && v <= UINT32_MAX) {
		*type = (uint32_t)v;
		return 0;
	}
	for (i = 0; i < n && i < 256; i++)
		if (strcmp(vdisc_virtio_device_name(ids[i]), s) == 0) {
			*type = ids[i];
			return 0;
		}
	return -1;
}

static int virtio_parse_word(const char *s, unsigned index, struct vdisc_virtio_features *f)
{
	const char *p = s;
	uint64_t v = 0;
	size_t digits = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++, digits++) {
		if (!isxdigit((unsigned char)*p) || digits == 16)
			return -1;
		v = v << 4 |
		    (uint64_t)(isdigit((unsigned char)*p) ? *p - '0' : (tolower(*p) - 'a' + 10));
	}
	if (!digits || index >= VDISC_VIRTIO_FEATURE_WORDS / 2)
		return -1;
	f->word[2 * index] = (uint32_t)v;
	f->word[2 * index + 1] = (uint32_t)(v >> 32);
	f->nwords = (uint8_t)(2 * index + 2);
	return 0;
}

static void virtio_emit_one(json_object *arr, const char *what, uint32_t type,
			    const struct vdisc_virtio_features *f,
			    const struct vdisc_virtio_sysfs_dev *d)
{
	char tbuf[32], hex[64];
	json_object *o;
	size_t used = 0;
	unsigned i;

	if (!arr) {
		printf("%s%s%s: ", what, what[0] ? " " : "",
		       virtio_type_text(type, tbuf, sizeof(tbuf)));
		virtio_print_features(stdout, type, f);
		if (d && d->has_status) {
			fputs("\n  status: ", stdout);
			virtio_print_status(stdout, d->status);
		}
		if (d)
			printf("\n  driver: %s, transport device: %s",
			       d->driver[0] ? d->driver : "none", d->parent[0] ? d->parent : "?");
		putchar('\n');
		return;
	}
	o = json_object_new_object();
	if (what[0])
		json_object_object_add(o, "name", json_object_new_string(what));
	json_object_object_add(o, "device_type", json_object_new_uint64(type));
	json_object_object_add(o, "device_type_name",
			       vdisc_virtio_device_name(type)
				       ? json_object_new_string(vdisc_virtio_device_name(type))
				       : NULL);
	/* The raw words too, so a program can check our reading bit for bit. */
	used += (size_t)snprintf(hex, sizeof(hex), "0x");
	for (i = f->nwords; i-- > 0 && used < sizeof(hex);)
		used += (size_t)snprintf(hex + used, sizeof(hex) - used, "%08" PRIx32, f->word[i]);
	json_object_object_add(o, "raw", json_object_new_string(hex));
	json_object_object_add(o, "features", virtio_json_features(type, f));
	if (d) {
		json_object_object_add(o, "status",
				       d->has_status ? virtio_json_status(d->status) : NULL);
		json_object_object_add(o, "driver",
				       d->driver[0] ? json_object_new_string(d->driver) : NULL);
		json_object_object_add(o, "transport_device",
				       d->parent[0] ? json_object_new_string(d->parent) : NULL);
	}
	json_object_array_add(arr, o);
}

static int virtio_features_sysfs(const struct virtio_options *opt)
{
	const char *root = opt->sysfs_root ? opt->sysfs_root : VIRTIO_SYSFS;
	struct vdisc_virtio_sysfs_dev *devs;
	json_object *arr = opt->json ? json_object_new_array() : NULL;
	size_t n, i;
	int err = vdisc_virtio_sysfs_list(root, &devs, &n);

	if (err) {
		if (arr)
			json_object_put(arr);
		cli_error("%s: %s (no virtio bus here)", root, strerror(errno));
		return VDISC_EXIT_UNAVAILABLE;
	}
	for (i = 0; i < n; i++)
		if (devs[i].has_features)
			virtio_emit_one(arr, devs[i].name, devs[i].device_id, &devs[i].negotiated,
					&devs[i]);
	free(devs);
	if (arr)
		cli_json_print(stdout, arr);
	else if (n == 0)
		printf("no virtio devices on this machine\n");
	return VDISC_EXIT_OK;
}

static int virtio_features(const struct virtio_options *opt)
{
	struct vdisc_virtio_features f = {{0}, 0};
	json_object *arr;
	uint32_t type;
	int i;

	if (opt->sysfs)
		return virtio_features_sysfs(opt);
	if (!opt->type || virtio_parse_type(opt->type, &type) != 0) {
		cli_error(
			opt->type
				? "--type %s: not a number or a type name (see 'vdisc virtio "
				  "types')"
				: "features: --type TYPE is needed to name device-specific bits%s",
			opt->type ? opt->type : "");
		return VDISC_EXIT_BAD_INPUT;
	}
	if (opt->bits && !vdisc_virtio_sysfs_parse_features(opt->bits, &f)) {
		cli_error("--bits %s: not a string of 0 and 1 of at most %d bits", opt->bits,
			  32 * VDISC_VIRTIO_FEATURE_WORDS);
		return VDISC_EXIT_BAD_INPUT;
	}
	for (i = 0; !opt->bits && i < opt->nwords; i++)
		if (virtio_parse_word(opt->words[i], (unsigned)i, &f) != 0) {
			cli_error("%s: not a 64-bit hexadecimal feature word (at most %d words)",
				  opt->words[i], VDISC_VIRTIO_FEATURE_WORDS / 2);
			return VDISC_EXIT_BAD_INPUT;
		}
	if (!opt->bits && opt->nwords == 0) {
		cli_error("features: give a feature word (HEX...), --bits or --sysfs");
		return VDISC_EXIT_BAD_INPUT;
	}
	arr = opt->json ? json_object_new_array() : NULL;
	virtio_emit_one(arr, "", type, &f, NULL);
	if (arr)
		cli_json_print(stdout, arr);
	return VDISC_EXIT_OK;
}

static int parse_u64(const char *s, const char **end, uint64_t *v)
{
	char *e;
	unsigned long long x;

	errno = 0;
	x = strtoull(s, &e, 0);
	if (e == s || errno)
		return -1;
	*v = x;
	*end = e;
	return 0;
}

static int mmio_finish(json_object *arr, int found, int failed)
{
	if (arr)
		cli_json_print(stdout, arr);
	if (failed)
		return failed;
	return found ? VDISC_EXIT_OK : VDISC_EXIT_FAILED;
}

/* --scan START-END[/STEP]: every STEP from START up to (not including) END. */
static int virtio_mmio_scan(const struct virtio_options *opt, json_object *arr)
{
	uint64_t start, end, step = VDISC_VIRTIO_MMIO_SIZE, a;
	const char *p;
	int found = 0, rc;

	if (parse_u64(opt->scan, &p, &start) || *p != '-' || parse_u64(p + 1, &p, &end) ||
	    (*p == '/' && parse_u64(p + 1, &p, &step)) || *p || end <= start || step == 0 ||
	    (end - start) / step > 65536) {
		cli_error(
			"--scan %s: not START-END[/STEP] with START < END and at most 65536 steps",
			opt->scan);
		return VDISC_EXIT_BAD_INPUT;
	}
	for (a = start; a < end && a >= start; a += step) {
		rc = virtio_mmio_probe_print(a, step, arr, true);
		if (rc < 0)
			return mmio_finish(arr, found, -rc);
		found += rc;
	}
	return mmio_finish(arr, found, 0);
}

static int virtio_mmio_cmdline_probe(const struct virtio_options *opt, json_object *arr)
{
	struct vdisc_virtio_mmio_param params[32];
	unsigned char *text = NULL;
	const char *line = opt->cmdline;
	size_t len, bad = 0;
	int n, i, found = 0, rc, err;

	if (!line) {
		err = cli_read_file("/proc/cmdline", 65536, &text, &len);
		if (err) {
			cli_error("/proc/cmdline: %s", strerror(err));
			return VDISC_EXIT_UNAVAILABLE;
		}
		text[len ? len - 1 : 0] = '\0';
		line = (const char *)text;
	}
	n = vdisc_virtio_mmio_cmdline(line, params, 32, &bad);
	if (n < 0) {
		cli_error("%s: malformed virtio_mmio.device= at offset %zu: %.40s",
			  opt->cmdline ? "--cmdline" : "/proc/cmdline", bad, line + bad);
		free(text);
		return VDISC_EXIT_BAD_INPUT;
	}
	free(text);
	if (n == 0 && !arr)
		printf("no virtio_mmio.device= parameters\n");
	for (i = 0; i < n && i < 32; i++) {
		if (!arr)
			printf("virtio_mmio.device: base 0x%" PRIx64 ", size 0x%" PRIx64
			       ", irq %" PRIu32 "%s\n",
			       params[i].base, params[i].size, params[i].irq,
			       params[i].has_id ? " (with an id)" : "");
		rc = virtio_mmio_probe_print(params[i].base, params[i].size, arr, false);
		if (rc < 0)
			return mmio_finish(arr, 1, -rc);
		found += rc;
	}
	return mmio_finish(arr, n == 0 ? 1 : found, 0);
}

static int virtio_mmio(const struct virtio_options *opt)
{
	json_object *arr = opt->json ? json_object_new_array() : NULL;
	int i, found = 0, rc;

	if (opt->scan)
		return virtio_mmio_scan(opt, arr);
	if (opt->use_cmdline)
		return virtio_mmio_cmdline_probe(opt, arr);
	if (opt->nwords == 0) {
		if (arr)
			json_object_put(arr);
		cli_error("mmio: give ADDR[,SIZE], --scan or --cmdline");
		return VDISC_EXIT_BAD_INPUT;
	}
	for (i = 0; i < opt->nwords; i++) {
		uint64_t base, size = VDISC_VIRTIO_MMIO_SIZE;
		const char *p;

		if (parse_u64(opt->words[i], &p, &base) ||
		    (*p == ',' && parse_u64(p + 1, &p, &size)) || *p) {
			if (arr)
				json_object_put(arr);
			cli_error("%s: not ADDR[,SIZE]", opt->words[i]);
			return VDISC_EXIT_BAD_INPUT;
		}
		rc = virtio_mmio_probe_print(base, size, arr, false);
		if (rc < 0)
			return mmio_finish(arr, found, -rc);
		found += rc;
	}
	return mmio_finish(arr, found == opt->nwords, 0);
}

struct config_bytes {
	uint8_t b[4096];
	size_t n;
};

static int config_bytes_read(void *ctx, uint16_t offset, unsigned width, uint64_t *value)
{
	const struct config_bytes *c = ctx;
	unsigned i;

	if (offset + width > c->n)
		return -VDISC_ERANGE;
	*value = 0;
	for (i = 0; i < width; i++) /* modern devices are little-endian (virtio 1.3, 4.1.3.1) */
		*value |= (uint64_t)c->b[offset + i] << (8 * i);
	return 0;
}

/* Hex bytes from the words, spaces or colons between them allowed: "00 10 00 00" or "00100000". */
static int config_parse_bytes(const struct virtio_options *opt, struct config_bytes *c)
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

static int virtio_config(const struct virtio_options *opt)
{
	static struct config_bytes bytes;
	struct vdisc_virtio_features offered = {{0}, 0};
	struct vdisc_virtio_config_ops ops = {config_bytes_read, NULL, &bytes, 0};
	json_object *obj = NULL;
	uint32_t type;
	int rc;

	if (!opt->type || virtio_parse_type(opt->type, &type) != 0) {
		cli_error("config: --type TYPE (a name or a number) says which layout to decode");
		return VDISC_EXIT_BAD_INPUT;
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
			return VDISC_EXIT_BAD_INPUT;
		}
	}
	if (config_parse_bytes(opt, &bytes) != 0) {
		cli_error("config: give the configuration as hex bytes (at most 4096)");
		return VDISC_EXIT_BAD_INPUT;
	}
	ops.size = (uint16_t)bytes.n;
	if (opt->json)
		obj = json_object_new_object();
	rc = virtio_print_config(stdout, obj, type, &offered, &ops);
	if (rc == -VDISC_ENOTSUP) {
		if (obj)
			json_object_put(obj);
		cli_error("config: no configuration layout known for device type %s", opt->type);
		return VDISC_EXIT_BAD_INPUT;
	}
	if (obj)
		cli_json_print(stdout, obj);
	return rc ? VDISC_EXIT_FAILED : VDISC_EXIT_OK;
}

static int cmd_virtio_run(const struct virtio_options *o);

int cmd_virtio(int argc, char **argv)
{
	struct virtio_options opt = {0};
	int rc;

	opt.words = calloc((size_t)argc + 1, sizeof(*opt.words));
	if (!opt.words)
		return VDISC_EXIT_FAILED;
	if (argp_parse(&virtio_argp, argc, argv, 0, NULL, &opt) != 0) {
		free(opt.words);
		return VDISC_EXIT_BAD_INPUT;
	}
	rc = cmd_virtio_run(&opt);
	free(opt.words);
	return rc;
}

static int cmd_virtio_run(const struct virtio_options *o)
{
	struct virtio_options opt = *o;

	if (strcmp(opt.sub, "types") == 0)
		return virtio_types(&opt);
	if (strcmp(opt.sub, "features") == 0)
		return virtio_features(&opt);
	if (strcmp(opt.sub, "mmio") == 0)
		return virtio_mmio(&opt);
	if (strcmp(opt.sub, "config") == 0)
		return virtio_config(&opt);
	cli_error("virtio %s: unknown subcommand (types, features, config or mmio)", opt.sub);
	return VDISC_EXIT_BAD_INPUT;
}
