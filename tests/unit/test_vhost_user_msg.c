/* SPDX-License-Identifier: MIT */
/*
 * The vhost-user message layer (src/hosted/vhost_user_msg.c) over a real
 * AF_UNIX socketpair.  The peer is the other end, written with raw
 * sendmsg(2) so hostile messages do not depend on the code under test, or
 * a forked child.  Every test that receives descriptors counts the open
 * ones in /proc/self/fd before and after: nothing may leak.  The payload
 * layouts of include/vdisc/vhost_user.h are compared with Linux's
 * <linux/vhost_types.h>, whose structs the protocol reuses.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fd_clock_util.h"
#include <linux/vhost_types.h>

#include <vdisc/error.h>
#include <vdisc/vhost_user.h>

#include "hosted/vhost_user_msg.h"

#define V1 VDISC_VHOST_USER_VERSION
#define REPLY (VDISC_VHOST_USER_VERSION | VDISC_VHOST_USER_FLAG_REPLY)
#define FEATURES 0x0000000150000000ull /* bits 28, 30, 32 */

/* sv[0] is vdisc's end, sv[1] the peer's. */
static int pair(int sv[2])
{
	int rc = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);

	assert_int_equal(rc, 0);
	return rc;
}

/* The peer's raw write: bytes and descriptors exactly as given, no checks. */
static void raw_send(int fd, const void *bytes, size_t len, const int *fds, unsigned nfds)
{
	union {
		struct cmsghdr align;
		unsigned char buf[CMSG_SPACE(sizeof(int) * 16)];
	} ctl;
	struct iovec iov = {.iov_base = (void *)(uintptr_t)bytes, .iov_len = len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};

	assert_true(nfds <= 16);
	if (nfds) {
		struct cmsghdr *c;

		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
	}
	assert_int_equal(sendmsg(fd, &mh, MSG_NOSIGNAL), (ssize_t)len);
}

/* A header and payload as the peer would frame them. */
static size_t frame(uint8_t *out, uint32_t request, uint32_t flags, uint32_t size,
		    const void *payload, size_t payload_len)
{
	memcpy(out + VDISC_VHOST_USER_HDR_OFF_REQUEST, &request, 4);
	memcpy(out + VDISC_VHOST_USER_HDR_OFF_FLAGS, &flags, 4);
	memcpy(out + VDISC_VHOST_USER_HDR_OFF_SIZE, &size, 4);
	if (payload_len)
		memcpy(out + VDISC_VHOST_USER_HDR_SIZE, payload, payload_len);
	return VDISC_VHOST_USER_HDR_SIZE + payload_len;
}

static void peer_reply(int fd, uint32_t request, uint32_t flags, uint32_t size, const int *fds,
		       unsigned nfds)
{
	uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + VDISC_VHOST_USER_MSG_PAYLOAD_MAX] = {0};
	size_t len = frame(buf, request, flags, size, NULL, 0) + size;

	raw_send(fd, buf, len, fds, nfds);
}

static void same_file(int a, int b)
{
	struct stat sa, sb;

	assert_int_equal(fstat(a, &sa), 0);
	assert_int_equal(fstat(b, &sb), 0);
	assert_int_equal(sa.st_ino, sb.st_ino);
	assert_int_equal(sa.st_dev, sb.st_dev);
}

