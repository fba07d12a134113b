/* SPDX-License-Identifier: MIT */
/*
 * bench/boot's measuring side: when the kernel's command line holds
 * vdisc.bench=<ms>[,rev], every virtio-blk device is measured instead of
 * checked.  4 KiB reads at random 4 KiB-aligned sectors (a fixed-seed
 * xorshift per depth, the same sequence in every mode and ring), read-only,
 * counted over a window of <ms> on the kernel's clock, for each ring
 * (split, packed: the device reset and initialised again with
 * dev->prefer_split_ring), each completion mode (polled, interrupt-driven
 * when the kernel knows the device's interrupt) and each queue depth (1,
 * 32).  The window is cut into BENCH_ROUNDS_ slices, each after its own
 * warm-up of a quarter of it, and every round goes once through all the
 * combinations, so that a burst of load on the host hits all of them
 * alike; ",rev" runs each round in the opposite order, so that
 * alternating boots cancel what the order itself does.
 *
 * Every read is checked: bench/boot/run.sh writes each 512-byte sector's
 * number into its first 8 bytes (little-endian), so a completion carrying
 * the wrong data (or none) is counted as bad, never as I/O done.
 *
 * Output contract (one line per combination, then one per device):
 *   vdisc: bench <path-or-slot> transport=<t> ring=<split|packed> mode=<poll|irq> qd=<n>
 *          ios=<n> ns=<n> iops=<n> irqs=<n> bad=<n> check=<ok|FAIL:<reason>>
 *   vdisc: bench <path-or-slot> done combinations=<n> rounds=<n> failures=<n>
 * where ring is what the device accepted, ios/ns/irqs the sums over the
 * rounds (irqs: the completions the interrupt handler took, all of them
 * in irq mode), and iops = ios * 1e9 / ns.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#include <vdisc/irq.h>

#define BENCH_QD_MAX_ 32u
#define BENCH_BLOCK_ 4096u
#define BENCH_SECTORS_ (BENCH_BLOCK_ / VDISC_BLK_SECTOR)
#define BENCH_KEY_ "vdisc.bench="
#define BENCH_MS_MAX_ 60000u
/* The window is cut into this many slices per combination, interleaved (boot_bench_blk). */
#define BENCH_ROUNDS_ 4u
/* A device that stops answering ends a combination in this, not the driver's 5 s. */
#define BENCH_TIMEOUT_NS_ 2000000000ull

static struct vdisc_blk_queue bench_q_;
static struct vdisc_blk_req bench_req_[BENCH_QD_MAX_];
static unsigned char bench_buf_[BENCH_QD_MAX_][BENCH_BLOCK_] __attribute__((aligned(4096)));

/* One combination's state: the requests not in flight, the PRNG, the tallies. */
struct bench_run_ {
	struct vdisc_blk *blk;
	unsigned qd;
	struct vdisc_blk_req *free[BENCH_QD_MAX_];
	unsigned nfree;
	uint64_t rng, blocks;
	uint64_t ios, bad;
	const char *fail;
	/* The split ring's memory, noted before each wait: a failed wait releases the queue,
	 * but the pool keeps the bytes for the timeout's log line. */
	const void *ring_avail, *ring_used;
	uint16_t ring_size;
};

static bool bench_parsed_;
static uint32_t bench_ms_; /* 0: not asked for */
static bool bench_rev_;

/* The command line: the loader's (x86), else the tree's /chosen/bootargs. */
static const char *bench_cmdline_(void)
{
	const char *c = arch_boot_cmdline();

	return c ? c : boot_model.dt.bootargs;
}

/* vdisc.bench=<ms>[,rev] as a word of the command line. */
static void bench_parse_(void)
{
	const char *c = bench_cmdline_();
	size_t klen = sizeof(BENCH_KEY_) - 1;

	bench_parsed_ = true;
	for (; c && *c; c++) {
		if ((c != bench_cmdline_() && c[-1] != ' ') || strncmp(c, BENCH_KEY_, klen) != 0)
			continue;
		uint32_t ms = 0;
		for (c += klen; *c >= '0' && *c <= '9' && ms <= BENCH_MS_MAX_; c++)
			ms = ms * 10 + (uint32_t)(*c - '0');
		bench_ms_ = ms > BENCH_MS_MAX_ ? BENCH_MS_MAX_ : ms;
		bench_rev_ = strncmp(c, ",rev", 4) == 0;
		return;
	}
}

