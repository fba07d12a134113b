/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* POLLRDHUP */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <vdisc/error.h>
#include <vdisc/virtio_spec.h>

#include "errors.h"
#include "vhost_user_transport.h"

/* The GET_FEATURES bits that belong to vhost, not to the virtio device. */
#define VUT_VHOST_BITS                                                                     \
	((1ull << VDISC_VIRTIO_F_NOTIFY_ON_EMPTY) | (1ull << VDISC_VHOST_USER_F_LOG_ALL) | \
	 (1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES))

/* How long to sleep between connect attempts while the listener's backlog is full. */
#define VUT_CONNECT_RETRY_NS 10000000l

static const struct {
	uint32_t request;
	const char *name;
} vut_names[] = {
	{VDISC_VHOST_USER_GET_FEATURES, "GET_FEATURES"},
	{VDISC_VHOST_USER_SET_FEATURES, "SET_FEATURES"},
	{VDISC_VHOST_USER_SET_OWNER, "SET_OWNER"},
	{VDISC_VHOST_USER_SET_MEM_TABLE, "SET_MEM_TABLE"},
	{VDISC_VHOST_USER_SET_VRING_NUM, "SET_VRING_NUM"},
	{VDISC_VHOST_USER_SET_VRING_ADDR, "SET_VRING_ADDR"},
	{VDISC_VHOST_USER_SET_VRING_BASE, "SET_VRING_BASE"},
	{VDISC_VHOST_USER_GET_VRING_BASE, "GET_VRING_BASE"},
	{VDISC_VHOST_USER_SET_VRING_KICK, "SET_VRING_KICK"},
	{VDISC_VHOST_USER_SET_VRING_CALL, "SET_VRING_CALL"},
	{VDISC_VHOST_USER_GET_PROTOCOL_FEATURES, "GET_PROTOCOL_FEATURES"},
	{VDISC_VHOST_USER_SET_PROTOCOL_FEATURES, "SET_PROTOCOL_FEATURES"},
	{VDISC_VHOST_USER_GET_QUEUE_NUM, "GET_QUEUE_NUM"},
	{VDISC_VHOST_USER_SET_VRING_ENABLE, "SET_VRING_ENABLE"},
	{VDISC_VHOST_USER_GET_CONFIG, "GET_CONFIG"},
};

static const char *vut_name(uint32_t request)
{
	size_t i;

	for (i = 0; i < sizeof(vut_names) / sizeof(vut_names[0]); i++)
		if (vut_names[i].request == request)
			return vut_names[i].name;
	return "request";
}

static uint64_t vut_get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t vut_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void vut_put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, sizeof(v));
}

static void vut_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

/* ---- why, and death ------------------------------------------------------------------ */

static int vut_say(struct vdisc_vhost_user_transport *t, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record one line about a failure; errno is kept for the caller. */
static int vut_say(struct vdisc_vhost_user_transport *t, int err, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->why_buf, sizeof(t->why_buf), fmt, ap);
	va_end(ap);
	t->why = t->why_buf;
	errno = saved;
	return err;
}

/* The connection cannot be trusted any more: stop talking, and tell the back-end. */
static void vut_kill(struct vdisc_vhost_user_transport *t)
{
	t->dead = true;
	if (t->fd >= 0)
		shutdown(t->fd, SHUT_RDWR);
}

static int vut_dead(const struct vdisc_vhost_user_transport *t)
{
	(void)t; /* @why keeps the line about what killed the connection */
	errno = ECONNRESET;
	return -VDISC_EIO;
}

/* Sending or (@receiving) receiving @request failed with @err, errno set: kill and explain. */
static int vut_io_fault(struct vdisc_vhost_user_transport *t, uint32_t request, int err,
			bool receiving)
{
	int saved = errno;

	vut_kill(t);
	errno = saved;
	if (err == -VDISC_ETIMEDOUT)
		return vut_say(t, err, "no reply to %s within %d ms", vut_name(request),
			       t->timeout_ms);
	if (saved == ECONNRESET || saved == EPIPE)
		return vut_say(t, -VDISC_EIO, "%s: peer closed the connection", vut_name(request));
	if (err == -VDISC_EINVAL && receiving) { /* oversized, or too many fds: the peer's fault */
		errno = EPROTO;
		return vut_say(t, -VDISC_EIO, "%s: malformed reply (%s)", vut_name(request),
			       strerror(saved));
	}
	return vut_say(t, -VDISC_EIO, "%s: %s", vut_name(request), strerror(saved));
}

