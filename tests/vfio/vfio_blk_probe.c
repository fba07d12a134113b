/* SPDX-License-Identifier: MIT */
/*
 * Drive one virtio-blk PCI function through the VFIO platform
 * (src/hosted/vfio_*.c) and the library's own stack, unchanged:
 * vdisc_vfio_open -> vdisc_vfio_decode -> vdisc_virtio_pci_transport_init
 * -> vdisc_blk_init -> vdisc_blk_check -> vdisc_blk_release ->
 * vdisc_vfio_close.  Runs inside a guest with an IOMMU (tests/vfio/
 * guest-case.sh binds the function to vfio-pci first); on a host without
 * one it shows the "no IOMMU group" refusal.
 *
 *   vfio_blk_probe SLOT [--read-only | --reads N]
 *
 * --reads N times N synchronous 4 KiB reads after the check (under TCG a
 * sign of life, not a performance figure).
 *
 * Exit: 0 the check passed, 1 it failed, 2 usage, 3 the VFIO open was refused.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vdisc/vdisc.h>

#include "hosted/vfio_platform.h"

#define PROBE_DMA_BYTES (1u << 20)

static unsigned char probe_arena_buf[64 * 1024];

static int probe_fail(const struct vdisc_vfio *v, const char *what, int err)
{
	printf("FAIL %s: %s%s%s\n", what, vdisc_strerror(err), v->why ? ": " : "",
	       v->why ? v->why : "");
	return 1;
}

static void probe_show_bars(const struct vdisc_vfio *v)
{
	unsigned i;

	printf("vfio: %s group %d, config region %" PRIu64 " bytes, IOVA %#" PRIx64
	       ", command %04x as found%s\n",
	       v->name, v->group_id, v->config_size, v->iova, v->command,
	       v->command_changed ? " (memory and bus master on until close)" : "");
	for (i = 0; i < VDISC_PCI_MAX_BARS; i++)
		if (v->bar[i].size)
			printf("vfio: BAR %u %s %" PRIu64 " bytes at %#" PRIx64 " (%s)\n", i,
			       v->bar[i].io ? "io" : "mem", v->bar[i].size, v->bar[i].base,
			       v->bar[i].map ? "mmap" : "pread/pwrite");
}

static int probe_check(struct vdisc_vfio *v, struct vdisc_blk *blk, bool read_only)
{
	struct vdisc_blk_check_opts opts = {.read_only = read_only};
	struct vdisc_blk_check_report rep;
	uint64_t phys;
	void *scratch = v->platform.dma_alloc(v->platform.ctx, 4u * blk->blk_size, 4096, &phys);
	unsigned i;
	int err;

	if (!scratch)
		return probe_fail(v, "scratch", -VDISC_ENOMEM);
	err = vdisc_blk_check_opts(blk, scratch, &opts, &rep);
	for (i = 0; i < rep.nsectors; i++)
		printf("check: sector %" PRIu64 " %s\n", rep.sector[i],
		       vdisc_blk_state_name(rep.state[i]));
	if (err)
		return probe_fail(v, rep.reason ? rep.reason : "check", err);
	printf("check: ok (%s)\n", rep.wrote ? "written and restored" : "read only");
	return 0;
}

/* N synchronous 4 KiB reads walking the disk; prints the rate. */
static int probe_reads(struct vdisc_vfio *v, struct vdisc_blk *blk, unsigned long n)
{
	uint64_t phys, t0, ns, span = blk->capacity - blk->capacity % 8;
	void *buf = v->platform.dma_alloc(v->platform.ctx, 4096, 4096, &phys);
	unsigned long i;
	int err;

	if (!buf || span < 8)
		return probe_fail(v, "reads", -VDISC_ENOMEM);
	t0 = v->platform.now_ns(v->platform.ctx);
	for (i = 0; i < n; i++) {
		err = vdisc_blk_read(blk, (i * 8) % span, buf, 8);
		if (err)
			return probe_fail(v, "reads", err);
	}
	ns = v->platform.now_ns(v->platform.ctx) - t0;
	printf("reads: %lu x 4 KiB in %.3f s, %.0f per second\n", n, ns / 1e9,
	       ns ? n * 1e9 / ns : 0.0);
	return 0;
}

static int probe_run(struct vdisc_vfio *v, bool read_only, unsigned long reads)
{
	struct vdisc_virtio_pci_transport t;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_dev dev;
	struct vdisc_arena arena;
	struct vdisc_blk blk;
	uint64_t bases[VDISC_PCI_MAX_BARS];
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;
	int err, rc;

	vdisc_arena_init(&arena, probe_arena_buf, sizeof(probe_arena_buf));
	err = vdisc_vfio_decode(v, &arena, &fn);
	if (err)
		return probe_fail(v, "decode", err);
	printf("pci: %04x:%04x class %06x\n", fn.vendor_id, fn.device_id, fn.class_code);
	vdisc_vfio_bar_bases(v, bases);
	err = vdisc_virtio_pci_transport_init(&t, &v->platform, &fn, bases, &dev);
	if (err)
		return probe_fail(v, "virtio-pci transport", err);
	printf("virtio: %s, device type %u, %u queues\n", dev.ops->name, dev.device_type,
	       t.num_queues);
	err = vdisc_blk_init(&blk, &dev, &step);
	if (err) {
		printf("(failed at init step %d)\n", (int)step);
		return probe_fail(v, "virtio-blk init", err);
	}
	printf("blk: %" PRIu64 " sectors, block %u bytes%s\n", blk.capacity, blk.blk_size,
	       blk.read_only ? ", read-only" : "");
	rc = probe_check(v, &blk, read_only);
	if (!rc && reads)
		rc = probe_reads(v, &blk, reads);
	vdisc_blk_release(&blk);
	if (v->mmio_error)
		rc = probe_fail(v, "mmio", v->mmio_error);
	return rc;
}

int main(int argc, char **argv)
{
	struct vdisc_vfio_config cfg = {.dma_bytes = PROBE_DMA_BYTES};
	struct vdisc_pci_addr addr;
	struct vdisc_vfio v;
	bool read_only = argc == 3 && strcmp(argv[2], "--read-only") == 0;
	unsigned long reads = 0;
	int err, rc;

	if (argc == 4 && strcmp(argv[2], "--reads") == 0)
		reads = strtoul(argv[3], NULL, 0);
	if ((argc != 2 && !read_only && !reads) || vdisc_pci_addr_parse(argv[1], &addr) != 0) {
		fprintf(stderr, "usage: vfio_blk_probe SLOT [--read-only | --reads N]\n");
		return 2;
	}
	err = vdisc_vfio_open(&v, addr, &cfg);
	if (err) {
		printf("FAIL open (%s): %s: %s (errno: %s)\n", vdisc_vfio_cause_name(v.cause),
		       vdisc_strerror(err), v.why ? v.why : "", strerror(errno));
		return 3;
	}
	probe_show_bars(&v);
	rc = probe_run(&v, read_only, reads);
	vdisc_vfio_close(&v);
	vdisc_vfio_close(&v); /* twice: must be harmless */
	printf("%s\n", rc ? "RESULT fail" : "RESULT pass");
	return rc;
}
