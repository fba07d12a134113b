/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the vhost-user reply path (src/hosted/vhost_user_msg.c):
 * the bytes a back-end might send go through a real socketpair, with up to
 * ten descriptors on the first piece, into vdisc_vhost_user_recv() and then
 * vdisc_vhost_user_check_reply(); the header is also judged directly, with
 * sizes and fd counts no socket could deliver.  Aborts when: the receive
 * gives a code it does not document, or refuses a well-formed message, or
 * accepts a bad one; a received payload differs from the bytes sent; a kept
 * descriptor is not close-on-exec; the check passes a reply that breaks one
 * of its rules or fails one without a reason; a descriptor leaks.  The
 * transport's own reply handlers (a u64 reply, a GET_CONFIG reply and the
 * fields sliced out of it, src/hosted/vhost_user_transport.c) get every
 * received message too: they may accept only what their rules allow, and
 * never read past the bytes they were given.
 *
 * Input: [0] fds sent with the first piece (low nibble, mod 11) and with the
 * second (high nibble, mod 11), [1] fds expected (mod 10), [2] where the
 * stream splits in two sends (0: one), [3..6] the request expected, [7..8]
 * and [9..10] min and max payload size (u16), then the stream itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "hosted/vhost_user_msg.h"
#include "hosted/vhost_user_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PARAMS 11
#define STREAM_MAX 4096
#define SEND_FDS_MAX 10
#define FD_WATCH 128 /* the descriptor numbers watched for leaks */

struct params_ {
	unsigned nfds_first, nfds_second, nfds_expected;
	size_t split;
	uint32_t request, min_size, max_size;
};