/* A reply broke the protocol: the stream is out of step, so the connection is done. */
static int vut_proto_fault(struct vdisc_vhost_user_transport *t, uint32_t request, const char *why)
{
	vut_kill(t);
	errno = EPROTO;
	return vut_say(t, -VDISC_EIO, "%s: %s", vut_name(request), why);
}

/* ---- pure parts ---------------------------------------------------------------------- */

uint64_t vdisc_vhost_user_virtio_features(uint64_t word)
{
	return word & ~VUT_VHOST_BITS;
}

int vdisc_vhost_user_u64_reply_(const struct vdisc_vhost_user_msg *msg, uint32_t request,
				uint64_t *value, const char **why)
{
	int err = vdisc_vhost_user_check_reply(msg, request, VDISC_VHOST_USER_U64_SIZE,
					       VDISC_VHOST_USER_U64_SIZE, 0, why);

	if (err)
		return -VDISC_EIO;
	*value = vut_get64(msg->payload);
	return 0;
}

int vdisc_vhost_user_config_reply_(const struct vdisc_vhost_user_msg *msg, uint32_t asked,
				   const uint8_t **cfg, uint32_t *have, const char **why)
{
	uint32_t full = VDISC_VHOST_USER_CONFIG_HDR_SIZE + asked;

	if (asked > VDISC_VHOST_USER_CONFIG_SPACE_MAX) {
		*why = "bad arguments to the reply check";
		return -VDISC_EIO;
	}
	if (vdisc_vhost_user_check_reply(msg, VDISC_VHOST_USER_GET_CONFIG, 0, full, 0, why))
		return -VDISC_EIO;
	if (msg->size == 0) {
		*why = "the back-end refused it (empty reply)";
		return -VDISC_ENOTSUP;
	}
	if (msg->size < full) {
		*why = "reply too short";
		return -VDISC_EIO;
	}
	if (vut_get32(msg->payload + VDISC_VHOST_USER_CONFIG_OFF_SIZE) != asked) {
		*why = "reply of another size than asked";
		return -VDISC_EIO;
	}
	*cfg = msg->payload + VDISC_VHOST_USER_CONFIG_HDR_SIZE;
	*have = asked;
	return 0;
}

int vdisc_vhost_user_config_field_(const uint8_t *cfg, uint32_t have, uint16_t offset,
				   unsigned width, uint64_t *value)
{
	uint64_t v = 0;
	unsigned i;

	if (!cfg || !value || (width != 1 && width != 2 && width != 4 && width != 8))
		return -VDISC_EINVAL;
	if (offset % (width == 8 ? 4 : width) || (uint32_t)offset + width > have)
		return -VDISC_EINVAL;
	/* virtio 1.x configuration is little-endian; an 8-byte field is low half first. */
	for (i = 0; i < width; i++)
		v |= (uint64_t)cfg[offset + i] << (8 * i);
	*value = v;
	return 0;
}

/* ---- one exchange -------------------------------------------------------------------- */

static bool vut_acks(const struct vdisc_vhost_user_transport *t)
{
	return t->protocol_accepted & (1ull << VDISC_VHOST_USER_PROTOCOL_F_REPLY_ACK);
}

static int vut_send(struct vdisc_vhost_user_transport *t, uint32_t request, uint32_t flags,
		    const void *payload, uint32_t size, const int *fds, unsigned nfds)
{
	int err;

	if (t->dead)
		return vut_dead(t);
	err = vdisc_vhost_user_send(t->fd, request, VDISC_VHOST_USER_VERSION | flags, payload, size,
				    fds, nfds);
	return err ? vut_io_fault(t, request, err, false) : 0;
}

static int vut_recv(struct vdisc_vhost_user_transport *t, uint32_t request,
		    struct vdisc_vhost_user_msg *msg)
{
	int err = vdisc_vhost_user_recv(t->fd, t->timeout_ms, msg);

	return err ? vut_io_fault(t, request, err, true) : 0;
}

/* Receive and check a reply that is one u64. */
static int vut_reply_u64(struct vdisc_vhost_user_transport *t, uint32_t request, uint64_t *value)
{
	struct vdisc_vhost_user_msg msg;
	const char *why;
	int err = vut_recv(t, request, &msg);

	if (err)
		return err;
	err = vdisc_vhost_user_u64_reply_(&msg, request, value, &why);
	vdisc_vhost_user_msg_close_fds(&msg);
	return err ? vut_proto_fault(t, request, why) : 0;
}

