/* SPDX-License-Identifier: MIT */
/*
 * virtio-blk (vdisc_blk_*) and vdisc_blk_check against the software device
 * of sw_blk.c, modern and legacy: configuration, round trips, splitting by
 * seg_max/size_max, several requests in flight (completed out of order),
 * bounds, read-only disks, and every hostile behaviour the model can put
 * on -- each must give the documented error, never an access out of
 * bounds (run under ASan), and a device that lied is failed and reset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "blk_fixture.h"

/* ---- init ------------------------------------------------------------------ */

static void test_init(void **state)
{
	struct fixture *f = *state;

	f->sw.seg_max = 5;
	f->sw.sectors = SECTORS - 8; /* the config may say less than the disk holds */
	init_ok(f);
	assert_int_equal(f->blk.capacity, SECTORS - 8);
	assert_int_equal(f->blk.blk_size, 512);
	assert_int_equal(f->blk.seg_max, 5);
	assert_int_equal(f->blk.size_max, 0);
	assert_false(f->blk.read_only);
	assert_true(f->blk.flush);
	assert_true(f->blk.discard);
	assert_true(f->blk.write_zeroes);
	assert_int_equal(f->blk.queue0.vq.size, 128);
	assert_int_equal(f->blk.timeout_ns, 5000000000ull);
	assert_int_equal(f->sw.dma_live, 2);
	assert_false(vdisc_virtio_has(&f->sw.accepted, SW_F_MQ));
}

static void test_init_wrong_type(void **state)
{
	struct fixture *f = *state;

	f->sw.dev.device_type = 1;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_ENOTSUP);
	assert_int_equal(f->sw.resets, 0);
}

static void test_init_steps(void **state)
{
	struct fixture *f = *state;
	enum vdisc_virtio_init_step step;

	f->sw.refuse_features_ok = true;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), -VDISC_EIO);
	assert_int_equal(step, VDISC_VIRTIO_STEP_FEATURES_OK);
	f->sw.refuse_features_ok = false;

	f->sw.fail_op = SW_OP_CONFIG_READ;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), -VDISC_EIO);
	assert_int_equal(step, VDISC_VIRTIO_STEP_QUEUES);
	assert_true(f->sw.saw_failed);
	f->sw.fail_op = SW_OP_NONE;

	f->sw.fail_op = SW_OP_QUEUE_SETUP;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), -VDISC_EIO);
	assert_int_equal(step, VDISC_VIRTIO_STEP_QUEUES);
	assert_int_equal(f->sw.dma_live, 0);
	f->sw.fail_op = SW_OP_NONE;

	f->sw.qmax = 2; /* no room for header, data and status */
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), -VDISC_ENOTSUP);
	assert_int_equal(f->sw.dma_live, 0);
	f->sw.qmax = 128;

	f->sw.fail_op = SW_OP_SET_STATUS;
	f->sw.fail_set_status_bits = SW_S_DRIVER_OK;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, &step), -VDISC_EIO);
	assert_int_equal(step, VDISC_VIRTIO_STEP_DRIVER_OK);
	assert_int_equal(f->sw.dma_live, 0);
	f->sw.fail_op = SW_OP_NONE;
	init_ok(f);
}

static void test_init_dma_second(void **state)
{
	struct fixture *f = *state;
	uint64_t phys;
	void *hold[SW_BLK_MAX_DMA - 1];
	unsigned i;

	/* leave room for the ring only: the request memory cannot be had */
	for (i = 0; i < SW_BLK_MAX_DMA - 1; i++)
		hold[i] = f->sw.platform.dma_alloc(f->sw.platform.ctx, 16, 16, &phys);
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_ENOMEM);
	for (i = 0; i < SW_BLK_MAX_DMA - 1; i++)
		f->sw.platform.dma_free(f->sw.platform.ctx, hold[i], 16);
	assert_int_equal(f->sw.dma_live, 0);
}

