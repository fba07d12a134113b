/* SPDX-License-Identifier: MIT */
/*
 * The vhost-user transport (src/hosted/vhost_user_transport.c) against a
 * fake back-end: a forked child on the other end of a socketpair that
 * answers like qemu-storage-daemon 7.2 until the message it was told to
 * spoil, and then closes, falls silent, or sends one bad reply (wrong
 * request, flags, version or size, an fd too many, a refusal).  The driver
 * side is the real core (vdisc_blk_init, then a reset), so every step of
 * the open sequence and of queue setup is hit by every fault.  Each run
 * must end with the right code and a `why`, within a bound, and with no fd
 * left open.  Also: the connect errors, check_alive, the shared-memory
 * platform and the transport's pure parsing helpers.
 */
#define _GNU_SOURCE /* setresuid */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fd_clock_util.h"

#include <vdisc/error.h>
#include <vdisc/vhost_user.h>
#include <vdisc/virtio_blk.h>

#include "hosted/shm_platform.h"
#include "hosted/vhost_user_msg.h"
#include "hosted/vhost_user_transport.h"

#define REPLY (VDISC_VHOST_USER_VERSION | VDISC_VHOST_USER_FLAG_REPLY)
/* What qemu-storage-daemon 7.2 offered when this was written (see the report in the log). */
#define QSD_FEATURES 0x0000000175007e46ull
#define QSD_PROTOCOL 0x8f2bull
/* Long enough for a loaded machine; every silent-peer run waits this long once. */
#define TIMEOUT_MS 300
#define WITHIN "within 300 ms"

/* ---- helpers ------------------------------------------------------------------------- */

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* ---- the fake back-end --------------------------------------------------------------- */

enum fault {
	F_NONE,
	F_CLOSE,	 /* close instead of answering message N */
	F_SILENT,	 /* never answer message N or anything after */
	F_WRONG_CODE,	 /* answer N with another request code */
	F_NO_REPLY_FLAG, /* answer N without REPLY */
	F_BAD_VERSION,	 /* answer N as version 2 */
	F_SHORT,	 /* answer N one byte (or a whole u64) short */
	F_LONG,		 /* answer N 8 bytes long */
	F_EXTRA_FD,	 /* answer N with an fd attached */
	F_HUGE,		 /* announce a payload larger than any message */
	F_ACK_NONZERO,	 /* refuse N (only when it asked for an ack) */
	F_CONFIG_EMPTY,	 /* refuse N the libvhost-user way (only GET_CONFIG) */
	F_UNSOLICITED,	 /* answer N, then send a request of its own */
	F_CLOSE_AFTER,	 /* answer N, then close */
	F_COUNT_
};

static const char *const fault_names[F_COUNT_] = {
	"none", "close", "silent", "wrong-code",  "no-reply-flag", "bad-version", "short",
	"long", "fd",	 "huge",   "ack-nonzero", "config-empty",  "unsolicited", "close-after",
};

struct peer_cfg {
	uint64_t features, protocol, queue_num;
	enum fault fault;
	int at; /* the message (0-based) the fault hits */
};

/* The first 60 bytes of a virtio-blk configuration: 8 MiB, seg_max 126, 512-byte blocks. */
static void fake_config(uint8_t cfg[60])
{
	memset(cfg, 0, 60);
	put64(cfg + 0, 16384);
	put32(cfg + 12, 126);
	put32(cfg + 20, 512);
}

/* The peer's exit status when a ring's SET_VRING_BASE does not start it where it starts. */
#define PEER_BAD_BASE 250

/* The reply a good back-end gives to @m; a set without NEED_REPLY gets none (len -1). */
static int peer_answer(const struct peer_cfg *c, const struct vdisc_vhost_user_msg *m, uint8_t *out)
{
	static uint64_t accepted; /* the child's own copy: what SET_FEATURES said */
	uint8_t cfg[60];
	uint32_t size;

	if (m->request == VDISC_VHOST_USER_SET_FEATURES)
		accepted = (uint64_t)get32(m->payload + 4) << 32 | get32(m->payload);
	/* a new ring starts at 0; a packed one with both wrap counters at 1 (bits 15, 31) */
	if (m->request == VDISC_VHOST_USER_SET_VRING_BASE &&
	    get32(m->payload + 4) != (accepted >> VDISC_VIRTIO_F_RING_PACKED & 1 ? 0x80008000u : 0))
		_exit(PEER_BAD_BASE);
	switch (m->request) {
	case VDISC_VHOST_USER_GET_FEATURES:
		put64(out, c->features);
		return 8;
	case VDISC_VHOST_USER_GET_PROTOCOL_FEATURES:
		put64(out, c->protocol);
		return 8;
	case VDISC_VHOST_USER_GET_QUEUE_NUM:
		put64(out, c->queue_num);
		return 8;
	case VDISC_VHOST_USER_GET_VRING_BASE:
		memcpy(out, m->payload, 4);
		put32(out + 4, 0);
		return 8;
	case VDISC_VHOST_USER_GET_CONFIG:
		fake_config(cfg);
		size = get32(m->payload + 4);
		memcpy(out, m->payload, 12);
		memcpy(out + 12, cfg, size <= 60 ? size : 60);
		return 12 + (int)(size <= 60 ? size : 60);
	default:
		if (!(m->flags & VDISC_VHOST_USER_FLAG_NEED_REPLY))
			return -1;
		put64(out, 0);
		return 8;
	}
}

