/* SPDX-License-Identifier: MIT */
/*
 * The link group's extended-capability decoders (LTR, Secondary PCI Express,
 * L1 PM Substates, PTM, DPC, DOE, VSEC, Resizable BAR, DVSEC and CXL) on
 * hand-built 4096-byte snapshots: field values, reserved encodings, and
 * capabilities cut by the end of the space.  Offsets come from the kernel's
 * <linux/pci_regs.h> where it has them and from the specifications' tables
 * (PCI Express Base 6.0, CXL 3.0) where it does not.  Each snapshot is decoded
 * from a heap copy of exactly its size, so a read past it is an
 * AddressSanitizer report, not a silent pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <linux/pci_regs.h>
#include <vdisc/vdisc.h>

#define ARENA_SIZE_ (64u * 1024u)
#define SPACE_ 4096u
#define CXL_VENDOR_ 0x1e98

struct env_ {
	uint8_t img[SPACE_];
	uint8_t *exact;
	unsigned last; /* the last extended capability placed, to link the next */
	struct vdisc_pci_function fn;
	struct vdisc_arena arena;
	_Alignas(16) unsigned char buf[ARENA_SIZE_];
};

static int setup(void **state)
{
	struct env_ *e = calloc(1, sizeof(*e));

	*state = e;
	return e ? 0 : -1;
}

static int teardown(void **state)
{
	struct env_ *e = *state;

	free(e->exact);
	free(e);
	return 0;
}

static void put16_(struct env_ *e, unsigned off, uint16_t v)
{
	assert_true(off + 2 <= SPACE_);
	e->img[off] = (uint8_t)v;
	e->img[off + 1] = (uint8_t)(v >> 8);
}

static void put32_(struct env_ *e, unsigned off, uint32_t v)
{
	put16_(e, off, (uint16_t)v);
	put16_(e, off + 2, (uint16_t)(v >> 16));
}

/* An endpoint with a PCI Express capability at 0x40 whose link is at most @width lanes. */
static void snap_(struct env_ *e, unsigned width)
{
	memset(e->img, 0, sizeof(e->img));
	e->last = 0;
	put16_(e, PCI_VENDOR_ID, 0x1af4);
	put16_(e, PCI_DEVICE_ID, 0x10f0);
	put16_(e, PCI_STATUS, PCI_STATUS_CAP_LIST);
	e->img[PCI_CAPABILITY_LIST] = 0x40;
	e->img[0x40] = PCI_CAP_ID_EXP;
	put16_(e, 0x40 + PCI_EXP_FLAGS, 2 | PCI_EXP_TYPE_ENDPOINT << 4);
	put32_(e, 0x40 + PCI_EXP_LNKCAP, PCI_EXP_LNKCAP_SLS_16_0GB | width << 4);
}

static void ecap_(struct env_ *e, unsigned off, uint16_t id)
{
	if (e->last)
		put32_(e, e->last,
		       (uint32_t)e->img[e->last] | (uint32_t)e->img[e->last + 1] << 8 | 1u << 16 |
			       (uint32_t)off << 20);
	put32_(e, off, (uint32_t)id | 1u << 16);
	e->last = off;
}

static void dvsec_(struct env_ *e, unsigned off, uint16_t vendor, uint16_t id, uint8_t rev,
		   uint16_t len)
{
	ecap_(e, off, PCI_EXT_CAP_ID_DVSEC);
	put32_(e, off + PCI_DVSEC_HEADER1, vendor | (uint32_t)rev << 16 | (uint32_t)len << 20);
	put16_(e, off + PCI_DVSEC_HEADER2, id);
}

