/* SPDX-License-Identifier: MIT */
#ifndef VDISC_HOSTED_VHOST_USER_TRANSPORT_H
#define VDISC_HOSTED_VHOST_USER_TRANSPORT_H

/*
 * A virtio transport over a vhost-user socket (QEMU's docs/interop/
 * vhost-user.rst), so the core's negotiation, virtqueue and virtio-blk code
 * drive a back-end process such as qemu-storage-daemon.  The back-end reads
 * and writes the rings and buffers in the shared region of a
 * struct vdisc_shm_platform, which is the platform the device runs on.
 *
 * What vhost-user lacks is made up here: the status register is kept
 * locally (no PROTOCOL_F_STATUS: 7.2 back-ends do not have it), a reset
 * stops every started ring with GET_VRING_BASE, and the queue size is the
 * driver's choice up to VDISC_VHOST_USER_QUEUE_SIZE_MAX.  Completions are
 * polled from the used ring; the call eventfds exist only because the
 * protocol wants one per ring.
 *
 * Errors: every reply is checked and every wait is bounded by timeout_ms.
 * A failure of the connection itself (a send or receive that failed, a
 * timeout, a reply that breaks the protocol) marks the transport dead: the
 * socket is shut down, and every later hook fails at once with -VDISC_EIO.
 * A request the back-end refused (a nonzero REPLY_ACK, an empty GET_CONFIG
 * reply) is -VDISC_EIO too, but the connection stays usable.  @why always
 * says, in one line, what failed last.
 *
 * The hooks, beyond the common rules of struct vdisc_virtio_transport_ops:
 * get_features gives the virtio bits only (vdisc_vhost_user_virtio_features());
 * set_features sends them with bit 30 added when offered, and refuses (-VDISC_EINVAL)
 * a vhost bit or a bit above 63; FEATURES_OK sticks only after a SET_FEATURES
 * that succeeded; DRIVER_OK sends SET_VRING_ENABLE for every started ring;
 * status 0 stops every started ring (GET_VRING_BASE).  queue_setup sends
 * SET_MEM_TABLE once, then SET_VRING_NUM, _BASE (0), _ADDR (ring addresses
 * turned into this process's pointers), _CALL and _KICK with eventfds;
 * SET_VRING_ERR is not sent (optional).  config_read asks GET_CONFIG for
 * offset 0 and the bytes up to the field (a 7.2 back-end ignores the offset
 * and refuses more than 60 bytes): -VDISC_ENOTSUP without PROTOCOL_F_CONFIG,
 * -VDISC_EINVAL past byte 60.  config_write is -VDISC_ENOTSUP.  queue_disable
 * of a ring the back-end may still hold (the connection is dead) is
 * -VDISC_EPERM.  check_alive is one poll(2) of the socket with no wait.
 */
#include <stdbool.h>
#include <stdint.h>

#include <vdisc/virtio_transport.h>

#include "shm_platform.h"
#include "vhost_user_msg.h"

/* How long a reply may take unless the caller says otherwise. */
#define VDISC_VHOST_USER_TIMEOUT_MS 2000
/* Queues this transport keeps state for; a back-end offering more shows only these. */
#define VDISC_VHOST_USER_QUEUES 16u
/* The largest ring a back-end is offered: libvhost-user's bound (VIRTQUEUE_MAX_SIZE). */
#define VDISC_VHOST_USER_QUEUE_SIZE_MAX 1024u
/* Configuration bytes fetched at once: qemu-storage-daemon 7.2 refuses more than 60. */
#define VDISC_VHOST_USER_CONFIG_FETCH 60u
/* The protocol features this front-end uses, when offered. */
#define VDISC_VHOST_USER_PROTOCOL_WANTED                   \
	((1ull << VDISC_VHOST_USER_PROTOCOL_F_MQ) |        \
	 (1ull << VDISC_VHOST_USER_PROTOCOL_F_REPLY_ACK) | \
	 (1ull << VDISC_VHOST_USER_PROTOCOL_F_CONFIG))

