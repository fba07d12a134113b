/* SPDX-License-Identifier: MIT */
/*
 * The core extended-capability decoders (AER, VC/MFVC, DSN, RC link, RCEC,
 * ACS, ARI, ATS, PRI, PASID, SR-IOV, multicast, TPH) on hand-built
 * configuration spaces: field values, the registers that exist only for some
 * port types, and capabilities cut short by the end of the snapshot.
 * Offsets come from the kernel's <linux/pci_regs.h> where it has them; each
 * snapshot is decoded from a heap copy of exactly its size, so a read past
 * it is an AddressSanitizer report in the sanitizer build.
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
#define CAP_ 0x100 /* every test's capability sits here */

struct env_ {
	uint8_t img[4096];
	uint8_t *exact;
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

static void put8_(struct env_ *e, unsigned off, uint8_t v)
{
	assert_true(off < sizeof(e->img));
	e->img[off] = v;
}

static void put16_(struct env_ *e, unsigned off, uint16_t v)
{
	put8_(e, off, (uint8_t)v);
	put8_(e, off + 1, (uint8_t)(v >> 8));
}

static void put32_(struct env_ *e, unsigned off, uint32_t v)
{
	put16_(e, off, (uint16_t)v);
	put16_(e, off + 2, (uint16_t)(v >> 16));
}

/* A PCI Express function with one extended capability @id (version @ver) at CAP_. */
static void snap_(struct env_ *e, uint16_t id, uint8_t ver)
{
	memset(e->img, 0, sizeof(e->img));
	put16_(e, PCI_VENDOR_ID, 0x8086);
	put16_(e, PCI_DEVICE_ID, 0x1234);
	put16_(e, PCI_STATUS, PCI_STATUS_CAP_LIST);
	put8_(e, PCI_CAPABILITY_LIST, 0x40);
	put8_(e, 0x40, PCI_CAP_ID_EXP);
	put16_(e, 0x40 + PCI_EXP_FLAGS, 2);
	put32_(e, CAP_, (uint32_t)id | (uint32_t)ver << 16);
}

/* Decode the first @size bytes; returns the capability at CAP_. */
static const struct vdisc_pci_cap *decode_(struct env_ *e, uint16_t size)
{
	struct vdisc_pci_addr addr = {0, 0, 1, 0};

	free(e->exact);
	e->exact = malloc(size);
	assert_non_null(e->exact);
	memcpy(e->exact, e->img, size);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	assert_int_equal(vdisc_pci_decode(e->exact, size, addr, &e->arena, &e->fn), 0);
	assert_non_null(e->fn.ecaps);
	assert_int_equal(e->fn.ecaps->offset, CAP_);
	return e->fn.ecaps;
}

static void test_aer_endpoint(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_aer a;

	snap_(e, PCI_EXT_CAP_ID_ERR, 2);
	put32_(e, CAP_ + PCI_ERR_UNCOR_STATUS, PCI_ERR_UNC_SURPDN | PCI_ERR_UNC_ACSV);
	put32_(e, CAP_ + PCI_ERR_UNCOR_MASK, PCI_ERR_UNC_UNSUP);
	put32_(e, CAP_ + PCI_ERR_UNCOR_SEVER, 0x00462030);
	put32_(e, CAP_ + PCI_ERR_COR_STATUS, PCI_ERR_COR_ADV_NFAT);
	put32_(e, CAP_ + PCI_ERR_COR_MASK, PCI_ERR_COR_REP_TIMER);
	put32_(e, CAP_ + PCI_ERR_CAP, 0x14 | PCI_ERR_CAP_ECRC_GENC | PCI_ERR_CAP_ECRC_CHKE);
	put32_(e, CAP_ + PCI_ERR_HEADER_LOG, 0x4a000001);
	put32_(e, CAP_ + PCI_ERR_HEADER_LOG + 12, 0xdeadbeef);
	put32_(e, CAP_ + PCI_ERR_ROOT_COMMAND, 7); /* not a root port: not ours to read */
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_ENDPOINT, &a), 0);
	assert_true(a.has_base);
	assert_int_equal(a.uncor_status, PCI_ERR_UNC_SURPDN | PCI_ERR_UNC_ACSV);
	assert_int_equal(a.uncor_mask, PCI_ERR_UNC_UNSUP);
	assert_int_equal(a.uncor_severity, 0x00462030);
	assert_int_equal(a.cor_status, PCI_ERR_COR_ADV_NFAT);
	assert_int_equal(a.cor_mask, PCI_ERR_COR_REP_TIMER);
	assert_int_equal(a.first_error, 0x14);
	assert_int_equal(a.header_log[0], 0x4a000001);
	assert_int_equal(a.header_log[3], 0xdeadbeef);
	assert_false(a.has_root);
	assert_int_equal(a.root_command, 0);
	/* The same capability on a root port and an event collector has root registers. */
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_RC_EC, &a), 0);
	assert_true(a.has_root);
	assert_int_equal(a.root_command, 7);
}