/* A request whose reply is one u64 (GET_FEATURES, GET_PROTOCOL_FEATURES, GET_QUEUE_NUM). */
static int vut_get_u64(struct vdisc_vhost_user_transport *t, uint32_t request, uint64_t *value)
{
	int err = vut_send(t, request, 0, NULL, 0, NULL, 0);

	return err ? err : vut_reply_u64(t, request, value);
}

/* A set request: with REPLY_ACK, NEED_REPLY and the back-end's verdict. */
static int vut_set(struct vdisc_vhost_user_transport *t, uint32_t request, const void *payload,
		   uint32_t size, const int *fds, unsigned nfds)
{
	uint64_t ack;
	int err;

	if (!vut_acks(t))
		return vut_send(t, request, 0, payload, size, fds, nfds);
	err = vut_send(t, request, VDISC_VHOST_USER_FLAG_NEED_REPLY, payload, size, fds, nfds);
	if (!err)
		err = vut_reply_u64(t, request, &ack);
	if (err)
		return err;
	if (ack) {
		errno = EPROTO;
		return vut_say(t, -VDISC_EIO, "%s: the back-end refused it (ack %llu)",
			       vut_name(request), (unsigned long long)ack);
	}
	return 0;
}

static int vut_set_u64(struct vdisc_vhost_user_transport *t, uint32_t request, uint64_t value,
		       int fd)
{
	uint8_t p[VDISC_VHOST_USER_U64_SIZE];

	vut_put64(p, value);
	return vut_set(t, request, p, sizeof(p), &fd, fd >= 0 ? 1 : 0);
}

static int vut_set_state(struct vdisc_vhost_user_transport *t, uint32_t request, uint32_t index,
			 uint32_t num)
{
	uint8_t p[VDISC_VHOST_USER_STATE_SIZE];

	vut_put32(p + VDISC_VHOST_USER_STATE_OFF_INDEX, index);
	vut_put32(p + VDISC_VHOST_USER_STATE_OFF_NUM, num);
	return vut_set(t, request, p, sizeof(p), NULL, 0);
}

/* ---- rings --------------------------------------------------------------------------- */

static struct vdisc_vhost_user_transport *vut_of(struct vdisc_virtio_dev *dev)
{
	return dev->transport;
}

static void vut_close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

static void vut_forget_queue(struct vdisc_vhost_user_queue *q)
{
	vut_close_fd(&q->kick_fd);
	vut_close_fd(&q->call_fd);
	q->started = q->enabled = false;
}

/* GET_VRING_BASE: the back-end stops the ring and says where it stopped. */
static int vut_stop_queue(struct vdisc_vhost_user_transport *t, uint32_t index)
{
	struct vdisc_vhost_user_queue *q = &t->queue[index];
	struct vdisc_vhost_user_msg msg;
	uint8_t p[VDISC_VHOST_USER_STATE_SIZE];
	const char *why;
	int err;

	vut_put32(p + VDISC_VHOST_USER_STATE_OFF_INDEX, index);
	vut_put32(p + VDISC_VHOST_USER_STATE_OFF_NUM, 0);
	err = vut_send(t, VDISC_VHOST_USER_GET_VRING_BASE, 0, p, sizeof(p), NULL, 0);
	if (!err)
		err = vut_recv(t, VDISC_VHOST_USER_GET_VRING_BASE, &msg);
	if (err)
		return err;
	err = vdisc_vhost_user_check_reply(&msg, VDISC_VHOST_USER_GET_VRING_BASE,
					   VDISC_VHOST_USER_STATE_SIZE, VDISC_VHOST_USER_STATE_SIZE,
					   0, &why);
	vdisc_vhost_user_msg_close_fds(&msg);
	if (!err && vut_get32(msg.payload + VDISC_VHOST_USER_STATE_OFF_INDEX) != index) {
		why = "reply about another ring";
		err = -VDISC_EIO;
	}
	if (err)
		return vut_proto_fault(t, VDISC_VHOST_USER_GET_VRING_BASE, why);
	q->last_avail = (uint16_t)vut_get32(msg.payload + VDISC_VHOST_USER_STATE_OFF_NUM);
	vut_forget_queue(q);
	return 0;
}