static void test_blk_size(void **state)
{
	struct fixture *f = *state;

	sw_blk_offer(&f->sw, SW_F_BLK_SIZE, true);
	f->sw.blk_size = 4096;
	init_ok(f);
	assert_int_equal(f->blk.blk_size, 4096);
	/* transfers are in 512-byte sectors, but a logical block is never split */
	assert_int_equal(vdisc_blk_read(&f->blk, 1, f->buf, 8), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_read(&f->blk, 8, f->buf, 4), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_read(&f->blk, 8, f->buf, 16), 0);
	assert_memory_equal(f->buf, f->sw.disk + 8 * 512, 16 * 512);
	assert_int_equal(vdisc_blk_discard(&f->blk, 4, 8), -VDISC_EINVAL);
}

static void test_blk_size_bogus(void **state)
{
	struct fixture *f = *state;

	f->sw.blk_size = 1000;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_EIO);
	f->sw.blk_size = 256;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_EIO);
	f->sw.blk_size = 1u << 20;
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_EIO);
}

static void test_generation(void **state)
{
	struct fixture *f = *state;

	f->sw.gen_bump = 3; /* capacity changes while it is being read: read again */
	init_ok(f);
	assert_int_equal(f->blk.capacity, SECTORS);
	vdisc_blk_release(&f->blk);
	f->sw.gen_bump = 1000; /* never holds still */
	assert_int_equal(vdisc_blk_init(&f->blk, &f->sw.dev, NULL), -VDISC_EIO);
}

/* ---- I/O -------------------------------------------------------------------- */

static void test_read_write(void **state)
{
	struct fixture *f = *state;
	uint8_t *w = f->buf, *r = f->buf + 65536;

	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, r, 1), 0);
	assert_memory_equal(r, f->sw.disk, 512);
	fill(w, 8 * 512, 1);
	assert_int_equal(vdisc_blk_write(&f->blk, 100, w, 8), 0);
	assert_memory_equal(f->sw.disk + 100 * 512, w, 8 * 512);
	memset(r, 0, 8 * 512);
	assert_int_equal(vdisc_blk_read(&f->blk, 100, r, 8), 0);
	assert_memory_equal(r, w, 8 * 512);
	assert_int_equal(vdisc_blk_read(&f->blk, SECTORS - 1, r, 1), 0);
	assert_memory_equal(r, f->sw.disk + (SECTORS - 1) * 512, 512);
	assert_int_equal(vdisc_blk_read(&f->blk, 5, r, 0), 0);
	assert_int_equal(vdisc_blk_flush(&f->blk), 0);
	assert_int_equal(f->sw.flushes, 1);
}

static void test_split(void **state)
{
	struct fixture *f = *state;
	uint8_t *w = f->buf, *r = f->buf + (1u << 19);

	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.seg_max = 3;
	f->sw.size_max = 1024;
	init_ok(f);
	fill(w, 200 * 512, 2);
	assert_int_equal(vdisc_blk_write(&f->blk, 7, w, 200), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, 7, r, 200), 0);
	assert_memory_equal(r, w, 200 * 512);
	assert_memory_equal(f->sw.disk + 7 * 512, w, 200 * 512);
	/* 3 segments of 1 KiB: 6 sectors a request */
	assert_int_equal(f->sw.max_data_descs, 3);
	assert_int_equal(f->sw.max_desc_len, 1024);
	assert_int_equal(f->sw.requests, 2 * ((200 + 5) / 6));
}

static void test_split_odd_size_max(void **state)
{
	struct fixture *f = *state;
	uint8_t *r = f->buf;

	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.seg_max = 4;
	f->sw.size_max = 700; /* not a sector multiple: requests of 5 sectors, 4 segments */
	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, r, 64), 0);
	assert_memory_equal(r, f->sw.disk, 64 * 512);
	assert_int_equal(f->sw.max_desc_len, 700);
	assert_int_equal(f->sw.requests, (64 + 4) / 5);
}

