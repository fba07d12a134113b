/* SPDX-License-Identifier: MIT */
/*
 * A disk's interrupt-driven run, after its polled check passed: the
 * device's interrupt (a wired line at the PLIC, GIC or I/O APIC, or x86
 * MSI-X vectors) is routed to vdisc_blk_interrupt() through kernel_irq, the
 * driver is put in interrupt mode, and then
 *   - vdisc_blk_check runs again, its waits sleeping in wfi/hlt;
 *   - BURST_ reads are kept in flight at once, each counted by its
 *     complete hook, whichever path took it off the ring;
 * and the "irq" contract line says how many completions came by interrupt
 * (blk->irq_completions): all of the burst's, or the run failed.
 *
 * With the kernel option vdisc.irq=masked the line is left masked at the
 * controller: the check must end in a timeout (a clear FAIL line), not a
 * hang.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "boot.h"
#include "console.h"

#include <vdisc/irq.h>

#define BURST_ 16
#define MASKED_TIMEOUT_NS_ 1000000000ull

/* kernel_irq's call for the device's line or vector. */
static void isr_(void *arg)
{
	struct boot_blk_irq *c = arg;
	bool config = false;
	int n = vdisc_blk_interrupt(c->blk, c->queue, &config);

	c->calls++;
	if (n < 0)
		c->error = n;
	else if (n == 0 && !config)
		c->empty++;
}

static uint32_t completed_;

static void count_(struct vdisc_blk_req *req)
{
	(void)req;
	completed_++;
}

/* BURST_ one-sector reads spread over the disk, all in flight, then waited for. */
static int burst_(struct vdisc_blk *blk, unsigned char *buf, unsigned *submitted)
{
	static struct vdisc_blk_req req[BURST_];
	struct vdisc_blk_req *done[BURST_];
	unsigned got = 0, n = 0;
	int rc = 0;

	for (; n < BURST_; n++) {
		req[n] = (struct vdisc_blk_req){.sector = blk->capacity / BURST_ * n,
						.buf = buf + n * 512u,
						.type = VDISC_VIRTIO_BLK_T_IN,
						.count = 1,
						.complete = count_};
		if ((rc = vdisc_blk_submit(blk, 0, &req[n])) < 0)
			break;
	}
	*submitted = n;
	if (n && (rc = vdisc_blk_kick(blk, 0)) < 0)
		return rc;
	while (got < n) {
		rc = vdisc_blk_wait(blk, 0, done, BURST_);
		if (rc <= 0)
			return rc < 0 ? rc : -VDISC_EIO;
		for (int i = 0; i < rc; i++)
			if (done[i]->result)
				return done[i]->result;
		got += (unsigned)rc;
	}
	return 0;
}

static void print_head_(const char *name, const struct boot_irq_route *r, bool masked)
{
	con_puts("vdisc: irq ");
	con_puts(name);
	con_puts(" chip=");
	con_puts(r->msix ? "msix" : r->chip->ops->name);
	con_puts(" line=");
	con_putu(r->msix ? r->queue_vector : r->line);
	if (masked)
		con_puts(" masked");
}

int boot_blk_irq_route(const struct boot_irq_route *r, struct boot_blk_irq *ctx,
		       struct boot_blk_irq *cfg, bool masked)
{
	if (r->msix) {
		if (!boot_irq_attach(r->queue_vector, isr_, ctx) ||
		    !boot_irq_attach(r->config_vector, isr_, cfg))
			return -VDISC_ENOMEM;
		return 0;
	}
	if (!boot_irq_attach(boot_irq_vector(r->chip, r->line), isr_, ctx))
		return -VDISC_ENOMEM;
	/*
	 * The polled run left the ISR set and the line asserted (nobody read it):
	 * acknowledge it first, so that an edge-triggered line (a GIC SPI) sees the
	 * next rising edge and a level one is not already pending when enabled
	 * (QEMU's PLIC only re-evaluates its output on some register writes).
	 */
	int rc = vdisc_blk_interrupt(ctx->blk, VDISC_BLK_IRQ_WIRED, NULL);
	if (rc < 0)
		return rc;
	return masked ? 0 : vdisc_irq_enable(r->chip, r->line, r->flags);
}

void boot_blk_irq_unroute(const struct boot_irq_route *r)
{
	if (r->msix) {
		boot_irq_detach(r->queue_vector);
		boot_irq_detach(r->config_vector);
		return;
	}
	vdisc_irq_disable(r->chip, r->line);
	boot_irq_detach(boot_irq_vector(r->chip, r->line));
}

static void print_result_(int rc, const char *what, uint32_t completions, uint32_t by_irq,
			  const struct boot_blk_irq *ctx)
{
	con_puts(" check=");
	if (rc == 0) {
		con_puts("ok");
	} else {
		con_puts("FAIL:");
		con_puts(rc == -VDISC_ETIMEDOUT ? "timeout" : what);
		con_puts(" error=");
		con_puti(rc);
	}
	con_puts(" completions=");
	con_putu(completions);
	con_puts(" by_irq=");
	con_putu(by_irq);
	con_puts(" spurious=");
	con_putu(ctx->empty);
	con_putc('\n');
	if (rc)
		boot_fail();
}

void boot_blk_irq_run(const char *name, struct vdisc_blk *blk, const struct boot_irq_route *r,
		      void *scratch)
{
	struct vdisc_blk_check_report report;
	struct boot_blk_irq ctx = {.blk = blk, .queue = r && r->msix ? 0 : VDISC_BLK_IRQ_WIRED};
	struct boot_blk_irq cfg = {.blk = blk, .queue = VDISC_BLK_IRQ_CONFIG};
	bool masked = boot_option("vdisc.irq=masked");
	const char *what = "route";
	unsigned submitted = 0;
	uint32_t irq0, done0;
	int rc;

	if (!r) {
		con_puts("vdisc: irq ");
		con_puts(name);
		con_puts(" chip=none check=skipped\n");
		return;
	}
	print_head_(name, r, masked);
	if (masked)
		blk->timeout_ns = MASKED_TIMEOUT_NS_;
	rc = boot_blk_irq_route(r, &ctx, &cfg, masked);
	if (rc == 0 && (rc = vdisc_blk_irq_mode(blk, true)) != 0)
		what = "irq-mode";
	memset(&report, 0, sizeof(report));
	if (rc == 0 && (rc = vdisc_blk_check(blk, scratch, &report)) != 0)
		what = report.reason ? report.reason : "check";
	irq0 = blk->irq_completions;
	done0 = completed_;
	if (rc == 0 && (rc = burst_(blk, scratch, &submitted)) != 0)
		what = "burst";
	uint32_t completions = completed_ - done0, by_irq = blk->irq_completions - irq0;
	if (rc == 0 && ctx.error)
		rc = ctx.error, what = "handler";
	if (rc == 0 && (completions != submitted || by_irq != completions || !by_irq))
		rc = -VDISC_EIO, what = "not-by-interrupt";
	vdisc_blk_irq_mode(blk, false);
	boot_blk_irq_unroute(r);
	print_result_(rc, what, completions, by_irq, &ctx);
}