static int vut_send_mem_table(struct vdisc_vhost_user_transport *t)
{
	uint8_t p[VDISC_VHOST_USER_MEM_OFF_REGIONS + VDISC_VHOST_USER_REGION_SIZE] = {0};
	uint8_t *r = p + VDISC_VHOST_USER_MEM_OFF_REGIONS;
	int err;

	vut_put32(p + VDISC_VHOST_USER_MEM_OFF_NREGIONS, 1);
	vut_put64(r + VDISC_VHOST_USER_REGION_OFF_GUEST_ADDR, t->shm->guest_base);
	vut_put64(r + VDISC_VHOST_USER_REGION_OFF_SIZE, t->shm->size);
	vut_put64(r + VDISC_VHOST_USER_REGION_OFF_USER_ADDR, (uint64_t)(uintptr_t)t->shm->base);
	vut_put64(r + VDISC_VHOST_USER_REGION_OFF_MMAP_OFFSET, 0);
	err = vut_set(t, VDISC_VHOST_USER_SET_MEM_TABLE, p, sizeof(p), &t->shm->fd, 1);
	if (!err)
		t->mem_table_sent = true;
	return err;
}

/* The ring addresses the back-end wants: ours, in this process (vhost-user.rst). */
static int vut_ring_addr(struct vdisc_vhost_user_transport *t, uint16_t index, uint16_t size,
			 uint64_t desc, uint64_t avail, uint64_t used, uint8_t p[])
{
	/* Both rings with their event fields (EVENT_IDX): 2.7.6 and 2.7.8. */
	size_t desc_len = (size_t)VDISC_VIRTQ_DESC_SIZE * size;
	size_t avail_len = VDISC_VIRTQ_RING_HDR + 2u * size + 2u;
	size_t used_len = VDISC_VIRTQ_RING_HDR + (size_t)VDISC_VIRTQ_USED_ELEM_SIZE * size + 2u;
	void *d = vdisc_shm_platform_to_user(t->shm, desc, desc_len);
	void *a = vdisc_shm_platform_to_user(t->shm, avail, avail_len);
	void *u = vdisc_shm_platform_to_user(t->shm, used, used_len);

	if (!d || !a || !u) {
		errno = EINVAL;
		return vut_say(t, -VDISC_EINVAL, "queue %u: ring outside the shared region", index);
	}
	memset(p, 0, VDISC_VHOST_USER_ADDR_SIZE);
	vut_put32(p + VDISC_VHOST_USER_ADDR_OFF_INDEX, index);
	vut_put64(p + VDISC_VHOST_USER_ADDR_OFF_DESC, (uint64_t)(uintptr_t)d);
	vut_put64(p + VDISC_VHOST_USER_ADDR_OFF_USED, (uint64_t)(uintptr_t)u);
	vut_put64(p + VDISC_VHOST_USER_ADDR_OFF_AVAIL, (uint64_t)(uintptr_t)a);
	return 0;
}

/* NUM, BASE, ADDR, CALL, then KICK, which starts the ring in the back-end. */
static int vut_start_ring(struct vdisc_vhost_user_transport *t, uint16_t index, uint16_t size,
			  const uint8_t addr[])
{
	struct vdisc_vhost_user_queue *q = &t->queue[index];
	int err;

	q->kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	q->call_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (q->kick_fd < 0 || q->call_fd < 0) {
		err = vdisc_hosted_errno_(errno);
		vut_forget_queue(q);
		return vut_say(t, err, "queue %u: eventfd: %s", index, strerror(errno));
	}
	err = vut_set_state(t, VDISC_VHOST_USER_SET_VRING_NUM, index, size);
	if (!err) /* where a new ring starts: index 0, and a packed ring's wrap counters at 1 */
		err = vut_set_state(t, VDISC_VHOST_USER_SET_VRING_BASE, index,
				    t->features_sent & (1ull << VDISC_VIRTIO_F_RING_PACKED)
					    ? VDISC_VHOST_USER_PACKED_AVAIL_WRAP |
						      VDISC_VHOST_USER_PACKED_USED_WRAP
					    : 0);
	if (!err)
		err = vut_set(t, VDISC_VHOST_USER_SET_VRING_ADDR, addr, VDISC_VHOST_USER_ADDR_SIZE,
			      NULL, 0);
	if (!err)
		err = vut_set_u64(t, VDISC_VHOST_USER_SET_VRING_CALL, index, q->call_fd);
	if (!err)
		err = vut_set_u64(t, VDISC_VHOST_USER_SET_VRING_KICK, index, q->kick_fd);
	if (err) {
		vut_forget_queue(q);
		return err;
	}
	q->size = size;
	q->started = true;
	/* Without PROTOCOL_FEATURES a ring is enabled as soon as it starts. */
	q->enabled = !(t->features_sent & (1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES));
	if (q->enabled || !(t->status & VDISC_VIRTIO_STATUS_DRIVER_OK))
		return 0;
	/* A ring added after DRIVER_OK would never be enabled by it: do it now. */
	err = vut_set_state(t, VDISC_VHOST_USER_SET_VRING_ENABLE, index, 1);
	q->enabled = err == 0;
	return err;
}

