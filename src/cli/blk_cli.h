/* SPDX-License-Identifier: MIT */
#ifndef VDISC_BLK_CLI_H
#define VDISC_BLK_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <vdisc/vdisc.h>

struct json_object;

/* The options of `vdisc blk`, parsed in cmd_blk.c for every subcommand. */
struct blk_options {
	const char *sub;
	const char *vhost_user; /* the back-end's socket */
	const char *pci;	/* or the PCI function, through VFIO */
	bool bind;		/* --pci: take the function from its driver, and give it back */
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

struct blk_target;

/*
 * A way to reach a virtio-blk device, one per file (blk_vhost_user.c): it
 * brings the transport and the platform whose DMA memory the device can
 * reach; the driver on top is the library's, the same for every backend.
 */
struct blk_backend {
	const char *name; /* "vhost-user" */
	/* Reach the device at @where with @dma_bytes of DMA memory: fill t->dev and t->be.
	 * 0 or -VDISC_E*; why() then says what failed, naming @where. */
	int (*open)(struct blk_target *t, const char *where, int timeout_ms, size_t dma_bytes);
	/* Let go of everything open() took (the driver is already released); any state. */
	void (*close)(struct blk_target *t);
	/* The last failure in one line, or NULL. */
	const char *(*why)(const struct blk_target *t);
	/* What `info` adds for this backend (feature bits of its own, protocol features). */
	void (*info_text)(FILE *out, const struct blk_target *t);
	void (*info_json)(struct json_object *root, const struct blk_target *t);
};

extern const struct blk_backend blk_vhost_user_backend, blk_vfio_backend;

/* An open device: the backend, the transport's device, the driver. */
struct blk_target {
	const char *name; /* the device as given, for messages */
	char label[64];	  /* the device as the backend names it in why() ("0000:00:05.0") */
	const struct blk_backend *backend;
	void *be; /* the backend's own state */
	struct vdisc_virtio_dev dev;
	struct vdisc_blk blk;
	struct vdisc_blk_queue *queues;
	uint64_t spin_ns; /* for blk.spin_ns */
	bool bind;	  /* the backend may take the device from its driver (--bind) */
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
/* DMA-able memory from the backend's platform (freed with the target); NULL when it is full. */
void *blk_alloc(struct blk_target *t, size_t bytes);
/* The backend's last failure in one line, or NULL. */
const char *blk_why(const struct blk_target *t);

/* The subcommands, one file each. */
int blk_cmd_info(const struct blk_options *o);
int blk_cmd_check(const struct blk_options *o);
int blk_cmd_bench(const struct blk_options *o);

/* blk_names.c: vhost-user protocol features and the feature word's vhost bits, by name. */
void blk_print_protocol_features(FILE *out, uint64_t bits);
struct json_object *blk_json_protocol_features(uint64_t bits);
void blk_print_vhost_bits(FILE *out, uint64_t bits);
struct json_object *blk_json_vhost_bits(uint64_t bits);

/* blk_signal.c: SIGINT/SIGTERM set blk_stop_signal (the signal's number) and nothing else. */
#include <signal.h>
extern volatile sig_atomic_t blk_stop_signal;
void blk_signals_install(void);

/* blk_args.c: sizes (4k, 1M, 512), sector lists (N,N,...), durations. */
int blk_parse_size(const char *s, uint64_t *out);
int blk_parse_sectors(const char *s, uint64_t *sectors, unsigned max, unsigned *n);

#endif
