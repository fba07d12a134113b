/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_VHOST_USER_MSG_H
#define VDISC_HOSTED_VHOST_USER_MSG_H

/*
 * vhost-user framing: one message (header, payload, file descriptors) onto
 * or off a connected AF_UNIX stream socket, and the check every reply must
 * pass before its payload is believed.  No knowledge of what a request
 * means: the transport above chooses sizes and fd counts.
 */
#include <stdint.h>

#include <vdisc/vhost_user.h>

/*
 * The largest payload a legal message carries, and so the buffer every
 * received message fits: a full device configuration (GET/SET_CONFIG) is
 * the largest, above a full memory table.
 */
#define VDISC_VHOST_USER_MSG_PAYLOAD_MAX \
	(VDISC_VHOST_USER_CONFIG_HDR_SIZE + VDISC_VHOST_USER_CONFIG_SPACE_MAX)

/**
 * struct vdisc_vhost_user_msg - one received message
 * @request: the header's request code
 * @flags: the header's flags (version, REPLY, NEED_REPLY)
 * @size: the payload's length in bytes, at most VDISC_VHOST_USER_MSG_PAYLOAD_MAX
 * @payload: the payload (host byte order; read fields with memcpy)
 * @fds: the file descriptors that came with it, close-on-exec, owned by the
 *	holder of the message until vdisc_vhost_user_msg_close_fds()
 * @nfds: how many of @fds are valid
 */
struct vdisc_vhost_user_msg {
	uint32_t request;
	uint32_t flags;
	uint32_t size;
	_Alignas(8) uint8_t payload[VDISC_VHOST_USER_MSG_PAYLOAD_MAX];
	int fds[VDISC_VHOST_USER_MAX_FDS];
	unsigned nfds;
};

/**
 * vdisc_vhost_user_send - write one message, with file descriptors, to a socket
 * @fd: a connected AF_UNIX stream socket
 * @request: the request code (VDISC_VHOST_USER_*)
 * @flags: the header's flags; the version bits are the caller's to set
 * @payload: @size bytes of payload; may be NULL when @size is 0
 * @size: the payload's length, at most VDISC_VHOST_USER_MSG_PAYLOAD_MAX
 * @fds: @nfds descriptors to pass (SCM_RIGHTS), still owned by the caller
 * @nfds: 0 to VDISC_VHOST_USER_MAX_FDS
 *
 * The header and payload go in one sendmsg(2) with the descriptors, with
 * MSG_NOSIGNAL (a closed peer is an error, not SIGPIPE).  A short write is
 * completed (the descriptors went with the first part) and EINTR retried.
 * A full socket buffer is waited for, 5 s at most, whether or not the
 * socket is blocking (every send is MSG_DONTWAIT).
 *
 * returns:
 *	0 when the whole message was handed to the kernel;
 *	-VDISC_EINVAL for an argument out of range (errno EINVAL);
 *	-VDISC_ETIMEDOUT when a full buffer did not drain (errno ETIMEDOUT);
 *	-VDISC_EIO when the peer has gone (errno EPIPE or ECONNRESET) or any
 *	other failure of sendmsg(2), errno holding its reason (see
 *	vdisc_hosted_errno_() for the other mappings).  After a failure the
 *	peer may have received part of the message: close the connection.
 */
int vdisc_vhost_user_send(int fd, uint32_t request, uint32_t flags, const void *payload,
			  uint32_t size, const int *fds, unsigned nfds);

/**
 * vdisc_vhost_user_recv - read one whole message from a socket, in bounded time
 * @fd: a connected AF_UNIX stream socket (blocking or not)
 * @timeout_ms: how long the whole message may take to arrive, 0 or more
 * @msg: filled in; on failure its @nfds is 0 and no descriptor is left open
 *
 * Reads the 12-byte header, then exactly the payload size it announces, and
 * collects the descriptors that arrive with them (MSG_CMSG_CLOEXEC).  The
 * header is not judged here beyond its size: vdisc_vhost_user_check_reply()
 * does that.
 *
 * returns:
 *	0 with the message in @msg;
 *	-VDISC_ETIMEDOUT when the message was not complete in @timeout_ms
 *	(errno ETIMEDOUT);
 *	-VDISC_EIO when the peer closed the connection before the message was
 *	complete (errno ECONNRESET, also for an orderly close) or reading
 *	failed (errno holding the reason);
 *	-VDISC_EINVAL for a negative @timeout_ms or NULL @msg, a size above
 *	VDISC_VHOST_USER_MSG_PAYLOAD_MAX, or more than
 *	VDISC_VHOST_USER_MAX_FDS descriptors (errno EINVAL, EMSGSIZE or
 *	ETOOMANYREFS respectively).
 *	After any failure the stream is out of step (part of a message may be
 *	unread): the connection must be treated as broken and closed.
 */
int vdisc_vhost_user_recv(int fd, int timeout_ms, struct vdisc_vhost_user_msg *msg);

/**
 * vdisc_vhost_user_check_reply - whether a received message is the reply expected
 * @msg: a message from vdisc_vhost_user_recv()
 * @request: the request code that was sent
 * @min_size: the smallest payload the reply may have
 * @max_size: the largest, at most VDISC_VHOST_USER_MSG_PAYLOAD_MAX
 * @nfds_expected: exactly how many descriptors the reply must carry
 * @why: if not NULL, set to a short static description of the fault, or
 *	to NULL when the reply is good
 *
 * Pure: reads @msg only, closes nothing (on failure the caller still owns
 * any descriptors and closes them with vdisc_vhost_user_msg_close_fds()).
 * The checks run in this order; flag bits other than version and REPLY are
 * ignored.
 *
 * returns:
 *	0 when the reply passes every check;
 *	-VDISC_EINVAL for a NULL @msg, @min_size above @max_size, @max_size
 *	above VDISC_VHOST_USER_MSG_PAYLOAD_MAX or @nfds_expected above
 *	VDISC_VHOST_USER_MAX_FDS (the caller's mistake, not the peer's);
 *	-VDISC_EBADVERSION when the version bits are not 1;
 *	-VDISC_EIO when the REPLY flag is clear (the peer sent a request);
 *	-VDISC_ENOMATCH when the request code is not the one sent;
 *	-VDISC_ETRUNCATED when the payload is shorter than @min_size;
 *	-VDISC_ERANGE when it is longer than @max_size;
 *	-VDISC_ENOTFOUND when fewer descriptors came than expected;
 *	-VDISC_ENOTSUP when more came than expected.
 */
int vdisc_vhost_user_check_reply(const struct vdisc_vhost_user_msg *msg, uint32_t request,
				 uint32_t min_size, uint32_t max_size, unsigned nfds_expected,
				 const char **why);

/**
 * vdisc_vhost_user_msg_close_fds - close the descriptors a message holds
 * @msg: a received message, or NULL
 *
 * Closes every valid descriptor and sets @nfds to 0, so a second call does
 * nothing.  Descriptors the caller took out of @msg must be replaced by -1
 * first; negative entries are skipped.
 */
void vdisc_vhost_user_msg_close_fds(struct vdisc_vhost_user_msg *msg);

#endif