static uint32_t vut_nqueues(const struct vdisc_vhost_user_transport *t)
{
	return t->queue_num < VDISC_VHOST_USER_QUEUES ? (uint32_t)t->queue_num
						      : VDISC_VHOST_USER_QUEUES;
}

static int vut_check_ring(struct vdisc_vhost_user_transport *t, uint16_t index, uint16_t size,
			  uint64_t desc, uint64_t avail, uint64_t used)
{
	if (index >= vut_nqueues(t))
		return -VDISC_ENOTFOUND;
	if (size == 0 || size > VDISC_VHOST_USER_QUEUE_SIZE_MAX || (size & (size - 1)) ||
	    desc % VDISC_VIRTQ_DESC_ALIGN || avail % VDISC_VIRTQ_AVAIL_ALIGN ||
	    used % VDISC_VIRTQ_USED_ALIGN)
		return -VDISC_EINVAL;
	if (t->queue[index].started)
		return -VDISC_EIO;
	return 0;
}

static int vut_queue_setup(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t size,
			   uint64_t desc, uint64_t avail, uint64_t used)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	uint8_t addr[VDISC_VHOST_USER_ADDR_SIZE];
	int err;

	if (t->dead)
		return vut_dead(t);
	err = vut_check_ring(t, index, size, desc, avail, used);
	if (err)
		return vut_say(t, err, "queue %u: refused by the transport (%s)", index,
			       vdisc_strerror(err));
	err = vut_ring_addr(t, index, size, desc, avail, used, addr);
	if (!err && !t->mem_table_sent)
		err = vut_send_mem_table(t);
	return err ? err : vut_start_ring(t, index, size, addr);
}

static int vut_queue_max(struct vdisc_virtio_dev *dev, uint16_t index, uint16_t *max)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);

	if (t->dead)
		return vut_dead(t);
	/* The back-end takes whatever size the front-end sets (SET_VRING_NUM). */
	*max = index < vut_nqueues(t) ? VDISC_VHOST_USER_QUEUE_SIZE_MAX : 0;
	return 0;
}

static int vut_queue_notify(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	uint64_t one = 1;

	if (t->dead)
		return vut_dead(t);
	if (index >= VDISC_VHOST_USER_QUEUES || !t->queue[index].started)
		return -VDISC_EINVAL;
	/* A full counter (EAGAIN) is a kick still pending: as good as this one. */
	if (write(t->queue[index].kick_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		return vut_say(t, vdisc_hosted_errno_(errno), "queue %u: kick: %s", index,
			       strerror(errno));
	return 0;
}

static int vut_queue_disable(struct vdisc_virtio_dev *dev, uint16_t index)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);

	if (index >= VDISC_VHOST_USER_QUEUES || !t->queue[index].started)
		return 0;
	if (!t->dead && vut_stop_queue(t, index) == 0)
		return 0;
	/* Nobody says the back-end let go of the ring: its memory must stay. */
	vut_forget_queue(&t->queue[index]);
	return -VDISC_EPERM;
}

/* ---- status and features ------------------------------------------------------------- */

/* Reset: stop every started ring (GET_VRING_BASE), then forget the negotiation. */
static int vut_reset(struct vdisc_vhost_user_transport *t)
{
	uint32_t i;
	int err;

	for (i = 0; i < VDISC_VHOST_USER_QUEUES; i++) {
		if (!t->queue[i].started)
			continue;
		err = vut_stop_queue(t, i);
		if (err)
			return err;
	}
	t->status = 0;
	t->features_ok = false;
	return 0;
}

/* DRIVER_OK: with PROTOCOL_FEATURES, rings start disabled and need SET_VRING_ENABLE. */
static int vut_enable_rings(struct vdisc_vhost_user_transport *t)
{
	uint32_t i;
	int err;

	for (i = 0; i < VDISC_VHOST_USER_QUEUES; i++) {
		if (!t->queue[i].started || t->queue[i].enabled)
			continue;
		err = vut_set_state(t, VDISC_VHOST_USER_SET_VRING_ENABLE, i, 1);
		if (err)
			return err;
		t->queue[i].enabled = true;
	}
	return 0;
}