static void test_no_seg_max(void **state)
{
	struct fixture *f = *state;

	sw_blk_offer(&f->sw, SW_F_SEG_MAX, false);
	init_ok(f);
	assert_int_equal(f->blk.seg_max, 1);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, SECTORS), 0);
	assert_memory_equal(f->buf, f->sw.disk, 1u << 20);
	assert_int_equal(f->sw.max_data_descs, 1);
	assert_int_equal(f->sw.requests, 1); /* 1 MiB, one segment */
}

static void test_in_flight(void **state)
{
	struct fixture *f = *state;

	f->sw.async = true; /* one completion per clock tick */
	f->sw.lifo = true;  /* and the newest first */
	f->sw.seg_max = 1;
	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.size_max = 4096;
	sw_blk_offer(&f->sw, SW_F_EVENT_IDX, true);
	init_ok(f);
	assert_true(f->blk.queue0.vq.event_idx);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, SECTORS), 0);
	assert_memory_equal(f->buf, f->sw.disk, 1u << 20);
	assert_int_equal(f->sw.requests, SECTORS / 8);
	assert_int_equal(f->sw.max_inflight, VDISC_BLK_MAX_INFLIGHT);
	fill(f->buf, 1u << 20, 3);
	assert_int_equal(vdisc_blk_write(&f->blk, 0, f->buf, SECTORS), 0);
	assert_memory_equal(f->buf, f->sw.disk, 1u << 20);
	/* event idx: far fewer notifications than requests */
	assert_true(f->sw.notifies < f->sw.requests);
}

static void test_small_queue(void **state)
{
	struct fixture *f = *state;

	f->sw.qmax = 8; /* two requests of 3 descriptors, or one of 8 */
	f->sw.async = true;
	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.size_max = 512;
	f->sw.seg_max = 64;
	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 100), 0);
	assert_memory_equal(f->buf, f->sw.disk, 100 * 512);
	assert_int_equal(f->sw.max_data_descs, 6);
}

/* INDIRECT_DESC: each request is one ring descriptor, so a ring of 8 holds 8 requests. */
static void test_indirect(void **state)
{
	struct fixture *f = *state;

	f->sw.qmax = 8;
	f->sw.async = true;
	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.size_max = 512;
	f->sw.seg_max = 64;
	sw_blk_offer(&f->sw, SW_F_INDIRECT_DESC, true);
	init_ok(f);
	assert_true(f->blk.queue0.vq.indirect);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 100), 0);
	assert_memory_equal(f->buf, f->sw.disk, 100 * 512);
	assert_int_equal(f->sw.indirect_requests, f->sw.requests);
	assert_int_equal(f->sw.max_inflight, 8);
	/* the chain, table included, stays within the queue size: 6 data segments */
	assert_int_equal(f->sw.max_data_descs, 6);
	fill(f->buf, 100 * 512, 5);
	assert_int_equal(vdisc_blk_write(&f->blk, 7, f->buf, 100), 0);
	assert_memory_equal(f->buf, f->sw.disk + 7 * 512, 100 * 512);
	assert_int_equal(vdisc_blk_flush(&f->blk), 0);
	assert_false(f->sw.saw_failed);
}

/* Run modern (M) and legacy (L): guest-endian tables on legacy. */
static void test_indirect_id(void **state)
{
	struct fixture *f = *state;
	char id[21];

	sw_blk_offer(&f->sw, SW_F_INDIRECT_DESC, true);
	init_ok(f);
	assert_true(f->blk.queue0.vq.indirect);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 64), 0);
	assert_memory_equal(f->buf, f->sw.disk, 64 * 512);
	assert_int_equal(vdisc_blk_get_id(&f->blk, id), 0);
	assert_true(f->sw.indirect_requests > 0);
	assert_int_equal(f->sw.indirect_requests, f->sw.requests);
}

static void test_bounds(void **state)
{
	struct fixture *f = *state;

	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, SECTORS - 1, f->buf, 2), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_read(&f->blk, SECTORS, f->buf, 1), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_read(&f->blk, UINT64_MAX, f->buf, 2), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_write(&f->blk, UINT64_MAX - 1, f->buf, 4), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_discard(&f->blk, SECTORS - 4, 5), -VDISC_ERANGE);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, NULL, 1), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_read(NULL, 0, f->buf, 1), -VDISC_EINVAL);
	assert_int_equal(f->sw.requests, 0);
}

