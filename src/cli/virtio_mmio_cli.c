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
 * Reading virtio-mmio register blocks on this machine through /dev/mem.
 *
 * Everything is read through a read-only mapping first.  The offered
 * features and the queue sizes sit behind two selector registers
 * (DeviceFeaturesSel, QueueSel): they are read only when Status reads 0,
 * i.e. no driver has begun on the device (a driver's first step writes
 * ACKNOWLEDGE, virtio 1.3 3.1.1), through a second, writable mapping taken
 * for that alone, whose hooks let exactly those two registers be written
 * (hosted/phys_window.c); both are left at 0, as a reset leaves them.  A
 * device a driver owns is never written: what its driver negotiated comes
 * from /sys/bus/virtio instead, matched to the block by its platform
 * device's address, and each feature word says where it was read.
 */

#define DEVMEM "/dev/mem"
#define MMIO_CLI_SYSFS "/sys/bus/virtio/devices"
#define MMIO_CLI_IOMEM "/proc/iomem"
/* queue_num_max[]: the queues a probe sizes */
#define MMIO_CLI_QUEUES \
	(unsigned)(sizeof(((struct vdisc_virtio_mmio_info *)0)->queue_num_max) / sizeof(uint32_t))

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

/* What one block says, from its registers and from the driver's view in sysfs. */
struct mmio_cli_dev {
	struct vdisc_virtio_mmio_info info;
	bool open_failed;      /* /dev/mem could not be mapped (errno says why) */
	bool regs;	       /* the registers were read (else regs_why) */
	char regs_why[160];    /* ... why not */
	char offered_why[160]; /* info.selected false: why the offered features were not read */
	bool sysfs;	       /* vs: the virtio device sysfs has for this block */
	struct vdisc_virtio_sysfs_dev vs;
	char features_path[96]; /* vs's features file */
	bool negotiated;	/* vs.negotiated is a driver's negotiation */
};

static const char *mmio_cli_vendor_text(uint32_t vendor, char *buf, size_t len)
{
	if (vendor == VDISC_VIRTIO_MMIO_QEMU_VENDOR)
		return "QEMU";
	snprintf(buf, len, "0x%08" PRIx32, vendor);
	return buf;
}

/* The driver's view: sysfs's virtio device on this block, negotiated features if bound. */
static void mmio_cli_sysfs(uint64_t base, struct mmio_cli_dev *d)
{
	if (vdisc_virtio_sysfs_find_mmio(MMIO_CLI_SYSFS, MMIO_CLI_IOMEM, base, &d->vs) != 0)
		return;
	d->sysfs = true;
	snprintf(d->features_path, sizeof(d->features_path), "%s/%s/features", MMIO_CLI_SYSFS,
		 d->vs.name);
	/* Linux fills "features" when a driver probes: before that it reads all zeroes. */
	d->negotiated = d->vs.driver[0] && d->vs.has_features;
}

/*
 * Status 0: the offered features and queue sizes, through a mapping that
 * can write the two selectors and nothing else.
 */
static void mmio_cli_select(uint64_t base, struct mmio_cli_dev *d)
{
	static const struct vdisc_phys_window_selector sel[] = {
		{VDISC_VIRTIO_MMIO_DEVICE_FEATURES_SEL, 4},
		{VDISC_VIRTIO_MMIO_QUEUE_SEL, 4},
	};
	struct vdisc_virtio_mmio_info again;
	struct vdisc_phys_window w;
	struct vdisc_platform p;
	int err = vdisc_phys_window_open_selectors(DEVMEM, base, VDISC_VIRTIO_MMIO_CONFIG, base,
						   sel, 2, &w);

	if (err) {
		snprintf(d->offered_why, sizeof(d->offered_why),
			 "a writable mapping of the selectors was refused: %s", strerror(errno));
		return;
	}
	vdisc_phys_window_platform(&w, &p);
	err = vdisc_virtio_mmio_probe_idle(&p, base, &again);
	vdisc_phys_window_close(&w);
	if (err == 0 && again.selected && again.device_id == d->info.device_id) {
		d->info = again;
		return;
	}
	snprintf(d->offered_why, sizeof(d->offered_why),
		 err ? "the block changed between two reads"
		     : "a driver began on the device meanwhile (Status is no longer 0)");
	if (err == 0)
		d->info.status = again.status;
}

