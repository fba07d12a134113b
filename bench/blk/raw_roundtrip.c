/* SPDX-License-Identifier: MIT */
/*
 * The simplest request loop a vhost-user-blk front-end can have, as the
 * yardstick for what vdisc's driver costs per request at iodepth 1: one
 * fixed three-descriptor chain (header, 4 KiB, status) rewritten in place,
 * published, kicked and spun on -- no slots, no shadow ring, no checks of
 * what the device wrote.  Set-up (negotiation, the ring, the shared memory)
 * is the library's; only the request path is hand-written.
 *
 *	raw_roundtrip SOCK [SECONDS]
 *
 * prints one JSON line, in vdisc blk bench --json's terms: ios, seconds,
 * iops, mb_per_s, latency_ns {p50, p99} (the same histogram as vdisc's).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vdisc/vdisc.h>

#include "hosted/shm_platform.h"
#include "hosted/vhost_user_transport.h"

#include "cli/blk_bench.h"

#define BS_ 4096u

static uint64_t raw_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void raw_desc(uint8_t *d, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	memcpy(d + 12, &flags, 2);
	memcpy(d + 14, &next, 2);
}

/* Requests one at a time until @seconds pass; returns how many, or 0 on a failure. */
static uint64_t raw_loop(struct vdisc_blk *blk, uint8_t *mem, uint64_t phys, double seconds,
			 uint64_t *elapsed, struct bench_hist *hist)
{
	struct vdisc_virtq *q = &blk->queue0.vq;
	volatile uint16_t *avail = q->avail, *used = q->used;
	uint64_t blocks = blk->capacity / (BS_ / 512), rng = 88172645463325252ull, n = 0;
	uint64_t start = raw_now(), end = start + (uint64_t)(seconds * 1e9), sector, t0, t1;
	uint16_t idx = avail[1];

	raw_desc((uint8_t *)q->desc, phys, 16, VDISC_VIRTQ_DESC_F_NEXT, 1);
	raw_desc((uint8_t *)q->desc + 16, phys + 512, BS_,
		 VDISC_VIRTQ_DESC_F_NEXT | VDISC_VIRTQ_DESC_F_WRITE, 2);
	raw_desc((uint8_t *)q->desc + 32, phys + 16, 1, VDISC_VIRTQ_DESC_F_WRITE, 0);
	memset(mem, 0, 16); /* type IN */
	do {
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		sector = rng % blocks * (BS_ / 512);
		memcpy(mem + 8, &sector, 8);
		mem[16] = 0xff;
		t0 = raw_now();
		avail[2 + idx % q->size] = 0;
		atomic_thread_fence(memory_order_seq_cst);
		avail[1] = ++idx;
		atomic_thread_fence(memory_order_seq_cst);
		if (blk->dev->ops->queue_notify(blk->dev, 0) < 0)
			return 0;
		while (used[1] != idx)
			;
		atomic_thread_fence(memory_order_seq_cst);
		t1 = raw_now();
		if (mem[16] != 0)
			return 0;
		bench_hist_add(hist, t1 - t0);
		n++;
	} while (t1 < end);
	*elapsed = raw_now() - start;
	return n;
}

int main(int argc, char **argv)
{
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport t;
	struct vdisc_virtio_dev dev;
	struct vdisc_blk blk;
	static struct bench_hist hist;
	uint64_t phys, n, ns = 0;
	uint8_t *mem;
	double s;

	if (argc < 2) {
		fprintf(stderr, "usage: raw_roundtrip SOCK [SECONDS]\n");
		return 2;
	}
	if (vdisc_shm_platform_init(&shm, 4u << 20) < 0 ||
	    vdisc_vhost_user_transport_open(&t, argv[1], 0, &shm, &dev) < 0 ||
	    vdisc_blk_init(&blk, &dev, NULL) < 0) {
		fprintf(stderr, "raw_roundtrip: %s: set-up failed\n", argv[1]);
		return 1;
	}
	mem = shm.platform.dma_alloc(shm.platform.ctx, 512 + BS_, 4096, &phys);
	n = mem ? raw_loop(&blk, mem, phys, argc > 2 ? atof(argv[2]) : 5.0, &ns, &hist) : 0;
	vdisc_blk_release(&blk);
	vdisc_vhost_user_transport_close(&t);
	vdisc_shm_platform_destroy(&shm);
	if (n == 0) {
		fprintf(stderr, "raw_roundtrip: %s: a request failed\n", argv[1]);
		return 1;
	}
	s = (double)ns / 1e9;
	printf("{\"ios\": %llu, \"seconds\": %.3f, \"iops\": %.1f, \"mb_per_s\": %.2f, "
	       "\"latency_ns\": {\"p50\": %llu, \"p99\": %llu}}\n",
	       (unsigned long long)n, s, (double)n / s, (double)n * BS_ / s / 1e6,
	       (unsigned long long)bench_hist_percentile(&hist, 50),
	       (unsigned long long)bench_hist_percentile(&hist, 99));
	return 0;
}