static void test_read_only(void **state)
{
	struct fixture *f = *state;
	uint64_t sum = sw_blk_checksum(&f->sw);

	sw_blk_offer(&f->sw, SW_F_RO, true);
	f->sw.read_only = true;
	init_ok(f);
	assert_true(f->blk.read_only);
	assert_int_equal(vdisc_blk_write(&f->blk, 0, f->buf, 1), -VDISC_EPERM);
	assert_int_equal(vdisc_blk_discard(&f->blk, 0, 1), -VDISC_EPERM);
	assert_int_equal(vdisc_blk_write_zeroes(&f->blk, 0, 1), -VDISC_EPERM);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 4), 0);
	assert_int_equal(f->sw.writes, 0);
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

static void test_flush_absent(void **state)
{
	struct fixture *f = *state;

	sw_blk_offer(&f->sw, SW_F_FLUSH, false);
	init_ok(f);
	assert_false(f->blk.flush);
	assert_int_equal(vdisc_blk_flush(&f->blk), 0);
	assert_int_equal(f->sw.requests, 0);
}

static void test_get_id(void **state)
{
	struct fixture *f = *state;
	char id[21];

	init_ok(f);
	memset(id, 'x', sizeof(id));
	assert_int_equal(vdisc_blk_get_id(&f->blk, id), 0);
	assert_string_equal(id, "sw-blk-serial-01");
	memcpy(f->sw.id, "0123456789abcdefghij", 20); /* all 20 bytes: no NUL from the device */
	assert_int_equal(vdisc_blk_get_id(&f->blk, id), 0);
	assert_string_equal(id, "0123456789abcdefghij");
	f->sw.id_unsupported = true;
	assert_int_equal(vdisc_blk_get_id(&f->blk, id), -VDISC_ENOTSUP);
	f->sw.id_unsupported = false;
	assert_int_equal(vdisc_blk_get_id(&f->blk, id), 0);
}

static void test_discard_write_zeroes(void **state)
{
	struct fixture *f = *state;
	uint8_t zero[20 * 512];
	uint64_t sum;

	f->sw.max_write_zeroes_sectors = 8;
	f->sw.max_discard_sectors = 64;
	init_ok(f);
	sum = sw_blk_checksum(&f->sw);
	assert_int_equal(vdisc_blk_discard(&f->blk, 10, 100), 0);
	assert_int_equal(f->sw.discards, 2);
	assert_int_equal(sw_blk_checksum(&f->sw), sum); /* the model's discard keeps data */
	assert_int_equal(vdisc_blk_write_zeroes(&f->blk, 30, 20), 0);
	assert_int_equal(f->sw.write_zeroes, 3);
	memset(zero, 0, sizeof(zero));
	assert_memory_equal(f->sw.disk + 30 * 512, zero, sizeof(zero));
	assert_true(f->sw.disk[29 * 512 + 511] != 0 || f->sw.disk[29 * 512 + 510] != 0);
	assert_int_equal(vdisc_blk_discard(&f->blk, 0, 0), 0);
}

static void test_discard_absent(void **state)
{
	struct fixture *f = *state;

	sw_blk_offer(&f->sw, SW_F_DISCARD, false);
	sw_blk_offer(&f->sw, SW_F_WRITE_ZEROES, false);
	init_ok(f);
	assert_int_equal(vdisc_blk_discard(&f->blk, 0, 1), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_blk_write_zeroes(&f->blk, 0, 1), -VDISC_ENOTSUP);
}

/* ---- a device that fails or lies ---------------------------------------------- */