static void test_aer_root_port(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_aer a;

	snap_(e, PCI_EXT_CAP_ID_ERR, 2);
	put32_(e, CAP_ + PCI_ERR_ROOT_STATUS,
	       PCI_ERR_ROOT_COR_RCV | PCI_ERR_ROOT_FATAL_RCV | 0x1bu << 27);
	put32_(e, CAP_ + PCI_ERR_ROOT_ERR_SRC, 0x0300u << 16 | 0x00e8);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_ROOT_PORT, &a), 0);
	assert_true(a.has_root);
	assert_int_equal(a.root_irq, 0x1b);
	assert_int_equal(a.cor_source, 0x00e8);
	assert_int_equal(a.uncor_source, 0x0300);
	assert_int_equal(a.root_status & PCI_ERR_ROOT_AER_IRQ, 0x1bu << 27);
}

/* A snapshot ending inside the capability: what fits is read, the rest flagged. */
static void test_aer_truncated(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_aer a;

	snap_(e, PCI_EXT_CAP_ID_ERR, 2);
	put32_(e, CAP_ + PCI_ERR_UNCOR_STATUS, 0x10);
	cap = decode_(e, CAP_ + 0x2c + 0x8); /* the header log fits, the root registers do not */
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_ROOT_PORT, &a),
			 -VDISC_ERANGE);
	assert_true(a.has_base);
	assert_false(a.has_root);
	assert_int_equal(a.uncor_status, 0x10);
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_ENDPOINT, &a), 0);
	cap = decode_(e, CAP_ + 0x20);
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, PCI_EXP_TYPE_ENDPOINT, &a),
			 -VDISC_ERANGE);
	assert_false(a.has_base);
	assert_int_equal(a.uncor_status, 0);
}

static void test_wrong_id(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_aer a;
	struct vdisc_pci_vc v;
	struct vdisc_pci_sriov s;
	uint64_t sn;

	snap_(e, PCI_EXT_CAP_ID_ACS, 1);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_aer(&e->fn, cap, 0, &a), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_sriov(&e->fn, cap, &s), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_dsn(&e->fn, cap, &sn), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_dsn(&e->fn, NULL, &sn), -VDISC_EINVAL);
	/* A standard capability with an extended capability's id is not one. */
	assert_int_equal(vdisc_pci_decode_dsn(&e->fn, e->fn.caps, &sn), -VDISC_EINVAL);
}

