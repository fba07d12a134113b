/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <vdisc/error.h>

#include "errors.h"
#include "vhost_user_msg.h"

/* How long a full socket buffer may keep a message from leaving. */
#define VUMSG_SEND_WAIT_MS 5000

_Static_assert(VDISC_VHOST_USER_MSG_PAYLOAD_MAX >=
		       VDISC_VHOST_USER_MEM_OFF_REGIONS +
			       VDISC_VHOST_USER_MEM_MAX_REGIONS * VDISC_VHOST_USER_REGION_SIZE,
	       "a full memory table must fit the payload buffer");

/* Room for the most descriptors a message may carry, aligned for struct cmsghdr. */
union vumsg_control {
	struct cmsghdr align;
	unsigned char buf[CMSG_SPACE(sizeof(int) * VDISC_VHOST_USER_MAX_FDS)];
};

/* One message being read: where from, until when, and whether fds overflowed. */
struct vumsg_rx {
	int fd;
	int overflow;
	int64_t deadline_ms;
	struct vdisc_vhost_user_msg *msg;
};

static int64_t vumsg_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait until @fd can do @events or the deadline passes; 0 or -VDISC_E*. */
static int vumsg_wait(int fd, short events, int64_t deadline_ms)
{
	for (;;) {
		struct pollfd p = {.fd = fd, .events = events};
		int64_t left = deadline_ms - vumsg_now_ms();
		int n;

		if (left <= 0)
			return vdisc_hosted_errno_(ETIMEDOUT);
		n = poll(&p, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (n > 0)
			/* Ready, hung up or failed: the next send or receive says which. */
			return (p.revents & POLLNVAL) ? vdisc_hosted_errno_(EBADF) : 0;
		if (n == 0)
			return vdisc_hosted_errno_(ETIMEDOUT);
		if (errno != EINTR)
			return vdisc_hosted_errno_(errno);
	}
}

static void vumsg_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static uint32_t vumsg_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Attach @nfds descriptors to @mh as one SCM_RIGHTS message. */
static void vumsg_attach_fds(struct msghdr *mh, union vumsg_control *ctl, const int *fds,
			     unsigned nfds)
{
	struct cmsghdr *c;

	memset(ctl, 0, sizeof(*ctl));
	mh->msg_control = ctl->buf;
	mh->msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
	c = CMSG_FIRSTHDR(mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * nfds);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * nfds);
}

int vdisc_vhost_user_send(int fd, uint32_t request, uint32_t flags, const void *payload,
			  uint32_t size, const int *fds, unsigned nfds)
{
	uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + VDISC_VHOST_USER_MSG_PAYLOAD_MAX];
	size_t total = VDISC_VHOST_USER_HDR_SIZE + (size_t)size, sent = 0;
	int64_t deadline_ms = vumsg_now_ms() + VUMSG_SEND_WAIT_MS;

	if (fd < 0 || size > VDISC_VHOST_USER_MSG_PAYLOAD_MAX || (size && !payload) ||
	    nfds > VDISC_VHOST_USER_MAX_FDS || (nfds && !fds))
		return vdisc_hosted_errno_(EINVAL);
	vumsg_put32(buf + VDISC_VHOST_USER_HDR_OFF_REQUEST, request);
	vumsg_put32(buf + VDISC_VHOST_USER_HDR_OFF_FLAGS, flags);
	vumsg_put32(buf + VDISC_VHOST_USER_HDR_OFF_SIZE, size);
	if (size)
		memcpy(buf + VDISC_VHOST_USER_HDR_SIZE, payload, size);

	while (sent < total) {
		struct iovec iov = {.iov_base = buf + sent, .iov_len = total - sent};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
		union vumsg_control ctl;
		ssize_t n;
		int err;

		/* The descriptors ride on the first byte; once part has gone, so have they. */
		if (sent == 0 && nfds)
			vumsg_attach_fds(&mh, &ctl, fds, nfds);
		n = sendmsg(fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			sent += (size_t)n;
			continue;
		}
		if (n == 0)
			return vdisc_hosted_errno_(EIO);
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return vdisc_hosted_errno_(errno);
		err = vumsg_wait(fd, POLLOUT, deadline_ms);
		if (err)
			return err;
	}
	return 0;
}

/* Keep the descriptors one recvmsg brought; close any beyond the limit. */
static void vumsg_take_fds(struct vumsg_rx *rx, struct msghdr *mh)
{
	struct vdisc_vhost_user_msg *msg = rx->msg;
	struct cmsghdr *c;

	/* The kernel dropped (and closed) what did not fit the control buffer. */
	if (mh->msg_flags & MSG_CTRUNC)
		rx->overflow = 1;
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		size_t i, n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int got;

			memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (msg->nfds < VDISC_VHOST_USER_MAX_FDS) {
				msg->fds[msg->nfds++] = got;
			} else {
				close(got);
				rx->overflow = 1;
			}
		}
	}
}