static void test_ioerr(void **state)
{
	struct fixture *f = *state;

	init_ok(f);
	f->sw.ioerr_sector = 77;
	f->sw.ioerr_read = true;
	assert_int_equal(vdisc_blk_read(&f->blk, 70, f->buf, 16), -VDISC_EIO);
	assert_int_equal(vdisc_blk_read(&f->blk, 78, f->buf, 16), 0);
	assert_int_equal(vdisc_blk_read(&f->blk, 77, f->buf, 1), -VDISC_EIO);
	assert_int_equal(f->blk.last_status, 1);
	f->sw.ioerr_write = true;
	assert_int_equal(vdisc_blk_write(&f->blk, 77, f->buf, 1), -VDISC_EIO);
	/* an I/O error is the device's honest answer: the queue lives on */
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), 0);
	assert_int_equal(f->blk.last_status, 0);
	assert_false(f->sw.saw_failed);
}

static void test_ioerr_in_flight(void **state)
{
	struct fixture *f = *state;

	f->sw.async = true;
	f->sw.seg_max = 1;
	sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
	f->sw.size_max = 512;
	init_ok(f);
	f->sw.ioerr_sector = 3;
	f->sw.ioerr_read = true;
	/* the failure is found with others in flight: they are waited for, not abandoned */
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 64), -VDISC_EIO);
	assert_int_equal(f->sw.nheld, 0);
	assert_true(f->sw.requests < 64);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), 0);
}

static void test_timeout(void **state)
{
	struct fixture *f = *state;
	uint64_t t0;

	init_ok(f);
	f->sw.fault = SW_FAULT_STALL;
	t0 = f->sw.clock;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_ETIMEDOUT);
	assert_true(f->sw.clock - t0 >= 5000000000ull);
	assert_true(f->sw.clock - t0 < 8000000000ull);
	assert_true(f->sw.saw_failed);
	assert_int_equal(f->sw.status, 0);   /* reset: no DMA after the buffer is given back */
	assert_int_equal(f->sw.dma_live, 0); /* reset done: ring and request slots are freed */
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_EIO);
	assert_int_equal(vdisc_blk_flush(&f->blk), -VDISC_EIO);
}

static void test_timeout_short(void **state)
{
	struct fixture *f = *state;

	init_ok(f);
	f->blk.timeout_ns = 10000000; /* 10 ms */
	f->sw.fault = SW_FAULT_STALL;
	f->sw.fault_after = f->sw.completions + 2;
	f->sw.async = true;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, SECTORS), 0); /* one request */
	assert_int_equal(vdisc_blk_flush(&f->blk), 0);
	assert_int_equal(vdisc_blk_flush(&f->blk), -VDISC_ETIMEDOUT);
}

static void test_timeout_stuck_reset(void **state)
{
	struct fixture *f = *state;

	init_ok(f);
	f->sw.fault = SW_FAULT_STALL;
	f->sw.stuck_reset = true;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_ETIMEDOUT);
	/* a device that will not reset keeps its memory: nothing is freed under it */
	assert_null(f->blk.queue0.vq.desc);
	assert_null(f->blk.queue0.req_mem);
	assert_int_equal(f->sw.dma_live, 2);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_EIO);
}

struct lie {
	enum sw_fault fault;
	int err;
	bool fatal;
};

static void run_lie(struct fixture *f, const struct lie *l, bool async)
{
	uint64_t sum = sw_blk_checksum(&f->sw);

	f->sw.async = async;
	init_ok(f);
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 8), 0);
	f->sw.fault = l->fault;
	f->sw.fault_after = f->sw.completions + 1;
	assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 64), l->err);
	assert_int_equal(f->sw.saw_failed, l->fatal);
	f->sw.fault = SW_FAULT_NONE;
	if (l->fatal) {
		assert_int_equal(f->sw.status, 0);
		assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), -VDISC_EIO);
	} else {
		assert_int_equal(vdisc_blk_read(&f->blk, 0, f->buf, 1), 0);
	}
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