bool boot_bench_mode(void)
{
	if (!bench_parsed_)
		bench_parse_();
	return bench_ms_ != 0;
}

static uint64_t bench_now_(void)
{
	return boot_platform.now_ns(boot_platform.ctx);
}

/* xorshift64 (Marsaglia): enough to scatter reads; never 0 from a nonzero seed. */
static uint64_t bench_rand_(struct bench_run_ *r)
{
	r->rng ^= r->rng << 13;
	r->rng ^= r->rng >> 7;
	r->rng ^= r->rng << 17;
	return r->rng;
}

static int bench_submit_(struct bench_run_ *r)
{
	struct vdisc_blk_req *q = r->free[--r->nfree];
	int rc;

	q->sector = bench_rand_(r) % r->blocks * BENCH_SECTORS_;
	q->type = VDISC_VIRTIO_BLK_T_IN;
	q->count = BENCH_SECTORS_;
	q->complete = NULL;
	rc = vdisc_blk_submit(r->blk, 0, q);
	if (rc)
		r->free[r->nfree++] = q;
	return rc;
}

/* The first 8 bytes of every sector read are its number (bench/boot/run.sh's image). */
static bool bench_data_ok_(const struct vdisc_blk_req *q)
{
	const unsigned char *b = q->buf;

	for (unsigned s = 0; s < BENCH_SECTORS_; s++, b += VDISC_BLK_SECTOR) {
		uint64_t v = 0;
		for (unsigned i = 8; i-- > 0;)
			v = v << 8 | b[i];
		if (v != q->sector + s)
			return false;
	}
	return true;
}

static struct boot_blk_irq bench_irq_, bench_cfg_;
static const struct boot_irq_route *bench_route_cur_; /* the route of the irq slices */

static unsigned bench_le16_(const void *ring, unsigned off)
{
	const volatile uint8_t *b = (const volatile uint8_t *)ring + off;

	return b[0] | (unsigned)b[1] << 8;
}

/* Whether the PLIC holds @rt's line pending: 0 or 1; -1 where the route is no PLIC line. */
static int bench_plic_pending_(const struct boot_irq_route *rt)
{
	uint64_t word;

	if (!rt || !rt->chip || rt->msix || strcmp(rt->chip->ops->name, "plic") != 0)
		return -1;
	word = rt->chip->base + VDISC_PLIC_PENDING_BASE + 4u * (rt->line / 32);
	return (int)(boot_platform.mmio_read32(boot_platform.ctx, word) >> (rt->line % 32) & 1);
}

/* The split ring and the PLIC line as the last sleep before a timeout found them. */
static const struct bench_run_ *bench_probe_run_;
static struct {
	unsigned used_idx, last_used, used_event, plic_pending, sleeps;
} bench_probe_;

static void bench_wait_probe_(void)
{
	const struct bench_run_ *r = bench_probe_run_;
	const struct boot_irq_route *rt = bench_route_cur_;

	if (!r || !r->ring_used)
		return;
	bench_probe_.used_idx = bench_le16_(r->ring_used, 2);
	bench_probe_.last_used = r->blk->queues[0].vq.last_used_idx;
	bench_probe_.used_event = bench_le16_(r->ring_avail, 4 + 2u * r->ring_size);
	bench_probe_.sleeps++;
	bench_probe_.plic_pending = bench_plic_pending_(rt) == 1;
}

/*
 * Why a wait timed out, on one log line: what the device published against what
 * the driver took, what the handler saw and, for a PLIC line, whether the
 * controller holds it pending.  Read after the failed wait's reset, which makes
 * QEMU finish (or fail) what it held: a used index ahead of the driver's says
 * the device answered by then, not when.
 */