static void peer_send(int fd, uint32_t request, uint32_t flags, const uint8_t *p, uint32_t size,
		      int extra_fd)
{
	if (vdisc_vhost_user_send(fd, request, flags, p, size, &extra_fd, extra_fd >= 0 ? 1 : 0))
		_exit(3);
}

/* Spoil one answer as @fault says; returns 1 when the fault applied. */
static int peer_spoil(int fd, enum fault fault, const struct vdisc_vhost_user_msg *m, uint8_t *out,
		      int len)
{
	uint32_t size = len < 0 ? 8 : (uint32_t)len, code = m->request;
	int devnull;
	uint8_t hdr[12];

	if (len < 0)
		put64(out, 0); /* no answer was due: an unasked-for one it is */
	switch (fault) {
	case F_WRONG_CODE:
		peer_send(fd, code ^ 0x40u, REPLY, out, size, -1);
		return 1;
	case F_NO_REPLY_FLAG:
		peer_send(fd, code, VDISC_VHOST_USER_VERSION, out, size, -1);
		return 1;
	case F_BAD_VERSION:
		peer_send(fd, code, 2 | VDISC_VHOST_USER_FLAG_REPLY, out, size, -1);
		return 1;
	case F_SHORT:
		peer_send(fd, code, REPLY, out, size > 8 ? size - 1 : 4, -1);
		return 1;
	case F_LONG:
		memset(out + size, 0, 8);
		peer_send(fd, code, REPLY, out, size + 8, -1);
		return 1;
	case F_EXTRA_FD:
		devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
		peer_send(fd, code, REPLY, out, size, devnull);
		close(devnull);
		return 1;
	case F_HUGE:
		put32(hdr, code);
		put32(hdr + 4, REPLY);
		put32(hdr + 8, 0x10000);
		return send(fd, hdr, sizeof(hdr), MSG_NOSIGNAL) == (ssize_t)sizeof(hdr);
	case F_ACK_NONZERO:
		if (!(m->flags & VDISC_VHOST_USER_FLAG_NEED_REPLY) || len < 0)
			return 0;
		put64(out, 1);
		peer_send(fd, code, REPLY, out, 8, -1);
		return 1;
	case F_CONFIG_EMPTY:
		if (m->request != VDISC_VHOST_USER_GET_CONFIG)
			return 0;
		peer_send(fd, code, REPLY, NULL, 0, -1);
		return 1;
	default:
		return 0;
	}
}