static const struct lie lies[] = {
	{SW_FAULT_ID_RANGE, -VDISC_EIO, true},	      {SW_FAULT_ID_NOT_HEAD, -VDISC_EIO, true},
	{SW_FAULT_IDX_JUMP, -VDISC_EIO, true},	      {SW_FAULT_LEN_BIG, -VDISC_EIO, true},
	{SW_FAULT_GARBAGE_STATUS, -VDISC_EIO, false}, {SW_FAULT_NO_STATUS, -VDISC_EIO, false},
};

static void test_lies(void **state)
{
	struct fixture *f = *state;
	unsigned i;
	int async;

	for (async = 0; async < 2; async++) {
		for (i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
			bool legacy = f->sw.legacy;
			bool packed = vdisc_virtio_has(&f->sw.offered, SW_F_RING_PACKED);

			vdisc_blk_release(&f->blk);
			sw_blk_free(&f->sw);
			sw_blk_init(&f->sw, SECTORS, legacy);
			sw_blk_offer(&f->sw, SW_F_RING_PACKED, packed);
			f->sw.seg_max = 1;
			sw_blk_offer(&f->sw, SW_F_SIZE_MAX, true);
			f->sw.size_max = 1024; /* 32 requests of 2 sectors, several in flight */
			run_lie(f, &lies[i], async);
			assert_int_equal(f->sw.bad, 0);
		}
	}
}

/* ---- vdisc_blk_check ------------------------------------------------------------- */

static void test_check_healthy(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;
	uint64_t sum = sw_blk_checksum(&f->sw);
	unsigned i;

	init_ok(f);
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), 0);
	assert_int_equal(r.error, 0);
	assert_true(r.wrote);
	assert_int_equal(r.sector[0], 0);
	assert_int_equal(r.sector[1], SECTORS / 2);
	assert_int_equal(r.sector[2], SECTORS - 1);
	for (i = 0; i < VDISC_BLK_CHECK_SECTORS; i++)
		assert_int_equal(r.state[i], VDISC_BLK_RESTORED);
	assert_int_equal(f->sw.writes, 6); /* pattern and restore, three sectors */
	assert_int_equal(f->sw.flushes, 6);
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
	assert_string_equal(r.reason, "ok");
}

static void test_check_4k(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;
	uint64_t sum = sw_blk_checksum(&f->sw);

	sw_blk_offer(&f->sw, SW_F_BLK_SIZE, true);
	f->sw.blk_size = 4096;
	f->sw.sectors = SECTORS - 3; /* the last whole block ends before the last sector */
	init_ok(f);
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), 0);
	assert_int_equal(r.sector[1], SECTORS / 2 - 8);
	assert_int_equal(r.sector[2], SECTORS - 16);
	f->sw.sectors = SECTORS;
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

static void test_check_write_error(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;
	uint64_t sum = sw_blk_checksum(&f->sw);

	init_ok(f);
	f->sw.ioerr_sector = SECTORS / 2;
	f->sw.ioerr_write = true;
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), -VDISC_EIO);
	assert_int_equal(r.error, -VDISC_EIO);
	assert_int_equal(r.error_sector, SECTORS / 2);
	assert_string_equal(r.reason, "write");
	assert_int_equal(r.blk_status, 1); /* VIRTIO_BLK_S_IOERR */
	assert_int_equal(r.state[0], VDISC_BLK_RESTORED);
	assert_int_equal(r.state[1], VDISC_BLK_WRITE_FAILED);
	assert_int_equal(r.state[2], VDISC_BLK_UNTOUCHED);
	assert_true(r.wrote);
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

static void test_check_verify(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;
	uint64_t sum = sw_blk_checksum(&f->sw);

	init_ok(f);
	f->sw.fault = SW_FAULT_LOSE_WRITES; /* says OK, stores nothing */
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), -VDISC_EIO);
	assert_string_equal(r.reason, "verify");
	assert_int_equal(r.blk_status, 0); /* the device said OK: the data says otherwise */
	assert_int_equal(r.error_sector, 0);
	assert_int_equal(r.state[0], VDISC_BLK_RESTORED); /* the old data is what is there */
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