static void test_vc(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_vc v;

	snap_(e, PCI_EXT_CAP_ID_VC, 1);
	/* Two extended VCs, one low-priority, 4-bit port arbitration entries. */
	put32_(e, CAP_ + PCI_VC_PORT_CAP1, 2 | 1u << 4 | 2u << 10);
	put32_(e, CAP_ + PCI_VC_PORT_CAP2, PCI_VC_CAP2_32_PHASE | 3u << 24);
	put16_(e, CAP_ + PCI_VC_PORT_CTRL, 1u << 1);
	put32_(e, CAP_ + PCI_VC_RES_CAP, PCI_VC_RES_CAP_256_PHASE | 0x7fu << 16 | 4u << 24);
	put32_(e, CAP_ + PCI_VC_RES_CTRL, PCI_VC_RES_CTRL_ENABLE | 0xff);
	put16_(e, CAP_ + PCI_VC_RES_STATUS, PCI_VC_RES_STATUS_NEGO);
	put32_(e, CAP_ + PCI_VC_RES_CTRL + 24, 2u << 24 | 0x80);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), 0);
	assert_true(v.has_port);
	assert_int_equal(v.vc_count, 3);
	assert_int_equal(v.low_prio_count, 1);
	assert_int_equal(v.port_arb_entry_bits, 4);
	assert_int_equal(v.vc_arb_table, 0x30);
	assert_true(v.res[0].readable);
	assert_int_equal(v.res[0].max_time_slots, 128);
	assert_int_equal(v.res[0].port_arb_table, 0x40);
	assert_true(v.res[0].enabled);
	assert_int_equal(v.res[0].tc_map, 0xff);
	assert_int_equal(v.res[0].status, PCI_VC_RES_STATUS_NEGO);
	assert_int_equal(v.res[2].id, 2);
	assert_int_equal(v.res[2].tc_map, 0x80);
	assert_false(v.res[2].enabled);
	assert_false(v.res[3].readable);
	/* VC2 cut off by the end: VC0 and VC1 read, VC2 flagged. */
	cap = decode_(e, CAP_ + 0x10 + 12 * 2 + 8);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), -VDISC_ERANGE);
	assert_true(v.res[1].readable);
	assert_false(v.res[2].readable);
	cap = decode_(e, CAP_ + 0x18);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), -VDISC_ERANGE);
	assert_false(v.has_port);
	/* MFVC and the second VC id share the layout. */
	put16_(e, CAP_, PCI_EXT_CAP_ID_MFVC);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), 0);
	assert_int_equal(v.vc_count, 3);
	put16_(e, CAP_, PCI_EXT_CAP_ID_VC9);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_vc(&e->fn, cap, &v), 0);
}

static void test_dsn(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	uint64_t sn = 0;

	snap_(e, PCI_EXT_CAP_ID_DSN, 1);
	put32_(e, CAP_ + 4, 0x44332211);
	put32_(e, CAP_ + 8, 0x88776655);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_dsn(&e->fn, cap, &sn), 0);
	assert_true(sn == 0x8877665544332211ull);
	cap = decode_(e, CAP_ + 0xb);
	assert_int_equal(vdisc_pci_decode_dsn(&e->fn, cap, &sn), -VDISC_ERANGE);
}

static void test_rclink(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_rclink r;
	struct vdisc_pci_rclink_entry l;

	snap_(e, PCI_EXT_CAP_ID_RCLD, 1);
	put32_(e, CAP_ + 4, 0x05u << 24 | 0x01u << 16 | 2u << 8 | 1);
	put32_(e, CAP_ + 0x10, 0x02u << 24 | 0x01u << 16 | 1); /* memory mapped, valid */
	put32_(e, CAP_ + 0x18, 0xfed19000);
	/* Configuration space, 3 bus bits: bus 5, device 3, function 2. */
	put32_(e, CAP_ + 0x20, 0x03u << 24 | 4 | 2 | 1);
	put32_(e, CAP_ + 0x28, 0xe0000000u | 5u << 20 | 3u << 15 | 2u << 12 | 3);
	put32_(e, CAP_ + 0x2c, 0x1);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_rclink(&e->fn, cap, &r), 0);
	assert_int_equal(r.port, 5);
	assert_int_equal(r.component, 1);
	assert_int_equal(r.links, 2);
	assert_int_equal(r.element_type, 1);
	assert_int_equal(vdisc_pci_decode_rclink_entry(&e->fn, cap, 0, &l), 0);
	assert_true(l.valid);
	assert_false(l.config_space);
	assert_true(l.addr == 0xfed19000u);
	assert_int_equal(l.target_port, 2);
	assert_int_equal(vdisc_pci_decode_rclink_entry(&e->fn, cap, 1, &l), 0);
	assert_true(l.config_space);
	assert_true(l.assoc_rcrb);
	assert_int_equal(l.bus, 5);
	assert_int_equal(l.device, 3);
	assert_int_equal(l.function, 2);
	assert_true(l.addr >> 32 == 1);
	cap = decode_(e, CAP_ + 0x2c);
	assert_int_equal(vdisc_pci_decode_rclink_entry(&e->fn, cap, 1, &l), -VDISC_ERANGE);
	assert_int_equal(vdisc_pci_decode_rclink_entry(&e->fn, cap, 256, &l), -VDISC_EINVAL);
}

