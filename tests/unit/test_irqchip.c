/* SPDX-License-Identifier: MIT */
/*
 * The interrupt-controller drivers (src/irq/) and their registry driver
 * over a fake platform: MMIO hooks that hit a sparse register file and log
 * every write, a clock that advances on each read, GICv3 system registers
 * as an array with a queue for IAR1.  Controllers come from QEMU's own
 * trees (tests/fixtures/dtb: riscv64 virt, aarch64 virt with GICv2 and with
 * GICv3) through vdisc_fdt_scan; the tests check which registers each call
 * writes with which values, claim/complete sequences, spurious and foreign
 * ids, bad lines, and the waits that must end in a timeout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>

#define NREGS_ 512
#define NLOG_ 2048
#define NQUEUE_ 8
#define ARENA_SIZE_ (1u << 20)

struct fake_ {
	struct vdisc_platform p;
	uint64_t addr[NREGS_];
	uint32_t val[NREGS_];
	uint32_t force[NREGS_]; /* bits ORed into every read (a stuck RWP) */
	unsigned nregs;
	struct {
		uint64_t addr, value;
		unsigned width;
	} log[NLOG_];
	unsigned nlog;
	unsigned long reads;
	uint64_t now;
	/* A read queue: reads of queue_addr (MMIO) or of IAR1 take these first. */
	uint64_t queue_addr;
	uint64_t queue[NQUEUE_];
	unsigned nqueue;
	/* GICv3 */
	uint64_t sys[16];
	bool sre_stuck;
	uint64_t rd_region, rd_size; /* redistributor frames answered by gicv3_frame_read_ */
	uint32_t rd_aff_base;	     /* frame k has affinity rd_aff_base + k */
	int rd_last;		     /* the frame marked Last, or -1 */
	bool rd_never_wakes;
	/* I/O APIC */
	uint64_t ioapic;
	uint32_t ioregsel, ioregs[0x40];
	uint32_t low_at_high_write[0x40]; /* the low word when its high word was written */
	int irq_depth, irq_max_depth;
};

/* ---- the register file ---- */

static int slot_(struct fake_ *f, uint64_t addr, bool create)
{
	unsigned i;

	for (i = 0; i < f->nregs; i++)
		if (f->addr[i] == addr)
			return (int)i;
	if (!create)
		return -1;
	assert_true(f->nregs < NREGS_);
	f->addr[f->nregs] = addr;
	f->val[f->nregs] = 0;
	f->force[f->nregs] = 0;
	return (int)f->nregs++;
}

static void set_(struct fake_ *f, uint64_t addr, uint32_t v)
{
	f->val[slot_(f, addr, true)] = v;
}

static void force_(struct fake_ *f, uint64_t addr, uint32_t bits)
{
	f->force[slot_(f, addr, true)] = bits;
}

static uint32_t get_(struct fake_ *f, uint64_t addr)
{
	int i = slot_(f, addr, false);

	return i < 0 ? 0 : f->val[i];
}

/* GICv3 redistributor frames: PIDR2 says v3, TYPER gives an affinity and maybe Last. */
static bool gicv3_frame_read_(struct fake_ *f, uint64_t addr, uint32_t *v)
{
	uint64_t off, k, in;

	if (!f->rd_size || addr < f->rd_region || addr >= f->rd_region + f->rd_size)
		return false;
	off = addr - f->rd_region;
	k = off / VDISC_GICR_FRAME_SIZE;
	in = off % VDISC_GICR_FRAME_SIZE;
	if (in == VDISC_GICR_PIDR2) {
		*v = 0x3b;
		return true;
	}
	if (in == VDISC_GICR_TYPER) {
		*v = (int)k == f->rd_last ? VDISC_GICR_TYPER_LAST : 0;
		return true;
	}
	if (in == VDISC_GICR_TYPER + 4) {
		*v = f->rd_aff_base + (uint32_t)k;
		return true;
	}
	return false;
}

static uint32_t rd32_(void *ctx, uint64_t addr)
{
	struct fake_ *f = ctx;
	uint32_t v;
	int i;

	f->reads++;
	if (f->nqueue && addr == f->queue_addr) {
		v = (uint32_t)f->queue[0];
		memmove(f->queue, f->queue + 1, --f->nqueue * sizeof(f->queue[0]));
		return v;
	}
	if (f->ioapic && addr == f->ioapic + VDISC_IO_APIC_DATA)
		return f->ioregs[f->ioregsel & 0x3f];
	i = slot_(f, addr, false);
	if (i >= 0)
		return f->val[i] | f->force[i];
	if (gicv3_frame_read_(f, addr, &v))
		return v;
	return 0;
}

static void log_(struct fake_ *f, uint64_t addr, uint64_t value, unsigned width)
{
	assert_true(f->nlog < NLOG_);
	f->log[f->nlog].addr = addr;
	f->log[f->nlog].value = value;
	f->log[f->nlog].width = width;
	f->nlog++;
}

static void wr32_(void *ctx, uint64_t addr, uint32_t v)
{
	struct fake_ *f = ctx;

	log_(f, addr, v, 32);
	if (f->ioapic && addr == f->ioapic + VDISC_IO_APIC_INDEX) {
		f->ioregsel = v;
		return;
	}
	if (f->ioapic && addr == f->ioapic + VDISC_IO_APIC_DATA) {
		if (f->ioregsel & 1)
			f->low_at_high_write[f->ioregsel & 0x3f] =
				f->ioregs[(f->ioregsel - 1) & 0x3f];
		f->ioregs[f->ioregsel & 0x3f] = v;
		return;
	}
	/* A redistributor wakes once told the processor is awake. */
	if (f->rd_size && addr >= f->rd_region && addr < f->rd_region + f->rd_size &&
	    (addr - f->rd_region) % VDISC_GICR_FRAME_SIZE == VDISC_GICR_WAKER &&
	    !(v & VDISC_GICR_WAKER_ProcessorSleep) && !f->rd_never_wakes)
		v &= ~VDISC_GICR_WAKER_ChildrenAsleep;
	set_(f, addr, v);
}

static void wr64_(void *ctx, uint64_t addr, uint64_t v)
{
	struct fake_ *f = ctx;

	log_(f, addr, v, 64);
}

static uint64_t now_(void *ctx)
{
	struct fake_ *f = ctx;

	f->now += 1000000; /* 1 ms a look: a 1 s wait gives up after ~1000 reads */
	return f->now;
}

static unsigned long irq_save_(void *ctx)
{
	struct fake_ *f = ctx;

	if (++f->irq_depth > f->irq_max_depth)
		f->irq_max_depth = f->irq_depth;
	return (unsigned long)f->irq_depth;
}

static void irq_restore_(void *ctx, unsigned long flags)
{
	struct fake_ *f = ctx;

	assert_int_equal(flags, (unsigned long)f->irq_depth);
	f->irq_depth--;
}

static uint64_t sysrd_(void *ctx, enum vdisc_sysreg reg)
{
	struct fake_ *f = ctx;

	if (reg == VDISC_SYSREG_ICC_IAR1_EL1 && f->nqueue && f->queue_addr == 0) {
		uint64_t v = f->queue[0];

		memmove(f->queue, f->queue + 1, --f->nqueue * sizeof(f->queue[0]));
		return v;
	}
	if (reg == VDISC_SYSREG_ICC_IAR1_EL1)
		return VDISC_GICC_INT_SPURIOUS;
	return f->sys[reg];
}