/**
 * struct vdisc_vhost_user_queue - one ring as the back-end knows it
 * @kick_fd: the eventfd written to notify, -1 when not set up
 * @call_fd: the eventfd the back-end signals (never read), -1 when not set up
 * @size: the ring's size
 * @started: the back-end has the ring (SET_VRING_KICK done, no GET_VRING_BASE since)
 * @enabled: SET_VRING_ENABLE 1 was sent (or not needed)
 * @last_avail: what GET_VRING_BASE answered when the ring was last stopped
 */
struct vdisc_vhost_user_queue {
	int kick_fd;
	int call_fd;
	uint16_t size;
	bool started;
	bool enabled;
	uint16_t last_avail;
};

/**
 * struct vdisc_vhost_user_transport - the connection and what was negotiated over it
 * @fd: the connected socket, -1 once closed
 * @timeout_ms: the bound on every reply
 * @shm: the shared region (its platform is the device's)
 * @features: the GET_FEATURES word as offered, vhost bits (24, 26, 30) included
 * @features_sent: the last SET_FEATURES word (virtio bits, plus bit 30 when offered)
 * @protocol_offered: GET_PROTOCOL_FEATURES (0 without bit 30)
 * @protocol_accepted: what SET_PROTOCOL_FEATURES sent
 * @queue_num: GET_QUEUE_NUM's answer with MQ, else 1
 * @status: the emulated device status byte
 * @features_ok: SET_FEATURES succeeded since the last reset (FEATURES_OK may stick)
 * @mem_table_sent: SET_MEM_TABLE succeeded
 * @dead: the connection failed: every hook now fails with -VDISC_EIO
 * @why: one line about the last failure ("GET_CONFIG: reply too short"), or NULL
 * @why_buf: where @why is formatted
 * @queue: per-ring state
 */
struct vdisc_vhost_user_transport {
	int fd;
	int timeout_ms;
	struct vdisc_shm_platform *shm;
	uint64_t features;
	uint64_t features_sent;
	uint64_t protocol_offered;
	uint64_t protocol_accepted;
	uint64_t queue_num;
	uint8_t status;
	bool features_ok;
	bool mem_table_sent;
	bool dead;
	const char *why;
	char why_buf[160];
	struct vdisc_vhost_user_queue queue[VDISC_VHOST_USER_QUEUES];
};

/**
 * vdisc_vhost_user_transport_open - connect to a back-end's socket and open a session
 * @t: the transport state, filled here
 * @path: the back-end's listening UNIX socket
 * @timeout_ms: the bound on the connect and on every reply; 0: VDISC_VHOST_USER_TIMEOUT_MS
 * @shm: the shared region; the device's platform is &@shm->platform
 * @dev: filled: ops ("vhost-user"), transport = @t, platform, device_type block
 *	(vhost-user does not say what a back-end is: the caller may change it)
 *
 * Connects, then runs vdisc_vhost_user_transport_open_fd().  The connect's
 * own failures, each with its line in @t->why:
 *
 * returns:
 *	0 on success;
 *	-VDISC_ENOTFOUND when there is no such socket (errno ENOENT or ENOTDIR);
 *	-VDISC_EPERM when the socket may not be opened (errno EACCES or EPERM);
 *	-VDISC_EIO when nobody is listening (errno ECONNREFUSED);
 *	-VDISC_EINVAL when @path is not a socket (errno ENOTSOCK), is too long
 *	for one (errno ENAMETOOLONG), or an argument is NULL (errno EINVAL);
 *	-VDISC_ETIMEDOUT when the listener's backlog stayed full (errno ETIMEDOUT);
 *	or any error of vdisc_vhost_user_transport_open_fd().
 *	On failure nothing stays open: vdisc_vhost_user_transport_close() is still safe.
 */
int vdisc_vhost_user_transport_open(struct vdisc_vhost_user_transport *t, const char *path,
				    int timeout_ms, struct vdisc_shm_platform *shm,
				    struct vdisc_virtio_dev *dev);

