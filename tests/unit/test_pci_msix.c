/* SPDX-License-Identifier: MIT */
/*
 * MSI-X programming (src/pci/msix.c) on a fake function: configuration space
 * from fake_pci.c, the table in a BAR backed by an array, every access of
 * both put in one ordered log.  Checked: the entries' address, data and
 * masks (unused entries masked, steering-tag bits kept), the order (enabled
 * and function-masked before the first table write, unmasked after the
 * last), INTx disabled, Message Control read back, every refusal (no
 * capability, too many vectors, a table outside its BAR or in an I/O BAR,
 * no write hook), and disable giving INTx back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>

#include "fake_pci.h"

#define CAP 0x50u
#define TABLE_BAR 1u
#define TABLE_OFF 0x800u
#define BAR_SIZE 0x1000u
#define BAR_CPU 0x7f000000ull
#define ENTRIES 8u
#define LOG_MAX 512u

struct event {
	bool mmio, write;
	uint32_t off; /* config offset, or MMIO offset in the BAR */
	uint32_t value;
};

struct env {
	struct fake_pci *f;
	struct fake_pci_fn *d;
	struct vdisc_pci_ops fake_ops, ops;
	struct vdisc_platform p;
	uint8_t bar[BAR_SIZE];
	struct event log[LOG_MAX];
	unsigned nlog;
	uint8_t snap[256];
	uint8_t arena_buf[8192];
	struct vdisc_arena arena;
	struct vdisc_pci_function fn;
	bool ignore_msix_writes; /* a function whose Message Control never changes */
};

static void note(struct env *e, bool mmio, bool write, uint32_t off, uint32_t value)
{
	if (e->nlog < LOG_MAX)
		e->log[e->nlog++] = (struct event){mmio, write, off, value};
}

static int ops_read(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned w, uint32_t *v)
{
	struct env *e = ctx;
	int r = e->fake_ops.read(e->fake_ops.ctx, a, off, w, v);

	note(e, false, false, off, *v);
	return r;
}

static int ops_write(void *ctx, struct vdisc_pci_addr a, uint16_t off, unsigned w, uint32_t v)
{
	struct env *e = ctx;

	note(e, false, true, off, v);
	if (e->ignore_msix_writes && off == CAP + VDISC_PCI_MSIX_FLAGS)
		return 0;
	return e->fake_ops.write(e->fake_ops.ctx, a, off, w, v);
}

static uint32_t bar_off(uint64_t addr)
{
	assert_true(addr >= BAR_CPU && addr + 4 <= BAR_CPU + BAR_SIZE);
	assert_int_equal(addr % 4, 0);
	return (uint32_t)(addr - BAR_CPU);
}

static uint32_t mmio_rd32(void *ctx, uint64_t addr)
{
	struct env *e = ctx;
	uint32_t off = bar_off(addr), v;

	memcpy(&v, e->bar + off, 4);
	note(e, true, false, off, v);
	return v;
}

static void mmio_wr32(void *ctx, uint64_t addr, uint32_t v)
{
	struct env *e = ctx;
	uint32_t off = bar_off(addr);

	memcpy(e->bar + off, &v, 4);
	note(e, true, true, off, v);
}

static uint32_t entry(const struct env *e, unsigned i, unsigned field)
{
	uint32_t v;

	memcpy(&v, e->bar + TABLE_OFF + i * 16 + field, 4);
	return v;
}

/* A function with an MSI-X capability of @size entries in BAR @bar at @off. */
static struct env *env_new(uint16_t size, unsigned bar, uint32_t off, bool io_bar)
{
	struct env *e = calloc(1, sizeof(*e));
	unsigned i;