/* System register writes are logged at address 0x5e500 + reg, so the same helpers read them. */
#define SYSREG_LOG_(reg) (0x5e500ull + (reg))

static void syswr_(void *ctx, enum vdisc_sysreg reg, uint64_t v)
{
	struct fake_ *f = ctx;

	log_(f, SYSREG_LOG_(reg), v, 64);
	if (reg == VDISC_SYSREG_ICC_SRE_EL1 && f->sre_stuck)
		return;
	f->sys[reg] = v;
}

static struct fake_ *fake_new_(void)
{
	struct fake_ *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->p.ctx = f;
	f->p.mmio_read32 = rd32_;
	f->p.mmio_write32 = wr32_;
	f->p.now_ns = now_;
	f->p.irq_save = irq_save_;
	f->p.irq_restore = irq_restore_;
	f->p.sysreg_read = sysrd_;
	f->p.sysreg_write = syswr_;
	f->rd_last = -1;
	return f;
}

/* ---- the write log ---- */

/* Index of the first write to @addr at or after @from, or -1. */
static int find_write_(const struct fake_ *f, unsigned from, uint64_t addr)
{
	unsigned i;

	for (i = from; i < f->nlog; i++)
		if (f->log[i].addr == addr)
			return (int)i;
	return -1;
}

static unsigned writes_to_(const struct fake_ *f, uint64_t addr)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		n += f->log[i].addr == addr;
	return n;
}

/* The last value written to @addr; fails when it never was. */
static uint64_t last_write_(const struct fake_ *f, uint64_t addr)
{
	unsigned i;

	for (i = f->nlog; i-- > 0;)
		if (f->log[i].addr == addr)
			return f->log[i].value;
	fail_msg("no write to 0x%llx", (unsigned long long)addr);
	return 0;
}

static void clear_log_(struct fake_ *f)
{
	f->nlog = 0;
}

/* ---- fixtures ---- */

struct tree_ {
	void *blob;
	struct vdisc_arena arena;
	struct vdisc_model model;
	unsigned char *buf;
};

static struct tree_ *tree_load_(const char *name)
{
	struct tree_ *t = calloc(1, sizeof(*t));
	char path[512];
	FILE *fp;
	long n;

	assert_non_null(t);
	snprintf(path, sizeof(path), "%s/%s", VDISC_DTB_FIXTURES, name);
	fp = fopen(path, "rb");
	if (!fp)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n > 0);
	rewind(fp);
	t->blob = malloc((size_t)n);
	assert_non_null(t->blob);
	assert_int_equal(fread(t->blob, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	t->buf = malloc(ARENA_SIZE_);
	assert_non_null(t->buf);
	vdisc_arena_init(&t->arena, t->buf, ARENA_SIZE_);
	vdisc_model_init(&t->model, &t->arena);
	assert_int_equal(vdisc_fdt_scan(t->blob, (size_t)n, &t->model), 0);
	return t;
}

static void tree_free_(struct tree_ *t)
{
	free(t->buf);
	free(t->blob);
	free(t);
}

static const struct vdisc_device *dev_(const struct tree_ *t, const char *path)
{
	const struct vdisc_device *d;

	for (d = t->model.devices; d; d = d->next)
		if (d->path && strcmp(d->path, path) == 0)
			return d;
	fail_msg("no device %s", path);
	return NULL;
}

/* ==== RISC-V PLIC (QEMU riscv64 virt: /soc/plic@c000000, riscv,ndev 0x60, 4 harts) ==== */

#define PLIC_ 0xc000000ull
#define PLIC_EN_(ctx) \
	(PLIC_ + VDISC_PLIC_CONTEXT_ENABLE_BASE + (ctx)*VDISC_PLIC_CONTEXT_ENABLE_SIZE)
#define PLIC_CTX_(ctx) (PLIC_ + VDISC_PLIC_CONTEXT_BASE + (ctx)*VDISC_PLIC_CONTEXT_SIZE)

static void plic_up_(struct tree_ *t, struct fake_ *f, struct vdisc_irqchip *c, uint64_t hart,
		     bool s_mode)
{
	const char *intc = NULL;

	assert_int_equal(vdisc_irq_hart_intc(&t->model, hart, &intc), 0);
	assert_int_equal(vdisc_irqchip_from_model(c, &f->p, &t->model, dev_(t, "/soc/plic@c000000"),
						  intc, s_mode),
			 0);
}

static void test_plic_context_from_qemu_tree(void **state)
{
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	const char *intc = NULL;

	(void)state;
	assert_int_equal(vdisc_irq_hart_intc(&t->model, 0, &intc), 0);
	assert_string_equal(intc, "/cpus/cpu@0/interrupt-controller");
	assert_int_equal(vdisc_irq_hart_intc(&t->model, 2, &intc), 0);
	assert_string_equal(intc, "/cpus/cpu@2/interrupt-controller");
	assert_int_equal(vdisc_irq_hart_intc(&t->model, 4, &intc), -VDISC_ENOTFOUND);

	/* interrupts-extended: <cpu0 11, cpu0 9, cpu1 11, cpu1 9, ...>: context = position. */
	plic_up_(t, f, &c, 0, false);
	assert_int_equal(c.context, 0);
	plic_up_(t, f, &c, 0, true);
	assert_int_equal(c.context, 1);
	plic_up_(t, f, &c, 3, true);
	assert_int_equal(c.context, 7);
	assert_string_equal(c.ops->name, "plic");
	assert_string_equal(c.path, "/soc/plic@c000000");
	assert_int_equal(c.base, PLIC_);
	assert_int_equal(c.nlines, 0x60 + 1);

	/* A controller that is not this hart's, and a mode it does not list. */
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, dev_(t, "/soc/plic@c000000"),
						 "/cpus/cpu@9/interrupt-controller", true),
			 -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, dev_(t, "/soc/plic@c000000"),
						 "/soc/clint@2000000", true),
			 -VDISC_ENOTFOUND);
	tree_free_(t);
	free(f);
}

static void test_plic_init_writes(void **state)
{
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	unsigned i;

	(void)state;
	set_(f, PLIC_EN_(1) + 4, 0xffffffff); /* left enabled by someone before us */
	set_(f, PLIC_CTX_(1), 7);
	plic_up_(t, f, &c, 0, true);
	/* Sources 1..96 in context 1: enable words 0..3 cleared, nothing beyond; threshold 0. */
	for (i = 0; i < 4; i++)
		assert_int_equal(last_write_(f, PLIC_EN_(1) + i * 4), 0);
	assert_int_equal(writes_to_(f, PLIC_EN_(1) + 16), 0);
	assert_int_equal(writes_to_(f, PLIC_EN_(0)), 0); /* the M-mode context is not ours */
	assert_int_equal(last_write_(f, PLIC_CTX_(1) + VDISC_PLIC_CONTEXT_THRESHOLD), 0);
	assert_int_equal(f->nlog, 5);
	tree_free_(t);
	free(f);
}

