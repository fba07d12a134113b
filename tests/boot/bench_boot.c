/* SPDX-License-Identifier: MIT */
/*
 * bench/boot's measuring side: when the kernel's command line holds
 * vdisc.bench=<ms>[,rev], every virtio-blk device is measured instead of
 * checked.  4 KiB reads at random 4 KiB-aligned sectors (a fixed-seed
 * xorshift, the same sequence for every combination), read-only, counted
 * over a window of <ms> on the kernel's clock after a warm-up of a quarter
 * of it, for each ring (split, packed: the device reset and initialised
 * again with dev->prefer_split_ring), each completion mode (polled,
 * interrupt-driven when the kernel routed the device's interrupt) and
 * each queue depth (1, 32).  ",rev" runs the combinations in the opposite
 * order, so that alternating boots cancel a drift within one boot.
 *
 * Every read is checked: bench/boot/run.sh writes each 512-byte sector's
 * number into its first 8 bytes (little-endian), so a completion carrying
 * the wrong data (or none) is counted as bad, never as I/O done.
 *
 * Output contract (one line per combination, then one per device):
 *   vdisc: bench <path-or-slot> transport=<t> ring=<split|packed> mode=<poll|irq> qd=<n>
 *          ios=<n> ns=<n> iops=<n> irqs=<n> bad=<n> check=<ok|FAIL:<reason>>
 *   vdisc: bench <path-or-slot> done combinations=<n> failures=<n>
 * where ring is what the device accepted, irqs the completions the
 * interrupt handler took in the window, and iops = ios * 1e9 / ns.
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
		int n = vdisc_blk_wait(r->blk, 0, done, BENCH_QD_MAX_);
		if (n <= 0) {
			r->fail = n == -VDISC_ETIMEDOUT ? "timeout" : "wait";
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

static void bench_line_head_(const char *name, const struct vdisc_blk *blk)
{
	con_puts("vdisc: bench ");
	con_puts(name);
	con_puts(" transport=");
	con_puts(blk->dev->ops->name);
	con_puts(" ring=");
	con_puts(blk->queues && blk->queues[0].vq.packed ? "packed" : "split");
}

/* One combination on an initialised device; false: it failed (the line says how). */
static bool bench_one_(const char *name, struct vdisc_blk *blk, bool irq, unsigned qd)
{
	struct bench_run_ r = {.blk = blk, .qd = qd, .rng = 0x9e3779b97f4a7c15ull};
	uint64_t window = (uint64_t)bench_ms_ * 1000000u, ns = 0;
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
	if (!r.fail && bench_pump_(&r, window / 4)) {
		r.ios = r.bad = 0; /* the warm-up is not counted */
		irqs = blk->irq_completions;
		ns = bench_pump_(&r, window);
		irqs = blk->irq_completions - irqs;
	}
	if (!r.fail && r.bad)
		r.fail = "data";
	if (!r.fail && irq && !irqs)
		r.fail = "no-interrupts";
	bench_drain_(&r);
	bench_line_head_(name, blk);
	con_puts(irq ? " mode=irq qd=" : " mode=poll qd=");
	con_putu(qd);
	con_puts(" ios=");
	con_putu(r.ios);
	con_puts(" ns=");
	con_putu(ns);
	con_puts(" iops=");
	con_putu(ns ? r.ios * 1000000000ull / ns : 0);
	con_puts(" irqs=");
	con_putu(irqs);
	con_puts(" bad=");
	con_putu(r.bad);
	con_puts(" check=");
	if (r.fail) {
		con_puts("FAIL:");
		con_puts(r.fail);
	} else {
		con_puts("ok");
	}
	con_putc('\n');
	return r.fail == NULL;
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

static const unsigned bench_qds_[2] = {1, BENCH_QD_MAX_};

/*
 * The device's interrupt to vdisc_blk_interrupt(), as blk_irq_boot.c routes
 * it for the irq check: kernel_irq's handler for the line (or x86's MSI-X
 * vectors), the ISR the polled runs left set acknowledged first (an edge
 * line must see a new edge), then the line enabled at its controller.
 */
struct bench_irq_ {
	struct vdisc_blk *blk;
	uint16_t queue;
};
static struct bench_irq_ bench_irq_, bench_cfg_;

static void bench_isr_(void *arg)
{
	struct bench_irq_ *c = arg;

	vdisc_blk_interrupt(c->blk, c->queue, NULL); /* a fault fails the thread's next call */
}

static void bench_unroute_(const struct boot_irq_route *r)
{
	if (r->msix) {
		boot_irq_detach(r->queue_vector);
		boot_irq_detach(r->config_vector);
		return;
	}
	vdisc_irq_disable(r->chip, r->line);
	boot_irq_detach(boot_irq_vector(r->chip, r->line));
}

static bool bench_route_(struct vdisc_blk *blk, const struct boot_irq_route *r)
{
	bench_irq_ = (struct bench_irq_){.blk = blk, .queue = r->msix ? 0 : VDISC_BLK_IRQ_WIRED};
	bench_cfg_ = (struct bench_irq_){.blk = blk, .queue = VDISC_BLK_IRQ_CONFIG};
	if (r->msix)
		return boot_irq_attach(r->queue_vector, bench_isr_, &bench_irq_) &&
		       boot_irq_attach(r->config_vector, bench_isr_, &bench_cfg_);
	if (!boot_irq_attach(boot_irq_vector(r->chip, r->line), bench_isr_, &bench_irq_))
		return false;
	return vdisc_blk_interrupt(blk, VDISC_BLK_IRQ_WIRED, NULL) >= 0 &&
	       vdisc_irq_enable(r->chip, r->line, r->flags) == 0;
}

/*
 * Every combination on @vdev, driven through @blk (initialised or not: it is
 * released and initialised again per ring; left initialised for the
 * caller's release).  @irq: where the device's interrupt goes (NULL: none
 * known, only polling is measured); routed here for the interrupt-driven
 * combinations, and taken down after them.
 */
void boot_bench_blk(const char *name, struct vdisc_blk *blk, struct vdisc_virtio_dev *vdev,
		    const struct boot_irq_route *irq)
{
	unsigned n = 0, failures = 0;

	for (unsigned ri = 0; ri < 2; ri++) {
		bool split = (ri == 0) != bench_rev_;
		if (bench_init_(name, blk, vdev, split) != 0) {
			failures++;
			continue;
		}
		for (unsigned mi = 0; mi < 2; mi++) {
			bool on = (mi == 1) != bench_rev_;
			if (on && !irq)
				continue;
			if (on && !bench_route_(blk, irq)) {
				bench_init_fail_(name, split, "route", 0);
				failures++;
				bench_unroute_(irq);
				continue;
			}
			for (unsigned qi = 0; qi < 2; qi++) {
				n++;
				if (blk->dead && bench_init_(name, blk, vdev, split) != 0)
					failures++;
				else if (!bench_one_(name, blk, on, bench_qds_[qi != bench_rev_]))
					failures++;
			}
			vdisc_blk_irq_mode(blk, false);
			if (on)
				bench_unroute_(irq);
		}
	}
	con_puts("vdisc: bench ");
	con_puts(name);
	con_puts(" done combinations=");
	con_putu(n);
	con_puts(" failures=");
	con_putu(failures);
	con_putc('\n');
	if (failures)
		boot_fail();
}