/* Registers first (read-only); the selectors if no driver; then sysfs. 0 or -VDISC_E*. */
static int mmio_cli_read(uint64_t base, struct mmio_cli_dev *d)
{
	struct vdisc_phys_window regs;
	struct vdisc_platform p;
	int err, rc;

	memset(d, 0, sizeof(*d));
	d->info.base = base;
	err = vdisc_phys_window_open(DEVMEM, base, VDISC_VIRTIO_MMIO_CONFIG, base, &regs);
	if (err) {
		d->open_failed = true;
		return err;
	}
	vdisc_phys_window_platform(&regs, &p);
	rc = vdisc_virtio_mmio_probe(&p, base, false, &d->info);
	vdisc_phys_window_close(&regs);
	if (rc)
		return rc;
	d->regs = true;
	if (d->info.placeholder)
		return 0;
	if (d->info.status == 0)
		mmio_cli_select(base, d);
	else
		snprintf(d->offered_why, sizeof(d->offered_why),
			 "a driver owns the device: Status is not 0, and reading them needs a "
			 "write to DeviceFeaturesSel");
	mmio_cli_sysfs(base, d);
	return 0;
}

/* The features known for the config printer: offered, else negotiated (a subset), else none. */
static const struct vdisc_virtio_features *mmio_cli_gate(const struct mmio_cli_dev *d)
{
	static const struct vdisc_virtio_features none;

	if (d->info.selected)
		return &d->info.offered;
	return d->negotiated ? &d->vs.negotiated : &none;
}

static unsigned mmio_cli_nqueues(const struct vdisc_virtio_mmio_info *m)
{
	unsigned q = 0;

	while (q < MMIO_CLI_QUEUES && m->queue_num_max[q])
		q++;
	return q;
}

static void mmio_cli_print_queues(FILE *out, const struct mmio_cli_dev *d)
{
	unsigned q, n = mmio_cli_nqueues(&d->info);

	if (!d->info.selected) {
		fputs("\tQueues: not read (QueueNumMax needs a write to QueueSel)\n", out);
		return;
	}
	fprintf(out, "\tQueues: %u%s", n, n == MMIO_CLI_QUEUES ? " or more (8 read)" : "");
	for (q = 0; q < n; q++)
		fprintf(out, "%s%" PRIu32, q ? ", " : ", QueueNumMax ", d->info.queue_num_max[q]);
	fputc('\n', out);
	if (d->info.version == VDISC_VIRTIO_MMIO_VERSION_LEGACY)
		fprintf(out, "\tQueue 0 QueuePFN: 0x%" PRIx32 "%s\n", d->info.queue_pfn0,
			d->info.queue_pfn0 ? "" : " (not in use)");
}

static void mmio_cli_print_features(FILE *out, const struct mmio_cli_dev *d)
{
	const char *src[VDISC_VIRTIO_FEATURE_WORDS];
	char sel[2][48], drv[200];
	unsigned i;

	if (d->info.selected) {
		for (i = 0; i < 2; i++) {
			snprintf(sel[i], sizeof(sel[i]), "DeviceFeatures, DeviceFeaturesSel %u", i);
			src[i] = sel[i];
		}
		fputs("\tOffered features: ", out);
		virtio_print_features(out, d->info.device_id, &d->info.offered);
		fputc('\n', out);
		virtio_print_feature_words(out, &d->info.offered, src);
	} else {
		fprintf(out, "\tOffered features: not read (%s)\n", d->offered_why);
	}
	if (!d->sysfs)
		return;
	if (!d->negotiated) {
		fprintf(out, "\tNegotiated features: none yet (%s has no driver)\n", d->vs.name);
		return;
	}
	snprintf(drv, sizeof(drv), "%s (driver %s)", d->features_path, d->vs.driver);
	for (i = 0; i < VDISC_VIRTIO_FEATURE_WORDS; i++)
		src[i] = drv;
	fputs("\tNegotiated features: ", out);
	virtio_print_features(out, d->vs.device_id, &d->vs.negotiated);
	fputc('\n', out);
	virtio_print_feature_words(out, &d->vs.negotiated, src);
}