static void test_plic_enable_claim_complete(void **state)
{
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	const struct vdisc_device *disk = dev_(t, "/soc/virtio_mmio@10008000");
	struct vdisc_irqchip c;
	uint32_t line = 0;
	unsigned flags = 0;

	(void)state;
	plic_up_(t, f, &c, 0, true);
	/* The disk's interrupt, resolved by the model, names this PLIC: line 8, level. */
	assert_int_equal(disk->nirqs, 1);
	assert_string_equal(disk->irqs[0].controller, c.path);
	assert_int_equal(vdisc_irq_line_of(&disk->irqs[0], &line, &flags), 0);
	assert_int_equal(line, 8);
	assert_int_equal(flags, VDISC_IRQ_LEVEL);

	clear_log_(f);
	set_(f, PLIC_EN_(1), 0x10); /* source 4 already enabled: kept */
	assert_int_equal(vdisc_irq_enable(&c, line, flags), 0);
	assert_int_equal(last_write_(f, PLIC_ + 8 * 4), 1);	 /* priority 1 */
	assert_int_equal(last_write_(f, PLIC_EN_(1)), 0x110);	 /* bit 8 added */
	assert_true(f->irq_max_depth >= 1 && f->irq_depth == 0); /* RMW under irq_save */
	assert_int_equal(vdisc_irq_enable(&c, 96, VDISC_IRQ_EDGE), 0);
	assert_int_equal(last_write_(f, PLIC_EN_(1) + 12), 1u);

	/* claim: 8, then nothing; complete writes the id back to the claim register. */
	f->queue_addr = PLIC_CTX_(1) + VDISC_PLIC_CONTEXT_CLAIM;
	f->queue[0] = 8;
	f->nqueue = 1;
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 1);
	assert_int_equal(line, 8);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0);
	assert_int_equal(f->nlog, 0);
	assert_int_equal(vdisc_irq_complete(&c, 8), 0);
	assert_int_equal(f->nlog, 1);
	assert_int_equal(last_write_(f, PLIC_CTX_(1) + VDISC_PLIC_CONTEXT_CLAIM), 8);

	/* disable clears only its bit; completing a disabled line enables it around the write. */
	assert_int_equal(vdisc_irq_disable(&c, 8), 0);
	assert_int_equal(last_write_(f, PLIC_EN_(1)), 0x10);
	clear_log_(f);
	assert_int_equal(vdisc_irq_complete(&c, 8), 0);
	assert_int_equal(f->nlog, 3);
	assert_int_equal(f->log[0].addr, PLIC_EN_(1));
	assert_int_equal(f->log[0].value, 0x110);
	assert_int_equal(f->log[1].addr, PLIC_CTX_(1) + VDISC_PLIC_CONTEXT_CLAIM);
	assert_int_equal(f->log[1].value, 8);
	assert_int_equal(f->log[2].value, 0x10);

	/* A claimed id above riscv,ndev is completed at once and not reported. */
	f->queue[0] = 200;
	f->nqueue = 1;
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0);
	assert_int_equal(last_write_(f, PLIC_CTX_(1) + VDISC_PLIC_CONTEXT_CLAIM), 200);
	tree_free_(t);
	free(f);
}

static void test_plic_bad_lines_and_flags(void **state)
{
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;

	(void)state;
	plic_up_(t, f, &c, 0, true);
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, 0, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 97, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 0xffffffffu, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_disable(&c, 97), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_complete(&c, 0), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 5, 0), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 5, VDISC_IRQ_LEVEL | VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 5, VDISC_IRQ_LEVEL | VDISC_IRQ_ACTIVE_LOW),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 5, 0x80), -VDISC_EINVAL);
	assert_int_equal(f->nlog, 0); /* nothing written for a refused call */
	assert_int_equal(vdisc_irq_claim(&c, NULL), -VDISC_EINVAL);
	tree_free_(t);
	free(f);
}

static void test_plic_refusals(void **state)
{
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	const struct vdisc_device *plic = dev_(t, "/soc/plic@c000000");
	const char *intc = "/cpus/cpu@0/interrupt-controller";
	struct vdisc_device copy = *plic;
	struct vdisc_reg reg = plic->regs[0];
	struct vdisc_irqchip c;

	(void)state;
	f->p.mmio_write32 = NULL;
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, plic, intc, true),
			 -VDISC_ENOTSUP);
	f->p.mmio_write32 = wr32_;
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, NULL, plic, intc, true), -VDISC_EINVAL);
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, plic, NULL, true),
			 -VDISC_EINVAL);
	/* riscv,ndev read from another node (the clint has none). */
	copy.dt.node_offset = dev_(t, "/soc/clint@2000000")->dt.node_offset;
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, &copy, intc, true),
			 -VDISC_EBADPROP);
	/* A reg too small for context 7's registers (hart 3, S-mode). */
	copy = *plic;
	reg.size = VDISC_PLIC_CONTEXT_BASE + 7 * VDISC_PLIC_CONTEXT_SIZE;
	copy.regs = &reg;
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, &copy,
						 "/cpus/cpu@3/interrupt-controller", true),
			 -VDISC_EBADPROP);
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, &copy,
						 "/cpus/cpu@3/interrupt-controller", false),
			 0);
	reg.translated = false;
	assert_int_equal(vdisc_irqchip_plic_init(&c, &f->p, &t->model, &copy, intc, true),
			 -VDISC_EINVAL);
	/* Controllers without a driver here. */
	assert_int_equal(vdisc_irqchip_from_model(&c, &f->p, &t->model,
						  dev_(t, "/soc/clint@2000000"), intc, true),
			 -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irqchip_from_model(&c, &f->p, &t->model, dev_(t, intc), intc, true),
			 -VDISC_ENOTSUP);
	tree_free_(t);
	free(f);
}

/* ==== Arm GICv2 (QEMU aarch64 virt, gic-version=2: /intc@8000000) ==== */

#define GICD_ 0x8000000ull
#define GICC_ 0x8010000ull

static void gicv2_up_(struct tree_ *t, struct fake_ *f, struct vdisc_irqchip *c)
{
	set_(f, GICD_ + VDISC_GIC_DIST_CTR, 0x8); /* ITLinesNumber 8: 288 lines, as QEMU virt */
	assert_int_equal(vdisc_irqchip_from_model(c, &f->p, &t->model, dev_(t, "/intc@8000000"),
						  NULL, false),
			 0);
}