/* Wait for the front-end to hang up, reading and dropping whatever it sends. */
static void peer_drain(int fd)
{
	char buf[512];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/* The child: exit status = messages seen (F_NONE), or whether the fault was applied. */
static void peer_main(int fd, const struct peer_cfg *c)
{
	uint8_t out[VDISC_VHOST_USER_MSG_PAYLOAD_MAX + 8];
	struct vdisc_vhost_user_msg m;
	int n, len, hit = 0;

	for (n = 0;; n++) {
		if (vdisc_vhost_user_recv(fd, 5000, &m))
			_exit(c->fault == F_NONE ? n : hit);
		vdisc_vhost_user_msg_close_fds(&m);
		len = peer_answer(c, &m, out);
		if (n == c->at && c->fault == F_CLOSE)
			_exit(1);
		if (n == c->at && c->fault == F_SILENT) {
			peer_drain(fd);
			_exit(1);
		}
		if (n == c->at && peer_spoil(fd, c->fault, &m, out, len)) {
			hit = 1;
			continue;
		}
		if (len >= 0)
			peer_send(fd, m.request, REPLY, out, (uint32_t)len, -1);
		if (n == c->at && c->fault == F_UNSOLICITED) {
			peer_send(fd, 99, VDISC_VHOST_USER_VERSION, NULL, 0, -1);
			hit = 1;
		}
		if (n == c->at && c->fault == F_CLOSE_AFTER)
			_exit(1);
	}
}

struct peer {
	pid_t pid;
	int fd; /* the front-end's end */
};

static void peer_start(struct peer *p, const struct peer_cfg *c)
{
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	p->pid = fork();
	assert_true(p->pid >= 0);
	if (p->pid == 0) {
		close(sv[0]);
		peer_main(sv[1], c);
	}
	close(sv[1]);
	p->fd = sv[0];
}

/* The child's exit status; it ends once the front-end's end is closed. */
static int peer_wait(struct peer *p)
{
	int status;

	assert_int_equal(waitpid(p->pid, &status, 0), p->pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static struct peer_cfg qsd_like(enum fault fault, int at)
{
	return (struct peer_cfg){.features = QSD_FEATURES,
				 .protocol = QSD_PROTOCOL,
				 .queue_num = 1,
				 .fault = fault,
				 .at = at};
}

/* ---- one run: open, vdisc_blk_init, reset, release ----------------------------------- */

struct run {
	int err;	/* the first failure, or 0 */
	int applied;	/* the peer's exit status */
	int64_t ms;	/* how long it took */
	char why[160];	/* the transport's line */
	bool dead;	/* the transport gave up the connection */
	int fds_leaked; /* open fds after minus before */
};

static void run_driver(const struct peer_cfg *c, struct run *r)
{
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport t;
	struct vdisc_virtio_dev dev;
	struct vdisc_blk blk;
	struct peer p;
	int64_t t0;
	int before;

	memset(r, 0, sizeof(*r));
	assert_int_equal(vdisc_shm_platform_init(&shm, 1u << 20), 0);
	before = open_fds();
	peer_start(&p, c);
	t0 = now_ms();
	r->err = vdisc_vhost_user_transport_open_fd(&t, p.fd, TIMEOUT_MS, &shm, &dev);
	if (!r->err)
		r->err = vdisc_blk_init(&blk, &dev, NULL);
	if (!r->err) {
		/* The reset stops the ring (GET_VRING_BASE); then the memory may go. */
		r->err = dev.ops->set_status(&dev, 0);
		if (!r->err)
			vdisc_blk_release(&blk);
	}
	r->ms = now_ms() - t0;
	r->dead = t.dead;
	snprintf(r->why, sizeof(r->why), "%s", t.why ? t.why : "");
	vdisc_vhost_user_transport_close(&t);
	r->applied = peer_wait(&p);
	r->fds_leaked = open_fds() - before;
	vdisc_shm_platform_destroy(&shm);
}

/* ---- tests --------------------------------------------------------------------------- */

/* The good run: the message count that the fault loops walk. */
static int clean_run_messages(void)
{
	struct peer_cfg c = qsd_like(F_NONE, -1);
	struct run r;

	run_driver(&c, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.fds_leaked, 0);
	return r.applied;
}

static void test_clean_run(void **state)
{
	int n;

	(void)state;
	n = clean_run_messages();
	/* 5 to open, SET_FEATURES, GET_CONFIGs, MEM_TABLE, 5 ring messages, ENABLE, GET_VRING_BASE
	 */
	assert_true(n >= 15 && n < 64);
}

/* A back-end offering RING_PACKED gets a packed ring, started with its wrap counters at 1. */
static void test_clean_run_packed(void **state)
{
	struct peer_cfg c = qsd_like(F_NONE, -1);
	struct run r;

	(void)state;
	c.features |= 1ull << VDISC_VIRTIO_F_RING_PACKED;
	run_driver(&c, &r);
	assert_int_equal(r.err, 0);
	assert_true(r.applied >= 15 && r.applied < 64); /* not PEER_BAD_BASE */
}

static void expect_fault(enum fault f, int at, const struct run *r)
{
	if (r->fds_leaked != 0)
		fail_msg("%s at %d: %d fds leaked", fault_names[f], at, r->fds_leaked);
	if (r->ms > 5 * TIMEOUT_MS) /* one timeout at most, with room for a loaded machine */
		fail_msg("%s at %d: took %lld ms", fault_names[f], at, (long long)r->ms);
	if (!r->applied) {
		/* A refusal where nothing was asked is no fault: the run must pass. */
		if (r->err)
			fail_msg("%s at %d (not applied): %d %s", fault_names[f], at, r->err,
				 r->why);
		return;
	}
	if (r->err != (f == F_SILENT ? -VDISC_ETIMEDOUT : -VDISC_EIO))
		fail_msg("%s at %d: error %d (%s)", fault_names[f], at, r->err, r->why);
	if (!r->why[0])
		fail_msg("%s at %d: no why", fault_names[f], at);
	/* A refusal leaves the connection usable; anything else ends it. */
	if (r->dead != (f != F_ACK_NONZERO && f != F_CONFIG_EMPTY))
		fail_msg("%s at %d: dead %d (%s)", fault_names[f], at, r->dead, r->why);
}

static void test_every_fault_at_every_step(void **state)
{
	int n = clean_run_messages(), at, applied[F_COUNT_] = {0};
	enum fault f;
	struct run r;

	(void)state;
	for (f = F_CLOSE; f <= F_CONFIG_EMPTY; f++) {
		for (at = 0; at < n; at++) {
			struct peer_cfg c = qsd_like(f, at);

			run_driver(&c, &r);
			expect_fault(f, at, &r);
			applied[f] += r.applied;
		}
	}
	/* Every kind hit somewhere: acks on every set after SET_PROTOCOL_FEATURES. */
	for (f = F_CLOSE; f <= F_CONFIG_EMPTY; f++)
		if (!applied[f])
			fail_msg("%s never applied", fault_names[f]);
	assert_true(applied[F_ACK_NONZERO] >= 8);
	print_message("%d messages; refusals applied at %d steps, empty configs at %d\n", n,
		      applied[F_ACK_NONZERO], applied[F_CONFIG_EMPTY]);
}

/* The lines the CLI will print, for the faults the issue names. */
static void expect_why(enum fault f, int at, int err, const char *needle)
{
	struct peer_cfg c = qsd_like(f, at);
	struct run r;

	run_driver(&c, &r);
	assert_int_equal(r.err, err);
	if (!strstr(r.why, needle))
		fail_msg("%s at %d: \"%s\" lacks \"%s\"", fault_names[f], at, r.why, needle);
}

static void test_why_lines(void **state)
{
	(void)state;
	expect_why(F_CLOSE, 1, -VDISC_EIO, "GET_FEATURES: peer closed the connection");
	expect_why(F_SILENT, 1, -VDISC_ETIMEDOUT, "no reply to GET_FEATURES " WITHIN);
	expect_why(F_SILENT, 0, -VDISC_ETIMEDOUT, "no reply to GET_FEATURES " WITHIN);
	expect_why(F_WRONG_CODE, 2, -VDISC_EIO,
		   "GET_PROTOCOL_FEATURES: reply to a different request");
	expect_why(F_SHORT, 4, -VDISC_EIO, "GET_QUEUE_NUM: reply payload too short");
	expect_why(F_EXTRA_FD, 1, -VDISC_EIO, "GET_FEATURES: reply carrying unexpected");
	expect_why(F_HUGE, 1, -VDISC_EIO, "GET_FEATURES: malformed reply");
	expect_why(F_NO_REPLY_FLAG, 1, -VDISC_EIO, "REPLY flag clear");
	expect_why(F_ACK_NONZERO, 5, -VDISC_EIO, "SET_FEATURES: the back-end refused it (ack 1)");
	expect_why(F_CONFIG_EMPTY, 6, -VDISC_EIO, "GET_CONFIG: the back-end refused it");
}

static void test_short_config_reply(void **state)
{
	struct peer_cfg c = qsd_like(F_SHORT, 6); /* the first GET_CONFIG */
	struct run r;

	(void)state;
	run_driver(&c, &r);
	assert_int_equal(r.err, -VDISC_EIO);
	assert_non_null(strstr(r.why, "GET_CONFIG: reply too short"));
}

static void test_no_protocol_features(void **state)
{
	struct peer_cfg c = qsd_like(F_NONE, -1);
	struct run r;

	(void)state;
	/* No bit 30: no protocol features, so no GET_CONFIG: the driver cannot read capacity. */
	c.features &= ~(1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES);
	run_driver(&c, &r);
	assert_int_equal(r.err, -VDISC_ENOTSUP);
	assert_non_null(strstr(r.why, "PROTOCOL_F_CONFIG"));
	assert_int_equal(r.fds_leaked, 0);
}

static void test_no_reply_ack(void **state)
{
	struct peer_cfg c = qsd_like(F_NONE, -1);
	struct run r;

	(void)state;
	c.protocol = 1u << VDISC_VHOST_USER_PROTOCOL_F_CONFIG; /* no acks, no MQ */
	run_driver(&c, &r);
	assert_int_equal(r.err, 0);
	assert_int_equal(r.fds_leaked, 0);
}

static void test_no_queues(void **state)
{
	struct peer_cfg c = qsd_like(F_NONE, -1);
	struct run r;

	(void)state;
	c.queue_num = 0;
	run_driver(&c, &r);
	assert_int_equal(r.err, -VDISC_EIO);
	assert_non_null(strstr(r.why, "GET_QUEUE_NUM"));
}

/* An open session on a QSD-like peer that spoils message @at as @f says. */
struct session {
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport t;
	struct vdisc_virtio_dev dev;
	struct peer p;
};

static void session_open(struct session *s, enum fault f, int at)
{
	struct peer_cfg c = qsd_like(f, at);

	assert_int_equal(vdisc_shm_platform_init(&s->shm, 1u << 20), 0);
	peer_start(&s->p, &c);
	assert_int_equal(
		vdisc_vhost_user_transport_open_fd(&s->t, s->p.fd, TIMEOUT_MS, &s->shm, &s->dev),
		0);
}

static int session_close(struct session *s)
{
	int applied;

	vdisc_vhost_user_transport_close(&s->t);
	applied = peer_wait(&s->p);
	vdisc_shm_platform_destroy(&s->shm);
	return applied;
}

static void test_open_state(void **state)
{
	struct session s;
	struct vdisc_virtio_features f;
	uint16_t max;

	(void)state;
	session_open(&s, F_NONE, -1);
	assert_int_equal(s.t.features, QSD_FEATURES);
	assert_int_equal(s.t.protocol_offered, QSD_PROTOCOL);
	assert_int_equal(s.t.protocol_accepted, 0x209); /* MQ, REPLY_ACK, CONFIG */
	assert_int_equal(s.t.queue_num, 1);
	assert_string_equal(s.dev.ops->name, "vhost-user");
	assert_int_equal(s.dev.device_type, VDISC_VIRTIO_ID_BLOCK);
	assert_ptr_equal(s.dev.platform, &s.shm.platform);
	assert_int_equal(s.dev.ops->get_features(&s.dev, &f), 0);
	/* The vhost bits 24, 26 and 30 are not the device's. */
	assert_int_equal(f.word[0], (uint32_t)QSD_FEATURES & ~0x45000000u);
	assert_int_equal(f.word[1], 1);
	assert_int_equal(s.dev.ops->queue_max(&s.dev, 0, &max), 0);
	assert_int_equal(max, VDISC_VHOST_USER_QUEUE_SIZE_MAX);
	assert_int_equal(s.dev.ops->queue_max(&s.dev, 1, &max), 0);
	assert_int_equal(max, 0);
	/* A ring outside the shared region is refused before anything is sent. */
	assert_int_equal(s.dev.ops->queue_setup(&s.dev, 0, 8, 0x1000, 0x2000, 0x3000),
			 -VDISC_EINVAL);
	assert_false(s.t.dead);
	assert_int_equal(s.dev.ops->config_write(&s.dev, 0, 4, 0), -VDISC_ENOTSUP);
	session_close(&s);
}

/* A ring set up after DRIVER_OK is enabled at once (13 messages: open 5, SET_FEATURES,
 * SET_MEM_TABLE, NUM, BASE, ADDR, CALL, KICK, ENABLE). */
static void test_ring_after_driver_ok(void **state)
{
	const uint8_t ok = VDISC_VIRTIO_STATUS_ACKNOWLEDGE | VDISC_VIRTIO_STATUS_DRIVER |
			   VDISC_VIRTIO_STATUS_FEATURES_OK | VDISC_VIRTIO_STATUS_DRIVER_OK;
	struct vdisc_virtio_features f = {.word = {0, 1}, .nwords = 2}; /* VERSION_1 */
	struct session s;
	uint64_t phys;
	uint8_t st;

	(void)state;
	session_open(&s, F_NONE, -1);
	assert_int_equal(s.dev.ops->set_features(&s.dev, &f), 0);
	assert_int_equal(s.dev.ops->set_status(&s.dev, ok), 0);
	assert_int_equal(s.dev.ops->get_status(&s.dev, &st), 0);
	assert_int_equal(st, ok);
	assert_non_null(s.shm.platform.dma_alloc(s.shm.platform.ctx, 8192, 4096, &phys));
	assert_int_equal(s.dev.ops->queue_setup(&s.dev, 0, 64, phys, phys + 1024, phys + 4096), 0);
	assert_true(s.t.queue[0].started && s.t.queue[0].enabled);
	/* Set up twice: refused, the back-end still has it. */
	assert_int_equal(s.dev.ops->queue_setup(&s.dev, 0, 64, phys, phys + 1024, phys + 4096),
			 -VDISC_EIO);
	assert_int_equal(s.dev.ops->queue_notify(&s.dev, 0), 0);
	assert_int_equal(session_close(&s), 13);
}

/* A vhost bit in the accepted features is the transport's business, not the driver's. */
static void test_features_refused(void **state)
{
	struct vdisc_virtio_features f = {.word = {1u << VDISC_VHOST_USER_F_LOG_ALL, 1},
					  .nwords = 2};
	struct vdisc_virtio_features wide = {.word = {0, 1, 1}, .nwords = 3};
	struct session s;
	uint8_t st;

	(void)state;
	session_open(&s, F_NONE, -1);
	assert_int_equal(s.dev.ops->set_features(&s.dev, &f), -VDISC_EINVAL);
	assert_int_equal(s.dev.ops->set_features(&s.dev, &wide), -VDISC_EINVAL);
	/* Without a SET_FEATURES that succeeded, FEATURES_OK does not stick. */
	assert_int_equal(s.dev.ops->set_status(&s.dev, VDISC_VIRTIO_STATUS_FEATURES_OK), 0);
	assert_int_equal(s.dev.ops->get_status(&s.dev, &st), 0);
	assert_int_equal(st, 0);
	assert_int_equal(session_close(&s), 5);
}

static void test_check_alive_unsolicited(void **state)
{
	struct session s;
	struct pollfd pfd;

	(void)state;
	session_open(&s, F_UNSOLICITED, 4); /* after GET_QUEUE_NUM's answer */
	pfd = (struct pollfd){.fd = s.t.fd, .events = POLLIN};
	assert_int_equal(poll(&pfd, 1, 2000), 1); /* it has arrived */
	/* A message nobody asked for is not a dead peer. */
	assert_int_equal(s.dev.ops->check_alive(&s.dev), 0);
	assert_int_equal(s.dev.ops->check_alive(&s.dev), 0);
	assert_int_equal(session_close(&s), 1);
}

static void test_check_alive_close(void **state)
{
	struct session s;
	uint64_t v;
	uint8_t st;
	int64_t t0;

	(void)state;
	session_open(&s, F_CLOSE_AFTER, 4);
	assert_int_equal(peer_wait(&s.p), 1); /* the peer has closed and gone */
	s.p.pid = 0;
	/* The first look sees it. */
	assert_int_equal(s.dev.ops->check_alive(&s.dev), -VDISC_EIO);
	assert_int_equal(errno, ECONNRESET);
	assert_string_equal(s.t.why, "peer closed the connection");
	/* From now on every hook fails at once. */
	t0 = now_ms();
	assert_int_equal(s.dev.ops->get_status(&s.dev, &st), -VDISC_EIO);
	assert_int_equal(s.dev.ops->set_status(&s.dev, 0), -VDISC_EIO);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 0, 4, &v), -VDISC_EIO);
	assert_int_equal(s.dev.ops->queue_notify(&s.dev, 0), -VDISC_EIO);
	assert_int_equal(s.dev.ops->check_alive(&s.dev), -VDISC_EIO);
	assert_true(now_ms() - t0 <
		    TIMEOUT_MS / 2); /* no wait for a reply: at once, loaded or not */
	assert_string_equal(s.t.why, "peer closed the connection");
	vdisc_vhost_user_transport_close(&s.t);
	vdisc_shm_platform_destroy(&s.shm);
}

static void test_dead_after_timeout_fails_fast(void **state)
{
	struct session s;
	uint64_t v;
	int64_t t0;

	(void)state;
	session_open(&s, F_SILENT, 5); /* the first GET_CONFIG */
	t0 = now_ms();
	assert_int_equal(s.dev.ops->config_read(&s.dev, 0, 4, &v), -VDISC_ETIMEDOUT);
	assert_true(now_ms() - t0 >= TIMEOUT_MS - 5);
	t0 = now_ms();
	assert_int_equal(s.dev.ops->config_read(&s.dev, 4, 4, &v), -VDISC_EIO);
	assert_int_equal(s.dev.ops->check_alive(&s.dev), -VDISC_EIO);
	assert_true(now_ms() - t0 < TIMEOUT_MS / 2);
	assert_non_null(strstr(s.t.why, "no reply to GET_CONFIG " WITHIN));
	session_close(&s);
}

static void test_config_reads(void **state)
{
	struct session s;
	uint64_t v;

	(void)state;
	session_open(&s, F_NONE, -1);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 0, 8, &v), 0);
	assert_int_equal(v, 16384);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 20, 4, &v), 0);
	assert_int_equal(v, 512);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 12, 2, &v), 0);
	assert_int_equal(v, 126);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 56, 4, &v), 0);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 58, 4, &v), -VDISC_EINVAL);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 60, 1, &v), -VDISC_EINVAL);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 1, 2, &v), -VDISC_EINVAL);
	assert_int_equal(s.dev.ops->config_read(&s.dev, 0, 3, &v), -VDISC_EINVAL);
	assert_false(s.t.dead);
	session_close(&s);
}