static void bench_timeout_log_(const struct bench_run_ *r)
{
	const struct vdisc_virtq *vq = &r->blk->queues[0].vq;
	const struct boot_irq_route *rt = bench_route_cur_;

	con_puts("vdisc: log bench timeout ring=");
	con_puts(vq->packed ? "packed" : "split");
	if (r->ring_used) {
		con_puts(" avail_idx=");
		con_putu(bench_le16_(r->ring_avail, 2));
		con_puts(" used_idx=");
		con_putu(bench_le16_(r->ring_used, 2));
		con_puts(" last_used=");
		con_putu(vq->last_used_idx);
		con_puts(" used_event=");
		con_putu(bench_le16_(r->ring_avail, 4 + 2u * r->ring_size));
	}
	if (bench_probe_.sleeps) {
		con_puts(" last_sleep: used_idx=");
		con_putu(bench_probe_.used_idx);
		con_puts(" last_used=");
		con_putu(bench_probe_.last_used);
		con_puts(" used_event=");
		con_putu(bench_probe_.used_event);
		con_puts(" plic_pending=");
		con_putu(bench_probe_.plic_pending);
		con_puts(" sleeps=");
		con_putu(bench_probe_.sleeps);
		con_puts(" now:");
	}
	con_puts(" irq_mode=");
	con_putu(r->blk->irq_mode);
	con_puts(" handler_calls=");
	con_putu(bench_irq_.calls);
	con_puts(" empty=");
	con_putu(bench_irq_.empty);
	con_puts(" handler_error=");
	con_puti(bench_irq_.error);
	if (r->blk->irq_mode && bench_plic_pending_(rt) >= 0) {
		con_puts(" plic_pending=");
		con_putu((unsigned)bench_plic_pending_(rt));
	}
	con_putc('\n');
}

/*
 * Keep r->qd reads in flight for @ns: top up, wait for completions (the
 * wait kicks), check and recycle them.  Returns the time it took, or 0
 * with r->fail set.
 */
static uint64_t bench_pump_(struct bench_run_ *r, uint64_t ns)
{
	struct vdisc_blk_req *done[BENCH_QD_MAX_];
	uint64_t t0 = bench_now_(), now = t0;

	while (now - t0 < ns) {
		while (BENCH_QD_MAX_ - r->nfree < r->qd)
			if (bench_submit_(r) != 0) {
				r->fail = "submit";
				return 0;
			}
		const struct vdisc_virtq *vq = &r->blk->queues[0].vq;

		if (!vq->packed) {
			r->ring_avail = vq->avail;
			r->ring_used = vq->used;
			r->ring_size = vq->size;
		}
		bench_probe_run_ = r;
		bench_probe_.sleeps = 0;
		boot_wait_probe = bench_wait_probe_;
		int n = vdisc_blk_wait(r->blk, 0, done, BENCH_QD_MAX_);
		boot_wait_probe = NULL;
		if (n <= 0) {
			r->fail = n == -VDISC_ETIMEDOUT ? "timeout" : "wait";
			if (n == -VDISC_ETIMEDOUT)
				bench_timeout_log_(r);
			return 0;
		}
		for (int i = 0; i < n; i++) {
			if (done[i]->result != 0 || !bench_data_ok_(done[i]))
				r->bad++;
			r->free[r->nfree++] = done[i];
		}
		r->ios += (unsigned)n;
		now = bench_now_();
	}
	return now - t0;
}

/* What is still in flight after the window, taken back (not counted). */
static void bench_drain_(struct bench_run_ *r)
{
	struct vdisc_blk_req *done[BENCH_QD_MAX_];

	for (unsigned i = 0; i < BENCH_QD_MAX_ && vdisc_blk_inflight(r->blk, 0); i++)
		if (vdisc_blk_wait(r->blk, 0, done, BENCH_QD_MAX_) < 0)
			return;
}

/* One combination's sums over the rounds. */
struct bench_tally_ {
	uint64_t rng, ios, ns, bad;
	uint32_t irqs;
	bool packed; /* what the device accepted */
	const char *fail;
};