static void test_gicv2_init_writes(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv2.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	int ctrl_off, ctrl_on, i;

	(void)state;
	/* This CPU is CPU 1: ITARGETSR0-3 read zero here, ITARGETSR4 gives its bit. */
	set_(f, GICD_ + VDISC_GIC_DIST_TARGET + 16, 0x02000000); /* only PPI 19's byte */
	set_(f, GICC_ + VDISC_GIC_CPU_CTRL, 0x60); /* bypass-disable bits the firmware set */
	gicv2_up_(t, f, &c);
	assert_string_equal(c.ops->name, "gicv2");
	assert_int_equal(c.base, GICD_);
	assert_int_equal(c.cpu_base, GICC_);
	assert_int_equal(c.nlines, 288);
	assert_int_equal(c.target, 0x02);

	/* Distributor off first, on last; every SPI register word in between. */
	ctrl_off = find_write_(f, 0, GICD_ + VDISC_GIC_DIST_CTRL);
	assert_int_equal(ctrl_off, 0);
	assert_int_equal(f->log[ctrl_off].value, VDISC_GICD_DISABLE);
	ctrl_on = find_write_(f, 1, GICD_ + VDISC_GIC_DIST_CTRL);
	assert_true(ctrl_on > 0);
	assert_int_equal(f->log[ctrl_on].value, VDISC_GICD_ENABLE);
	for (i = 1; i < 9; i++) {
		int w = find_write_(f, 0, GICD_ + VDISC_GIC_DIST_ENABLE_CLEAR + i * 4);

		assert_true(w > ctrl_off && w < ctrl_on);
		assert_int_equal(f->log[w].value, 0xffffffffu);
		assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_ACTIVE_CLEAR + i * 4),
				 0xffffffffu);
	}
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GIC_DIST_ENABLE_CLEAR + 36), 0);
	/* Banked: PPIs off, SGIs on, as Linux. */
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_ENABLE_CLEAR), 0xffff0000u);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_ENABLE_SET), 0x0000ffffu);
	/* CPU interface: mask 0xf0, enable with the bypass bits kept. */
	assert_int_equal(last_write_(f, GICC_ + VDISC_GIC_CPU_PRIMASK), 0xf0);
	assert_int_equal(last_write_(f, GICC_ + VDISC_GIC_CPU_CTRL), 0x61);
	tree_free_(t);
	free(f);
}

static void test_gicv2_enable_spi_and_ppi(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv2.dtb");
	struct fake_ *f = fake_new_();
	const struct vdisc_device *disk = dev_(t, "/virtio_mmio@a000000");
	const struct vdisc_device *timer = dev_(t, "/timer");
	struct vdisc_irqchip c;
	uint32_t line = 0;
	unsigned flags = 0;
	int off, on;

	(void)state;
	set_(f, GICD_ + VDISC_GIC_DIST_TARGET, 0x01010101);
	gicv2_up_(t, f, &c);
	assert_int_equal(c.target, 1);

	/* virtio_mmio@a000000: <GIC_SPI 16 IRQ_TYPE_EDGE_RISING> -> INTID 48, edge. */
	assert_string_equal(disk->irqs[0].controller, "/intc@8000000");
	assert_int_equal(vdisc_irq_line_of(&disk->irqs[0], &line, &flags), 0);
	assert_int_equal(line, 48);
	assert_int_equal(flags, VDISC_IRQ_EDGE);
	set_(f, GICD_ + VDISC_GIC_DIST_PRI + 48, 0x11223344);
	set_(f, GICD_ + VDISC_GIC_DIST_TARGET + 48, 0xaabbcc00);
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, line, flags), 0);
	off = find_write_(f, 0, GICD_ + VDISC_GIC_DIST_ENABLE_CLEAR + 4);
	on = find_write_(f, 0, GICD_ + VDISC_GIC_DIST_ENABLE_SET + 4);
	assert_int_equal(off, 0);
	assert_int_equal(on, (int)f->nlog - 1); /* configured while disabled, enabled last */
	assert_int_equal(f->log[off].value, 1u << 16);
	assert_int_equal(f->log[on].value, 1u << 16);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_PRI + 48), 0x112233a0);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_CONFIG + 12), 0x2);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_TARGET + 48), 0xaabbcc01);

	/* The virtual timer: <GIC_PPI 11 IRQ_TYPE_LEVEL_HIGH | cpu mask> -> INTID 27, level. */
	assert_int_equal(vdisc_irq_line_of(&timer->irqs[2], &line, &flags), 0);
	assert_int_equal(line, 27);
	assert_int_equal(flags, VDISC_IRQ_LEVEL);
	set_(f, GICD_ + VDISC_GIC_DIST_CONFIG + 4, 0xffffffff);
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, line, flags), 0);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_ENABLE_SET), 1u << 27);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_CONFIG + 4), ~(2u << 22));
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GIC_DIST_TARGET + 24), 0); /* banked */
	assert_int_equal(vdisc_irq_disable(&c, 27), 0);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GIC_DIST_ENABLE_CLEAR), 1u << 27);
	tree_free_(t);
	free(f);
}

static void test_gicv2_claim_complete(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv2.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	uint32_t line = 0;

	(void)state;
	gicv2_up_(t, f, &c);
	f->queue_addr = GICC_ + VDISC_GIC_CPU_INTACK;
	f->queue[0] = 48;
	f->queue[1] = VDISC_GICC_INT_SPURIOUS;
	f->queue[2] = 1020;
	f->queue[3] = 5 | 1u << 10; /* SGI 5 from CPU 1 */
	f->nqueue = 4;
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 1);
	assert_int_equal(line, 48);
	assert_int_equal(vdisc_irq_complete(&c, line), 0);
	assert_int_equal(f->nlog, 1);
	assert_int_equal(last_write_(f, GICC_ + VDISC_GIC_CPU_EOI), 48);
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0); /* 1023: spurious, no EOI */
	assert_int_equal(vdisc_irq_claim(&c, &line), 0); /* 1020 */
	assert_int_equal(f->nlog, 0);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0); /* the SGI: ended with its whole IAR */
	assert_int_equal(last_write_(f, GICC_ + VDISC_GIC_CPU_EOI), 5 | 1u << 10);

	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, 15, VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 288, VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 48, VDISC_IRQ_EDGE | VDISC_IRQ_ACTIVE_LOW),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_disable(&c, 1020), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_complete(&c, 1023), -VDISC_EINVAL);
	assert_int_equal(f->nlog, 0);
	tree_free_(t);
	free(f);
}

static void test_gicv2_refusals(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv2.dtb");
	struct fake_ *f = fake_new_();
	const struct vdisc_device *gic = dev_(t, "/intc@8000000");
	struct vdisc_device one = *gic;
	struct vdisc_irqchip c;

	(void)state;
	one.nregs = 1;
	assert_int_equal(vdisc_irqchip_gicv2_init(&c, &f->p, &one), -VDISC_EINVAL);
	f->p.mmio_read32 = NULL;
	assert_int_equal(vdisc_irqchip_gicv2_init(&c, &f->p, gic), -VDISC_ENOTSUP);
	assert_int_equal(f->nlog, 0);
	/* A GIC reporting more lines than exist is held to 1020. */
	f->p.mmio_read32 = rd32_;
	set_(f, GICD_ + VDISC_GIC_DIST_CTR, 0x1f);
	assert_int_equal(vdisc_irqchip_gicv2_init(&c, &f->p, gic), 0);
	assert_int_equal(c.nlines, 1020);
	assert_int_equal(c.target, 0); /* uniprocessor: ITARGETSR read zero, SPIs not retargeted */
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, 1019, VDISC_IRQ_LEVEL), 0);
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GIC_DIST_TARGET + 1016), 0);
	tree_free_(t);
	free(f);
}

/* ==== Arm GICv3 (QEMU aarch64 virt, gic-version=3: GICD 0x8000000, GICR 0x80a0000) ==== */

#define GICR_ 0x80a0000ull
#define GICR_SIZE_ 0xf60000ull
#define MPIDR_ (0x80000000ull | 0x2) /* RES1 bit 31, Aff0 2: the third CPU */