/* Numbers: the payload layouts against Linux's structs (vhost_types.h). */
static void test_layout_vs_linux(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct vhost_vring_state), VDISC_VHOST_USER_STATE_SIZE);
	assert_int_equal(offsetof(struct vhost_vring_state, num), VDISC_VHOST_USER_STATE_OFF_NUM);
	assert_int_equal(sizeof(struct vhost_vring_addr), VDISC_VHOST_USER_ADDR_SIZE);
	assert_int_equal(offsetof(struct vhost_vring_addr, flags), VDISC_VHOST_USER_ADDR_OFF_FLAGS);
	assert_int_equal(offsetof(struct vhost_vring_addr, desc_user_addr),
			 VDISC_VHOST_USER_ADDR_OFF_DESC);
	assert_int_equal(offsetof(struct vhost_vring_addr, used_user_addr),
			 VDISC_VHOST_USER_ADDR_OFF_USED);
	assert_int_equal(offsetof(struct vhost_vring_addr, avail_user_addr),
			 VDISC_VHOST_USER_ADDR_OFF_AVAIL);
	assert_int_equal(offsetof(struct vhost_vring_addr, log_guest_addr),
			 VDISC_VHOST_USER_ADDR_OFF_LOG);
	assert_int_equal(VHOST_VRING_F_LOG, VDISC_VHOST_USER_ADDR_F_LOG);
	assert_int_equal(VHOST_F_LOG_ALL, VDISC_VHOST_USER_F_LOG_ALL);
	assert_int_equal(sizeof(struct vhost_memory_region), VDISC_VHOST_USER_REGION_SIZE);
	assert_int_equal(offsetof(struct vhost_memory_region, memory_size),
			 VDISC_VHOST_USER_REGION_OFF_SIZE);
	assert_int_equal(offsetof(struct vhost_memory_region, userspace_addr),
			 VDISC_VHOST_USER_REGION_OFF_USER_ADDR);
	assert_int_equal(offsetof(struct vhost_memory, regions), VDISC_VHOST_USER_MEM_OFF_REGIONS);
	/* The buffer holds the largest payload: a full memory table or configuration. */
	assert_true(VDISC_VHOST_USER_MSG_PAYLOAD_MAX >=
		    VDISC_VHOST_USER_MEM_OFF_REGIONS +
			    VDISC_VHOST_USER_MEM_MAX_REGIONS * VDISC_VHOST_USER_REGION_SIZE);
	assert_int_equal(VDISC_VHOST_USER_MSG_PAYLOAD_MAX, 12 + 256);
}

/* A request with a u64 and no fds, then one with none at all, through send and recv. */
static void test_roundtrip_no_fds(void **state)
{
	struct vdisc_vhost_user_msg msg;
	uint64_t features = FEATURES, got;
	int sv[2];

	(void)state;
	pair(sv);
	assert_int_equal(vdisc_vhost_user_send(sv[0], VDISC_VHOST_USER_SET_FEATURES, V1, &features,
					       sizeof(features), NULL, 0),
			 0);
	assert_int_equal(
		vdisc_vhost_user_send(sv[0], VDISC_VHOST_USER_SET_OWNER, V1, NULL, 0, NULL, 0), 0);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 1000, &msg), 0);
	assert_int_equal(msg.request, VDISC_VHOST_USER_SET_FEATURES);
	assert_int_equal(msg.flags, V1);
	assert_int_equal(msg.size, 8);
	assert_int_equal(msg.nfds, 0);
	memcpy(&got, msg.payload, sizeof(got));
	assert_int_equal(got, FEATURES);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 1000, &msg), 0);
	assert_int_equal(msg.request, VDISC_VHOST_USER_SET_OWNER);
	assert_int_equal(msg.size, 0);
	assert_int_equal(msg.nfds, 0);
	close(sv[0]);
	close(sv[1]);
}

/* Two descriptors arrive, refer to the same files, and are close-on-exec. */
static void test_roundtrip_two_fds(void **state)
{
	struct vdisc_vhost_user_msg msg;
	uint64_t index = 1;
	int sv[2], p[2], before;
	unsigned i;

	(void)state;
	before = open_fds();
	pair(sv);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(vdisc_vhost_user_send(sv[0], VDISC_VHOST_USER_SET_VRING_KICK, V1, &index,
					       sizeof(index), p, 2),
			 0);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 1000, &msg), 0);
	assert_int_equal(msg.request, VDISC_VHOST_USER_SET_VRING_KICK);
	assert_int_equal(msg.nfds, 2);
	for (i = 0; i < 2; i++) {
		assert_int_not_equal(msg.fds[i], p[i]);
		same_file(msg.fds[i], p[i]);
		assert_true(fcntl(msg.fds[i], F_GETFD) & FD_CLOEXEC);
	}
	vdisc_vhost_user_msg_close_fds(&msg);
	assert_int_equal(msg.nfds, 0);
	vdisc_vhost_user_msg_close_fds(&msg); /* a second call closes nothing */
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(open_fds(), before);
}