static const struct vdisc_pci_cap *decode_(struct env_ *e, unsigned at)
{
	struct vdisc_pci_addr addr = {0, 0, 1, 0};
	const struct vdisc_pci_cap *cap;

	free(e->exact);
	e->exact = malloc(SPACE_);
	assert_non_null(e->exact);
	memcpy(e->exact, e->img, SPACE_);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	assert_int_equal(vdisc_pci_decode(e->exact, SPACE_, addr, &e->arena, &e->fn), 0);
	for (cap = e->fn.ecaps; cap; cap = cap->next)
		if (cap->offset == at)
			return cap;
	fail_msg("no extended capability at 0x%x", at);
	return NULL;
}

static void test_ltr(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ltr l;
	const struct vdisc_pci_cap *cap;

	snap_(e, 4);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR);
	put16_(e, 0x100 + PCI_LTR_MAX_SNOOP_LAT, 3 << PCI_LTR_SCALE_SHIFT | 0x123);
	put16_(e, 0x100 + PCI_LTR_MAX_NOSNOOP_LAT, 7 << PCI_LTR_SCALE_SHIFT | 0x3ff);
	cap = decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_ltr(&e->fn, cap, &l), 0);
	assert_int_equal(l.max_snoop.value, 0x123);
	assert_int_equal(l.max_snoop.scale, 3);
	assert_true(l.max_snoop.ns == 0x123ull * 32768);
	/* Scale 7 is not permitted; the arithmetic still says what the field holds. */
	assert_int_equal(l.max_nosnoop.scale, 7);
	assert_true(l.max_nosnoop.ns == 0x3ffull << 35);
	assert_int_equal(vdisc_pci_decode_ptm(&e->fn, cap, &(struct vdisc_pci_ptm){0}),
			 -VDISC_EINVAL);
}

static void test_secpci_lanes(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_secpci s;
	const struct vdisc_pci_cap *cap;
	unsigned i;

	snap_(e, 4);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_SECPCI);
	put32_(e, 0x104, 0x3);	      /* Link Control 3: perform equalization, interrupt */
	put32_(e, 0x108, 0x80010005); /* lanes 0, 2, 16 and 31 */
	for (i = 0; i < 5; i++)
		put16_(e, 0x10c + 2 * i, (uint16_t)(0x1111 * (i + 1)));
	cap = decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_secpci(&e->fn, cap, &s), 0);
	assert_int_equal(s.lnkctl3 & VDISC_PCI_SECPCI_LNKCTL3_PERFORM_EQ, 1);
	assert_int_equal(s.lnkctl3 & VDISC_PCI_SECPCI_LNKCTL3_EQ_REQ_INT, 2);
	assert_true(s.lane_errors == 0x80010005u);
	/* One entry per lane of the maximum width (x4), not one more. */
	assert_int_equal(s.lanes, 4);
	assert_int_equal(s.lane_eq[0], 0x1111);
	assert_int_equal(s.lane_eq[3], 0x4444);
	assert_int_equal(s.lane_eq[4], 0);
}

static void test_l1ss(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_l1ss l;
	const struct vdisc_pci_cap *cap;

	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_L1SS);
	put32_(e, 0x100 + PCI_L1SS_CAP,
	       PCI_L1SS_CAP_ASPM_L1_2 | PCI_L1SS_CAP_L1_PM_SS | 40 << 8 | 1 << 16 | 5 << 19);
	put32_(e, 0x100 + PCI_L1SS_CTL1, PCI_L1SS_CTL1_ASPM_L1_2 | 60 << 8 | 80 << 16 | 2u << 29);
	put32_(e, 0x100 + PCI_L1SS_CTL2, 3 | 6 << 3);
	cap = decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_l1ss(&e->fn, cap, &l), 0);
	assert_true(l.l1_2);
	assert_int_equal(l.port_cm_restore_us, 40);
	assert_int_equal(l.port_pwr_on.us, 50); /* 5 x 10 us */
	assert_int_equal(l.cm_restore_us, 60);
	assert_true(l.ltr_l12_threshold.ns == 80ull * 1024);
	/* T_POWER_ON scale 3 is reserved. */
	assert_int_equal(l.pwr_on.scale, 3);
	assert_int_equal(l.pwr_on.value, 6);
	assert_int_equal(l.pwr_on.us, -1);
}