/* ---- connect ------------------------------------------------------------------------- */

struct tmpdir {
	char dir[64], path[96];
};

static void tmpdir_make(struct tmpdir *d, const char *name)
{
	snprintf(d->dir, sizeof(d->dir), "/tmp/vdt.XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(d->path, sizeof(d->path), "%s/%s", d->dir, name);
}

static void tmpdir_remove(struct tmpdir *d)
{
	unlink(d->path);
	rmdir(d->dir);
}

static int listener(const char *path, bool do_listen)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (do_listen)
		assert_int_equal(listen(fd, 4), 0);
	return fd;
}

static int try_open(const char *path, int timeout_ms, char *why, size_t len)
{
	struct vdisc_shm_platform shm;
	struct vdisc_vhost_user_transport t;
	struct vdisc_virtio_dev dev;
	int err, saved;

	assert_int_equal(vdisc_shm_platform_init(&shm, 4096), 0);
	err = vdisc_vhost_user_transport_open(&t, path, timeout_ms, &shm, &dev);
	saved = errno;
	snprintf(why, len, "%s", t.why ? t.why : "");
	vdisc_vhost_user_transport_close(&t);
	vdisc_shm_platform_destroy(&shm);
	errno = saved;
	return err;
}

static void test_connect_errors(void **state)
{
	struct tmpdir d;
	char why[160], longpath[200];
	int before = open_fds(), fd;

	(void)state;
	tmpdir_make(&d, "s");
	assert_int_equal(try_open(d.path, 100, why, sizeof(why)), -VDISC_ENOTFOUND);
	assert_int_equal(errno, ENOENT);
	assert_non_null(strstr(why, "no such socket"));

	fd = open(d.path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	close(fd);
	assert_int_equal(try_open(d.path, 100, why, sizeof(why)), -VDISC_EINVAL);
	assert_int_equal(errno, ENOTSOCK);
	assert_non_null(strstr(why, "not a socket"));
	unlink(d.path);

	fd = listener(d.path, false); /* bound, nobody listening */
	assert_int_equal(try_open(d.path, 100, why, sizeof(why)), -VDISC_EIO);
	assert_int_equal(errno, ECONNREFUSED);
	assert_non_null(strstr(why, "connection refused"));
	close(fd);

	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = 0;
	assert_int_equal(try_open(longpath, 100, why, sizeof(why)), -VDISC_EINVAL);
	assert_int_equal(errno, ENAMETOOLONG);
	tmpdir_remove(&d);
	assert_int_equal(open_fds(), before);
}

static void test_connect_silent_listener(void **state)
{
	struct tmpdir d;
	char why[160];
	int64_t t0;
	int fd;

	(void)state;
	tmpdir_make(&d, "s");
	fd = listener(d.path, true); /* accepts (the kernel does), never answers */
	t0 = now_ms();
	assert_int_equal(try_open(d.path, TIMEOUT_MS, why, sizeof(why)), -VDISC_ETIMEDOUT);
	assert_true(now_ms() - t0 < 5 * TIMEOUT_MS);
	assert_string_equal(why, "no reply to GET_FEATURES " WITHIN);
	close(fd);
	tmpdir_remove(&d);
}

static void test_connect_permission_denied(void **state)
{
	struct tmpdir d;
	char why[160];
	pid_t pid;
	int fd, status;

	(void)state;
	tmpdir_make(&d, "s");
	fd = listener(d.path, true);
	assert_int_equal(chmod(d.dir, 0755), 0);
	assert_int_equal(chmod(d.path, 0600), 0);
	if (geteuid() != 0 && access(d.path, W_OK) == 0)
		skip(); /* cannot drop to a user the socket refuses */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* As root the check would pass: try as nobody. */
		if (geteuid() == 0 && setresuid(65534, 65534, 65534) != 0)
			_exit(3);
		_exit(try_open(d.path, 100, why, sizeof(why)) == -VDISC_EPERM && errno == EACCES &&
				      strstr(why, "permission denied")
			      ? 0
			      : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(fd);
	tmpdir_remove(&d);
}

/* ---- pure parts ---------------------------------------------------------------------- */

static void test_config_field(void **state)
{
	const uint8_t cfg[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	uint64_t v;

	(void)state;
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 0, 1, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 2, 2, &v), 0);
	assert_int_equal(v, 0x0403);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 4, 4, &v), 0);
	assert_int_equal(v, 0x08070605);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 4, 8, &v), 0);
	assert_int_equal(v, 0x0c0b0a0908070605ull);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 8, 8, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 1, 2, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 2, 4, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 2, 8, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 0, 3, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 0, 0, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 11, 1, &v), 0);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 12, 1, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(cfg, 12, 0xfffc, 4, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_config_field_(NULL, 12, 0, 1, &v), -VDISC_EINVAL);
}