static void test_check_read_only(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;
	unsigned i;

	sw_blk_offer(&f->sw, SW_F_RO, true);
	f->sw.read_only = true;
	init_ok(f);
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), 0);
	assert_false(r.wrote);
	for (i = 0; i < VDISC_BLK_CHECK_SECTORS; i++)
		assert_int_equal(r.state[i], VDISC_BLK_READ_ONLY);
	assert_int_equal(f->sw.writes, 0);
	assert_int_equal(f->sw.reads, 3);
}

static void test_check_read_error(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;

	init_ok(f);
	f->sw.ioerr_sector = SECTORS - 1;
	f->sw.ioerr_read = true;
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), -VDISC_EIO);
	assert_string_equal(r.reason, "read");
	assert_int_equal(r.blk_status, 1);
	assert_int_equal(r.error_sector, SECTORS - 1);
	assert_int_equal(r.state[2], VDISC_BLK_UNTOUCHED);
	assert_int_equal(r.state[1], VDISC_BLK_RESTORED);
}

static void test_check_timeout(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;

	init_ok(f);
	f->sw.fault = SW_FAULT_STALL;
	f->sw.fault_after = f->sw.completions + 1; /* the save read works, the write hangs */
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), -VDISC_ETIMEDOUT);
	assert_string_equal(r.reason, "write");
	assert_int_equal(r.blk_status, 0xff); /* never came back */
	assert_int_equal(r.state[0], VDISC_BLK_WRITE_FAILED);
}

static void test_check_args(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_report r;

	init_ok(f);
	assert_int_equal(vdisc_blk_check(&f->blk, NULL, &r), -VDISC_EINVAL);
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, NULL), -VDISC_EINVAL);
	f->blk.capacity = 0;
	assert_int_equal(vdisc_blk_check(&f->blk, f->buf, &r), -VDISC_ERANGE);
}

/* The step hook of the tests below: records the steps, stops at one of them. */
struct steps {
	unsigned n, stop_at_index;
	enum vdisc_blk_check_step seen[64], stop_at;
	bool stop;
};

static int record_step(void *ctx, unsigned index, enum vdisc_blk_check_step step, int err)
{
	struct steps *s = ctx;

	(void)err;
	if (s->n < 64)
		s->seen[s->n++] = step;
	return s->stop && index == s->stop_at_index && step == s->stop_at;
}

static void test_check_sector_list(void **state)
{
	struct fixture *f = *state;
	static const uint64_t sectors[] = {5, 100, SECTORS - 1};
	struct vdisc_blk_check_opts o = {.sectors = sectors, .nsectors = 3};
	struct vdisc_blk_check_report r;
	struct steps st = {0};
	uint64_t sum = sw_blk_checksum(&f->sw);
	unsigned i;

	init_ok(f);
	o.step = record_step;
	o.ctx = &st;
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), 0);
	assert_int_equal(r.nsectors, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r.sector[i], sectors[i]);
		assert_int_equal(r.state[i], VDISC_BLK_RESTORED);
	}
	assert_int_equal(st.n, 3 * VDISC_BLK_STEP_COUNT_); /* every step of every block */
	for (i = 0; i < st.n; i++)
		assert_int_equal(st.seen[i], i % VDISC_BLK_STEP_COUNT_);
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
	o.nsectors = 0;
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), -VDISC_EINVAL);
	o.nsectors = VDISC_BLK_CHECK_MAX_SECTORS + 1;
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), -VDISC_EINVAL);
	o.sectors = (const uint64_t[]){SECTORS};
	o.nsectors = 1;
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), -VDISC_ERANGE);
}

static void test_check_opts_read_only(void **state)
{
	struct fixture *f = *state;
	struct vdisc_blk_check_opts o = {.read_only = true};
	struct vdisc_blk_check_report r;

	init_ok(f);
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), 0);
	assert_false(r.wrote);
	assert_int_equal(f->sw.writes, 0);
	assert_int_equal(r.state[1], VDISC_BLK_READ_ONLY);
}