static void test_rcec(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_rcec r;

	snap_(e, PCI_EXT_CAP_ID_RCEC, 1);
	put32_(e, CAP_ + 4, 0x8000000f);
	put32_(e, CAP_ + 8, 0x00120300);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_rcec(&e->fn, cap, &r), 0);
	assert_int_equal(r.rciep_bitmap, 0x8000000f);
	assert_false(r.has_busn); /* version 1: the dword is not the bus range */
	put32_(e, CAP_, PCI_EXT_CAP_ID_RCEC | 2u << 16);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_rcec(&e->fn, cap, &r), 0);
	assert_true(r.has_busn);
	assert_int_equal(r.next_bus, 0x03);
	assert_int_equal(r.last_bus, 0x12);
	cap = decode_(e, CAP_ + 0xa);
	assert_int_equal(vdisc_pci_decode_rcec(&e->fn, cap, &r), -VDISC_ERANGE);
	assert_int_equal(r.rciep_bitmap, 0x8000000f);
	assert_false(r.has_busn);
}

static void test_acs_ari_ats(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_acs acs;
	struct vdisc_pci_ari ari;
	struct vdisc_pci_ats ats;

	snap_(e, PCI_EXT_CAP_ID_ACS, 1);
	put16_(e, CAP_ + PCI_ACS_CAP, PCI_ACS_SV | PCI_ACS_EC);
	put16_(e, CAP_ + PCI_ACS_CTRL, PCI_ACS_RR | PCI_ACS_CR);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_acs(&e->fn, cap, &acs), 0);
	assert_int_equal(acs.cap, PCI_ACS_SV | PCI_ACS_EC);
	assert_int_equal(acs.ctrl, PCI_ACS_RR | PCI_ACS_CR);
	assert_int_equal(acs.egress_bits, 256);
	cap = decode_(e, CAP_ + 7);
	assert_int_equal(vdisc_pci_decode_acs(&e->fn, cap, &acs), -VDISC_ERANGE);

	snap_(e, PCI_EXT_CAP_ID_ARI, 1);
	put16_(e, CAP_ + PCI_ARI_CAP, PCI_ARI_CAP_ACS | 0x81u << 8);
	put16_(e, CAP_ + PCI_ARI_CTRL, PCI_ARI_CTRL_MFVC | 5u << 4);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_ari(&e->fn, cap, &ari), 0);
	assert_int_equal(ari.next_function, 0x81);
	assert_int_equal(ari.function_group, 5);

	snap_(e, PCI_EXT_CAP_ID_ATS, 1);
	put16_(e, CAP_ + PCI_ATS_CAP, PCI_ATS_CAP_PAGE_ALIGNED);
	put16_(e, CAP_ + PCI_ATS_CTRL, PCI_ATS_CTRL_ENABLE | 3);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_ats(&e->fn, cap, &ats), 0);
	assert_int_equal(ats.queue_depth_field, 0);
	assert_int_equal(ats.queue_depth, 32);
	assert_int_equal(ats.stu, 3);
	assert_true(ats.enabled);
}

