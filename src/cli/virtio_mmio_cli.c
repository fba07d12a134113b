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

static const char *mmio_cli_vendor_text(uint32_t vendor, char *buf, size_t len)
{
	if (vendor == VDISC_VIRTIO_MMIO_QEMU_VENDOR)
		return "QEMU";
	snprintf(buf, len, "0x%08" PRIx32, vendor);
	return buf;
}

static void mmio_cli_print(FILE *out, const struct vdisc_virtio_mmio_info *m,
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
		m->device_id, mmio_cli_vendor_text(m->vendor_id, vbuf, sizeof(vbuf)));
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

static json_object *mmio_cli_json(const struct vdisc_virtio_mmio_info *m,
				  struct vdisc_phys_window *cfg)
{
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
	err = vdisc_phys_window_open(DEVMEM, base, VDISC_VIRTIO_MMIO_CONFIG, base, &regs);
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
		   vdisc_phys_window_open(DEVMEM, base + VDISC_VIRTIO_MMIO_CONFIG,
					  (size_t)(size - VDISC_VIRTIO_MMIO_CONFIG), 0, &cfg) == 0;
	if (arr)
		json_object_array_add(arr, mmio_cli_json(&info, have_cfg ? &cfg : NULL));
	else
		mmio_cli_print(stdout, &info, have_cfg ? &cfg : NULL);
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