static void gicv3_fake_(struct fake_ *f)
{
	set_(f, GICD_ + VDISC_GICD_TYPER, 0x8);
	f->rd_region = GICR_;
	f->rd_size = GICR_SIZE_;
	f->rd_last = 3;
	f->sys[VDISC_SYSREG_MPIDR_EL1] = MPIDR_;
	f->sys[VDISC_SYSREG_ICC_CTLR_EL1] = VDISC_ICC_CTLR_EL1_EOImode_MASK | 0x400;
	/* Each frame asleep until woken. */
	for (uint64_t k = 0; k < 4; k++)
		set_(f, GICR_ + k * VDISC_GICR_FRAME_SIZE + VDISC_GICR_WAKER,
		     VDISC_GICR_WAKER_ProcessorSleep | VDISC_GICR_WAKER_ChildrenAsleep);
}

static const struct vdisc_device *gicv3_dev_(struct tree_ *t)
{
	return dev_(t, "/intc@8000000");
}

static void test_gicv3_init_finds_redistributor(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	uint64_t rd = GICR_ + 2 * VDISC_GICR_FRAME_SIZE, sgi = rd + VDISC_GICR_SGI_BASE;
	struct vdisc_irqchip c;
	int off, on, i;

	(void)state;
	gicv3_fake_(f);
	assert_int_equal(vdisc_irqchip_from_model(&c, &f->p, &t->model, gicv3_dev_(t), NULL, false),
			 0);
	assert_string_equal(c.ops->name, "gicv3");
	assert_string_equal(c.path, "/intc@8000000");
	assert_int_equal(c.base, GICD_);
	assert_int_equal(c.cpu_base, rd); /* frame 2 has affinity 0.0.0.2 */
	assert_int_equal(c.nlines, 288);
	assert_int_equal(c.target, 2); /* IROUTER: Aff0 2, mode "this PE" */

	/* Distributor: off, SPIs to group 1 and off, then ARE_NS | G1A | G1. */
	off = find_write_(f, 0, GICD_ + VDISC_GICD_CTLR);
	assert_int_equal(f->log[off].value, 0);
	on = find_write_(f, (unsigned)off + 1, GICD_ + VDISC_GICD_CTLR);
	assert_int_equal(f->log[on].value, VDISC_GICD_CTLR_ARE_NS | VDISC_GICD_CTLR_ENABLE_G1A |
						   VDISC_GICD_CTLR_ENABLE_G1);
	for (i = 1; i < 9; i++) {
		int w = find_write_(f, 0, GICD_ + VDISC_GICD_IGROUPR + i * 4);

		assert_true(w > off && w < on);
		assert_int_equal(f->log[w].value, 0xffffffffu);
		assert_int_equal(last_write_(f, GICD_ + VDISC_GICD_ICENABLER + i * 4), 0xffffffffu);
	}
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GICD_IGROUPR), 0); /* banked: via the GICR */
	/* Only our redistributor is woken and set up. */
	assert_int_equal(last_write_(f, rd + VDISC_GICR_WAKER), VDISC_GICR_WAKER_ChildrenAsleep);
	assert_int_equal(writes_to_(f, GICR_ + VDISC_GICR_WAKER), 0);
	assert_int_equal(last_write_(f, sgi + VDISC_GICR_IGROUPR0), 0xffffffffu);
	assert_int_equal(last_write_(f, sgi + VDISC_GICR_ICENABLER0), 0xffff0000u);
	/* CPU interface through the system registers. */
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_SRE_EL1)),
			 VDISC_ICC_SRE_EL1_SRE);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_PMR_EL1)), 0xf0);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_BPR1_EL1)), 0);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_CTLR_EL1)), 0x400);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_IGRPEN1_EL1)), 1);
	tree_free_(t);
	free(f);
}

static void test_gicv3_enable_claim_complete(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	uint64_t sgi = GICR_ + 2 * VDISC_GICR_FRAME_SIZE + VDISC_GICR_SGI_BASE;
	const struct vdisc_device *timer = dev_(t, "/timer");
	struct vdisc_irqchip c;
	uint32_t line = 0;
	unsigned flags = 0;
	int w;

	(void)state;
	gicv3_fake_(f);
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), 0);

	/* An SPI, with no 64-bit hook: IROUTER in two halves, low first. */
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, 48, VDISC_IRQ_EDGE), 0);
	assert_int_equal(f->log[0].addr, GICD_ + VDISC_GICD_ICENABLER + 4);
	assert_int_equal(f->log[0].value, 1u << 16);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GICD_IPRIORITYR + 48), 0xa0);
	assert_int_equal(last_write_(f, GICD_ + VDISC_GICD_ICFGR + 12), 0x2);
	w = find_write_(f, 0, GICD_ + VDISC_GICD_IROUTER + 48 * 8);
	assert_true(w > 0);
	assert_int_equal(f->log[w].value, 2);
	assert_int_equal(f->log[w + 1].addr, GICD_ + VDISC_GICD_IROUTER + 48 * 8 + 4);
	assert_int_equal(f->log[w + 1].value, 0);
	assert_int_equal(f->log[f->nlog - 1].addr, GICD_ + VDISC_GICD_ISENABLER + 4);
	/* With mmio_write64: one access. */
	f->p.mmio_write64 = wr64_;
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, 33, VDISC_IRQ_LEVEL), 0);
	w = find_write_(f, 0, GICD_ + VDISC_GICD_IROUTER + 33 * 8);
	assert_int_equal(f->log[w].width, 64);
	assert_int_equal(f->log[w].value, 2);
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GICD_IROUTER + 33 * 8 + 4), 0);

	/* The timer PPI goes to this CPU's SGI frame, not the distributor. */
	assert_int_equal(vdisc_irq_line_of(&timer->irqs[2], &line, &flags), 0);
	assert_int_equal(line, 27);
	clear_log_(f);
	assert_int_equal(vdisc_irq_enable(&c, line, flags), 0);
	assert_int_equal(last_write_(f, sgi + VDISC_GICR_ISENABLER0), 1u << 27);
	assert_int_equal(last_write_(f, sgi + VDISC_GICR_IPRIORITYR0 + 24), 0xa0u << 24);
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GICD_ISENABLER), 0);
	assert_int_equal(vdisc_irq_disable(&c, 27), 0);
	assert_int_equal(last_write_(f, sgi + VDISC_GICR_ICENABLER0), 1u << 27);

	/* claim/complete through IAR1/EOIR1; special and foreign ids. */
	f->queue_addr = 0;
	f->queue[0] = 48;
	f->queue[1] = 1023;
	f->queue[2] = 8192; /* an LPI */
	f->queue[3] = 3;    /* an SGI */
	f->nqueue = 4;
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 1);
	assert_int_equal(line, 48);
	assert_int_equal(vdisc_irq_complete(&c, 48), 0);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_EOIR1_EL1)), 48);
	clear_log_(f);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0);
	assert_int_equal(f->nlog, 0);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_EOIR1_EL1)), 8192);
	assert_int_equal(vdisc_irq_claim(&c, &line), 0);
	assert_int_equal(last_write_(f, SYSREG_LOG_(VDISC_SYSREG_ICC_EOIR1_EL1)), 3);
	assert_int_equal(vdisc_irq_complete(&c, 8192), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 288, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 7, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	tree_free_(t);
	free(f);
}