/* A forked back-end answers GET_FEATURES; the reply passes the check. */
static void test_good_reply_from_child(void **state)
{
	struct vdisc_vhost_user_msg msg;
	const char *why = "unset";
	uint64_t got;
	int sv[2], status;
	pid_t pid;

	(void)state;
	pair(sv);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct vdisc_vhost_user_msg req;
		uint64_t features = FEATURES;

		close(sv[0]);
		if (vdisc_vhost_user_recv(sv[1], 5000, &req) ||
		    req.request != VDISC_VHOST_USER_GET_FEATURES || req.size != 0)
			_exit(1);
		_exit(vdisc_vhost_user_send(sv[1], req.request, REPLY, &features, sizeof(features),
					    NULL, 0)
			      ? 2
			      : 0);
	}
	close(sv[1]);
	assert_int_equal(
		vdisc_vhost_user_send(sv[0], VDISC_VHOST_USER_GET_FEATURES, V1, NULL, 0, NULL, 0),
		0);
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 5000, &msg), 0);
	assert_int_equal(
		vdisc_vhost_user_check_reply(&msg, VDISC_VHOST_USER_GET_FEATURES, 8, 8, 0, &why),
		0);
	assert_null(why);
	memcpy(&got, msg.payload, sizeof(got));
	assert_int_equal(got, FEATURES);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(sv[0]);
}

/* A child that writes one byte at a time, the fd with the first: one whole message. */
static void test_reply_in_pieces(void **state)
{
	uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + 8];
	uint64_t features = FEATURES;
	struct vdisc_vhost_user_msg msg;
	int sv[2], p[2], status, before;
	size_t len;
	pid_t pid;

	(void)state;
	before = open_fds();
	pair(sv);
	assert_int_equal(pipe(p), 0);
	len = frame(buf, VDISC_VHOST_USER_GET_FEATURES, REPLY, 8, &features, 8);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		size_t i;

		for (i = 0; i < len; i++) {
			raw_send(sv[1], buf + i, 1, p, i == 0 ? 1 : 0);
			usleep(2000);
		}
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 5000, &msg), 0);
	assert_int_equal(
		vdisc_vhost_user_check_reply(&msg, VDISC_VHOST_USER_GET_FEATURES, 8, 8, 1, NULL),
		0);
	assert_memory_equal(msg.payload, &features, 8);
	same_file(msg.fds[0], p[0]);
	vdisc_vhost_user_msg_close_fds(&msg);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(p[0]);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(open_fds(), before);
}

struct bad_reply {
	const char *name;
	uint32_t request, flags, size; /* what the peer sends */
	uint32_t expect, min, max;     /* what the check is told */
	unsigned nfds_sent, nfds_expected;
	int want;
};