	e->f = fake_pci_new();
	e->d = fake_pci_add(e->f, FAKE_ADDR(0, 0, 4, 0), 0x1af4, 0x1042, 0x010000, 0);
	if (io_bar)
		fake_pci_bar_io(e->d, bar, 0xc000, BAR_SIZE, true);
	else
		fake_pci_bar_mem32(e->d, bar, 0xfe000000, BAR_SIZE, false);
	fake_pci_add_cap(e->d, CAP, VDISC_PCI_CAP_ID_MSIX);
	fake_pci_set16(e->d, CAP + VDISC_PCI_MSIX_FLAGS, (uint16_t)(size - 1u));
	fake_pci_set32(e->d, CAP + VDISC_PCI_MSIX_TABLE, off | bar);
	fake_pci_set32(e->d, CAP + VDISC_PCI_MSIX_PBA, 0xc00u | bar);
	/* Message Control: only Enable and Function Mask are writable. */
	fake_pci_set_wmask(e->d, CAP, 0xc0000000u);
	fake_pci_ops(e->f, FAKE_PCI_WRITE, &e->fake_ops);
	e->ops = (struct vdisc_pci_ops){
		.name = "log", .read = ops_read, .write = ops_write, .ctx = e};
	e->p = (struct vdisc_platform){
		.ctx = e, .mmio_read32 = mmio_rd32, .mmio_write32 = mmio_wr32};
	memcpy(e->snap, e->d->cfg, sizeof(e->snap));
	vdisc_arena_init(&e->arena, e->arena_buf, sizeof(e->arena_buf));
	assert_int_equal(vdisc_pci_decode(e->snap, sizeof(e->snap), e->d->addr, &e->arena, &e->fn),
			 0);
	for (i = 0; i < e->fn.nbars; i++) {
		e->fn.bars[i].has_size = true;
		e->fn.bars[i].size = BAR_SIZE;
	}
	/* Entries as a device resets them: masked; one steering tag the driver must keep. */
	for (i = 0; i < BAR_SIZE / 16; i++)
		e->bar[i * 16 + 12] = 1;
	e->bar[TABLE_OFF + 16 + 14] = 0x5a;
	return e;
}

static void env_free(struct env *e)
{
	fake_pci_free(e->f);
	free(e);
}

static int first(const struct env *e, bool mmio, bool write, int off)
{
	unsigned i;

	for (i = 0; i < e->nlog; i++)
		if (e->log[i].mmio == mmio && e->log[i].write == write &&
		    (off < 0 || e->log[i].off == (uint32_t)off))
			return (int)i;
	return -1;
}

static int last(const struct env *e, bool mmio, bool write, int off)
{
	unsigned i;

	for (i = e->nlog; i-- > 0;)
		if (e->log[i].mmio == mmio && e->log[i].write == write &&
		    (off < 0 || e->log[i].off == (uint32_t)off))
			return (int)i;
	return -1;
}

static const uint64_t addrs[3] = {0xfee00000ull, 0xfee01000ull, 0x1234fee02000ull};
static const uint32_t datas[3] = {0x4041, 0x4042, 0x4043};