static void test_gicv3_redistributor_never_wakes(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;

	(void)state;
	gicv3_fake_(f);
	f->rd_never_wakes = true;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ETIMEDOUT);
	assert_null(c.ops); /* half up: refused by the wrappers */
	assert_int_equal(vdisc_irq_enable(&c, 48, VDISC_IRQ_LEVEL), -VDISC_EINVAL);
	/* About a second of the fake clock (1 ms a look), not an endless spin. */
	assert_true(f->now >= 1000000000ull && f->now < 1100000000ull);
	tree_free_(t);
	free(f);
}

static void test_gicv3_rwp_stuck(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;

	(void)state;
	gicv3_fake_(f);
	force_(f, GICD_ + VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ETIMEDOUT);
	/* Up, then the distributor stops finishing writes: disable (and enable) time out. */
	force_(f, GICD_ + VDISC_GICD_CTLR, 0);
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), 0);
	force_(f, GICD_ + VDISC_GICD_CTLR, VDISC_GICD_CTLR_RWP);
	assert_int_equal(vdisc_irq_disable(&c, 40), -VDISC_ETIMEDOUT);
	assert_int_equal(vdisc_irq_enable(&c, 40, VDISC_IRQ_LEVEL), -VDISC_ETIMEDOUT);
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GICD_ISENABLER + 4), 0);
	/* The redistributor's RWP is a different bit of a different register: PPIs still work. */
	assert_int_equal(vdisc_irq_enable(&c, 27, VDISC_IRQ_LEVEL), 0);
	tree_free_(t);
	free(f);
}

static void test_gicv3_no_redistributor_for_this_cpu(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	unsigned long reads;

	(void)state;
	gicv3_fake_(f);
	/* Frames 0..3 have affinities 0x10..0x13, frame 3 is Last: MPIDR 2 matches none. */
	f->rd_aff_base = 0x10;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTFOUND);
	assert_null(c.ops);
	assert_int_equal(writes_to_(f, GICD_ + VDISC_GICD_CTLR), 0); /* nothing touched */
	/* No Last bit anywhere: the walk stops at the region's end (0xf60000 / 128 KiB frames). */
	f->rd_last = -1;
	f->reads = 0;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTFOUND);
	reads = f->reads;
	assert_int_equal(reads, 3 * (GICR_SIZE_ / VDISC_GICR_FRAME_SIZE));
	/* Aff3 counts: MPIDR Aff3 1, Aff0 2 is GICR_TYPER affinity 0x01000002. */
	f->rd_aff_base = 0x01000000;
	f->rd_last = 3;
	f->sys[VDISC_SYSREG_MPIDR_EL1] = 1ull << 32 | 2;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), 0);
	assert_int_equal(c.cpu_base, GICR_ + 2 * VDISC_GICR_FRAME_SIZE);
	assert_int_equal(c.target, 1ull << 32 | 2);
	tree_free_(t);
	free(f);
}

static void test_gicv3_refusals(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv3-pcie.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;

	(void)state;
	gicv3_fake_(f);
	f->p.sysreg_write = NULL;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTSUP);
	f->p.sysreg_write = syswr_;
	f->p.now_ns = NULL;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTSUP);
	f->p.now_ns = now_;
	assert_int_equal(f->nlog, 0);
	/* SRE will not set: the system register interface is off at a higher EL. */
	f->sre_stuck = true;
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTSUP);
	/* A frame that is no GICv3/v4 redistributor ends the search. */
	f->sre_stuck = false;
	set_(f, GICR_ + VDISC_GICR_FRAME_SIZE + VDISC_GICR_PIDR2, 0x2b);
	assert_int_equal(vdisc_irqchip_gicv3_init(&c, &f->p, gicv3_dev_(t)), -VDISC_ENOTFOUND);
	tree_free_(t);
	free(f);
}

/* ==== x86 local APIC and I/O APIC ==== */

#define LAPIC_ 0xfee00000ull
#define IOAPIC_ 0xfec00000ull

static void lapic_up_(struct fake_ *f, struct vdisc_irqchip *lapic)
{
	set_(f, LAPIC_ + VDISC_APIC_LVR, 0x00050014); /* QEMU's: version 0x14, 6 LVT entries */
	set_(f, LAPIC_ + VDISC_APIC_ID, 0x03000000);
	set_(f, LAPIC_ + VDISC_APIC_SPIV, 0x10ff); /* reset value + directed EOI left on */
	set_(f, LAPIC_ + VDISC_APIC_TASKPRI, 0x20);
	assert_int_equal(vdisc_irqchip_lapic_init(lapic, &f->p, LAPIC_), 0);
}

static void test_lapic(void **state)
{
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c;
	uint64_t addr = 0;
	uint32_t data = 0, line;

	(void)state;
	lapic_up_(f, &c);
	assert_string_equal(c.ops->name, "lapic");
	assert_int_equal(c.id, 3);
	assert_int_equal(c.version, 0x14);
	assert_int_equal(last_write_(f, LAPIC_ + VDISC_APIC_TASKPRI), 0);
	assert_int_equal(last_write_(f, LAPIC_ + VDISC_APIC_SPIV), 0x1ff);
	clear_log_(f);
	assert_int_equal(vdisc_irq_complete(&c, 0x41), 0);
	assert_int_equal(f->nlog, 1);
	assert_int_equal(last_write_(f, LAPIC_ + VDISC_APIC_EOI), 0);
	assert_int_equal(vdisc_irq_complete(&c, 0x1f), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_complete(&c, 0xff), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_claim(&c, &line), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irq_enable(&c, 0x41, VDISC_IRQ_EDGE), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irq_disable(&c, 0x41), -VDISC_ENOTSUP);

	assert_int_equal(vdisc_irqchip_msi_message(&c, 0x41, &addr, &data), 0);
	assert_int_equal(addr, 0xfee03000ull);
	assert_int_equal(data, 0x41);
	assert_int_equal(vdisc_irqchip_msi_message(&c, 0x1f, &addr, &data), -VDISC_EINVAL);
	assert_int_equal(vdisc_irqchip_msi_message(&c, 0xff, &addr, &data), -VDISC_EINVAL);
	assert_int_equal(vdisc_irqchip_msi_message(NULL, 0x41, &addr, &data), -VDISC_EINVAL);

	/* Nothing at the address: all ones. */
	set_(f, LAPIC_ + VDISC_APIC_LVR, 0xffffffff);
	assert_int_equal(vdisc_irqchip_lapic_init(&c, &f->p, LAPIC_), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_irqchip_msi_message(&c, 0x41, &addr, &data), -VDISC_EINVAL);
	free(f);
}