static void test_ptm_dpc_doe_vsec(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ptm p;
	struct vdisc_pci_dpc d;
	struct vdisc_pci_doe o;
	struct vdisc_pci_vsec v;

	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_PTM);
	put32_(e, 0x100 + PCI_PTM_CAP, PCI_PTM_CAP_REQ | PCI_PTM_CAP_ROOT | 0xff << 8);
	put32_(e, 0x100 + PCI_PTM_CTRL, PCI_PTM_CTRL_ENABLE | 16 << 8);
	ecap_(e, 0x110, PCI_EXT_CAP_ID_DPC);
	put16_(e, 0x110 + PCI_EXP_DPC_CAP, 0x2000 | 0x0300 | PCI_EXP_DPC_CAP_RP_EXT | 7);
	put16_(e, 0x110 + PCI_EXP_DPC_CTL, PCI_EXP_DPC_CTL_EN_NONFATAL | PCI_EXP_DPC_CTL_INT_EN);
	put16_(e, 0x110 + PCI_EXP_DPC_STATUS,
	       PCI_EXP_DPC_STATUS_TRIGGER | 2 << 1 | 3 << 5 | 9 << 8);
	put16_(e, 0x110 + PCI_EXP_DPC_SOURCE_ID, 0x0108);
	ecap_(e, 0x120, PCI_EXT_CAP_ID_DOE);
	put32_(e, 0x120 + PCI_DOE_CAP, PCI_DOE_CAP_INT_SUP | 0x2a << 1);
	put32_(e, 0x120 + PCI_DOE_STATUS, PCI_DOE_STATUS_ERROR);
	ecap_(e, 0x140, PCI_EXT_CAP_ID_VNDR);
	put32_(e, 0x140 + PCI_VNDR_HEADER, 0x1234 | 3 << 16 | 0x40u << 20);
	decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_ptm(&e->fn, decode_(e, 0x100), &p), 0);
	assert_int_equal(p.clock_granularity, 0xff);
	assert_int_equal(p.effective_granularity, 16);
	assert_int_equal(vdisc_pci_decode_dpc(&e->fn, decode_(e, 0x110), &d), 0);
	assert_int_equal(d.irq, 7);
	assert_int_equal(d.rp_pio_log_size, 0x13); /* bit 13 is the size's fifth bit */
	assert_int_equal(d.trigger_enable, 2);
	assert_int_equal(d.trigger_reason, 2);
	assert_int_equal(d.trigger_reason_ext, 3);
	assert_int_equal(d.rp_pio_fep, 9);
	assert_int_equal(d.source_id, 0x0108);
	assert_int_equal(vdisc_pci_decode_doe(&e->fn, decode_(e, 0x120), &o), 0);
	assert_int_equal(o.irq, 0x2a);
	assert_true(o.status & VDISC_PCI_DOE_STATUS_ERROR);
	assert_int_equal(vdisc_pci_decode_vsec(&e->fn, decode_(e, 0x140), &v), 0);
	assert_int_equal(v.id, 0x1234);
	assert_int_equal(v.rev, 3);
	assert_int_equal(v.len, 0x40);
}