static void test_enable(void **state)
{
	struct env *e = env_new(ENTRIES, TABLE_BAR, TABLE_OFF, false);
	uint16_t mc = CAP + VDISC_PCI_MSIX_FLAGS;
	int mc_on, mc_unmask, t_first, t_last;
	unsigned i;

	(void)state;
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 3),
			 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(entry(e, i, 0), (uint32_t)addrs[i]);
		assert_int_equal(entry(e, i, 4), (uint32_t)(addrs[i] >> 32));
		assert_int_equal(entry(e, i, 8), datas[i]);
		assert_int_equal(entry(e, i, 12) & 1u, 0); /* unmasked */
	}
	assert_int_equal(entry(e, 1, 12), 0x005a0000u); /* the steering tag kept */
	for (i = 3; i < ENTRIES; i++)
		assert_int_equal(entry(e, i, 12) & 1u, 1); /* unused: masked */
	/* Message Control: Enable with Function Mask before the table, unmasked after it. */
	mc_on = first(e, false, true, mc);
	mc_unmask = last(e, false, true, mc);
	t_first = first(e, true, true, -1);
	t_last = last(e, true, true, -1);
	assert_true(mc_on >= 0 && t_first > mc_on && mc_unmask > t_last);
	assert_int_equal(e->log[mc_on].value & 0xc000u, 0xc000u);
	assert_int_equal(e->log[mc_unmask].value & 0xc000u, 0x8000u);
	assert_int_equal(fake_pci_get16(e->d, mc) & 0xc000u, 0x8000u);
	assert_int_equal(fake_pci_get16(e->d, VDISC_PCI_COMMAND) & VDISC_PCI_COMMAND_INTX_DISABLE,
			 VDISC_PCI_COMMAND_INTX_DISABLE);
	/* and off again: all masked, disabled, INTx back */
	assert_int_equal(vdisc_pci_msix_disable(&e->ops, &e->fn, &e->p, BAR_CPU), 0);
	for (i = 0; i < ENTRIES; i++)
		assert_int_equal(entry(e, i, 12) & 1u, 1);
	assert_int_equal(fake_pci_get16(e->d, mc) & 0xc000u, 0);
	assert_int_equal(fake_pci_get16(e->d, VDISC_PCI_COMMAND) & VDISC_PCI_COMMAND_INTX_DISABLE,
			 0);
	env_free(e);
}

static void test_refusals(void **state)
{
	struct env *e = env_new(2, TABLE_BAR, TABLE_OFF, false);
	struct vdisc_pci_ops ro;

	(void)state;
	/* more vectors than entries; nothing written */
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 3),
			 -VDISC_ERANGE);
	assert_int_equal(first(e, false, true, -1), -1);
	assert_int_equal(first(e, true, true, -1), -1);
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 0),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, 0, addrs, datas, 1),
			 -VDISC_EINVAL);
	assert_int_equal(
		vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, UINT64_MAX - 16, addrs, datas, 1),
		-VDISC_EINVAL);
	assert_int_equal(vdisc_pci_msix_enable(NULL, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, NULL, datas, 1),
			 -VDISC_EINVAL);
	ro = e->ops;
	ro.write = NULL;
	assert_int_equal(vdisc_pci_msix_enable(&ro, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_ENOTSUP);
	/* an unsized BAR cannot be trusted to hold the table */
	e->fn.bars[0].has_size = false;
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_EINVAL);
	assert_int_equal(first(e, false, true, -1), -1);
	env_free(e);
	/* a table running past its BAR's end: 8 entries at 0xf90 of a 4 KiB BAR */
	e = env_new(8, TABLE_BAR, 0xf90, false);
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_EINVAL);
	env_free(e);
	/* a table in an I/O BAR */
	e = env_new(8, TABLE_BAR, TABLE_OFF, true);
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_EINVAL);
	env_free(e);
	/* a table in a BAR that does not exist */
	e = env_new(8, TABLE_BAR, TABLE_OFF, false);
	fake_pci_set32(e->d, CAP + VDISC_PCI_MSIX_TABLE, TABLE_OFF | 3u);
	memcpy(e->snap, e->d->cfg, sizeof(e->snap));
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_EINVAL);
	env_free(e);
}

static void test_no_capability(void **state)
{
	struct env *e = env_new(8, TABLE_BAR, TABLE_OFF, false);

	(void)state;
	e->fn.caps = NULL;
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 1),
			 -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_pci_msix_disable(&e->ops, &e->fn, &e->p, BAR_CPU), -VDISC_ENOTFOUND);
	env_free(e);
}

/* A function whose Message Control ignores writes: MSI-X never came on. */
static void test_enable_not_kept(void **state)
{
	struct env *e = env_new(8, TABLE_BAR, TABLE_OFF, false);

	(void)state;
	e->ignore_msix_writes = true;
	assert_int_equal(vdisc_pci_msix_enable(&e->ops, &e->fn, &e->p, BAR_CPU, addrs, datas, 2),
			 -VDISC_EIO);
	env_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enable),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_no_capability),
		cmocka_unit_test(test_enable_not_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