static void test_ioapic(void **state)
{
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip lapic, c;
	uint32_t pin;

	(void)state;
	lapic_up_(f, &lapic);
	f->ioapic = IOAPIC_;
	f->ioregs[VDISC_IO_APIC_REG_VERSION] = 0x00170020; /* QEMU: 24 pins, version 0x20 */
	for (pin = 0; pin < 24; pin++)
		f->ioregs[0x10 + 2 * pin] = 0x30 + pin; /* unmasked leftovers */
	assert_int_equal(vdisc_irqchip_ioapic_init(&c, &f->p, IOAPIC_, &lapic, 0x30), 0);
	assert_string_equal(c.ops->name, "ioapic");
	assert_int_equal(c.nlines, 24);
	assert_int_equal(c.version, 0x20);
	for (pin = 0; pin < 24; pin++)
		assert_int_equal(f->ioregs[0x10 + 2 * pin],
				 (0x30 + pin) | VDISC_IO_APIC_REDIR_MASKED);

	/* Pin 5, level low (a PCI-style line) -> vector 0x35 at APIC 3; it was live before. */
	f->ioregs[0x1a] = 0x99;
	assert_int_equal(vdisc_irq_enable(&c, 5, VDISC_IRQ_LEVEL | VDISC_IRQ_ACTIVE_LOW), 0);
	assert_int_equal(f->ioregs[0x1b], 3u << 24);
	assert_true(f->low_at_high_write[0x1b] & VDISC_IO_APIC_REDIR_MASKED);
	assert_int_equal(f->ioregs[0x1a],
			 0x35 | VDISC_IO_APIC_REDIR_LEVEL_TRIGGER | VDISC_IO_APIC_REDIR_ACTIVE_LOW);
	/* Edge, active high (virtio-mmio on microvm): pin 16 -> 0x40. */
	assert_int_equal(vdisc_irq_enable(&c, 16, VDISC_IRQ_EDGE), 0);
	assert_int_equal(f->ioregs[0x30], 0x40);
	assert_int_equal(vdisc_irq_disable(&c, 5), 0);
	assert_int_equal(f->ioregs[0x1a], 0x35 | VDISC_IO_APIC_REDIR_LEVEL_TRIGGER |
						  VDISC_IO_APIC_REDIR_ACTIVE_LOW |
						  VDISC_IO_APIC_REDIR_MASKED);
	/* complete: the local APIC's EOI, nothing written to the I/O APIC. */
	clear_log_(f);
	assert_int_equal(vdisc_irq_complete(&c, 5), 0);
	assert_int_equal(f->nlog, 1);
	assert_int_equal(f->log[0].addr, LAPIC_ + VDISC_APIC_EOI);
	assert_int_equal(vdisc_irq_claim(&c, &pin), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irq_enable(&c, 24, VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_complete(&c, 24), -VDISC_EINVAL);
	assert_int_equal(f->irq_depth, 0);
	assert_true(f->irq_max_depth >= 1);

	/* Vectors must stay below the spurious 0xff: from 0xf0 only 15 pins, all 24 masked. */
	f->ioregs[0x10 + 2 * 23] = 0;
	assert_int_equal(vdisc_irqchip_ioapic_init(&c, &f->p, IOAPIC_, &lapic, 0xf0), 0);
	assert_int_equal(c.nlines, 15);
	assert_int_equal(f->ioregs[0x10 + 2 * 23], VDISC_IO_APIC_REDIR_MASKED);
	assert_int_equal(vdisc_irq_enable(&c, 15, VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irqchip_ioapic_init(&c, &f->p, IOAPIC_, &lapic, 0x1f),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_irqchip_ioapic_init(&c, &f->p, IOAPIC_, &c, 0x30), -VDISC_EINVAL);
	f->ioregs[VDISC_IO_APIC_REG_VERSION] = 0xffffffff;
	assert_int_equal(vdisc_irqchip_ioapic_init(&c, &f->p, IOAPIC_, &lapic, 0x30),
			 -VDISC_ENOTFOUND);
	free(f);
}

/* ==== the wrappers and the model helper ==== */

static int dummy_complete_(struct vdisc_irqchip *c, uint32_t line)
{
	(void)c;
	return (int)line;
}

static void test_wrappers_and_line_of(void **state)
{
	static const struct vdisc_irqchip_ops only_complete = {.name = "x",
							       .complete = dummy_complete_};
	struct fake_ *f = fake_new_();
	struct vdisc_irqchip c = {.ops = &only_complete, .platform = &f->p};
	struct vdisc_irq irq = {.controller = "/intc", .ncells = 3, .has_line = true, .line = 40};
	uint32_t line;
	unsigned flags;

	(void)state;
	assert_int_equal(vdisc_irq_enable(NULL, 1, VDISC_IRQ_EDGE), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_disable(NULL, 1), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_claim(NULL, &line), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_complete(NULL, 1), -VDISC_EINVAL);
	assert_int_equal(vdisc_irq_enable(&c, 1, VDISC_IRQ_EDGE), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irq_claim(&c, &line), -VDISC_ENOTSUP);
	assert_int_equal(vdisc_irq_complete(&c, 7), 7);
	c.ops = NULL;
	assert_int_equal(vdisc_irq_complete(&c, 7), -VDISC_EINVAL);

	irq.cells[2] = 8; /* IRQ_TYPE_LEVEL_LOW */
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), 0);
	assert_int_equal(line, 40);
	assert_int_equal(flags, VDISC_IRQ_LEVEL | VDISC_IRQ_ACTIVE_LOW);
	irq.cells[2] = 2;
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), 0);
	assert_int_equal(flags, VDISC_IRQ_EDGE | VDISC_IRQ_ACTIVE_LOW);
	irq.cells[2] = 0xf00; /* a cpu mask, no type: the GIC's reset level */
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), 0);
	assert_int_equal(flags, VDISC_IRQ_LEVEL);
	irq.cells[2] = 3; /* both edges */
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), -VDISC_ENOTSUP);
	irq.ncells = 2;
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), -VDISC_ENOTSUP);
	irq.ncells = 1;
	irq.has_line = false;
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), -VDISC_ENOTFOUND);
	irq.has_line = true;
	irq.error = -VDISC_EBADPHANDLE;
	assert_int_equal(vdisc_irq_line_of(&irq, &line, &flags), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_irq_line_of(NULL, &line, &flags), -VDISC_EINVAL);
	free(f);
}

/* ==== the registry driver ==== */

struct disk_ctx_ {
	struct vdisc_registry *reg;
	struct vdisc_irqchip *chip;
	uint32_t line;
};

/* A device driver whose probe asks the registry for its interrupt's controller. */
static int disk_probe_(struct vdisc_bus_device *bdev, const struct vdisc_match *m, void *ctx)
{
	struct disk_ctx_ *d = ctx;
	const struct vdisc_irq *irq = &bdev->dev->irqs[0];
	unsigned flags;
	int err;

	(void)m;
	d->chip = vdisc_registry_irqchip(d->reg, irq->controller);
	if (!d->chip)
		return -VDISC_ENOTFOUND;
	err = vdisc_irq_line_of(irq, &d->line, &flags);
	return err ? err : vdisc_irq_enable(d->chip, d->line, flags);
}

/*
 * Every device with a compatible, interrupt controllers first: the rule the
 * registry binding documents (a device's probe looks its controller up).
 */
static void add_all_(struct vdisc_registry *reg, struct tree_ *t, struct vdisc_bus_device *bdevs,
		     unsigned max)
{
	const struct vdisc_device *d;
	unsigned n = 0, pass;

	for (pass = 0; pass < 2; pass++) {
		for (d = t->model.devices; d; d = d->next) {
			bool ctl = d->dt.flags & VDISC_DEV_INTERRUPT_CONTROLLER;

			if (d->bus != VDISC_BUS_DT || !d->dt.compatible.count || ctl != (pass == 0))
				continue;
			assert_true(n < max);
			assert_int_equal(vdisc_bus_device_from_model(&bdevs[n], d), 0);
			assert_true(vdisc_registry_add_device(reg, &bdevs[n]) >= 0);
			n++;
		}
	}
}