static int vut_set_status(struct vdisc_virtio_dev *dev, uint8_t status)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	int err;

	if (t->dead)
		return vut_dead(t);
	if (status == 0)
		return vut_reset(t);
	/* A back-end that refused the features leaves FEATURES_OK clear, as 3.1.1 says. */
	if (!t->features_ok)
		status &= (uint8_t)~VDISC_VIRTIO_STATUS_FEATURES_OK;
	if ((status & VDISC_VIRTIO_STATUS_DRIVER_OK) &&
	    !(t->status & VDISC_VIRTIO_STATUS_DRIVER_OK)) {
		err = vut_enable_rings(t);
		if (err)
			return err;
	}
	t->status = status;
	return 0;
}

static int vut_get_status(struct vdisc_virtio_dev *dev, uint8_t *status)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);

	if (t->dead)
		return vut_dead(t);
	*status = t->status;
	return 0;
}

static int vut_get_features(struct vdisc_virtio_dev *dev, struct vdisc_virtio_features *f)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	uint64_t word = vdisc_vhost_user_virtio_features(t->features);

	if (t->dead)
		return vut_dead(t);
	memset(f, 0, sizeof(*f));
	f->word[0] = (uint32_t)word;
	f->word[1] = (uint32_t)(word >> 32);
	f->nwords = 2;
	return 0;
}

static int vut_set_features(struct vdisc_virtio_dev *dev, const struct vdisc_virtio_features *f)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	uint64_t word;
	unsigned i;
	int err;

	if (t->dead)
		return vut_dead(t);
	for (i = 2; i < f->nwords && i < VDISC_VIRTIO_FEATURE_WORDS; i++)
		if (f->word[i])
			return -VDISC_EINVAL; /* SET_FEATURES carries 64 bits */
	word = (uint64_t)f->word[1] << 32 | f->word[0];
	if (word & VUT_VHOST_BITS)
		return -VDISC_EINVAL; /* not virtio features: this transport's to set */
	word |= t->features & (1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES);
	t->features_ok = false;
	err = vut_set_u64(t, VDISC_VHOST_USER_SET_FEATURES, word, -1);
	if (err)
		return err;
	t->features_sent = word;
	t->features_ok = true;
	return 0;
}

/* ---- configuration ------------------------------------------------------------------- */

static int vut_config_read(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			   uint64_t *value)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	uint8_t p[VDISC_VHOST_USER_CONFIG_HDR_SIZE + VDISC_VHOST_USER_CONFIG_FETCH] = {0};
	uint32_t want = (uint32_t)offset + width, have;
	struct vdisc_vhost_user_msg msg;
	const uint8_t *cfg;
	const char *why;
	int err;

	if (t->dead)
		return vut_dead(t);
	if (!(t->protocol_accepted & (1ull << VDISC_VHOST_USER_PROTOCOL_F_CONFIG)))
		return vut_say(t, -VDISC_ENOTSUP, "GET_CONFIG: not offered (no PROTOCOL_F_CONFIG)");
	if (want > VDISC_VHOST_USER_CONFIG_FETCH)
		return -VDISC_EINVAL; /* past what a 7.2 back-end gives */
	/* qemu-storage-daemon 7.2 ignores the offset: always ask from 0, then slice. */
	vut_put32(p + VDISC_VHOST_USER_CONFIG_OFF_SIZE, want);
	err = vut_send(t, VDISC_VHOST_USER_GET_CONFIG, 0, p,
		       VDISC_VHOST_USER_CONFIG_HDR_SIZE + want, NULL, 0);
	if (!err)
		err = vut_recv(t, VDISC_VHOST_USER_GET_CONFIG, &msg);
	if (err)
		return err;
	err = vdisc_vhost_user_config_reply_(&msg, want, &cfg, &have, &why);
	vdisc_vhost_user_msg_close_fds(&msg);
	if (err == -VDISC_ENOTSUP) {
		errno = EPROTO;
		return vut_say(t, -VDISC_EIO, "GET_CONFIG: %s", why);
	}
	if (err)
		return vut_proto_fault(t, VDISC_VHOST_USER_GET_CONFIG, why);
	return vdisc_vhost_user_config_field_(cfg, have, offset, width, value);
}

static int vut_config_write(struct vdisc_virtio_dev *dev, uint16_t offset, unsigned width,
			    uint64_t value)
{
	(void)dev, (void)offset, (void)width, (void)value;
	return -VDISC_ENOTSUP; /* SET_CONFIG is optional, and no driver here writes */
}

/* ---- liveness ------------------------------------------------------------------------ */

