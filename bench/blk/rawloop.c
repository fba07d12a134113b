/* SPDX-License-Identifier: MIT */
/*
 * rawloop: the simplest vhost-user-blk front-end that measures anything, as
 * the floor `vdisc blk bench` is compared with (issue 10: at depth 1 the
 * library may add no more than 10% to a bare round trip).  One queue, the
 * descriptor chains built once, random reads kept DEPTH in flight, the used
 * ring polled in a busy loop with interrupts off (VIRTQ_AVAIL_F_NO_INTERRUPT),
 * one kick per batch unless the device says it is polling.  No library code,
 * only the public headers' numbers; no error recovery; reads only.
 * RAWLOOP_WAIT=event sleeps in poll(2) on the call eventfd instead (interrupts
 * on): the floor for a front-end that waits rather than spins.
 *
 * usage: rawloop SOCKET DEPTH SECONDS [BS [seq]]   (random reads, or sequential with seq)
 * prints one JSON line in the shape of `vdisc blk bench --json`; exit 1 on
 * any error (one line on stderr), 2 on bad arguments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <vdisc/vhost_user.h>
#include <vdisc/virtio_spec.h>

#define RL_QSIZE 512u	    /* 170 chains of three: depth 128 fits */
#define RL_AVAIL 0x2000u    /* after 512 descriptors */
#define RL_USED 0x3000u	    /* 4-aligned, after the avail ring (1030 bytes) */
#define RL_HDRS 0x5000u	    /* 16-byte request headers, one per slot */
#define RL_STATUS 0x6000u   /* one status byte per slot */
#define RL_DATA 0x8000u	    /* BS bytes per slot */
#define RL_TIMEOUT_MS 5000  /* no reply or no completion for this long: give up */
#define RL_OUTHDR_SIZE 16u  /* struct virtio_blk_outhdr: type, reserved, sector */
#define RL_SECTOR 512u	    /* virtio-blk's unit of sector numbers */
#define RL_CONFIG_FETCH 60u /* QSD 7.2 refuses GET_CONFIG sizes above 60 */

struct rl {
	int sock, kick, call;
	uint8_t *mem;
	size_t mem_size;
	uint32_t depth, bs;
	uint64_t blocks;    /* capacity in BS units */
	uint16_t avail_idx; /* next free avail slot */
	uint16_t used_seen;
	uint64_t rnd;
	uint64_t next; /* the next block of a sequential run */
	int seq;
	int event;	   /* wait on the call eventfd instead of spinning */
	uint64_t *started; /* per slot, ns */
};

static void rl_die(const char *what)
{
	fprintf(stderr, "rawloop: %s%s%s\n", what, errno ? ": " : "", errno ? strerror(errno) : "");
	exit(1);
}