static void make_reply(struct vdisc_vhost_user_msg *m, uint32_t request, uint32_t size)
{
	memset(m, 0, sizeof(*m));
	m->request = request;
	m->flags = REPLY;
	m->size = size;
}

static void test_config_reply(void **state)
{
	struct vdisc_vhost_user_msg m;
	const uint8_t *cfg;
	const char *why;
	uint32_t have;

	(void)state;
	make_reply(&m, VDISC_VHOST_USER_GET_CONFIG, 12 + 8);
	put32(m.payload + 4, 8);
	m.payload[12] = 0xaa;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), 0);
	assert_int_equal(have, 8);
	assert_int_equal(cfg[0], 0xaa);
	assert_ptr_equal(cfg, m.payload + 12);

	m.size = 0;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), -VDISC_ENOTSUP);
	assert_non_null(strstr(why, "refused"));
	m.size = 12 + 7;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), -VDISC_EIO);
	assert_string_equal(why, "reply too short");
	m.size = 12 + 9;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), -VDISC_EIO);
	assert_string_equal(why, "reply payload too long");
	m.size = 12 + 8;
	put32(m.payload + 4, 4);
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), -VDISC_EIO);
	put32(m.payload + 4, 8);
	m.request = VDISC_VHOST_USER_SET_CONFIG;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 8, &cfg, &have, &why), -VDISC_EIO);
	assert_string_equal(why, "reply to a different request");
	m.request = VDISC_VHOST_USER_GET_CONFIG;
	assert_int_equal(vdisc_vhost_user_config_reply_(&m, 300, &cfg, &have, &why), -VDISC_EIO);
}