static int vut_check_alive(struct vdisc_virtio_dev *dev)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	struct pollfd p = {.fd = t->fd, .events = POLLIN | POLLRDHUP};
	ssize_t n;
	char byte;

	if (t->dead)
		return vut_dead(t);
	if (poll(&p, 1, 0) <= 0)
		return 0; /* nothing to say (or EINTR: ask again next time) */
	if (!(p.revents & (POLLHUP | POLLERR | POLLRDHUP | POLLNVAL))) {
		/* Readable: an unasked-for message is not death; an end of file or an error is. */
		n = recv(t->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
		if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)))
			return 0;
	}
	vut_kill(t);
	errno = ECONNRESET;
	return vut_say(t, -VDISC_EIO, "peer closed the connection");
}

/* Sleep on the ring's call eventfd and the socket together: a notification or a death. */
static int vut_wait_notify(struct vdisc_virtio_dev *dev, uint16_t index, uint64_t timeout_ns)
{
	struct vdisc_vhost_user_transport *t = vut_of(dev);
	struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
	struct pollfd p[2];
	uint64_t count;
	int n;

	if (t->dead)
		return vut_dead(t);
	if (index >= VDISC_VHOST_USER_QUEUES || t->queue[index].call_fd < 0)
		return -VDISC_EINVAL;
	p[0] = (struct pollfd){.fd = t->queue[index].call_fd, .events = POLLIN};
	p[1] = (struct pollfd){.fd = t->fd, .events = POLLRDHUP};
	n = ppoll(p, 2, &ts, NULL);
	if (n <= 0)
		return 0; /* the time passed (or a signal: the caller polls the ring again) */
	if (p[1].revents) {
		n = vut_check_alive(dev);
		if (n < 0)
			return n;
	}
	if (!(p[0].revents & POLLIN))
		return 0;
	/* Nonblocking: the counter is reset, and a racing second reader just finds it empty. */
	return read(p[0].fd, &count, sizeof(count)) == (ssize_t)sizeof(count) ? 1 : 0;
}

static const struct vdisc_virtio_transport_ops vut_ops = {
	.name = "vhost-user",
	.get_status = vut_get_status,
	.set_status = vut_set_status,
	.get_features = vut_get_features,
	.set_features = vut_set_features,
	.config_read = vut_config_read,
	.config_write = vut_config_write,
	.queue_max = vut_queue_max,
	.queue_setup = vut_queue_setup,
	.queue_notify = vut_queue_notify,
	.queue_disable = vut_queue_disable,
	.check_alive = vut_check_alive,
	.wait_notify = vut_wait_notify,
};

/* ---- opening ------------------------------------------------------------------------- */

/* SET_OWNER, features, protocol features, queue count. */
static int vut_handshake(struct vdisc_vhost_user_transport *t)
{
	int err = vut_send(t, VDISC_VHOST_USER_SET_OWNER, 0, NULL, 0, NULL, 0);

	if (!err)
		err = vut_get_u64(t, VDISC_VHOST_USER_GET_FEATURES, &t->features);
	if (err || !(t->features & (1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES)))
		return err;
	err = vut_get_u64(t, VDISC_VHOST_USER_GET_PROTOCOL_FEATURES, &t->protocol_offered);
	if (err)
		return err;
	/* Not acknowledged even when REPLY_ACK is in it: the ack rule starts after it. */
	err = vut_set_u64(t, VDISC_VHOST_USER_SET_PROTOCOL_FEATURES,
			  t->protocol_offered & VDISC_VHOST_USER_PROTOCOL_WANTED, -1);
	if (err)
		return err;
	t->protocol_accepted = t->protocol_offered & VDISC_VHOST_USER_PROTOCOL_WANTED;
	if (!(t->protocol_accepted & (1ull << VDISC_VHOST_USER_PROTOCOL_F_MQ)))
		return 0;
	err = vut_get_u64(t, VDISC_VHOST_USER_GET_QUEUE_NUM, &t->queue_num);
	if (!err && t->queue_num == 0) {
		vut_kill(t);
		errno = EPROTO;
		return vut_say(t, -VDISC_EIO, "GET_QUEUE_NUM: the back-end has no queues");
	}
	return err;
}

static void vut_init_state(struct vdisc_vhost_user_transport *t, int fd, int timeout_ms,
			   struct vdisc_shm_platform *shm)
{
	unsigned i;

	memset(t, 0, sizeof(*t));
	t->fd = fd;
	t->timeout_ms = timeout_ms ? timeout_ms : VDISC_VHOST_USER_TIMEOUT_MS;
	t->shm = shm;
	t->queue_num = 1;
	for (i = 0; i < VDISC_VHOST_USER_QUEUES; i++)
		t->queue[i].kick_fd = t->queue[i].call_fd = -1;
}