static void test_pri_pasid_tph(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_pri pri;
	struct vdisc_pci_pasid pasid;
	struct vdisc_pci_tph tph;

	snap_(e, PCI_EXT_CAP_ID_PRI, 1);
	put16_(e, CAP_ + PCI_PRI_CTRL, PCI_PRI_CTRL_ENABLE);
	put16_(e, CAP_ + PCI_PRI_STATUS, PCI_PRI_STATUS_STOPPED | PCI_PRI_STATUS_PASID);
	put32_(e, CAP_ + PCI_PRI_MAX_REQ, 0x200);
	put32_(e, CAP_ + PCI_PRI_ALLOC_REQ, 0x20);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_pri(&e->fn, cap, &pri), 0);
	assert_int_equal(pri.status, PCI_PRI_STATUS_STOPPED | PCI_PRI_STATUS_PASID);
	assert_int_equal(pri.capacity, 0x200);
	assert_int_equal(pri.allocation, 0x20);
	cap = decode_(e, CAP_ + 0xf);
	assert_int_equal(vdisc_pci_decode_pri(&e->fn, cap, &pri), -VDISC_ERANGE);

	snap_(e, PCI_EXT_CAP_ID_PASID, 1);
	put16_(e, CAP_ + PCI_PASID_CAP, PCI_PASID_CAP_EXEC | 0x14u << 8 | 0x80u << 8);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_pasid(&e->fn, cap, &pasid), 0);
	assert_int_equal(pasid.max_width, 0x14); /* bit 15 is reserved, not width */

	snap_(e, PCI_EXT_CAP_ID_TPH, 1);
	put32_(e, CAP_ + PCI_TPH_CAP, 2 | PCI_TPH_LOC_MSIX | 63u << 16);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_tph(&e->fn, cap, &tph), 0);
	assert_int_equal(tph.st_location, PCI_TPH_LOC_MSIX);
	assert_int_equal(tph.st_entries, 64);
}

static void test_sriov(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_sriov s;

	snap_(e, PCI_EXT_CAP_ID_SRIOV, 1);
	put32_(e, CAP_ + PCI_SRIOV_CAP, PCI_SRIOV_CAP_VFM | 0x123u << 21);
	put16_(e, CAP_ + PCI_SRIOV_TOTAL_VF, 64);
	put16_(e, CAP_ + PCI_SRIOV_NUM_VF, 8);
	put8_(e, CAP_ + PCI_SRIOV_FUNC_LINK, 0x12);
	put16_(e, CAP_ + PCI_SRIOV_VF_OFFSET, 0x80);
	put16_(e, CAP_ + PCI_SRIOV_VF_STRIDE, 2);
	put16_(e, CAP_ + PCI_SRIOV_VF_DID, 0x10ed);
	put32_(e, CAP_ + PCI_SRIOV_BAR, 0xfe000000);	 /* 32-bit */
	put32_(e, CAP_ + PCI_SRIOV_BAR + 4, 0xffffffff); /* unimplemented */
	put32_(e, CAP_ + PCI_SRIOV_BAR + 8, 0x0000000c); /* 64-bit prefetchable */
	put32_(e, CAP_ + PCI_SRIOV_BAR + 12, 0x00000038);
	put32_(e, CAP_ + PCI_SRIOV_BAR + 20, 0x90000004); /* 64-bit in the last slot */
	put32_(e, CAP_ + PCI_SRIOV_VFM, 0x1003);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_sriov(&e->fn, cap, &s), 0);
	assert_int_equal(s.migration_irq, 0x123);
	assert_int_equal(s.total_vfs, 64);
	assert_int_equal(s.num_vfs, 8);
	assert_int_equal(s.func_link, 0x12);
	assert_int_equal(s.vf_device_id, 0x10ed);
	assert_int_equal(s.nbars, 3);
	assert_int_equal(s.bars[0].index, 0);
	assert_false(s.bars[0].is64);
	assert_true(s.bars[0].base == 0xfe000000u);
	assert_int_equal(s.bars[1].index, 2);
	assert_true(s.bars[1].is64);
	assert_true(s.bars[1].prefetchable);
	assert_true(s.bars[1].base == 0x3800000000ull);
	assert_int_equal(s.bars[2].index, 5);
	assert_true(s.bars[2].is64);
	assert_true(s.bars[2].base == 0x90000000u);
	assert_int_equal(s.migration & PCI_SRIOV_VFM_BIR(0xffffffffu), 3);
	cap = decode_(e, CAP_ + 0x3f);
	assert_int_equal(vdisc_pci_decode_sriov(&e->fn, cap, &s), -VDISC_ERANGE);
}