/* Stopped right after the pattern went out: restored and verified before returning. */
static void test_check_stop_after_write(void **state)
{
	struct fixture *f = *state;
	struct steps st = {.stop = true, .stop_at_index = 1, .stop_at = VDISC_BLK_STEP_WRITE};
	struct vdisc_blk_check_opts o = {.step = record_step, .ctx = &st};
	struct vdisc_blk_check_report r;
	uint64_t sum = sw_blk_checksum(&f->sw);

	init_ok(f);
	assert_int_equal(vdisc_blk_check_opts(&f->blk, f->buf, &o, &r), -VDISC_ECANCELED);
	assert_true(r.stopped);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.state[0], VDISC_BLK_RESTORED);
	assert_int_equal(r.state[1], VDISC_BLK_RESTORED);
	assert_int_equal(r.state[2], VDISC_BLK_UNTOUCHED);
	/* block 1: read, write, then straight to the restore's three steps */
	assert_int_equal(st.n, VDISC_BLK_STEP_COUNT_ + 5);
	assert_int_equal(st.seen[VDISC_BLK_STEP_COUNT_ + 2], VDISC_BLK_STEP_RESTORE);
	assert_int_equal(sw_blk_checksum(&f->sw), sum);
}

#define M(fn) cmocka_unit_test_setup_teardown(fn, setup_modern, teardown)
#define L(fn) cmocka_unit_test_setup_teardown(fn, setup_legacy, teardown)
#define P(fn) cmocka_unit_test_setup_teardown(fn, setup_packed, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		M(test_init),
		P(test_init),
		L(test_init),
		M(test_init_wrong_type),
		P(test_init_wrong_type),
		M(test_init_steps),
		P(test_init_steps),
		M(test_init_dma_second),
		P(test_init_dma_second),
		M(test_blk_size),
		P(test_blk_size),
		M(test_blk_size_bogus),
		P(test_blk_size_bogus),
		M(test_generation),
		P(test_generation),
		M(test_read_write),
		P(test_read_write),
		L(test_read_write),
		M(test_split),
		P(test_split),
		L(test_split),
		M(test_split_odd_size_max),
		P(test_split_odd_size_max),
		M(test_no_seg_max),
		P(test_no_seg_max),
		M(test_in_flight),
		P(test_in_flight),
		L(test_in_flight),
		M(test_small_queue),
		P(test_small_queue),
		M(test_indirect),
		P(test_indirect),
		L(test_indirect),
		M(test_indirect_id),
		P(test_indirect_id),
		L(test_indirect_id),
		M(test_bounds),
		P(test_bounds),
		M(test_read_only),
		P(test_read_only),
		M(test_flush_absent),
		P(test_flush_absent),
		M(test_get_id),
		P(test_get_id),
		L(test_get_id),
		M(test_discard_write_zeroes),
		P(test_discard_write_zeroes),
		L(test_discard_write_zeroes),
		M(test_discard_absent),
		P(test_discard_absent),
		M(test_ioerr),
		P(test_ioerr),
		M(test_ioerr_in_flight),
		P(test_ioerr_in_flight),
		M(test_timeout),
		P(test_timeout),
		L(test_timeout),
		M(test_timeout_short),
		P(test_timeout_short),
		M(test_timeout_stuck_reset),
		P(test_timeout_stuck_reset),
		M(test_lies),
		P(test_lies),
		L(test_lies),
		M(test_check_healthy),
		P(test_check_healthy),
		L(test_check_healthy),
		M(test_check_4k),
		P(test_check_4k),
		M(test_check_write_error),
		P(test_check_write_error),
		M(test_check_verify),
		P(test_check_verify),
		M(test_check_read_only),
		P(test_check_read_only),
		M(test_check_read_error),
		P(test_check_read_error),
		M(test_check_timeout),
		P(test_check_timeout),
		M(test_check_args),
		P(test_check_args),
		M(test_check_sector_list),
		P(test_check_sector_list),
		M(test_check_opts_read_only),
		P(test_check_opts_read_only),
		M(test_check_stop_after_write),
		P(test_check_stop_after_write),
		L(test_check_stop_after_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