static void mmio_cli_print(FILE *out, const struct mmio_cli_dev *d, struct vdisc_phys_window *cfg)
{
	const struct vdisc_virtio_mmio_info *m = &d->info;
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
		m->device_id, mmio_cli_vendor_text(m->vendor_id, vbuf, sizeof(vbuf)));
	fputs("\tStatus: ", out);
	virtio_print_status(out, m->status);
	fputc('\n', out);
	if (m->version >= 2)
		fprintf(out, "\tConfig generation: %" PRIu32 "\n", m->config_generation);
	mmio_cli_print_features(out, d);
	mmio_cli_print_queues(out, d);
	if (d->sysfs)
		fprintf(out, "\tLinux device: %s, driver %s, transport device %s\n", d->vs.name,
			d->vs.driver[0] ? d->vs.driver : "none", d->vs.parent);
	if (cfg) {
		vdisc_phys_window_config(cfg, (uint16_t)cfg->len, &ops);
		virtio_print_config(out, NULL, m->device_id, mmio_cli_gate(d), &ops);
	}
}

/* The registers could not be read, but sysfs knows the device: its driver's view alone. */
static void mmio_cli_print_sysfs_only(FILE *out, const struct mmio_cli_dev *d)
{
	char tbuf[32], vbuf[16];

	fprintf(out, "0x%" PRIx64 ": virtio-mmio, %s (device type %" PRIu32 "), vendor %s\n",
		d->info.base, virtio_type_text(d->vs.device_id, tbuf, sizeof(tbuf)),
		d->vs.device_id, mmio_cli_vendor_text(d->vs.vendor_id, vbuf, sizeof(vbuf)));
	fprintf(out, "\tRegisters: not read (%s)\n", d->regs_why);
	fprintf(out, "\tStatus: ");
	if (d->vs.has_status)
		virtio_print_status(out, d->vs.status);
	else
		fputs("unknown", out);
	fprintf(out, " (from %s/%s/status)\n", MMIO_CLI_SYSFS, d->vs.name);
	mmio_cli_print_features(out, d);
	fprintf(out, "\tLinux device: %s, driver %s, transport device %s\n", d->vs.name,
		d->vs.driver[0] ? d->vs.driver : "none", d->vs.parent);
}