static void test_mcast(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_mcast m;

	snap_(e, 0x12, 1); /* PCI_EXT_CAP_ID_MCAST: not in every kernel's header */
	put16_(e, CAP_ + 4, 0x8000 | 12u << 8 | 31);
	put16_(e, CAP_ + 6, 0x8000 | 3);
	put32_(e, CAP_ + 8, 0x12345005);
	put32_(e, CAP_ + 12, 0x1);
	put32_(e, CAP_ + 0x10, 0xf0);
	put32_(e, CAP_ + 0x2c, 0xabcd);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_mcast(&e->fn, cap, PCI_EXP_TYPE_ENDPOINT, &m), 0);
	assert_int_equal(m.max_groups, 32);
	assert_int_equal(m.num_groups, 4);
	assert_int_equal(m.window_log2, 12);
	assert_true(m.bar == 0x112345005ull);
	assert_true(m.receive == 0xf0);
	assert_false(m.has_overlay);
	assert_int_equal(vdisc_pci_decode_mcast(&e->fn, cap, PCI_EXP_TYPE_DOWNSTREAM, &m), 0);
	assert_true(m.has_overlay);
	assert_true(m.overlay == 0xabcd00000000ull);
	/* An endpoint's capability ends before the overlay BAR. */
	cap = decode_(e, CAP_ + 0x28);
	assert_int_equal(vdisc_pci_decode_mcast(&e->fn, cap, PCI_EXP_TYPE_ENDPOINT, &m), 0);
	assert_int_equal(vdisc_pci_decode_mcast(&e->fn, cap, PCI_EXP_TYPE_ROOT_PORT, &m),
			 -VDISC_ERANGE);
}

static void test_pwr(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_pwr p;

	snap_(e, PCI_EXT_CAP_ID_PWR, 1);
	put8_(e, CAP_ + PCI_PWR_DSR, 3);
	/* 25.0 W at scale 0.1 W, D0, sustained (3), 12 V rail (0). */
	put32_(e, CAP_ + PCI_PWR_DATA, 250 | 1u << 8 | 3u << 15);
	put8_(e, CAP_ + PCI_PWR_CAP, 1);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_pwr(&e->fn, cap, &p), 0);
	assert_int_equal(p.select, 3);
	assert_int_equal(p.base, PCI_PWR_DATA_BASE(p.data));
	assert_int_equal(p.scale, PCI_PWR_DATA_SCALE(p.data));
	assert_int_equal(p.type, PCI_PWR_DATA_TYPE(p.data));
	assert_int_equal(p.rail, PCI_PWR_DATA_RAIL(p.data));
	assert_true(p.known_power);
	assert_int_equal(p.milliwatt, 25000);
	assert_true(p.system_allocated);
	/* F1h at scale 1 W is 275 W; F3h and up are reserved. */
	put32_(e, CAP_ + PCI_PWR_DATA, 0xf1 | 2u << 18);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_pwr(&e->fn, cap, &p), 0);
	assert_int_equal(p.milliwatt, 275000);
	assert_int_equal(p.rail, 2);
	put32_(e, CAP_ + PCI_PWR_DATA, 0xf3);
	cap = decode_(e, 4096);
	assert_int_equal(vdisc_pci_decode_pwr(&e->fn, cap, &p), 0);
	assert_false(p.known_power);
	cap = decode_(e, CAP_ + 0xc);
	assert_int_equal(vdisc_pci_decode_pwr(&e->fn, cap, &p), -VDISC_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_aer_endpoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aer_root_port, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aer_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dsn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rclink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rcec, setup, teardown),
		cmocka_unit_test_setup_teardown(test_acs_ari_ats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pri_pasid_tph, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sriov, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mcast, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pwr, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
