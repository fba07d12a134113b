/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "blk_bench.h"

/*
 * Latency percentiles in fixed memory: a log-linear histogram (64 linear
 * buckets per power of two, so any value is known within 1.6%), whatever
 * the number of requests -- cost grows with the run, not its square.
 */

static unsigned bench_bucket(uint64_t ns)
{
	unsigned e;

	if (ns < BENCH_SUB_)
		return (unsigned)ns;
	e = 63u - (unsigned)__builtin_clzll(ns); /* at least 6 */
	if (e > BENCH_MAX_EXP_)
		return BENCH_BUCKETS_ - 1u;
	return BENCH_SUB_ * (e - 5u) + (unsigned)(ns >> (e - 6u)) - BENCH_SUB_;
}

/* The middle of bucket @i. */
static uint64_t bench_bucket_value(unsigned i)
{
	unsigned e;

	if (i < BENCH_SUB_)
		return i;
	e = i / BENCH_SUB_ + 5u;
	return ((uint64_t)(BENCH_SUB_ + i % BENCH_SUB_) << (e - 6u)) + ((1ull << (e - 6u)) >> 1);
}

void bench_hist_add(struct bench_hist *h, uint64_t ns)
{
	h->count[bench_bucket(ns)]++;
	h->n++;
	if (ns > h->max)
		h->max = ns;
	if (h->n == 1 || ns < h->min)
		h->min = ns;
	h->sum += ns;
}

uint64_t bench_hist_percentile(const struct bench_hist *h, double p)
{
	uint64_t want, seen = 0;
	unsigned i;

	if (h->n == 0)
		return 0;
	want = (uint64_t)(p / 100.0 * (double)h->n);
	if (want >= h->n)
		want = h->n - 1;
	for (i = 0; i < BENCH_BUCKETS_; i++) {
		seen += h->count[i];
		if (seen > want) {
			uint64_t v = bench_bucket_value(i);

			return v > h->max ? h->max : v < h->min ? h->min : v;
		}
	}
	return h->max;
}
