/* SPDX-License-Identifier: MIT */
#ifndef VDISC_FUZZ_BLK_OPS_H
#define VDISC_FUZZ_BLK_OPS_H

/*
 * What the virtqueue fuzz targets (fuzz_virtq_used.c, fuzz_virtq_packed.c)
 * share: the input stream, and virtio-blk driven by it, synchronously or
 * through the asynchronous API, against a device the target plays on every
 * clock tick.  Every call's result must be one it documents; requests come
 * back only while in flight, once, with the result their status byte says,
 * and the in-flight count always equals the driver's.
 */
#include <stddef.h>
#include <stdint.h>

#include <vdisc/error.h>
#include <vdisc/virtio_blk.h>

struct fuzz_src {
	const uint8_t *p;
	size_t left;
};

/* abort() unless @ok: the fuzzer's finding. */
void fuzz_check(int ok);
/* The next byte (0 once the input is used up), and the next four, little-endian. */
unsigned fuzz_byte(struct fuzz_src *z);
uint32_t fuzz_word(struct fuzz_src *z);
/* Up to 64 synchronous reads, writes, flushes, GET_IDs and write-zeroes. */
void fuzz_blk_sync_ops(struct fuzz_src *z, struct vdisc_blk *blk);
/* Up to 256 submits, polls and waits on queue 0, up to 64 requests in flight. */
void fuzz_blk_async_ops(struct fuzz_src *z, struct vdisc_blk *blk);

#endif
