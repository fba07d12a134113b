/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BLK_CLI_H
#define VDISC_BLK_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

#include "hosted/shm_platform.h"
#include "hosted/vhost_user_transport.h"

/* The options of `vdisc blk`, parsed in cmd_blk.c for every subcommand. */
struct blk_options {
	const char *sub;
	const char *vhost_user; /* the back-end's socket */
	const char *sectors;	/* check: the blocks to visit, or NULL */
	const char *rw;		/* bench: read, write, randread, randwrite */
	uint32_t bs;		/* bench: bytes per request */
	unsigned iodepth, queues;
	double runtime;	  /* bench: seconds, or 0 */
	uint64_t size;	  /* bench: bytes, or 0 */
	int timeout_ms;	  /* every vhost-user reply; 0: the transport's default */
	unsigned spin_us; /* poll this long, then sleep until notified; 0: poll only */
	bool json, read_only, allow_write;
};

/* An open device: the shared memory, the transport, the driver. */
struct blk_target {
	const char *name; /* the socket path, for messages */
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport vu;
	struct vdisc_virtio_dev dev;
	struct vdisc_blk blk;
	struct vdisc_blk_queue *queues;
	uint64_t spin_ns; /* for blk.spin_ns */
	bool transport_open, blk_open;
};

/* blk_open.c: connect, negotiate, set up @nqueues queues of @depth (0: the ring's room)
 * with @shm_bytes of shared memory; prints the error and returns the exit code. */
int blk_open(struct blk_target *t, const struct blk_options *o, size_t shm_bytes, uint16_t nqueues,
	     uint16_t depth);
void blk_close(struct blk_target *t);
/* One line naming the device, what failed and why (the transport's reason, or @err's);
 * returns the exit code for @err. */
int blk_fail(const struct blk_target *t, const char *what, int err);
/* DMA-able memory in the shared region (freed with the target); NULL when it is full. */
void *blk_alloc(struct blk_target *t, size_t bytes);

/* The subcommands, one file each. */
int blk_cmd_info(const struct blk_options *o);
int blk_cmd_check(const struct blk_options *o);
int blk_cmd_bench(const struct blk_options *o);

/* blk_names.c: vhost-user protocol features and the feature word's vhost bits, by name. */
void blk_print_protocol_features(FILE *out, uint64_t bits);
struct json_object *blk_json_protocol_features(uint64_t bits);
const char *blk_vhost_bit_name(unsigned bit);

/* blk_args.c: sizes (4k, 1M, 512), sector lists (N,N,...), durations. */
int blk_parse_size(const char *s, uint64_t *out);
int blk_parse_sectors(const char *s, uint64_t *sectors, unsigned max, unsigned *n);

#endif