/* Capabilities whose registers the end of the space cuts: what fits is read, and said so. */
static void test_cut_by_the_end(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_l1ss l;
	struct vdisc_pci_vsec v;
	struct vdisc_pci_ltr t;
	struct vdisc_pci_dvsec d;

	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR);
	ecap_(e, 0xff8, PCI_EXT_CAP_ID_L1SS);
	put32_(e, 0xffc, PCI_L1SS_CAP_PCIPM_L1_1);
	assert_int_equal(vdisc_pci_decode_l1ss(&e->fn, decode_(e, 0xff8), &l), -VDISC_ERANGE);
	assert_int_equal(l.regs, 1);
	assert_int_equal(l.cap, PCI_L1SS_CAP_PCIPM_L1_1);
	assert_true(l.ctl1 == 0xffffffffu);
	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR); /* the chain starts at 0x100 */
	ecap_(e, 0xffc, PCI_EXT_CAP_ID_VNDR);
	assert_int_equal(vdisc_pci_decode_vsec(&e->fn, decode_(e, 0xffc), &v), -VDISC_ERANGE);
	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR); /* the chain starts at 0x100 */
	ecap_(e, 0xffc, PCI_EXT_CAP_ID_LTR);
	assert_int_equal(vdisc_pci_decode_ltr(&e->fn, decode_(e, 0xffc), &t), -VDISC_ERANGE);
	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR); /* the chain starts at 0x100 */
	dvsec_(e, 0xff4, CXL_VENDOR_, 0, 1, 0x38);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0xff4), &d), -VDISC_ERANGE);
	assert_true(d.cxl);
	assert_int_equal(d.len, 0x38);
	assert_int_equal(d.u.device.cap, 0);
}

static void test_rebar(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_rebar r;

	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_REBAR);
	put32_(e, 0x100 + PCI_REBAR_CAP, 0x3f0);
	put32_(e, 0x100 + PCI_REBAR_CTRL, 2 << PCI_REBAR_CTRL_NBAR_SHIFT | 2 << 8);
	put32_(e, 0x10c, 0xfffffff0);
	put32_(e, 0x110, 4 | 43 << 8 | 0xffffu << 16);
	assert_int_equal(vdisc_pci_decode_rebar(&e->fn, decode_(e, 0x100), &r), 0);
	assert_false(r.vf);
	assert_int_equal(r.count, 2);
	assert_int_equal(r.entry[0].bar, 0);
	assert_int_equal(r.entry[0].current_size, 2);
	assert_true(r.entry[0].supported == 0x3f);
	assert_int_equal(r.entry[1].bar, 4);
	assert_int_equal(r.entry[1].current_size, 43); /* 8 EB */
	assert_true(r.entry[1].supported == (UINT64_C(1) << 44) - 1);

	/* A count of 7 is out of the specification: nothing is trusted. */
	put32_(e, 0x100 + PCI_REBAR_CTRL, 7 << PCI_REBAR_CTRL_NBAR_SHIFT);
	assert_int_equal(vdisc_pci_decode_rebar(&e->fn, decode_(e, 0x100), &r), 0);
	assert_true(r.nbars_invalid);
	assert_int_equal(r.count, 0);

	/* The VF capability, its second entry past the end. */
	snap_(e, 1);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_LTR); /* the chain starts at 0x100 */
	ecap_(e, 0xff0, 0x24);
	put32_(e, 0xff8, 2 << PCI_REBAR_CTRL_NBAR_SHIFT | 1);
	assert_int_equal(vdisc_pci_decode_rebar(&e->fn, decode_(e, 0xff0), &r), -VDISC_ERANGE);
	assert_true(r.vf);
	assert_int_equal(r.count, 1);
	assert_int_equal(r.entry[0].bar, 1);
}

static void test_dvsec_headers(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_dvsec d;

	snap_(e, 1);
	dvsec_(e, 0x100, 0x8086, 0x23, 1, 0x14);
	dvsec_(e, 0x120, CXL_VENDOR_, 0, 1, 8);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x100), &d), 0);
	assert_int_equal(d.vendor, 0x8086);
	assert_int_equal(d.id, 0x23);
	assert_int_equal(d.rev, 1);
	assert_int_equal(d.len, 0x14);
	assert_false(d.cxl);
	/* CXL's vendor, but too short to hold a CXL DVSEC's registers. */
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x120), &d), 0);
	assert_false(d.cxl);
}