static json_object *mmio_cli_json_words(const struct vdisc_virtio_features *f, const char *which,
					const char *path, json_object *arr)
{
	char src[48];
	unsigned i;

	for (i = 0; i < f->nwords; i++) {
		json_object *o = json_object_new_object();

		snprintf(src, sizeof(src), "DeviceFeatures (DeviceFeaturesSel %u)", i);
		json_object_object_add(o, "index", json_object_new_uint64(i));
		json_object_object_add(o, "features", json_object_new_string(which));
		json_object_object_add(o, "value", json_object_new_uint64(f->word[i]));
		json_object_object_add(o, "source", json_object_new_string(path ? path : src));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* "features": the pci view's {device, negotiated} and the bits and words beside them. */
static json_object *mmio_cli_json_features(const struct mmio_cli_dev *d)
{
	json_object *f, *words;
	uint32_t type = d->regs ? d->info.device_id : d->vs.device_id;

	if (!d->info.selected && !d->negotiated)
		return NULL;
	f = json_object_new_object();
	words = json_object_new_array();
	json_object_object_add(f, "device",
			       d->info.selected ? virtio_json_features(type, &d->info.offered)
						: NULL);
	json_object_object_add(f, "device_bits",
			       d->info.selected ? virtio_json_feature_bits(type, &d->info.offered)
						: NULL);
	json_object_object_add(f, "negotiated",
			       d->negotiated ? virtio_json_features(type, &d->vs.negotiated)
					     : NULL);
	json_object_object_add(f, "negotiated_bits",
			       d->negotiated ? virtio_json_feature_bits(type, &d->vs.negotiated)
					     : NULL);
	if (d->info.selected)
		mmio_cli_json_words(&d->info.offered, "device", NULL, words);
	if (d->negotiated)
		mmio_cli_json_words(&d->vs.negotiated, "negotiated", d->features_path, words);
	json_object_object_add(f, "words", words);
	return f;
}

static json_object *mmio_cli_json_queues(const struct mmio_cli_dev *d)
{
	json_object *arr;
	unsigned q, n = mmio_cli_nqueues(&d->info);

	if (!d->info.selected)
		return NULL;
	arr = json_object_new_array();
	for (q = 0; q < n; q++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "index", json_object_new_uint64(q));
		json_object_object_add(o, "max_size",
				       json_object_new_uint64(d->info.queue_num_max[q]));
		json_object_array_add(arr, o);
	}
	return arr;
}

static void mmio_cli_json_linux(json_object *o, const struct mmio_cli_dev *d)
{
	json_object_object_add(o, "features", mmio_cli_json_features(d));
	json_object_object_add(o, "features_not_read",
			       !d->info.selected && d->offered_why[0]
				       ? json_object_new_string(d->offered_why)
				       : NULL);
	json_object_object_add(o, "sysfs_name",
			       d->sysfs ? json_object_new_string(d->vs.name) : NULL);
	json_object_object_add(o, "driver",
			       d->sysfs && d->vs.driver[0] ? json_object_new_string(d->vs.driver)
							   : NULL);
	json_object_object_add(o, "transport_device",
			       d->sysfs ? json_object_new_string(d->vs.parent) : NULL);
}

static json_object *mmio_cli_json(const struct mmio_cli_dev *d, struct vdisc_phys_window *cfg)
{
	const struct vdisc_virtio_mmio_info *m = &d->info;
	json_object *o = json_object_new_object(), *c;
	struct vdisc_virtio_config_ops ops;
	const char *name = vdisc_virtio_device_name(m->device_id);

	json_object_object_add(o, "address", json_object_new_uint64(m->base));
	json_object_object_add(o, "transport",
			       json_object_new_string(m->version == VDISC_VIRTIO_MMIO_VERSION_LEGACY
							      ? "mmio-v1"
							      : "mmio-v2"));
	json_object_object_add(o, "version", json_object_new_uint64(m->version));
	json_object_object_add(o, "placeholder", json_object_new_boolean(m->placeholder));
	json_object_object_add(o, "device_type",
			       m->placeholder ? NULL : json_object_new_uint64(m->device_id));
	json_object_object_add(o, "device_type_name",
			       !m->placeholder && name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "vendor_id", json_object_new_uint64(m->vendor_id));
	json_object_object_add(o, "status", virtio_json_status(m->status));
	if (m->placeholder) {
		json_object_object_add(o, "features", NULL);
		return o;
	}
	mmio_cli_json_linux(o, d);
	json_object_object_add(o, "queues", mmio_cli_json_queues(d));
	if (cfg) {
		c = json_object_new_object();
		vdisc_phys_window_config(cfg, (uint16_t)cfg->len, &ops);
		virtio_print_config(NULL, c, m->device_id, mmio_cli_gate(d), &ops);
		json_object_object_add(o, "config", c);
	}
	return o;
}

static json_object *mmio_cli_json_sysfs_only(const struct mmio_cli_dev *d)
{
	json_object *o = json_object_new_object();
	const char *name = vdisc_virtio_device_name(d->vs.device_id);

	json_object_object_add(o, "address", json_object_new_uint64(d->info.base));
	json_object_object_add(o, "transport", json_object_new_string("mmio"));
	json_object_object_add(o, "version", NULL);
	json_object_object_add(o, "placeholder", json_object_new_boolean(false));
	json_object_object_add(o, "device_type", json_object_new_uint64(d->vs.device_id));
	json_object_object_add(o, "device_type_name", name ? json_object_new_string(name) : NULL);
	json_object_object_add(o, "vendor_id", json_object_new_uint64(d->vs.vendor_id));
	json_object_object_add(o, "status",
			       d->vs.has_status ? virtio_json_status(d->vs.status) : NULL);
	json_object_object_add(o, "registers_error", json_object_new_string(d->regs_why));
	mmio_cli_json_linux(o, d);
	json_object_object_add(o, "queues", NULL);
	return o;
}

/*
 * /dev/mem refused the block (CONFIG_IO_STRICT_DEVMEM refuses a range a
 * driver holds): if sysfs knows a device there, show its view.  1 shown, 0 not.
 */
static int mmio_cli_sysfs_fallback(uint64_t base, int os, json_object *arr)
{
	struct mmio_cli_dev d;

	if (os != EPERM && os != EBUSY)
		return 0;
	memset(&d, 0, sizeof(d));
	d.info.base = base;
	mmio_cli_sysfs(base, &d);
	if (!d.sysfs)
		return 0;
	snprintf(d.regs_why, sizeof(d.regs_why),
		 "%s: %s: the kernel refuses a range a driver holds (CONFIG_IO_STRICT_DEVMEM) "
		 "or any device memory (CONFIG_STRICT_DEVMEM, lockdown)",
		 DEVMEM, strerror(os));
	snprintf(d.offered_why, sizeof(d.offered_why), "the registers cannot be read");
	if (arr)
		json_object_array_add(arr, mmio_cli_json_sysfs_only(&d));
	else
		mmio_cli_print_sysfs_only(stdout, &d);
	return 1;
}

/*
 * Probe one block.  returns 1 when it is virtio (printed), 0 when it is not,
 * or -exit status when device memory cannot be read at all.
 */
int virtio_mmio_probe_print(uint64_t base, uint64_t size, json_object *arr, bool quiet)
{
	struct mmio_cli_dev d;
	struct vdisc_phys_window cfg;
	bool have_cfg;
	int rc, os;

	if (size < VDISC_VIRTIO_MMIO_SIZE)
		size = VDISC_VIRTIO_MMIO_SIZE;
	rc = mmio_cli_read(base, &d);
	if (d.open_failed) {
		os = errno;
		if (mmio_cli_sysfs_fallback(base, os, arr))
			return 1;
		errno = os;
		return -virtio_window_error(DEVMEM, rc);
	}
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
	have_cfg = !d.info.placeholder &&
		   vdisc_phys_window_open(DEVMEM, base + VDISC_VIRTIO_MMIO_CONFIG,
					  (size_t)(size - VDISC_VIRTIO_MMIO_CONFIG), 0, &cfg) == 0;
	if (arr)
		json_object_array_add(arr, mmio_cli_json(&d, have_cfg ? &cfg : NULL));
	else
		mmio_cli_print(stdout, &d, have_cfg ? &cfg : NULL);
	if (have_cfg)
		vdisc_phys_window_close(&cfg);
	return 1;
}

static int mmio_cli_parse_u64(const char *s, const char **end, uint64_t *v)
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

static int mmio_cli_finish(json_object *arr, int found, int failed)
{
	if (arr)
		cli_json_print(stdout, arr);
	if (failed)
		return failed;
	return found ? VDISC_EXIT_OK : VDISC_EXIT_FAILED;
}

/* --scan START-END[/STEP]: every STEP from START up to (not including) END. */
static int mmio_cli_scan(const struct virtio_options *opt, json_object *arr)
{
	uint64_t start, end, step = VDISC_VIRTIO_MMIO_SIZE, a;
	const char *p;
	int found = 0, rc;

	if (mmio_cli_parse_u64(opt->scan, &p, &start) || *p != '-' ||
	    mmio_cli_parse_u64(p + 1, &p, &end) ||
	    (*p == '/' && mmio_cli_parse_u64(p + 1, &p, &step)) || *p || end <= start ||
	    step == 0 || (end - start) / step > 65536) {
		cli_error(
			"--scan %s: not START-END[/STEP] with START < END and at most 65536 steps",
			opt->scan);
		return VDISC_EXIT_USAGE;
	}
	for (a = start; a < end && a >= start; a += step) {
		rc = virtio_mmio_probe_print(a, step, arr, true);
		if (rc < 0)
			return mmio_cli_finish(arr, found, -rc);
		found += rc;
	}
	return mmio_cli_finish(arr, found, 0);
}

static int mmio_cli_cmdline_probe(const struct virtio_options *opt, json_object *arr)
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
		/* --cmdline stands in for /proc/cmdline's text, and is judged as it would be */
		return VDISC_EXIT_MALFORMED;
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
			return mmio_cli_finish(arr, 1, -rc);
		found += rc;
	}
	return mmio_cli_finish(arr, n == 0 ? 1 : found, 0);
}