static void test_registry_binds_controllers_first(void **state)
{
	static const struct vdisc_match disk_ids[] = {{VDISC_MATCH_COMPATIBLE("virtio,mmio")}, {0}};
	struct tree_ *t = tree_load_("riscv64-virt.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_bus_device *bdevs = calloc(128, sizeof(*bdevs));
	struct vdisc_irqchip chips[2];
	struct vdisc_irqchip_pool pool = {.chips = chips,
					  .count = 2,
					  .platform = &f->p,
					  .model = &t->model,
					  .supervisor = true};
	struct vdisc_registry reg;
	struct vdisc_driver irqd, disk;
	struct disk_ctx_ dc = {.reg = &reg};
	struct vdisc_irqchip *chip;

	(void)state;
	assert_non_null(bdevs);
	assert_int_equal(vdisc_irq_hart_intc(&t->model, 0, &pool.hart_intc_path), 0);
	vdisc_registry_init(&reg);
	vdisc_irqchip_driver_init(&irqd, &pool);
	assert_int_equal(vdisc_registry_add_driver(&reg, &irqd), 0);
	disk = (struct vdisc_driver){
		.name = "disk", .matches = disk_ids, .probe = disk_probe_, .ctx = &dc};
	assert_int_equal(vdisc_registry_add_driver(&reg, &disk), 0);
	add_all_(&reg, t, bdevs, 128);

	/* One PLIC bound (the clint and the harts' controllers are not ours). */
	assert_int_equal(pool.used, 1);
	chip = vdisc_registry_irqchip(&reg, "/soc/plic@c000000");
	assert_non_null(chip);
	assert_ptr_equal(chip, &chips[0]);
	assert_string_equal(chip->ops->name, "plic");
	assert_int_equal(chip->context, 1);
	assert_null(vdisc_registry_irqchip(&reg, "/soc/clint@2000000"));
	assert_null(vdisc_registry_irqchip(&reg, NULL));
	/* The disks' probes found it and enabled their lines (1..8) in context 1. */
	assert_ptr_equal(dc.chip, chip);
	assert_int_equal(get_(f, PLIC_EN_(1)) & 0x1fe, 0x1fe);

	/* Removing the controller frees its chip. */
	for (unsigned i = 0; i < 128; i++) {
		if (bdevs[i].driver == &irqd) {
			assert_int_equal(vdisc_registry_remove_device(&reg, &bdevs[i]), 0);
			break;
		}
	}
	assert_int_equal(pool.used, 0);
	assert_null(chips[0].ops);
	assert_null(vdisc_registry_irqchip(&reg, "/soc/plic@c000000"));
	free(bdevs);
	tree_free_(t);
	free(f);
}

static void test_registry_pool_full_and_probe_errors(void **state)
{
	struct tree_ *t = tree_load_("aarch64-virt-gicv2.dtb");
	struct fake_ *f = fake_new_();
	struct vdisc_bus_device *bdevs = calloc(128, sizeof(*bdevs));
	struct vdisc_irqchip_pool pool = {.platform = &f->p, .model = &t->model};
	struct vdisc_registry reg;
	struct vdisc_driver irqd;
	struct vdisc_bus_device gic;
	struct vdisc_device broken;
	struct vdisc_irqchip one;

	(void)state;
	assert_non_null(bdevs);
	vdisc_registry_init(&reg);
	vdisc_irqchip_driver_init(&irqd, &pool); /* an empty pool */
	assert_int_equal(vdisc_registry_add_driver(&reg, &irqd), 0);
	assert_int_equal(vdisc_bus_device_from_model(&gic, dev_(t, "/intc@8000000")), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &gic), 0);
	assert_null(gic.driver);
	assert_int_equal(gic.probe_error, -VDISC_ENOMEM);

	/* A disabled controller is declined, not an error. */
	pool.chips = &one;
	pool.count = 1;
	vdisc_registry_init(&reg);
	vdisc_irqchip_driver_init(&irqd, &pool);
	assert_int_equal(vdisc_registry_add_driver(&reg, &irqd), 0);
	broken = *dev_(t, "/intc@8000000");
	broken.dt.status = "disabled";
	assert_int_equal(vdisc_bus_device_from_model(&gic, &broken), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &gic), 0);
	assert_null(gic.driver);
	assert_int_equal(gic.probe_error, 0);
	/* An init failure (one reg entry: no CPU interface) is kept, and the slot stays free. */
	broken.dt.status = "okay";
	broken.nregs = 1;
	assert_int_equal(vdisc_bus_device_from_model(&bdevs[0], &broken), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &bdevs[0]), 0);
	assert_int_equal(bdevs[0].probe_error, -VDISC_EINVAL);
	assert_null(one.ops);
	assert_int_equal(pool.used, 0);
	/* A platform without MMIO declines (-VDISC_ENOTSUP), as the registry's rules say. */
	f->p.mmio_read32 = NULL;
	assert_int_equal(vdisc_bus_device_from_model(&bdevs[2], dev_(t, "/intc@8000000")), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &bdevs[2]), 0);
	assert_int_equal(bdevs[2].probe_error, 0);
	assert_null(bdevs[2].driver);
	/* With MMIO the GICv2 binds. */
	f->p.mmio_read32 = rd32_;
	assert_int_equal(vdisc_bus_device_from_model(&bdevs[1], dev_(t, "/intc@8000000")), 0);
	assert_int_equal(vdisc_registry_add_device(&reg, &bdevs[1]), 1);
	assert_ptr_equal(vdisc_registry_irqchip(&reg, "/intc@8000000"), &one);
	assert_string_equal(one.ops->name, "gicv2");
	free(bdevs);
	tree_free_(t);
	free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plic_context_from_qemu_tree),
		cmocka_unit_test(test_plic_init_writes),
		cmocka_unit_test(test_plic_enable_claim_complete),
		cmocka_unit_test(test_plic_bad_lines_and_flags),
		cmocka_unit_test(test_plic_refusals),
		cmocka_unit_test(test_gicv2_init_writes),
		cmocka_unit_test(test_gicv2_enable_spi_and_ppi),
		cmocka_unit_test(test_gicv2_claim_complete),
		cmocka_unit_test(test_gicv2_refusals),
		cmocka_unit_test(test_gicv3_init_finds_redistributor),
		cmocka_unit_test(test_gicv3_enable_claim_complete),
		cmocka_unit_test(test_gicv3_redistributor_never_wakes),
		cmocka_unit_test(test_gicv3_rwp_stuck),
		cmocka_unit_test(test_gicv3_no_redistributor_for_this_cpu),
		cmocka_unit_test(test_gicv3_refusals),
		cmocka_unit_test(test_lapic),
		cmocka_unit_test(test_ioapic),
		cmocka_unit_test(test_wrappers_and_line_of),
		cmocka_unit_test(test_registry_binds_controllers_first),
		cmocka_unit_test(test_registry_pool_full_and_probe_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