/* Read exactly @len bytes of the message into @dst before the deadline. */
static int vumsg_read(struct vumsg_rx *rx, uint8_t *dst, size_t len)
{
	size_t got = 0;

	while (got < len) {
		union vumsg_control ctl;
		struct iovec iov = {.iov_base = dst + got, .iov_len = len - got};
		struct msghdr mh = {.msg_iov = &iov,
				    .msg_iovlen = 1,
				    .msg_control = ctl.buf,
				    .msg_controllen = sizeof(ctl.buf)};
		ssize_t n = recvmsg(rx->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		int err;

		if (n > 0) {
			vumsg_take_fds(rx, &mh);
			got += (size_t)n;
			continue;
		}
		if (n == 0)
			/* An orderly close mid-message is as fatal as a reset. */
			return vdisc_hosted_errno_(ECONNRESET);
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return vdisc_hosted_errno_(errno);
		err = vumsg_wait(rx->fd, POLLIN, rx->deadline_ms);
		if (err)
			return err;
	}
	return 0;
}

int vdisc_vhost_user_recv(int fd, int timeout_ms, struct vdisc_vhost_user_msg *msg)
{
	uint8_t hdr[VDISC_VHOST_USER_HDR_SIZE];
	struct vumsg_rx rx = {.fd = fd, .msg = msg};
	int err, saved;

	if (!msg)
		return vdisc_hosted_errno_(EINVAL);
	msg->request = msg->flags = msg->size = 0;
	msg->nfds = 0;
	if (timeout_ms < 0)
		return vdisc_hosted_errno_(EINVAL);
	rx.deadline_ms = vumsg_now_ms() + timeout_ms;

	err = vumsg_read(&rx, hdr, sizeof(hdr));
	if (!err) {
		msg->request = vumsg_get32(hdr + VDISC_VHOST_USER_HDR_OFF_REQUEST);
		msg->flags = vumsg_get32(hdr + VDISC_VHOST_USER_HDR_OFF_FLAGS);
		msg->size = vumsg_get32(hdr + VDISC_VHOST_USER_HDR_OFF_SIZE);
		if (msg->size > VDISC_VHOST_USER_MSG_PAYLOAD_MAX)
			err = vdisc_hosted_errno_(EMSGSIZE);
		else if (msg->size)
			err = vumsg_read(&rx, msg->payload, msg->size);
	}
	if (!err && rx.overflow)
		err = vdisc_hosted_errno_(ETOOMANYREFS);
	if (err) {
		saved = errno;
		vdisc_vhost_user_msg_close_fds(msg);
		errno = saved;
	}
	return err;
}

static int vumsg_fault(const char **why, int err, const char *text)
{
	*why = text;
	return err;
}

/* The checks of vdisc_vhost_user_check_reply(), in its documented order. */
static int vumsg_judge(const struct vdisc_vhost_user_msg *msg, uint32_t request, uint32_t min_size,
		       uint32_t max_size, unsigned nfds_expected, const char **why)
{
	*why = NULL;
	if (!msg || min_size > max_size || max_size > VDISC_VHOST_USER_MSG_PAYLOAD_MAX ||
	    nfds_expected > VDISC_VHOST_USER_MAX_FDS)
		return vumsg_fault(why, -VDISC_EINVAL, "bad arguments to the reply check");
	if ((msg->flags & VDISC_VHOST_USER_FLAG_VERSION_MASK) != VDISC_VHOST_USER_VERSION)
		return vumsg_fault(why, -VDISC_EBADVERSION,
				   "reply of a protocol version other than 1");
	if (!(msg->flags & VDISC_VHOST_USER_FLAG_REPLY))
		return vumsg_fault(why, -VDISC_EIO,
				   "a request where a reply was due (REPLY flag clear)");
	if (msg->request != request)
		return vumsg_fault(why, -VDISC_ENOMATCH, "reply to a different request");
	if (msg->size < min_size)
		return vumsg_fault(why, -VDISC_ETRUNCATED, "reply payload too short");
	if (msg->size > max_size)
		return vumsg_fault(why, -VDISC_ERANGE, "reply payload too long");
	if (msg->nfds < nfds_expected)
		return vumsg_fault(why, -VDISC_ENOTFOUND, "reply without the file descriptor due");
	if (msg->nfds > nfds_expected)
		return vumsg_fault(why, -VDISC_ENOTSUP,
				   "reply carrying unexpected file descriptors");
	return 0;
}

int vdisc_vhost_user_check_reply(const struct vdisc_vhost_user_msg *msg, uint32_t request,
				 uint32_t min_size, uint32_t max_size, unsigned nfds_expected,
				 const char **why)
{
	const char *text;
	int err = vumsg_judge(msg, request, min_size, max_size, nfds_expected, &text);

	if (why)
		*why = text;
	return err;
}

void vdisc_vhost_user_msg_close_fds(struct vdisc_vhost_user_msg *msg)
{
	unsigned i;

	if (!msg)
		return;
	for (i = 0; i < msg->nfds && i < VDISC_VHOST_USER_MAX_FDS; i++) {
		if (msg->fds[i] >= 0)
			close(msg->fds[i]);
		msg->fds[i] = -1;
	}
	msg->nfds = 0;
}
