/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BLK_BENCH_H
#define VDISC_BLK_BENCH_H

#include <stdint.h>

/* Latency histogram of vdisc blk bench (blk_bench_stats.c). */
#define BENCH_SUB_ 64u	   /* linear buckets per power of two */
#define BENCH_MAX_EXP_ 40u /* about 18 minutes: anything longer is counted as that */
#define BENCH_BUCKETS_ (BENCH_SUB_ * (BENCH_MAX_EXP_ - 4u))

struct bench_hist {
	uint64_t count[BENCH_BUCKETS_];
	uint64_t n, sum, min, max;
};

void bench_hist_add(struct bench_hist *h, uint64_t ns);
/* The latency below which @p percent of the requests completed (0 with none). */
uint64_t bench_hist_percentile(const struct bench_hist *h, double p);

#endif