static const struct bad_reply bad_replies[] = {
	{"good", 1, REPLY, 8, 1, 8, 8, 0, 0, 0},
	{"good with fd", 31, REPLY, 16, 31, 16, 16, 1, 1, 0},
	{"wrong request", 2, REPLY, 8, 1, 8, 8, 0, 0, -VDISC_ENOMATCH},
	{"REPLY flag missing", 1, V1, 8, 1, 8, 8, 0, 0, -VDISC_EIO},
	{"NEED_REPLY is not REPLY", 1, V1 | VDISC_VHOST_USER_FLAG_NEED_REPLY, 8, 1, 8, 8, 0, 0,
	 -VDISC_EIO},
	{"version 0", 1, VDISC_VHOST_USER_FLAG_REPLY, 8, 1, 8, 8, 0, 0, -VDISC_EBADVERSION},
	{"version 2", 1, 2 | VDISC_VHOST_USER_FLAG_REPLY, 8, 1, 8, 8, 0, 0, -VDISC_EBADVERSION},
	{"version 3", 1, 3 | VDISC_VHOST_USER_FLAG_REPLY, 8, 1, 8, 8, 0, 0, -VDISC_EBADVERSION},
	{"size below min", 1, REPLY, 4, 1, 8, 8, 0, 0, -VDISC_ETRUNCATED},
	{"size 0", 1, REPLY, 0, 1, 8, 8, 0, 0, -VDISC_ETRUNCATED},
	{"size above max", 24, REPLY, 80, 24, 12, 72, 0, 0, -VDISC_ERANGE},
	{"size at max", 24, REPLY, 72, 24, 12, 72, 0, 0, 0},
	{"size at min", 24, REPLY, 12, 24, 12, 72, 0, 0, 0},
	{"size max + 1", 24, REPLY, 73, 24, 12, 72, 0, 0, -VDISC_ERANGE},
	{"size min - 1", 24, REPLY, 11, 24, 12, 72, 0, 0, -VDISC_ETRUNCATED},
	{"fd missing", 31, REPLY, 16, 31, 16, 16, 0, 1, -VDISC_ENOTFOUND},
	{"unexpected fd", 1, REPLY, 8, 1, 8, 8, 1, 0, -VDISC_ENOTSUP},
	{"two fds for one", 31, REPLY, 16, 31, 16, 16, 2, 1, -VDISC_ENOTSUP},
};

/* Each reply through the socket: the check's verdict, a reason, and no fd left open. */
static void test_reply_check(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_replies) / sizeof(bad_replies[0]); i++) {
		const struct bad_reply *c = &bad_replies[i];
		struct vdisc_vhost_user_msg msg;
		const char *why = "unset";
		int sv[2], p[2], before = open_fds(), rc;

		pair(sv);
		assert_int_equal(pipe(p), 0);
		peer_reply(sv[1], c->request, c->flags, c->size, p, c->nfds_sent);
		close(p[0]);
		close(p[1]);
		assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), 0);
		assert_int_equal(msg.nfds, c->nfds_sent);
		rc = vdisc_vhost_user_check_reply(&msg, c->expect, c->min, c->max, c->nfds_expected,
						  &why);
		if (rc != c->want)
			fail_msg("%s: %d, expected %d", c->name, rc, c->want);
		if (c->want)
			assert_true(why && why[0]);
		else
			assert_null(why);
		vdisc_vhost_user_msg_close_fds(&msg);
		close(sv[0]);
		close(sv[1]);
		assert_int_equal(open_fds(), before);
	}
}

/* The caller's own mistakes are told apart from the peer's. */
static void test_check_arguments(void **state)
{
	struct vdisc_vhost_user_msg msg = {.request = 1, .flags = REPLY, .size = 8};
	const char *why = NULL;

	(void)state;
	assert_int_equal(vdisc_vhost_user_check_reply(NULL, 1, 0, 8, 0, &why), -VDISC_EINVAL);
	assert_non_null(why);
	assert_int_equal(vdisc_vhost_user_check_reply(&msg, 1, 9, 8, 0, NULL), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_check_reply(
				 &msg, 1, 0, VDISC_VHOST_USER_MSG_PAYLOAD_MAX + 1, 0, NULL),
			 -VDISC_EINVAL);
	assert_int_equal(
		vdisc_vhost_user_check_reply(&msg, 1, 0, 8, VDISC_VHOST_USER_MAX_FDS + 1, NULL),
		-VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_check_reply(&msg, 1, 0, 8, 0, NULL), 0);
	/* A message that claims more fds than it could hold is still "more than expected". */
	msg.nfds = 1000;
	assert_int_equal(vdisc_vhost_user_check_reply(&msg, 1, 0, 8, 8, NULL), -VDISC_ENOTSUP);
}