static void test_cxl_device(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_dvsec d;
	const struct vdisc_cxl_range *r;

	snap_(e, 8);
	dvsec_(e, 0x100, CXL_VENDOR_, 0, 1, 0x38);
	put16_(e, 0x10a, 0x4000 | 0x10 | 0x7); /* cache, io, mem, 1 HDM, viral */
	put16_(e, 0x10c, 0x18 | 0x200);	       /* SF coverage 3, granularity 2 */
	put16_(e, 0x112, 0x8002);
	put16_(e, 0x116, 0x0402); /* 4 units of 1 MB */
	put32_(e, 0x118, 0x1);	  /* range 1: size 0x1_1000_0000 with its flags */
	put32_(e, 0x11c, 0x10000000 | 0x3 | 1 << 2 | 2 << 5 | 3 << 8 | 2 << 13);
	put32_(e, 0x120, 0x0);
	put32_(e, 0x124, 0x20000000);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x100), &d), 0);
	assert_true(d.cxl);
	assert_int_equal(d.u.device.cap, 0x4017);
	assert_int_equal(d.u.device.status2, 0x8002);
	assert_int_equal(d.u.device.cache_unit, 2);
	assert_int_equal(d.u.device.cache_size, 4);
	r = &d.u.device.range[0];
	assert_true(r->size == 0x110000000ull);
	assert_true(r->base == 0x20000000ull);
	assert_int_equal(r->flags & VDISC_CXL_RANGE_VALID, 1);
	assert_int_equal((r->flags & VDISC_CXL_RANGE_CLASS) >> VDISC_CXL_RANGE_CLASS_SHIFT, 2);
	assert_int_equal((r->flags & VDISC_CXL_RANGE_TIMEOUT) >> VDISC_CXL_RANGE_TIMEOUT_SHIFT, 2);
	assert_true(d.u.device.range[1].size == 0);
}

static void test_cxl_port_gpf_mld(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_dvsec d;

	snap_(e, 8);
	dvsec_(e, 0x100, CXL_VENDOR_, 3, 0, 0x28);
	put16_(e, 0x10a, 0x1);
	put16_(e, 0x10c, 0x400f);
	e->img[0x10e] = 0x10;
	e->img[0x10f] = 0x1f;
	put16_(e, 0x110, 0x1234);
	put16_(e, 0x112, 0x5678);
	dvsec_(e, 0x128, CXL_VENDOR_, 4, 0, 0x10);
	put16_(e, 0x134, 0x0205); /* 5 x 100 us */
	put16_(e, 0x136, 0x0703); /* 3 x 10 s */
	dvsec_(e, 0x138, CXL_VENDOR_, 5, 0, 0x10);
	put16_(e, 0x142, 0x0904); /* reserved scale 9 */
	put32_(e, 0x144, 1234);
	dvsec_(e, 0x148, CXL_VENDOR_, 9, 0, 0x10);
	put16_(e, 0x152, 4);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x100), &d), 0);
	assert_int_equal(d.u.port.status, 1);
	assert_int_equal(d.u.port.ctrl, 0x400f);
	assert_int_equal(d.u.port.bus_base, 0x10);
	assert_int_equal(d.u.port.bus_limit, 0x1f);
	assert_int_equal(d.u.port.mem_base, 0x1234);
	assert_int_equal(d.u.port.mem_limit, 0x5678);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x128), &d), 0);
	assert_int_equal(d.u.gpf_port.phase1.amount, 500);
	assert_int_equal(d.u.gpf_port.phase1.scale, 2);
	assert_int_equal(d.u.gpf_port.phase2.amount, 30);
	assert_int_equal(d.u.gpf_port.phase2.scale, 7);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x138), &d), 0);
	assert_int_equal(d.u.gpf_device.phase2.scale, 9);
	assert_int_equal(d.u.gpf_device.phase2.amount, 4);
	assert_int_equal(d.u.gpf_device.phase2_power_mw, 1234);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x148), &d), 0);
	assert_int_equal(d.u.mld_num_ld, 4);
}