static uint32_t get32_(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint16_t get16_(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void send_piece_(int fd, const uint8_t *bytes, size_t len, int nul, unsigned nfds)
{
	union {
		struct cmsghdr align;
		unsigned char buf[CMSG_SPACE(sizeof(int) * SEND_FDS_MAX)];
	} ctl;
	struct iovec iov = {.iov_base = (void *)(uintptr_t)bytes, .iov_len = len};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
	unsigned i;

	if (nfds) {
		struct cmsghdr *c;
		int fds[SEND_FDS_MAX];

		for (i = 0; i < nfds; i++)
			fds[i] = nul;
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
	}
	if (sendmsg(fd, &mh, MSG_NOSIGNAL) != (ssize_t)len)
		abort();
}

/* The check's verdict against its rules, re-derived here. */
static void judge_(const struct vdisc_vhost_user_msg *msg, const struct params_ *p)
{
	const char *why = "unset";
	int rc = vdisc_vhost_user_check_reply(msg, p->request, p->min_size, p->max_size,
					      p->nfds_expected, &why);
	int args_ok = p->min_size <= p->max_size &&
		      p->max_size <= VDISC_VHOST_USER_MSG_PAYLOAD_MAX &&
		      p->nfds_expected <= VDISC_VHOST_USER_MAX_FDS;
	int good = args_ok &&
		   (msg->flags & VDISC_VHOST_USER_FLAG_VERSION_MASK) == VDISC_VHOST_USER_VERSION &&
		   (msg->flags & VDISC_VHOST_USER_FLAG_REPLY) && msg->request == p->request &&
		   msg->size >= p->min_size && msg->size <= p->max_size &&
		   msg->nfds == p->nfds_expected;

	if (good != (rc == 0))
		abort();
	if (rc == 0 ? why != NULL : (why == NULL || !why[0]))
		abort();
	if (!args_ok && rc != -VDISC_EINVAL)
		abort();
	switch (rc) {
	case 0:
	case -VDISC_EINVAL:
	case -VDISC_EBADVERSION:
	case -VDISC_EIO:
	case -VDISC_ENOMATCH:
	case -VDISC_ETRUNCATED:
	case -VDISC_ERANGE:
	case -VDISC_ENOTFOUND:
	case -VDISC_ENOTSUP:
		break;
	default:
		abort();
	}
}

/* The transport's reply handlers on a received message: their verdicts against their rules. */
static void transport_replies_(const struct vdisc_vhost_user_msg *msg, const struct params_ *p)
{
	const uint8_t *cfg = NULL;
	const char *why = "unset";
	uint32_t asked = p->min_size % (VDISC_VHOST_USER_CONFIG_SPACE_MAX + 1), have = 0, off;
	uint64_t v;
	unsigned w;
	int rc, hdr_ok = (msg->flags & VDISC_VHOST_USER_FLAG_VERSION_MASK) ==
				 VDISC_VHOST_USER_VERSION &&
			 (msg->flags & VDISC_VHOST_USER_FLAG_REPLY) && msg->nfds == 0;

	rc = vdisc_vhost_user_u64_reply_(msg, p->request, &v, &why);
	if (rc == 0 &&
	    !(hdr_ok && msg->request == p->request && msg->size == VDISC_VHOST_USER_U64_SIZE))
		abort();
	if (rc != 0 && (rc != -VDISC_EIO || !why))
		abort();
	rc = vdisc_vhost_user_config_reply_(msg, asked, &cfg, &have, &why);
	if (rc != 0 && rc != -VDISC_ENOTSUP && rc != -VDISC_EIO)
		abort();
	if (rc != 0)
		return;
	if (!hdr_ok || msg->request != VDISC_VHOST_USER_GET_CONFIG || have != asked ||
	    msg->size != VDISC_VHOST_USER_CONFIG_HDR_SIZE + asked ||
	    cfg != msg->payload + VDISC_VHOST_USER_CONFIG_HDR_SIZE ||
	    get32_(msg->payload + VDISC_VHOST_USER_CONFIG_OFF_SIZE) != asked)
		abort();
	for (off = 0; off < have + 8; off++)
		for (w = 1; w <= 8; w *= 2) {
			rc = vdisc_vhost_user_config_field_(cfg, have, (uint16_t)off, w, &v);
			if (rc == 0 && off + w > have)
				abort(); /* a field past the bytes fetched */
			if (rc != 0 && rc != -VDISC_EINVAL)
				abort();
		}
}

/* What the receive must have done with a stream that ends after @len bytes. */
static void check_recv_(int rc, const struct vdisc_vhost_user_msg *msg, const uint8_t *s,
			size_t len, size_t first, const struct params_ *p)
{
	uint32_t size =
		len >= VDISC_VHOST_USER_HDR_SIZE ? get32_(s + VDISC_VHOST_USER_HDR_OFF_SIZE) : 0;
	int whole = len >= VDISC_VHOST_USER_HDR_SIZE && size <= VDISC_VHOST_USER_MSG_PAYLOAD_MAX &&
		    len - VDISC_VHOST_USER_HDR_SIZE >= size;
	unsigned i, nfds_sent = first ? p->nfds_first : 0;

	/* A piece's descriptors arrive once any of its bytes is read (Linux AF_UNIX). */
	if (len > first && first < VDISC_VHOST_USER_HDR_SIZE + (size_t)size)
		nfds_sent += p->nfds_second;
	if (rc != 0 && rc != -VDISC_EINVAL && rc != -VDISC_EIO)
		abort();
	if (rc != 0 && msg->nfds != 0)
		abort();
	if (rc == 0) {
		if (!whole || nfds_sent > VDISC_VHOST_USER_MAX_FDS || msg->nfds != nfds_sent)
			abort();
		if (msg->request != get32_(s) || msg->flags != get32_(s + 4) || msg->size != size ||
		    memcmp(msg->payload, s + VDISC_VHOST_USER_HDR_SIZE, size))
			abort();
		for (i = 0; i < msg->nfds; i++)
			if (!(fcntl(msg->fds[i], F_GETFD) & FD_CLOEXEC))
				abort();
	} else if (whole && nfds_sent <= VDISC_VHOST_USER_MAX_FDS) {
		abort(); /* a well-formed message refused */
	}
}

static void through_socket_(const uint8_t *s, size_t len, const struct params_ *p, int nul)
{
	struct vdisc_vhost_user_msg msg;
	size_t first = p->split && p->split < len ? p->split : len;
	int sv[2], rc;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		abort();
	if (first)
		send_piece_(sv[1], s, first, nul, p->nfds_first);
	if (len > first)
		send_piece_(sv[1], s + first, len - first, nul, p->nfds_second);
	/* The peer is done: the receive meets the end of the stream, never a wait. */
	shutdown(sv[1], SHUT_WR);
	rc = vdisc_vhost_user_recv(sv[0], 1000, &msg);
	check_recv_(rc, &msg, s, len, first, p);
	judge_(&msg, p);
	if (rc == 0)
		transport_replies_(&msg, p);
	vdisc_vhost_user_msg_close_fds(&msg);
	close(sv[0]);
	close(sv[1]);
}

/* Which of the first FD_WATCH descriptor numbers are open, as a bitmap. */
static void open_set_(uint64_t set[FD_WATCH / 64])
{
	int fd;

	memset(set, 0, FD_WATCH / 8);
	for (fd = 0; fd < FD_WATCH; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			set[fd / 64] |= 1ull << (fd % 64);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t before[FD_WATCH / 64], after[FD_WATCH / 64];
	struct vdisc_vhost_user_msg direct = {0};
	const uint8_t *s = data + PARAMS;
	size_t len = size - PARAMS;
	struct params_ p;
	int nul;

	if (size < PARAMS)
		return 0;
	if (len > STREAM_MAX)
		len = STREAM_MAX;
	p.nfds_first = (data[0] & 0x0f) % (SEND_FDS_MAX + 1);
	p.nfds_second = (data[0] >> 4) % (SEND_FDS_MAX + 1);
	p.nfds_expected = data[1] % 10;
	p.split = data[2];
	p.request = get32_(data + 3);
	p.min_size = get16_(data + 7);
	p.max_size = get16_(data + 9);

	open_set_(before);
	nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (nul < 0)
		abort();
	through_socket_(s, len, &p, nul);

	/* The header as it stands, with any size and fd count: the check only reads. */
	if (len >= VDISC_VHOST_USER_HDR_SIZE) {
		direct.request = get32_(s);
		direct.flags = get32_(s + 4);
		direct.size = get32_(s + 8);
		direct.nfds = data[0];
		judge_(&direct, &p);
	}

	close(nul);
	/* Every descriptor received was closed, on every path. */
	open_set_(after);
	if (memcmp(before, after, sizeof(before)))
		abort();
	return 0;
}