static void test_u64_reply_and_features(void **state)
{
	struct vdisc_vhost_user_msg m;
	const char *why;
	uint64_t v = 0;

	(void)state;
	make_reply(&m, VDISC_VHOST_USER_GET_FEATURES, 8);
	put64(m.payload, QSD_FEATURES);
	assert_int_equal(vdisc_vhost_user_u64_reply_(&m, VDISC_VHOST_USER_GET_FEATURES, &v, &why),
			 0);
	assert_int_equal(v, QSD_FEATURES);
	assert_null(why);
	m.size = 4;
	assert_int_equal(vdisc_vhost_user_u64_reply_(&m, VDISC_VHOST_USER_GET_FEATURES, &v, &why),
			 -VDISC_EIO);
	assert_string_equal(why, "reply payload too short");
	m.size = 8;
	m.flags = VDISC_VHOST_USER_VERSION;
	assert_int_equal(vdisc_vhost_user_u64_reply_(&m, VDISC_VHOST_USER_GET_FEATURES, &v, &why),
			 -VDISC_EIO);
	assert_int_equal(vdisc_vhost_user_virtio_features(QSD_FEATURES), 0x0000000130007e46ull);
	assert_int_equal(vdisc_vhost_user_virtio_features(~0ull), ~0x45000000ull);
}