static void test_cxl_flexbus_map_locator(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_dvsec d;
	struct vdisc_cxl_reg_block b;
	const struct vdisc_pci_cap *cap;

	snap_(e, 8);
	dvsec_(e, 0x100, CXL_VENDOR_, 7, 2, 0x20);
	put16_(e, 0x10a, 0x6067);
	put32_(e, 0x110, 0xabcdef12);
	put32_(e, 0x11c, 3);
	dvsec_(e, 0x120, CXL_VENDOR_, 2, 0, 0x2c);
	put32_(e, 0x12c, 0x00010002);
	put32_(e, 0x148, 0x80000000);
	dvsec_(e, 0x14c, CXL_VENDOR_, 8, 0, 0x24);
	put32_(e, 0x158, 2 | 1 << 8 | 0x00010000);
	put32_(e, 0x15c, 0x1);
	put32_(e, 0x168, 0xff << 8);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x100), &d), 0);
	assert_int_equal(d.u.flexbus.cap, 0x6067);
	assert_true(d.u.flexbus.mod_ts_data == 0xcdef12);
	assert_int_equal(d.u.flexbus.status2, 3);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, decode_(e, 0x120), &d), 0);
	assert_true(d.u.function_map[0] == 0x00010002); /* the whole 32-bit register */
	assert_true(d.u.function_map[7] == 0x80000000u);
	cap = decode_(e, 0x14c);
	assert_int_equal(vdisc_pci_decode_dvsec(&e->fn, cap, &d), 0);
	assert_int_equal(d.u.reg_blocks, 3);
	assert_int_equal(vdisc_pci_decode_cxl_reg_block(&e->fn, cap, 0, &b), 0);
	assert_int_equal(b.bir, 2);
	assert_int_equal(b.id, 1);
	assert_true(b.offset == 0x100010000ull);
	assert_int_equal(vdisc_pci_decode_cxl_reg_block(&e->fn, cap, 2, &b), 0);
	assert_int_equal(b.id, 0xff);
	assert_int_equal(vdisc_pci_decode_cxl_reg_block(&e->fn, cap, 3, &b), -VDISC_ENOTFOUND);
	assert_int_equal(vdisc_pci_decode_cxl_reg_block(&e->fn, decode_(e, 0x120), 0, &b),
			 -VDISC_EINVAL);
}

static void test_physical_layer(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_dlf f;
	struct vdisc_pci_pl p;
	struct vdisc_pci_lmr m;
	struct vdisc_pci_npem n;

	snap_(e, 2);
	ecap_(e, 0x100, PCI_EXT_CAP_ID_DLF);
	put32_(e, 0x100 + PCI_DLF_CAP, PCI_DLF_EXCHANGE_ENABLE | 1);
	put32_(e, 0x108, 0x80000001); /* the remote's features, valid */
	ecap_(e, 0x110, PCI_EXT_CAP_ID_PL_16GT);
	put32_(e, 0x11c, 0x1f);
	put32_(e, 0x120, 0x2); /* local data parity mismatch on lane 1 */
	put16_(e, 0x110 + PCI_PL_16GT_LE_CTRL, 0x4321);
	ecap_(e, 0x140, 0x2a); /* 32.0 GT/s */
	put32_(e, 0x144, 0x703);
	put32_(e, 0x150, 0x11111111);
	put32_(e, 0x15c, 0x44444444);
	put16_(e, 0x160, 0x8765);
	ecap_(e, 0x170, 0x27); /* lane margining */
	put16_(e, 0x176, 0x3);
	put32_(e, 0x17c, 0x00ab0102);
	ecap_(e, 0x190, 0x29); /* NPEM */
	put32_(e, 0x194, 0xff000ffd);
	assert_int_equal(vdisc_pci_decode_dlf(&e->fn, decode_(e, 0x100), &f), 0);
	assert_true(f.cap == (PCI_DLF_EXCHANGE_ENABLE | 1));
	assert_true(f.status == 0x80000001u);
	assert_int_equal(vdisc_pci_decode_pl(&e->fn, decode_(e, 0x110), &p), 0);
	assert_false(p.gt32);
	assert_int_equal(p.status, 0x1f);
	assert_int_equal(p.parity[0], 2);
	assert_int_equal(p.lanes, 2);
	assert_int_equal(p.lane_eq[0], 0x21);
	assert_int_equal(p.lane_eq[1], 0x43);
	assert_int_equal(vdisc_pci_decode_pl(&e->fn, decode_(e, 0x140), &p), 0);
	assert_true(p.gt32);
	assert_int_equal(p.cap, 0x703);
	assert_true(p.rx_mts[0] == 0x11111111u);
	assert_true(p.tx_mts[1] == 0x44444444u);
	assert_int_equal(p.lane_eq[1], 0x87);
	assert_int_equal(vdisc_pci_decode_lmr(&e->fn, decode_(e, 0x170), &m), 0);
	assert_int_equal(m.port_status, 3);
	assert_int_equal(m.lanes, 2);
	assert_int_equal(m.lane_ctrl[1], 0x0102);
	assert_int_equal(m.lane_status[1], 0x00ab);
	assert_int_equal(vdisc_pci_decode_npem(&e->fn, decode_(e, 0x190), &n), 0);
	assert_true(n.cap == 0xff000ffdu);
	assert_int_equal(vdisc_pci_decode_npem(&e->fn, decode_(e, 0x170), &n), -VDISC_EINVAL);
}