int vdisc_vhost_user_transport_open_fd(struct vdisc_vhost_user_transport *t, int fd, int timeout_ms,
				       struct vdisc_shm_platform *shm, struct vdisc_virtio_dev *dev)
{
	int err, saved;

	if (!t || !shm || !dev || fd < 0 || timeout_ms < 0 || !shm->base || shm->fd < 0) {
		if (fd >= 0)
			close(fd);
		if (t) {
			vut_init_state(t, -1, 0, shm);
			vut_say(t, 0, "bad arguments to the vhost-user open");
		}
		return vdisc_hosted_errno_(EINVAL);
	}
	vut_init_state(t, fd, timeout_ms, shm);
	err = vut_handshake(t);
	if (err) {
		saved = errno;
		vdisc_vhost_user_transport_close(t);
		errno = saved;
		return err;
	}
	memset(dev, 0, sizeof(*dev));
	dev->ops = &vut_ops;
	dev->transport = t;
	dev->platform = &shm->platform;
	dev->device_type = VDISC_VIRTIO_ID_BLOCK; /* vhost-user-blk: the protocol does not say */
	return 0;
}

/* Name one connect failure: each has its own code, errno and line. */
static int vut_connect_fault(struct vdisc_vhost_user_transport *t, const char *path, int os_err)
{
	struct stat st;

	/* connect(2) says ECONNREFUSED for a file that is no socket at all. */
	if (os_err == ECONNREFUSED && stat(path, &st) == 0 && !S_ISSOCK(st.st_mode))
		os_err = ENOTSOCK;
	switch (os_err) {
	case ENOENT:
	case ENOTDIR:
		return vut_say(t, vdisc_hosted_errno_(os_err), "%s: no such socket", path);
	case EACCES:
	case EPERM:
		return vut_say(t, vdisc_hosted_errno_(os_err), "%s: permission denied", path);
	case ECONNREFUSED:
		return vut_say(t, vdisc_hosted_errno_(os_err),
			       "%s: nobody is listening (connection refused)", path);
	case ENOTSOCK:
		errno = ENOTSOCK;
		return vut_say(t, -VDISC_EINVAL, "%s: not a socket", path);
	case ETIMEDOUT:
		return vut_say(t, vdisc_hosted_errno_(os_err),
			       "%s: the back-end accepted no connection within %d ms", path,
			       t->timeout_ms);
	default:
		return vut_say(t, vdisc_hosted_errno_(os_err), "%s: connect: %s", path,
			       strerror(os_err));
	}
}

static int64_t vut_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Connect, retrying while the listener's backlog is full (EAGAIN) until the timeout. */
static int vut_connect(struct vdisc_vhost_user_transport *t, const char *path, int *out)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int64_t deadline = vut_now_ms() + t->timeout_ms;
	int fd, os_err;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return vut_say(t, -VDISC_EINVAL, "%s: path too long for a socket", path);
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return vut_say(t, vdisc_hosted_errno_(errno), "socket: %s", strerror(errno));
	for (;;) {
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
			*out = fd;
			return 0;
		}
		os_err = errno;
		if (os_err == EAGAIN && vut_now_ms() < deadline) {
			nanosleep(&(struct timespec){.tv_nsec = VUT_CONNECT_RETRY_NS}, NULL);
			continue;
		}
		if (os_err != EINTR)
			break;
	}
	close(fd);
	return vut_connect_fault(t, path, os_err == EAGAIN ? ETIMEDOUT : os_err);
}

int vdisc_vhost_user_transport_open(struct vdisc_vhost_user_transport *t, const char *path,
				    int timeout_ms, struct vdisc_shm_platform *shm,
				    struct vdisc_virtio_dev *dev)
{
	int fd = -1, err;

	if (!t)
		return vdisc_hosted_errno_(EINVAL);
	vut_init_state(t, -1, timeout_ms < 0 ? 0 : timeout_ms, shm);
	if (!path || !shm || !dev || timeout_ms < 0) {
		vut_say(t, 0, "bad arguments to the vhost-user open");
		return vdisc_hosted_errno_(EINVAL);
	}
	err = vut_connect(t, path, &fd);
	if (err)
		return err;
	return vdisc_vhost_user_transport_open_fd(t, fd, timeout_ms, shm, dev);
}

void vdisc_vhost_user_transport_close(struct vdisc_vhost_user_transport *t)
{
	unsigned i;

	if (!t)
		return;
	for (i = 0; i < VDISC_VHOST_USER_QUEUES; i++)
		vut_forget_queue(&t->queue[i]);
	vut_close_fd(&t->fd);
	t->dead = true;
}