/* A size beyond the buffer is refused before any payload is read; fds are closed. */
static void test_size_above_buffer(void **state)
{
	uint8_t hdr[VDISC_VHOST_USER_HDR_SIZE];
	struct vdisc_vhost_user_msg msg;
	int sv[2], p[2], before;

	(void)state;
	before = open_fds();
	pair(sv);
	assert_int_equal(pipe(p), 0);
	/* The largest payload still fits. */
	peer_reply(sv[1], 1, REPLY, VDISC_VHOST_USER_MSG_PAYLOAD_MAX, p, 1);
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), 0);
	assert_int_equal(msg.size, VDISC_VHOST_USER_MSG_PAYLOAD_MAX);
	vdisc_vhost_user_msg_close_fds(&msg);
	/* One byte more does not, with or without the bytes behind it. */
	frame(hdr, 1, REPLY, VDISC_VHOST_USER_MSG_PAYLOAD_MAX + 1, NULL, 0);
	raw_send(sv[1], hdr, sizeof(hdr), p, 2);
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), -VDISC_EINVAL);
	assert_int_equal(errno, EMSGSIZE);
	assert_int_equal(msg.nfds, 0);
	frame(hdr, 1, REPLY, UINT32_MAX, NULL, 0);
	raw_send(sv[1], hdr, sizeof(hdr), NULL, 0);
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), -VDISC_EINVAL);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(open_fds(), before);
}

/* More descriptors than a message may carry: all closed, the message refused. */
static void test_too_many_fds(void **state)
{
	int sv[2], p[2], fds[10], before;
	struct vdisc_vhost_user_msg msg;
	unsigned i;

	(void)state;
	before = open_fds();
	pair(sv);
	assert_int_equal(pipe(p), 0);
	for (i = 0; i < 10; i++)
		fds[i] = p[i % 2];
	peer_reply(sv[1], 1, REPLY, 8, fds, 10); /* in one control message */
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), -VDISC_EINVAL);
	assert_int_equal(errno, ETOOMANYREFS);
	assert_int_equal(msg.nfds, 0);
	{
		/* ... and spread over the header's pieces: 6 + 6. */
		uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + 8] = {0};

		frame(buf, 1, REPLY, 8, NULL, 0);
		raw_send(sv[1], buf, 6, fds, 6);
		raw_send(sv[1], buf + 6, sizeof(buf) - 6, fds, 6);
	}
	assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), -VDISC_EINVAL);
	assert_int_equal(errno, ETOOMANYREFS);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(open_fds(), before);
}

/* A peer that closes before the header, inside it, or inside the payload. */
static void test_peer_closes(void **state)
{
	static const size_t cut[] = {0, 5, VDISC_VHOST_USER_HDR_SIZE,
				     VDISC_VHOST_USER_HDR_SIZE + 3};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + 8] = {0};
		struct vdisc_vhost_user_msg msg;
		int sv[2], p[2], before = open_fds();

		pair(sv);
		assert_int_equal(pipe(p), 0);
		frame(buf, 1, REPLY, 8, NULL, 0);
		if (cut[i])
			raw_send(sv[1], buf, cut[i], p, 1); /* an fd in the lost part */
		close(sv[1]);
		close(p[0]);
		close(p[1]);
		assert_int_equal(vdisc_vhost_user_recv(sv[0], 1000, &msg), -VDISC_EIO);
		assert_int_equal(errno, ECONNRESET);
		assert_int_equal(msg.nfds, 0);
		close(sv[0]);
		assert_int_equal(open_fds(), before);
	}
}

/* A silent peer, and one that stops mid-message: -VDISC_ETIMEDOUT on time. */
static void test_peer_silent(void **state)
{
	int sv[2], round, before;

	(void)state;
	before = open_fds();
	for (round = 0; round < 2; round++) {
		struct vdisc_vhost_user_msg msg;
		int64_t t0, took;
		int p[2];

		pair(sv);
		assert_int_equal(pipe(p), 0);
		if (round) {
			uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + 4] = {0};

			frame(buf, 1, REPLY, 8, NULL, 0);
			raw_send(sv[1], buf, sizeof(buf), p, 1); /* 4 of 8 payload bytes */
		}
		close(p[0]);
		close(p[1]);
		t0 = now_ms();
		assert_int_equal(vdisc_vhost_user_recv(sv[0], 100, &msg), -VDISC_ETIMEDOUT);
		took = now_ms() - t0;
		assert_int_equal(errno, ETIMEDOUT);
		assert_int_equal(msg.nfds, 0);
		assert_true(took >= 90);
		assert_true(took < 1000);
		/* A zero timeout takes what is there and does not wait. */
		assert_int_equal(vdisc_vhost_user_recv(sv[0], 0, &msg), -VDISC_ETIMEDOUT);
		close(sv[0]);
		close(sv[1]);
	}
	assert_int_equal(open_fds(), before);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* Sending to a closed peer is an error, never SIGPIPE. */