static void test_ide_streams(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ide ide;
	struct vdisc_pci_ide_stream s;
	const struct vdisc_pci_cap *cap;

	snap_(e, 1);
	ecap_(e, 0x100, 0x30);
	/* Link IDE with 2 TCs, Selective IDE with 2 streams. */
	put32_(e, 0x104, 0x3 | 1 << 13 | 1 << 16);
	put32_(e, 0x10c, 0x01000001); /* link stream 0: stream id 1, enabled */
	put32_(e, 0x118, 0x2);	      /* link stream 1's status */
	put32_(e, 0x11c, 2);	      /* selective stream 0: two address blocks */
	put32_(e, 0x120, 0x05000001);
	put32_(e, 0x148, 0); /* selective stream 1 at 0x11c + 0x14 + 2 * 12 */
	put32_(e, 0x14c, 0x07000001);
	cap = decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_ide(&e->fn, cap, &ide), 0);
	assert_int_equal(ide.link_streams, 2);
	assert_int_equal(ide.selective_streams, 2);
	assert_true(ide.link_ctrl[0] == 0x01000001u);
	assert_int_equal(ide.link_status[1], 2);
	assert_int_equal(vdisc_pci_decode_ide_stream(&e->fn, cap, 0, &s), 0);
	assert_int_equal(s.offset, 0x11c);
	assert_int_equal(s.addr_blocks, 2);
	assert_true(s.ctrl == 0x05000001u);
	assert_int_equal(vdisc_pci_decode_ide_stream(&e->fn, cap, 1, &s), 0);
	assert_int_equal(s.offset, 0x148);
	assert_true(s.ctrl == 0x07000001u);
	assert_int_equal(vdisc_pci_decode_ide_stream(&e->fn, cap, 2, &s), -VDISC_ENOTFOUND);

	/* 256 selective streams of 15 address blocks each run off the end: bounded, ERANGE. */
	put32_(e, 0x104, 0x2 | 0xffu << 16);
	put32_(e, 0x10c, 0xf);
	for (unsigned at = 0x10c; at + 4 <= SPACE_; at += 0x14 + 15 * 12)
		put32_(e, at, 0xf);
	cap = decode_(e, 0x100);
	assert_int_equal(vdisc_pci_decode_ide_stream(&e->fn, cap, 255, &s), -VDISC_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ltr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secpci_lanes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_l1ss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ptm_dpc_doe_vsec, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cut_by_the_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rebar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dvsec_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cxl_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cxl_port_gpf_mld, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cxl_flexbus_map_locator, setup, teardown),
		cmocka_unit_test_setup_teardown(test_physical_layer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ide_streams, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