/* ---- the shared-memory platform ------------------------------------------------------ */

static void test_shm_platform(void **state)
{
	struct vdisc_shm_platform s;
	const struct vdisc_platform *p = &s.platform;
	uint64_t phys, phys2;
	uint8_t *a, *b, *c;
	int before = open_fds();

	(void)state;
	assert_int_equal(vdisc_shm_platform_init(&s, 0), -VDISC_EINVAL);
	assert_int_equal(vdisc_shm_platform_init(&s, 10000), 0);
	assert_int_equal(s.size % 4096, 0);
	assert_true(s.size >= 10000);
	assert_true(s.fd >= 0);
	assert_int_equal(s.guest_base, VDISC_SHM_GUEST_BASE);
	/* Whoever holds the fd (the back-end) cannot shrink it under us. */
	assert_int_not_equal(ftruncate(s.fd, 0), 0);
	assert_int_equal(errno, EPERM);

	a = p->dma_alloc(p->ctx, 100, 16, &phys);
	assert_ptr_equal(a, s.base);
	assert_int_equal(phys, VDISC_SHM_GUEST_BASE);
	memset(a, 0xee, 100);
	b = p->dma_alloc(p->ctx, 64, 4096, &phys2);
	assert_int_equal(phys2, VDISC_SHM_GUEST_BASE + 4096);
	assert_int_equal((uintptr_t)b % 4096, 0);
	assert_int_equal(p->virt_to_phys(p->ctx, b + 5), VDISC_SHM_GUEST_BASE + 4096 + 5);
	/* Freeing out of order keeps the memory; in stack order gives it back, zeroed again. */
	p->dma_free(p->ctx, a, 100);
	c = p->dma_alloc(p->ctx, 8, 8, NULL);
	assert_ptr_equal(c, b + 64);
	memset(c, 0xee, 8);
	p->dma_free(p->ctx, c, 8);
	assert_int_equal(s.used, 4096 + 64);
	c = p->dma_alloc(p->ctx, 8, 8, NULL);
	assert_ptr_equal(c, b + 64);
	assert_int_equal(c[0], 0);
	assert_int_equal(c[7], 0);
	p->dma_free(p->ctx, c, 8);
	p->dma_free(p->ctx, b, 64);
	assert_int_equal(s.used, 4096); /* the alignment padding below b is not tracked */
	p->dma_free(p->ctx, a, 100);
	assert_int_equal(s.used, 4096);
	/* Too much, or a bad alignment: NULL, nothing taken. */
	assert_null(p->dma_alloc(p->ctx, s.size, 16, &phys));
	assert_null(p->dma_alloc(p->ctx, 8, 3, &phys));
	assert_int_equal(s.used, 4096);
	/* Never a silent identity mapping. */
	assert_int_equal(p->virt_to_phys(p->ctx, NULL), VDISC_SHM_BAD_PHYS);
	assert_int_equal(p->virt_to_phys(p->ctx, &phys), VDISC_SHM_BAD_PHYS);
	assert_int_equal(p->virt_to_phys(p->ctx, s.base + s.size), VDISC_SHM_BAD_PHYS);
	assert_ptr_equal(vdisc_shm_platform_to_user(&s, VDISC_SHM_GUEST_BASE + 8, 8), s.base + 8);
	assert_null(vdisc_shm_platform_to_user(&s, VDISC_SHM_GUEST_BASE - 1, 1));
	assert_null(vdisc_shm_platform_to_user(&s, VDISC_SHM_GUEST_BASE + s.size - 4, 8));
	assert_null(vdisc_shm_platform_to_user(&s, ~0ull, 8));
	assert_true(p->now_ns(p->ctx) > 0);
	p->mb(p->ctx);
	vdisc_shm_platform_destroy(&s);
	vdisc_shm_platform_destroy(&s);
	assert_int_equal(open_fds(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_run),
		cmocka_unit_test(test_clean_run_packed),
		cmocka_unit_test(test_every_fault_at_every_step),
		cmocka_unit_test(test_why_lines),
		cmocka_unit_test(test_short_config_reply),
		cmocka_unit_test(test_no_protocol_features),
		cmocka_unit_test(test_no_reply_ack),
		cmocka_unit_test(test_no_queues),
		cmocka_unit_test(test_open_state),
		cmocka_unit_test(test_ring_after_driver_ok),
		cmocka_unit_test(test_features_refused),
		cmocka_unit_test(test_check_alive_unsolicited),
		cmocka_unit_test(test_check_alive_close),
		cmocka_unit_test(test_dead_after_timeout_fails_fast),
		cmocka_unit_test(test_config_reads),
		cmocka_unit_test(test_connect_errors),
		cmocka_unit_test(test_connect_silent_listener),
		cmocka_unit_test(test_connect_permission_denied),
		cmocka_unit_test(test_config_field),
		cmocka_unit_test(test_config_reply),
		cmocka_unit_test(test_u64_reply_and_features),
		cmocka_unit_test(test_shm_platform),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