/*
 * One slice of a combination on an initialised device: a warm-up of a
 * quarter of @ns (not counted), @ns counted, what is in flight drained.
 */
static void bench_slice_(struct vdisc_blk *blk, bool irq, unsigned qd, uint64_t ns,
			 struct bench_tally_ *t)
{
	struct bench_run_ r = {.blk = blk, .qd = qd, .rng = t->rng};
	uint64_t took = 0;
	uint32_t irqs = 0;

	r.blocks = blk->capacity / BENCH_SECTORS_;
	for (unsigned i = 0; i < BENCH_QD_MAX_; i++) {
		bench_req_[i].buf = bench_buf_[i];
		r.free[r.nfree++] = &bench_req_[i];
	}
	if (!r.blocks)
		r.fail = "capacity";
	else if (vdisc_blk_irq_mode(blk, irq) != 0)
		r.fail = "irq-mode";
	if (!r.fail && bench_pump_(&r, ns / 4)) {
		r.ios = r.bad = 0;
		irqs = blk->irq_completions;
		took = bench_pump_(&r, ns);
		irqs = blk->irq_completions - irqs;
	}
	if (!r.fail && r.bad)
		r.fail = "data";
	if (!r.fail && irq && !irqs)
		r.fail = "no-interrupts";
	bench_drain_(&r);
	t->rng = r.rng;
	t->ios += r.ios;
	t->ns += took;
	t->bad += r.bad;
	t->irqs += irqs;
	t->packed = blk->queues && blk->queues[0].vq.packed;
	t->fail = r.fail;
}

static void bench_print_(const char *name, const struct vdisc_virtio_dev *vdev, bool irq,
			 unsigned qd, const struct bench_tally_ *t)
{
	con_puts("vdisc: bench ");
	con_puts(name);
	con_puts(" transport=");
	con_puts(vdev->ops->name);
	con_puts(t->packed ? " ring=packed" : " ring=split");
	con_puts(irq ? " mode=irq qd=" : " mode=poll qd=");
	con_putu(qd);
	con_puts(" ios=");
	con_putu(t->ios);
	con_puts(" ns=");
	con_putu(t->ns);
	con_puts(" iops=");
	con_putu(t->ns ? t->ios * 1000000000ull / t->ns : 0);
	con_puts(" irqs=");
	con_putu(t->irqs);
	con_puts(" bad=");
	con_putu(t->bad);
	con_puts(" check=");
	if (t->fail) {
		con_puts("FAIL:");
		con_puts(t->fail);
	} else {
		con_puts("ok");
	}
	con_putc('\n');
}

static void bench_init_fail_(const char *name, bool split, const char *what, int rc)
{
	con_puts("vdisc: bench ");
	con_puts(name);
	con_puts(split ? " ring=split" : " ring=packed");
	con_puts(" check=FAIL:");
	con_puts(what);
	con_puts(" error=");
	con_puti(rc);
	con_putc('\n');
}

/* The device reset and initialised again on one queue of depth 32, with the ring asked for. */
static int bench_init_(const char *name, struct vdisc_blk *blk, struct vdisc_virtio_dev *vdev,
		       bool split)
{
	enum vdisc_virtio_init_step step = VDISC_VIRTIO_STEP_NONE;
	int rc;

	vdisc_blk_release(blk);
	boot_dma_reset(); /* the bump allocator gives back only its last block */
	vdev->prefer_split_ring = split;
	rc = vdisc_blk_init_mq(blk, vdev, &bench_q_, 1, BENCH_QD_MAX_, &step);
	if (rc == 0) {
		blk->timeout_ns = BENCH_TIMEOUT_NS_;
		return 0;
	}
	bench_init_fail_(name, split, "init", rc);
	return rc;
}