static void test_no_sigpipe(void **state)
{
	struct sigaction sa = {.sa_handler = on_sigpipe}, old;
	uint64_t v = 0;
	int sv[2], rc;

	(void)state;
	assert_int_equal(sigaction(SIGPIPE, &sa, &old), 0);
	pair(sv);
	close(sv[1]);
	rc = vdisc_vhost_user_send(sv[0], VDISC_VHOST_USER_SET_FEATURES, V1, &v, sizeof(v), NULL,
				   0);
	assert_int_equal(rc, -VDISC_EIO);
	assert_true(errno == EPIPE || errno == ECONNRESET);
	assert_int_equal(sigpipes, 0);
	close(sv[0]);
	assert_int_equal(sigaction(SIGPIPE, &old, NULL), 0);
}

/* Arguments out of range are refused before anything is written. */
static void test_send_arguments(void **state)
{
	uint8_t big[VDISC_VHOST_USER_MSG_PAYLOAD_MAX + 1] = {0};
	int sv[2], p[2], fds[VDISC_VHOST_USER_MAX_FDS + 1], before;
	struct vdisc_vhost_user_msg msg;
	unsigned i;

	(void)state;
	before = open_fds();
	pair(sv);
	assert_int_equal(pipe(p), 0);
	for (i = 0; i < VDISC_VHOST_USER_MAX_FDS + 1; i++)
		fds[i] = p[i % 2];
	assert_int_equal(vdisc_vhost_user_send(sv[0], 1, V1, big, sizeof(big), NULL, 0),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_send(sv[0], 1, V1, NULL, 8, NULL, 0), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_send(sv[0], 1, V1, NULL, 0, fds, 9), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_send(sv[0], 1, V1, NULL, 0, NULL, 1), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_send(-1, 1, V1, NULL, 0, NULL, 0), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], -1, &msg), -VDISC_EINVAL);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 0, NULL), -VDISC_EINVAL);
	/* Nothing reached the peer. */
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 0, &msg), -VDISC_ETIMEDOUT);
	assert_int_equal(vdisc_vhost_user_send(sv[0], 1, V1, big, VDISC_VHOST_USER_MSG_PAYLOAD_MAX,
					       fds, VDISC_VHOST_USER_MAX_FDS),
			 0);
	assert_int_equal(vdisc_vhost_user_recv(sv[1], 1000, &msg), 0);
	assert_int_equal(msg.size, VDISC_VHOST_USER_MSG_PAYLOAD_MAX);
	assert_int_equal(msg.nfds, VDISC_VHOST_USER_MAX_FDS);
	vdisc_vhost_user_msg_close_fds(&msg);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(open_fds(), before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_vs_linux),
		cmocka_unit_test(test_roundtrip_no_fds),
		cmocka_unit_test(test_roundtrip_two_fds),
		cmocka_unit_test(test_good_reply_from_child),
		cmocka_unit_test(test_reply_in_pieces),
		cmocka_unit_test(test_reply_check),
		cmocka_unit_test(test_check_arguments),
		cmocka_unit_test(test_size_above_buffer),
		cmocka_unit_test(test_too_many_fds),
		cmocka_unit_test(test_peer_closes),
		cmocka_unit_test(test_peer_silent),
		cmocka_unit_test(test_no_sigpipe),
		cmocka_unit_test(test_send_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