static uint64_t rl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void rl_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}
static void rl_put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* One message, with FD (when >= 0) as SCM_RIGHTS. */
static void rl_send(struct rl *r, uint32_t req, const void *payload, uint32_t size, int fd)
{
	uint8_t buf[VDISC_VHOST_USER_HDR_SIZE + 128];
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {buf, VDISC_VHOST_USER_HDR_SIZE + size};
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};

	rl_put32(buf + VDISC_VHOST_USER_HDR_OFF_REQUEST, req);
	rl_put32(buf + VDISC_VHOST_USER_HDR_OFF_FLAGS, VDISC_VHOST_USER_VERSION);
	rl_put32(buf + VDISC_VHOST_USER_HDR_OFF_SIZE, size);
	memcpy(buf + VDISC_VHOST_USER_HDR_SIZE, payload, size);
	if (fd >= 0) {
		struct cmsghdr *c;

		memset(cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	errno = 0;
	if (sendmsg(r->sock, &mh, MSG_NOSIGNAL) != (ssize_t)iov.iov_len)
		rl_die("sending a vhost-user message");
}

static void rl_read_all(struct rl *r, uint8_t *p, size_t n)
{
	struct pollfd pfd = {r->sock, POLLIN, 0};

	while (n) {
		ssize_t got;

		errno = 0;
		if (poll(&pfd, 1, RL_TIMEOUT_MS) != 1)
			rl_die("the back-end did not answer");
		got = recv(r->sock, p, n, 0);
		if (got <= 0)
			rl_die("the back-end closed the connection");
		p += got;
		n -= (size_t)got;
	}
}

/* The reply to REQ: its payload, which must be exactly SIZE bytes. */
static void rl_reply(struct rl *r, uint32_t req, void *payload, uint32_t size)
{
	uint8_t hdr[VDISC_VHOST_USER_HDR_SIZE];
	uint32_t code, flags, len;

	rl_read_all(r, hdr, sizeof(hdr));
	memcpy(&code, hdr + VDISC_VHOST_USER_HDR_OFF_REQUEST, 4);
	memcpy(&flags, hdr + VDISC_VHOST_USER_HDR_OFF_FLAGS, 4);
	memcpy(&len, hdr + VDISC_VHOST_USER_HDR_OFF_SIZE, 4);
	errno = 0;
	if (code != req || !(flags & VDISC_VHOST_USER_FLAG_REPLY) || len != size)
		rl_die("a wrong reply");
	rl_read_all(r, payload, size);
}

static uint64_t rl_get_u64(struct rl *r, uint32_t req)
{
	uint64_t v;

	rl_send(r, req, NULL, 0, -1);
	rl_reply(r, req, &v, sizeof(v));
	return v;
}

static void rl_set_u64(struct rl *r, uint32_t req, uint64_t v, int fd)
{
	rl_send(r, req, &v, sizeof(v), fd);
}

static void rl_set_state(struct rl *r, uint32_t req, uint32_t index, uint32_t num)
{
	uint8_t p[VDISC_VHOST_USER_STATE_SIZE];

	rl_put32(p + VDISC_VHOST_USER_STATE_OFF_INDEX, index);
	rl_put32(p + VDISC_VHOST_USER_STATE_OFF_NUM, num);
	rl_send(r, req, p, sizeof(p), -1);
}

static void rl_connect(struct rl *r, const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};

	errno = 0;
	if (strlen(path) >= sizeof(sa.sun_path))
		rl_die("socket path too long");
	strcpy(sa.sun_path, path);
	r->sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (r->sock < 0 || connect(r->sock, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		rl_die(path);
}

/* Features, protocol features (CONFIG, for the capacity) and the capacity. */
static void rl_negotiate(struct rl *r)
{
	uint64_t features, proto, capacity, want = 1ull << VDISC_VIRTIO_F_VERSION_1;
	uint8_t cfg[VDISC_VHOST_USER_CONFIG_HDR_SIZE + RL_CONFIG_FETCH] = {0};

	rl_send(r, VDISC_VHOST_USER_SET_OWNER, NULL, 0, -1);
	features = rl_get_u64(r, VDISC_VHOST_USER_GET_FEATURES);
	errno = 0;
	if (!(features & (1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES)) ||
	    !(features & (1ull << VDISC_VIRTIO_F_VERSION_1)))
		rl_die("the back-end offers no protocol features or no VERSION_1");
	proto = rl_get_u64(r, VDISC_VHOST_USER_GET_PROTOCOL_FEATURES);
	if (!(proto & (1ull << VDISC_VHOST_USER_PROTOCOL_F_CONFIG)))
		rl_die("the back-end offers no CONFIG protocol feature");
	rl_set_u64(r, VDISC_VHOST_USER_SET_PROTOCOL_FEATURES,
		   1ull << VDISC_VHOST_USER_PROTOCOL_F_CONFIG, -1);
	rl_put32(cfg + VDISC_VHOST_USER_CONFIG_OFF_SIZE, RL_CONFIG_FETCH);
	rl_send(r, VDISC_VHOST_USER_GET_CONFIG, cfg, sizeof(cfg), -1);
	rl_reply(r, VDISC_VHOST_USER_GET_CONFIG, cfg, sizeof(cfg));
	memcpy(&capacity, cfg + VDISC_VHOST_USER_CONFIG_HDR_SIZE + VDISC_VIRTIO_BLK_CFG_CAPACITY,
	       8);
	r->blocks = capacity * RL_SECTOR / r->bs;
	if (r->blocks == 0)
		rl_die("the disk is smaller than one block");
	want |= 1ull << VDISC_VHOST_USER_F_PROTOCOL_FEATURES;
	rl_set_u64(r, VDISC_VHOST_USER_SET_FEATURES, want, -1);
}

/* One memfd region holding the ring and the buffers; guest and user addresses alike. */
static void rl_memory(struct rl *r)
{
	uint8_t p[VDISC_VHOST_USER_MEM_OFF_REGIONS + VDISC_VHOST_USER_REGION_SIZE] = {0};
	uint8_t *reg = p + VDISC_VHOST_USER_MEM_OFF_REGIONS;
	int fd = memfd_create("rawloop", MFD_CLOEXEC);

	r->mem_size = RL_DATA + (size_t)r->depth * r->bs;
	if (fd < 0 || ftruncate(fd, (off_t)r->mem_size) < 0)
		rl_die("memfd");
	r->mem = mmap(NULL, r->mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r->mem == MAP_FAILED)
		rl_die("mmap");
	rl_put32(p + VDISC_VHOST_USER_MEM_OFF_NREGIONS, 1);
	rl_put64(reg + VDISC_VHOST_USER_REGION_OFF_GUEST_ADDR, (uintptr_t)r->mem);
	rl_put64(reg + VDISC_VHOST_USER_REGION_OFF_SIZE, r->mem_size);
	rl_put64(reg + VDISC_VHOST_USER_REGION_OFF_USER_ADDR, (uintptr_t)r->mem);
	rl_put64(reg + VDISC_VHOST_USER_REGION_OFF_MMAP_OFFSET, 0);
	rl_send(r, VDISC_VHOST_USER_SET_MEM_TABLE, p, sizeof(p), fd);
	close(fd);
}

/* Slot s owns descriptors 3s..3s+2: header, data (device writes), status (device writes). */
static void rl_chains(struct rl *r)
{
	for (uint32_t s = 0; s < r->depth; s++) {
		uint64_t addr[3] = {(uintptr_t)r->mem + RL_HDRS + 16u * s,
				    (uintptr_t)r->mem + RL_DATA + (uint64_t)r->bs * s,
				    (uintptr_t)r->mem + RL_STATUS + s};
		uint32_t len[3] = {RL_OUTHDR_SIZE, r->bs, 1};
		uint16_t flags[3] = {VDISC_VIRTQ_DESC_F_NEXT,
				     VDISC_VIRTQ_DESC_F_NEXT | VDISC_VIRTQ_DESC_F_WRITE,
				     VDISC_VIRTQ_DESC_F_WRITE};

		for (uint32_t k = 0; k < 3; k++) {
			uint8_t *d = r->mem + VDISC_VIRTQ_DESC_SIZE * (3 * s + k);
			uint16_t next = (uint16_t)(3 * s + k + 1);

			rl_put64(d, addr[k]);
			rl_put32(d + 8, len[k]);
			memcpy(d + 12, &flags[k], 2);
			memcpy(d + 14, k < 2 ? &next : &(uint16_t){0}, 2);
		}
		rl_put32(r->mem + RL_HDRS + 16u * s, VDISC_VIRTIO_BLK_T_IN);
	}
}

static void rl_queue(struct rl *r)
{
	uint8_t a[VDISC_VHOST_USER_ADDR_SIZE] = {0};
	uint16_t no_interrupt = r->event ? 0 : VDISC_VIRTQ_AVAIL_F_NO_INTERRUPT;

	r->kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	r->call = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (r->kick < 0 || r->call < 0)
		rl_die("eventfd");
	memcpy(r->mem + RL_AVAIL, &no_interrupt, 2);
	rl_set_state(r, VDISC_VHOST_USER_SET_VRING_NUM, 0, RL_QSIZE);
	rl_set_state(r, VDISC_VHOST_USER_SET_VRING_BASE, 0, 0);
	rl_put64(a + VDISC_VHOST_USER_ADDR_OFF_DESC, (uintptr_t)r->mem);
	rl_put64(a + VDISC_VHOST_USER_ADDR_OFF_USED, (uintptr_t)r->mem + RL_USED);
	rl_put64(a + VDISC_VHOST_USER_ADDR_OFF_AVAIL, (uintptr_t)r->mem + RL_AVAIL);
	rl_send(r, VDISC_VHOST_USER_SET_VRING_ADDR, a, sizeof(a), -1);
	rl_set_u64(r, VDISC_VHOST_USER_SET_VRING_KICK, 0, r->kick);
	rl_set_u64(r, VDISC_VHOST_USER_SET_VRING_CALL, 0, r->call);
	rl_set_state(r, VDISC_VHOST_USER_SET_VRING_ENABLE, 0, 1);
}

/* Put slot S on the avail ring with a fresh random block (not yet published). */
static void rl_queue_slot(struct rl *r, uint32_t s)
{
	uint64_t block, sector;
	uint16_t head = (uint16_t)(3 * s);

	if (r->seq) {
		block = r->next++ % r->blocks;
	} else {
		r->rnd ^= r->rnd >> 12; /* xorshift64* */
		r->rnd ^= r->rnd << 25;
		r->rnd ^= r->rnd >> 27;
		block = (r->rnd * 2685821657736338717ull) % r->blocks;
	}
	sector = block * (r->bs / RL_SECTOR);
	rl_put64(r->mem + RL_HDRS + 16u * s + 8, sector);
	r->mem[RL_STATUS + s] = 0xff;
	memcpy(r->mem + RL_AVAIL + VDISC_VIRTQ_RING_HDR + 2u * (r->avail_idx % RL_QSIZE), &head, 2);
	r->avail_idx++;
	r->started[s] = rl_now_ns();
}

/* Publish the avail index in one 16-bit store (a torn one makes the device see 256 new heads). */
static void rl_publish(struct rl *r)
{
	uint16_t *idx = (uint16_t *)(void *)(r->mem + RL_AVAIL + 2);
	uint16_t *used_flags = (uint16_t *)(void *)(r->mem + RL_USED);

	__atomic_store_n(idx, r->avail_idx, __ATOMIC_SEQ_CST);
	if (!(__atomic_load_n(used_flags, __ATOMIC_ACQUIRE) & VDISC_VIRTQ_USED_F_NO_NOTIFY) &&
	    eventfd_write(r->kick, 1) < 0)
		rl_die("kick");
}

static void rl_check_alive(struct rl *r)
{
	char c;

	errno = 0;
	if (recv(r->sock, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
		rl_die("the back-end closed the connection");
}

/* Sleep until the device signals the call eventfd (or the peer goes away). */
static void rl_wait_call(struct rl *r)
{
	struct pollfd p[2] = {{r->call, POLLIN, 0}, {r->sock, POLLIN, 0}};
	eventfd_t v;

	errno = 0;
	if (poll(p, 2, RL_TIMEOUT_MS) <= 0)
		rl_die("no completion for 5 s");
	if (p[1].revents)
		rl_check_alive(r);
	if (p[0].revents)
		(void)eventfd_read(r->call, &v);
}

static int rl_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void rl_report(struct rl *r, uint64_t ios, uint64_t ns, uint64_t *lat, uint64_t n)
{
	double secs = (double)ns / 1e9;

	qsort(lat, n, sizeof(*lat), rl_cmp);
	printf("{\"tool\":\"rawloop\",\"rw\":\"%s\",\"bs\":%" PRIu32 ",\"iodepth\":%" PRIu32
	       ",\"queues\":1,\"ios\":%" PRIu64 ",\"bytes\":%" PRIu64
	       ",\"seconds\":%.6f,\"iops\":%.1f"
	       ",\"mb_per_s\":%.2f,\"latency_ns\":{\"p50\":%" PRIu64 ",\"p99\":%" PRIu64
	       ",\"p999\":%" PRIu64 "}}\n",
	       r->seq ? "read" : "randread", r->bs, r->depth, ios, ios * r->bs, secs,
	       (double)ios / secs, (double)(ios * r->bs) / secs / 1e6, lat[n / 2],
	       lat[n * 99 / 100], lat[n * 999 / 1000]);
}

/* Keep DEPTH reads in flight for SECONDS; every completion goes straight back on the ring. */
static void rl_run(struct rl *r, double seconds)
{
	uint64_t cap = 1u << 20, n = 0, t0, end, last;
	uint64_t *lat = malloc(cap * sizeof(*lat));
	uint16_t *used_idx = (uint16_t *)(void *)(r->mem + RL_USED + 2);

	if (!lat)
		rl_die("malloc");
	for (uint32_t s = 0; s < r->depth; s++)
		rl_queue_slot(r, s);
	t0 = last = rl_now_ns();
	end = t0 + (uint64_t)(seconds * 1e9);
	rl_publish(r);
	for (uint64_t spins = 0;; spins++) {
		uint16_t u = __atomic_load_n(used_idx, __ATOMIC_ACQUIRE);
		uint64_t now;

		if (u == r->used_seen && r->event) {
			rl_wait_call(r);
			continue;
		}
		if (u == r->used_seen) {
			if ((spins & 0xffff) == 0) {
				rl_check_alive(r);
				errno = 0;
				if (rl_now_ns() - last > RL_TIMEOUT_MS * 1000000ull)
					rl_die("no completion for 5 s");
			}
			continue;
		}
		now = last = rl_now_ns();
		for (; r->used_seen != u; r->used_seen++) {
			uint8_t *e = r->mem + RL_USED + VDISC_VIRTQ_RING_HDR +
				     VDISC_VIRTQ_USED_ELEM_SIZE * (r->used_seen % RL_QSIZE);
			uint32_t id, s;

			memcpy(&id, e, 4);
			s = id / 3;
			errno = 0;
			if (id % 3 || s >= r->depth ||
			    r->mem[RL_STATUS + s] != VDISC_VIRTIO_BLK_S_OK)
				rl_die("a bad completion");
			if (n == cap && !(lat = realloc(lat, (cap *= 2) * sizeof(*lat))))
				rl_die("realloc");
			lat[n++] = now - r->started[s];
			if (now < end)
				rl_queue_slot(r, s);
		}
		if (now >= end)
			break;
		rl_publish(r);
	}
	rl_report(r, n, last - t0, lat, n);
	free(lat);
}

int main(int argc, char **argv)
{
	struct rl r = {.rnd = 0x9e3779b97f4a7c15ull};
	double seconds;

	if (argc < 4 || argc > 6 || (argc == 6 && strcmp(argv[5], "seq") != 0)) {
		fprintf(stderr, "usage: rawloop SOCKET DEPTH SECONDS [BS [seq]]\n");
		return 2;
	}
	r.depth = (uint32_t)strtoul(argv[2], NULL, 0);
	seconds = strtod(argv[3], NULL);
	r.bs = argc >= 5 ? (uint32_t)strtoul(argv[4], NULL, 0) : 4096;
	r.seq = argc == 6;
	r.event = getenv("RAWLOOP_WAIT") && strcmp(getenv("RAWLOOP_WAIT"), "event") == 0;
	if (r.depth < 1 || r.depth > RL_QSIZE / 3 || seconds <= 0 || r.bs < RL_SECTOR ||
	    r.bs % RL_SECTOR) {
		fprintf(stderr, "rawloop: DEPTH 1..%u, SECONDS > 0, BS a multiple of 512\n",
			RL_QSIZE / 3);
		return 2;
	}
	r.started = calloc(r.depth, sizeof(*r.started));
	if (!r.started)
		rl_die("calloc");
	rl_connect(&r, argv[1]);
	rl_negotiate(&r);
	rl_memory(&r);
	rl_chains(&r);
	rl_queue(&r);
	rl_run(&r, seconds);
	return 0;
}