/* The device's interrupt to vdisc_blk_interrupt(), routed as for the irq check. */
static bool bench_route_(struct vdisc_blk *blk, const struct boot_irq_route *r)
{
	bench_route_cur_ = r;
	bench_irq_ = (struct boot_blk_irq){.blk = blk, .queue = r->msix ? 0 : VDISC_BLK_IRQ_WIRED};
	bench_cfg_ = (struct boot_blk_irq){.blk = blk, .queue = VDISC_BLK_IRQ_CONFIG};
	return boot_blk_irq_route(r, &bench_irq_, &bench_cfg_, false) == 0;
}

static const unsigned bench_qds_[2] = {1, BENCH_QD_MAX_};

/* The rounds' sums: [ring: split, packed][mode: poll, irq][depth: 1, 32]. */
static struct bench_tally_ bench_tally_[2][2][2];

/* One round's slices for one ring: polled, then (routed) by interrupt, both depths each. */
static void bench_ring_round_(struct vdisc_blk *blk, const struct boot_irq_route *irq,
			      unsigned ring, uint64_t slice_ns)
{
	for (unsigned mi = 0; mi < 2; mi++) {
		unsigned mode = (mi == 1) != bench_rev_;
		if (mode && (!irq || !bench_route_(blk, irq))) {
			if (irq) {
				boot_blk_irq_unroute(irq);
				bench_tally_[ring][1][0].fail = bench_tally_[ring][1][1].fail =
					"route";
			}
			continue;
		}
		for (unsigned qi = 0; qi < 2; qi++) {
			unsigned q = qi != bench_rev_;
			struct bench_tally_ *t = &bench_tally_[ring][mode][q];
			if (!t->fail && !blk->dead)
				bench_slice_(blk, mode, bench_qds_[q], slice_ns, t);
		}
		vdisc_blk_irq_mode(blk, false);
		if (mode)
			boot_blk_irq_unroute(irq);
	}
}

/*
 * Every combination on @vdev, driven through @blk (initialised or not: it is
 * released and initialised again per ring; left initialised for the
 * caller's release).  @irq: where the device's interrupt goes (NULL: none
 * known, only polling is measured); routed here for the interrupt-driven
 * combinations, and taken down after them.  The window is cut into
 * BENCH_ROUNDS_ slices, and each round goes once through every combination
 * (the device initialised again for each ring), so that a burst of load
 * on the host hits all of them alike.
 */
void boot_bench_blk(const char *name, struct vdisc_blk *blk, struct vdisc_virtio_dev *vdev,
		    const struct boot_irq_route *irq)
{
	uint64_t slice = (uint64_t)bench_ms_ * 1000000u / BENCH_ROUNDS_;
	unsigned n = 0, failures = 0;

	memset(bench_tally_, 0, sizeof(bench_tally_));
	for (unsigned ring = 0; ring < 2; ring++)
		for (unsigned m = 0; m < 2; m++)
			for (unsigned q = 0; q < 2; q++)
				bench_tally_[ring][m][q].rng = 0x9e3779b97f4a7c15ull + q;
	for (unsigned round = 0; round < BENCH_ROUNDS_; round++)
		for (unsigned ri = 0; ri < 2; ri++) {
			unsigned ring = (ri == 1) != bench_rev_;
			if (bench_init_(name, blk, vdev, ring == 0) != 0) {
				for (unsigned k = 0; k < 4; k++)
					bench_tally_[ring][k / 2][k % 2].fail = "init";
				continue;
			}
			bench_ring_round_(blk, irq, ring, slice);
		}
	for (unsigned ring = 0; ring < 2; ring++)
		for (unsigned m = 0; m < (irq ? 2u : 1u); m++)
			for (unsigned q = 0; q < 2; q++) {
				n++;
				bench_print_(name, vdev, m, bench_qds_[q],
					     &bench_tally_[ring][m][q]);
				failures += bench_tally_[ring][m][q].fail != NULL;
			}
	con_puts("vdisc: bench ");
	con_puts(name);
	con_puts(" done combinations=");
	con_putu(n);
	con_puts(" rounds=");
	con_putu(BENCH_ROUNDS_);
	con_puts(" failures=");
	con_putu(failures);
	con_putc('\n');
	if (failures)
		boot_fail();
}