int virtio_cmd_mmio(const struct virtio_options *opt)
{
	json_object *arr = opt->json ? json_object_new_array() : NULL;
	int i, found = 0, rc;

	if (opt->scan)
		return mmio_cli_scan(opt, arr);
	if (opt->use_cmdline)
		return mmio_cli_cmdline_probe(opt, arr);
	if (opt->nwords == 0) {
		if (arr)
			json_object_put(arr);
		cli_error("mmio: give ADDR[,SIZE], --scan or --cmdline");
		return VDISC_EXIT_USAGE;
	}
	for (i = 0; i < opt->nwords; i++) {
		uint64_t base, size = VDISC_VIRTIO_MMIO_SIZE;
		const char *p;

		if (mmio_cli_parse_u64(opt->words[i], &p, &base) ||
		    (*p == ',' && mmio_cli_parse_u64(p + 1, &p, &size)) || *p) {
			if (arr)
				json_object_put(arr);
			cli_error("%s: not ADDR[,SIZE]", opt->words[i]);
			return VDISC_EXIT_USAGE;
		}
		rc = virtio_mmio_probe_print(base, size, arr, false);
		if (rc < 0)
			return mmio_cli_finish(arr, found, -rc);
		found += rc;
	}
	return mmio_cli_finish(arr, found == opt->nwords, 0);
}