/**
 * vdisc_vhost_user_transport_open_fd - open a session on a connected socket
 * @t: the transport state, filled here
 * @fd: a connected AF_UNIX stream socket, owned by @t from now on (closed on failure)
 * @timeout_ms: the bound on every reply; 0: VDISC_VHOST_USER_TIMEOUT_MS
 * @shm: the shared region
 * @dev: filled as by vdisc_vhost_user_transport_open()
 *
 * Sends SET_OWNER and GET_FEATURES; with bit 30 offered, GET_PROTOCOL_FEATURES
 * and SET_PROTOCOL_FEATURES (VDISC_VHOST_USER_PROTOCOL_WANTED & offered);
 * with MQ, GET_QUEUE_NUM.  The memory table goes with the first queue setup.
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for a NULL @t, @shm or @dev, a negative @fd or
 *	@timeout_ms, or an @shm with no region (errno EINVAL);
 *	-VDISC_ETIMEDOUT when a reply did not come in time (errno ETIMEDOUT);
 *	-VDISC_EIO when the peer closed the connection (errno ECONNRESET or
 *	EPIPE), sent a reply that breaks the protocol (errno EPROTO), or
 *	offers no queue (errno EPROTO).
 *	On failure @fd is closed and @t->why says why.
 */
int vdisc_vhost_user_transport_open_fd(struct vdisc_vhost_user_transport *t, int fd, int timeout_ms,
				       struct vdisc_shm_platform *shm,
				       struct vdisc_virtio_dev *dev);

/**
 * vdisc_vhost_user_transport_close - close the eventfds and the socket
 * @t: the transport (NULL, or already closed: nothing happens)
 *
 * Sends nothing: the back-end stops every ring when the connection goes.
 * Reset the device first (vdisc_blk_release()) for an orderly stop.  The
 * shared region is the caller's and stays.
 */
void vdisc_vhost_user_transport_close(struct vdisc_vhost_user_transport *t);

/**
 * vdisc_vhost_user_virtio_features - the virtio device bits of a GET_FEATURES word
 * @word: the word as a back-end offered it
 *
 * returns: @word without NOTIFY_ON_EMPTY (24), LOG_ALL (26) and PROTOCOL_FEATURES (30),
 *	which vhost-user reuses for itself.
 */
uint64_t vdisc_vhost_user_virtio_features(uint64_t word);

/* ---- Pure parts, for unit tests ------------------------------------------------------ */

/**
 * vdisc_vhost_user_u64_reply_ - check a reply whose payload is one u64, and give it
 * @msg: the received message
 * @request: the request it answers
 * @value: out: the u64
 * @why: out: the fault, or NULL when good
 *
 * returns:
 *	0 on success;
 *	-VDISC_EIO for a reply that is not one u64 answering @request without
 *	descriptors (see vdisc_vhost_user_check_reply()).
 */
int vdisc_vhost_user_u64_reply_(const struct vdisc_vhost_user_msg *msg, uint32_t request,
				uint64_t *value, const char **why);

/**
 * vdisc_vhost_user_config_reply_ - check a GET_CONFIG reply and find its bytes
 * @msg: the received message
 * @asked: how many configuration bytes were asked for (the sent size field)
 * @cfg: out: the first configuration byte, inside @msg
 * @have: out: how many bytes @cfg holds (= @asked)
 * @why: out: the fault, or NULL when good
 *
 * libvhost-user answers a refused GET_CONFIG with an empty payload: that is
 * a refusal (the back-end is still in step), the rest are protocol faults.
 *
 * returns:
 *	0 on success;
 *	-VDISC_ENOTSUP for an empty reply (refused);
 *	-VDISC_EIO for a reply of the wrong request, flags or fds, shorter or
 *	longer than the header and @asked bytes, or whose own size field is not @asked.
 */
int vdisc_vhost_user_config_reply_(const struct vdisc_vhost_user_msg *msg, uint32_t asked,
				   const uint8_t **cfg, uint32_t *have, const char **why);

/**
 * vdisc_vhost_user_config_field_ - one field from fetched configuration bytes
 * @cfg: the bytes, little-endian (virtio 1.x configuration)
 * @have: how many
 * @offset: the field's offset
 * @width: 1, 2, 4 (naturally aligned) or 8 (4-aligned, read as two halves)
 * @value: out: the field
 *
 * returns:
 *	0 on success;
 *	-VDISC_EINVAL for another width or alignment, or a field not wholly within @have.
 */
int vdisc_vhost_user_config_field_(const uint8_t *cfg, uint32_t have, uint16_t offset,
				   unsigned width, uint64_t *value);

#endif
