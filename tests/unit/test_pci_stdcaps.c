/* SPDX-License-Identifier: MIT */
/*
 * The standard capability decoders (pci_caps.h) on hand-built configuration
 * spaces: each field from known register values, the derived ones computed
 * as the specifications say, and a capability cut off by the end of the
 * snapshot decoded as far as it lies inside it (-VDISC_ERANGE), never beyond.
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

struct env_ {
	uint8_t img[4096];
	uint16_t size;
	uint8_t *exact; /* a copy of exactly size bytes, so ASan sees any read beyond */
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

static void snap_(struct env_ *e, uint16_t vendor, uint16_t device, uint8_t header_type)
{
	memset(e->img, 0, sizeof(e->img));
	e->size = 256;
	put16_(e, PCI_VENDOR_ID, vendor);
	put16_(e, PCI_DEVICE_ID, device);
	put8_(e, PCI_HEADER_TYPE, header_type);
	put16_(e, PCI_STATUS, PCI_STATUS_CAP_LIST);
}

/* Decode the snapshot with one standard capability @id at @off; returns it. */
static const struct vdisc_pci_cap *one_(struct env_ *e, unsigned off, uint8_t id)
{
	struct vdisc_pci_addr addr = {0, 0, 1, 0};
	const struct vdisc_pci_cap *cap;

	put8_(e, PCI_CAPABILITY_LIST, (uint8_t)off);
	put8_(e, off, id);
	put8_(e, off + 1, 0);
	free(e->exact);
	e->exact = malloc(e->size);
	assert_non_null(e->exact);
	memcpy(e->exact, e->img, e->size);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	assert_int_equal(vdisc_pci_decode(e->exact, e->size, addr, &e->arena, &e->fn), 0);
	for (cap = e->fn.caps; cap && cap->offset != off; cap = cap->next)
		;
	assert_non_null(cap);
	assert_int_equal(cap->id, id);
	return cap;
}

static void test_pm_fields(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pm pm;

	snap_(e, 0x8086, 0x1234, 1);
	put16_(e, 0x40 + PCI_PM_PMC,
	       3 | PCI_PM_CAP_PME_CLOCK | PCI_PM_CAP_DSI | 7 << 6 | PCI_PM_CAP_PME_D3cold);
	put16_(e, 0x40 + PCI_PM_CTRL, 2 | 0xb << 9 | 2 << 13);
	put8_(e, 0x40 + PCI_PM_PPB_EXTENSIONS, PCI_PM_BPCC_ENABLE);
	put8_(e, 0x40 + PCI_PM_DATA_REGISTER, 0x5a);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_(e, 0x40, PCI_CAP_ID_PM), &pm), 0);
	assert_int_equal(pm.pmc & PCI_PM_CAP_PME_CLOCK, PCI_PM_CAP_PME_CLOCK);
	assert_int_equal(pm.aux_current_ma, 375);
	assert_int_equal(pm.pme_states, 0x10);
	assert_true(pm.has_ctrl);
	assert_int_equal(pm.power_state, 2);
	assert_int_equal(pm.data_select, 0xb);
	assert_int_equal(pm.data_scale, 2);
	assert_int_equal(pm.bridge_ext, PCI_PM_BPCC_ENABLE);
	assert_int_equal(pm.data, 0x5a);

	put16_(e, 0x40 + PCI_PM_PMC, 1 << 6);
	assert_int_equal(vdisc_pci_decode_pm(&e->fn, one_(e, 0x40, PCI_CAP_ID_PM), &pm), 0);
	assert_int_equal(pm.aux_current_ma, 55);
}

/* MSI's Multiple Message fields keep their raw codes beside the clamped counts. */
static void test_msi_reserved_counts(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_msi m;

	snap_(e, 0x8086, 0x1234, 0);
	put16_(e, 0x50 + PCI_MSI_FLAGS, 7 << 1 | 6 << 4);
	assert_int_equal(vdisc_pci_decode_msi(&e->fn, one_(e, 0x50, PCI_CAP_ID_MSI), &m), 0);
	assert_int_equal(m.capable_log2, 7);
	assert_int_equal(m.enabled_log2, 6);
	assert_int_equal(m.vectors_capable, 32);
	assert_int_equal(m.vectors_enabled, 32);
	assert_int_equal(m.flags, 7 << 1 | 6 << 4);
	assert_true(m.has_message);
	assert_false(m.has_mask);
}

static void test_agp(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_agp a;

	snap_(e, 0x10de, 0x0001, 0);
	put8_(e, 0x40 + PCI_AGP_VERSION, 0x30);
	put32_(e, 0x40 + PCI_AGP_STATUS, 0x1f000000 | 0x8 | PCI_AGP_STATUS_RATE1 | 0x0200);
	put32_(e, 0x40 + PCI_AGP_COMMAND, 0xff000000 | PCI_AGP_COMMAND_RATE2);
	assert_int_equal(vdisc_pci_decode_agp(&e->fn, one_(e, 0x40, PCI_CAP_ID_AGP), &a), 0);
	assert_int_equal(a.major, 3);
	assert_int_equal(a.minor, 0);
	assert_true(a.agp3);
	assert_int_equal(a.status_rq, 32);
	assert_int_equal(a.command_rq, 256);
	assert_int_equal(a.status_rates, 1);
	assert_int_equal(a.command_rates, 2);

	/* The AGP3 bit means nothing to a revision 2 interface. */
	put8_(e, 0x40 + PCI_AGP_VERSION, 0x20);
	assert_int_equal(vdisc_pci_decode_agp(&e->fn, one_(e, 0x40, PCI_CAP_ID_AGP), &a), 0);
	assert_false(a.agp3);

	/* 12 bytes do not fit at 0xf8: the revision only. */
	put8_(e, 0xf8 + PCI_AGP_VERSION, 0x35);
	assert_int_equal(vdisc_pci_decode_agp(&e->fn, one_(e, 0xf8, PCI_CAP_ID_AGP), &a),
			 -VDISC_ERANGE);
	assert_int_equal(a.major, 3);
	assert_int_equal(a.minor, 5);
	assert_false(a.has_regs);
	assert_int_equal(a.status, 0);
}

static void test_small_caps(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_slotid s;
	struct vdisc_pci_dbg d;
	struct vdisc_pci_ssvid v;

	snap_(e, 0x8086, 0x1234, 1);
	put8_(e, 0x40 + PCI_SID_ESR, 0x27);
	put8_(e, 0x40 + PCI_SID_CHASSIS_NR, 0x2a);
	assert_int_equal(vdisc_pci_decode_slotid(&e->fn, one_(e, 0x40, PCI_CAP_ID_SLOTID), &s), 0);
	assert_int_equal(s.slots, 7);
	assert_true(s.first_in_chassis);
	assert_int_equal(s.chassis, 0x2a);

	put16_(e, 0x48 + 2, 0xa0ff); /* EHCI C.2.1: BAR number in bits 15:13 */
	assert_int_equal(vdisc_pci_decode_dbg(&e->fn, one_(e, 0x48, PCI_CAP_ID_DBG), &d), 0);
	assert_int_equal(d.bar, 5);
	assert_int_equal(d.offset, 0xff);

	put16_(e, 0x50 + PCI_SSVID_VENDOR_ID, 0x1af4);
	put16_(e, 0x50 + PCI_SSVID_DEVICE_ID, 0x1100);
	assert_int_equal(vdisc_pci_decode_ssvid(&e->fn, one_(e, 0x50, PCI_CAP_ID_SSVID), &v), 0);
	assert_int_equal(v.vendor, 0x1af4);
	assert_int_equal(v.device, 0x1100);
	assert_int_equal(vdisc_pci_decode_ssvid(&e->fn, one_(e, 0xfc, PCI_CAP_ID_SSVID), &v),
			 -VDISC_ERANGE);
	assert_int_equal(v.vendor, 0);
}

static void test_sata_af(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_sata s;
	struct vdisc_pci_af a;

	snap_(e, 0x8086, 0x2922, 0);
	put8_(e, 0x40 + 2, 0x10);
	put32_(e, 0x40 + PCI_SATA_REGS, 0x12345 << 4 | 9);
	assert_int_equal(vdisc_pci_decode_sata(&e->fn, one_(e, 0x40, PCI_CAP_ID_SATA), &s), 0);
	assert_int_equal(s.major, 1);
	assert_int_equal(s.minor, 0);
	assert_int_equal(s.location, 9);
	assert_int_equal(s.offset, 0x12345);
	assert_int_equal(vdisc_pci_decode_sata(&e->fn, one_(e, 0xfc, PCI_CAP_ID_SATA), &s),
			 -VDISC_ERANGE);
	assert_false(s.has_regs);

	put8_(e, 0x60 + PCI_AF_LENGTH, 6);
	put8_(e, 0x60 + PCI_AF_CAP, PCI_AF_CAP_TP | PCI_AF_CAP_FLR);
	put8_(e, 0x60 + PCI_AF_STATUS, PCI_AF_STATUS_TP);
	assert_int_equal(vdisc_pci_decode_af(&e->fn, one_(e, 0x60, PCI_CAP_ID_AF), &a), 0);
	assert_int_equal(a.length, 6);
	assert_int_equal(a.cap, PCI_AF_CAP_TP | PCI_AF_CAP_FLR);
	assert_int_equal(a.ctrl, 0);
	assert_int_equal(a.status, PCI_AF_STATUS_TP);
	put8_(e, 0xfc + PCI_AF_CAP, PCI_AF_CAP_FLR);
	assert_int_equal(vdisc_pci_decode_af(&e->fn, one_(e, 0xfc, PCI_CAP_ID_AF), &a),
			 -VDISC_ERANGE);
	assert_int_equal(a.cap, PCI_AF_CAP_FLR);
	assert_false(a.has_regs);
}

static void test_pcix_device(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pcix x;

	snap_(e, 0x8086, 0x1010, 0);
	put16_(e, 0x40 + PCI_X_CMD, PCI_X_CMD_ERO | PCI_X_CMD_READ_4K | PCI_X_CMD_SPLIT_32);
	put32_(e, 0x40 + PCI_X_STATUS,
	       0x12 << 8 | 3 << 3 | 5 | PCI_X_STATUS_64BIT | PCI_X_STATUS_COMPLEX | 2u << 21 |
		       4u << 23 | 7u << 26 | PCI_X_STATUS_533MHZ);
	assert_int_equal(vdisc_pci_decode_pcix(&e->fn, one_(e, 0x40, PCI_CAP_ID_PCIX), &x), 0);
	assert_false(x.bridge);
	assert_int_equal(x.max_read, 4096);
	assert_int_equal(x.max_split, 32);
	assert_int_equal(x.bus, 0x12);
	assert_int_equal(x.dev, 3);
	assert_int_equal(x.fn, 5);
	assert_int_equal(x.design_max_read, 2048);
	assert_int_equal(x.design_max_split, 8);
	assert_int_equal(x.design_max_cum, 1024);
	assert_true(x.status & PCI_X_STATUS_533MHZ);

	/* The command fits at 0xfc, the status does not. */
	put16_(e, 0xfc + PCI_X_CMD, PCI_X_CMD_SPLIT_3);
	assert_int_equal(vdisc_pci_decode_pcix(&e->fn, one_(e, 0xfc, PCI_CAP_ID_PCIX), &x),
			 -VDISC_ERANGE);
	assert_int_equal(x.max_split, 3);
	assert_false(x.has_regs);
}

static void test_pcix_bridge(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_pcix x;

	snap_(e, 0x1022, 0x7450, 0x81);
	put16_(e, 0x40 + PCI_X_BRIDGE_SSTATUS, PCI_X_SSTATUS_64BIT | 3 << 6);
	put32_(e, 0x40 + PCI_X_BRIDGE_STATUS, 0x05 << 8 | 1 << 3 | PCI_X_STATUS_133MHZ);
	put32_(e, 0x40 + 8, 0x0020ffff);
	put32_(e, 0x40 + 12, 0x00100008);
	assert_int_equal(vdisc_pci_decode_pcix(&e->fn, one_(e, 0x40, PCI_CAP_ID_PCIX), &x), 0);
	assert_true(x.bridge);
	assert_int_equal(x.sec_freq, 3);
	assert_int_equal(x.bus, 5);
	assert_int_equal(x.dev, 1);
	assert_int_equal(x.up_capacity, 0xffff);
	assert_int_equal(x.up_limit, 0x20);
	assert_int_equal(x.down_capacity, 8);
	assert_int_equal(x.down_limit, 0x10);
	assert_int_equal(vdisc_pci_decode_pcix(&e->fn, one_(e, 0xf4, PCI_CAP_ID_PCIX), &x),
			 -VDISC_ERANGE);
	assert_true(x.bridge);
	assert_false(x.has_regs);
}

static void test_ht_interfaces(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ht h;

	snap_(e, 0x1022, 0x1100, 0);
	put16_(e, 0x40 + 2, 0x0c21); /* primary: base unit 1, count 1, master host, default dir */
	put16_(e, 0x40 + 4, 0x1111);
	put16_(e, 0x40 + 6, 0x2222);
	put16_(e, 0x40 + 8, 0x3333);
	put16_(e, 0x40 + 10, 0x4444);
	put8_(e, 0x40 + 12, 0x22);
	put8_(e, 0x40 + 13, 0x45);
	put16_(e, 0x40 + 14, 0x83ff);
	put8_(e, 0x40 + 16, 0x3f);
	put16_(e, 0x40 + 22, 0xa55a);
	put8_(e, 0x40 + 26, 0x33);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x40, PCI_CAP_ID_HT), &h), 0);
	assert_int_equal(h.kind, VDISC_PCI_HT_PRIMARY);
	assert_true(h.has_regs);
	assert_int_equal(h.revision, 0x22);
	assert_int_equal(h.link[0].control, 0x1111);
	assert_int_equal(h.link[1].config, 0x4444);
	assert_int_equal(h.link[0].freq_err, 0x45);
	assert_int_equal(h.link[0].freq_cap, 0x83ff); /* all 16 bits, vendor bit included */
	assert_int_equal(h.feature, 0x3f);
	assert_int_equal(h.error_handling, 0xa55a);
	assert_int_equal(h.bus_number, 0x33);

	/* A host interface with the extended register set; cut off, the command only. */
	put16_(e, 0x60 + 2, 0x2000 | 0x7d);
	put8_(e, 0x60 + 8, 0x25);
	put16_(e, 0x60 + 12, 0x0300);
	put16_(e, 0x60 + 18, 0xbeef);
	put8_(e, 0x60 + 21, 0x7f);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x60, PCI_CAP_ID_HT), &h), 0);
	assert_int_equal(h.kind, VDISC_PCI_HT_SECONDARY);
	assert_int_equal(h.revision, 0x25);
	assert_int_equal(h.feature, 0x0300);
	assert_int_equal(h.error_handling, 0xbeef);
	assert_int_equal(h.mem_limit_upper, 0x7f);
	put16_(e, 0xf0 + 2, 0x2001);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0xf0, PCI_CAP_ID_HT), &h),
			 -VDISC_ERANGE);
	assert_int_equal(h.kind, VDISC_PCI_HT_SECONDARY);
	assert_int_equal(h.command, 0x2001);
	assert_false(h.has_regs);
}

static void test_ht_blocks(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ht h;

	snap_(e, 0x1022, 0x1100, 0);
	put16_(e, 0x40 + 2, 0xa801); /* MSI mapping, enabled, address not fixed */
	put32_(e, 0x40 + 4, 0xfee12345);
	put32_(e, 0x40 + 8, 0x00000001);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x40, PCI_CAP_ID_HT), &h), 0);
	assert_int_equal(h.kind, VDISC_PCI_HT_OTHER);
	assert_int_equal(h.type, 0x15);
	assert_true(h.has_address);
	assert_int_equal(h.msi_address, 0x1fee00000ull);
	put16_(e, 0x40 + 2, 0xa803); /* fixed: no address register to believe */
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x40, PCI_CAP_ID_HT), &h), 0);
	assert_false(h.has_address);
	put16_(e, 0xf8 + 2, 0xa800); /* not fixed, but the address lies past the end */
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0xf8, PCI_CAP_ID_HT), &h),
			 -VDISC_ERANGE);
	assert_false(h.has_address);
	put16_(e, 0x40 + 2, 0x8800 | 0x25); /* revision id 1.05, kept in the command */
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x40, PCI_CAP_ID_HT), &h), 0);
	assert_int_equal(h.type, 0x11);
	assert_int_equal(h.revision, 0x25);
	put16_(e, 0x40 + 2, 0xf800);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, one_(e, 0x40, PCI_CAP_ID_HT), &h), 0);
	assert_int_equal(h.type, 0x1f);
}

static void test_ea(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ea ea;
	struct vdisc_pci_ea_entry x;
	int at;

	snap_(e, 0x177d, 0xa01d, 0);
	put8_(e, 0x40 + PCI_EA_NUM_ENT, 2);
	/* Entry 0: BAR 2, 64-bit base and max offset, enabled and writable. */
	put32_(e, 0x44, PCI_EA_ENABLE | PCI_EA_WRITABLE | 0x03 << 16 | 0x01 << 8 | 2 << 4 | 4);
	put32_(e, 0x48, 0xfe000000 | PCI_EA_IS_64);
	put32_(e, 0x4c, 0x000ffffc | PCI_EA_IS_64);
	put32_(e, 0x50, 0x87);
	put32_(e, 0x54, 0x1);
	/* Entry 1: ROM, 32-bit. */
	put32_(e, 0x58, 0x08 << 4 | 2);
	put32_(e, 0x5c, 0xc0000);
	put32_(e, 0x60, 0x7fc);
	put32_(e, 0xf8, 4);
	assert_int_equal(vdisc_pci_decode_ea(&e->fn, one_(e, 0x40, PCI_CAP_ID_EA), &ea), 0);
	assert_int_equal(ea.entries, 2);
	assert_false(ea.bridge);
	assert_int_equal(ea.first, 0x44);
	at = vdisc_pci_ea_entry(&e->fn, ea.first, &x);
	assert_int_equal(at, 0x58);
	assert_true(x.enabled && x.writable && x.base64 && x.max_offset64);
	assert_int_equal(x.bei, 2);
	assert_int_equal(x.primary, 1);
	assert_int_equal(x.secondary, 3);
	assert_int_equal(x.base, 0x87fe000000ull);
	assert_int_equal(x.max_offset, 0x1000fffffull);
	at = vdisc_pci_ea_entry(&e->fn, (uint16_t)at, &x);
	assert_int_equal(at, 0x64);
	assert_false(x.base64 || x.enabled);
	assert_int_equal(x.bei, 8);
	assert_int_equal(x.base, 0xc0000);
	assert_int_equal(x.max_offset, 0x7ff);
	/* An entry whose body runs past the snapshot (written before the decode). */
	assert_int_equal(vdisc_pci_ea_entry(&e->fn, 0xf8, &x), -VDISC_ERANGE);
	assert_int_equal(x.size, 4);
	assert_int_equal(vdisc_pci_ea_entry(&e->fn, 0x100, &x), -VDISC_ERANGE);
}

static void test_ea_bridge(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_ea ea;

	snap_(e, 0x177d, 0xa002, 1);
	put8_(e, 0x40 + PCI_EA_NUM_ENT, 0x41); /* bits above the 6-bit count are not entries */
	put8_(e, 0x44, 5);
	put8_(e, 0x45, 9);
	assert_int_equal(vdisc_pci_decode_ea(&e->fn, one_(e, 0x40, PCI_CAP_ID_EA), &ea), 0);
	assert_int_equal(ea.entries, 1);
	assert_true(ea.bridge && ea.has_buses);
	assert_int_equal(ea.secondary, 5);
	assert_int_equal(ea.subordinate, 9);
	assert_int_equal(ea.first, 0x48);
	assert_int_equal(vdisc_pci_decode_ea(&e->fn, one_(e, 0xfc, PCI_CAP_ID_EA), &ea),
			 -VDISC_ERANGE);
	assert_false(ea.has_buses);
}

static void vcap_(struct env_ *e, unsigned off, uint8_t len, uint8_t type, uint8_t bar)
{
	put8_(e, off + 2, len);
	put8_(e, off + 3, type);
	put8_(e, off + 4, bar);
	put32_(e, off + 8, 0x3000);
	put32_(e, off + 12, 0x1000);
	put32_(e, off + 16, 4);
}

static void test_vendor(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pci_vndr v;

	snap_(e, 0x1af4, 0x1041, 0);
	vcap_(e, 0x40, 20, 2, 4);
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, one_(e, 0x40, PCI_CAP_ID_VNDR), &v), 0);
	assert_true(v.virtio);
	assert_int_equal(v.cfg_type, 2);
	assert_int_equal(v.bar, 4);
	assert_int_equal(v.offset, 0x3000);
	assert_int_equal(v.size, 0x1000);
	assert_true(v.has_multiplier);
	assert_int_equal(v.multiplier, 4);
	vcap_(e, 0x40, 16, 2, 4); /* a notify capability too short for its multiplier */
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, one_(e, 0x40, PCI_CAP_ID_VNDR), &v), 0);
	assert_true(v.virtio);
	assert_false(v.has_multiplier);
	vcap_(e, 0x40, 15, 1, 0); /* shorter than any virtio_pci_cap */
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, one_(e, 0x40, PCI_CAP_ID_VNDR), &v), 0);
	assert_false(v.virtio);
	assert_int_equal(v.length, 15);
	put8_(e, 0xf4 + 2, 16); /* its 16 bytes run past the snapshot */
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, one_(e, 0xf4, PCI_CAP_ID_VNDR), &v),
			 -VDISC_ERANGE);
	assert_false(v.virtio);
	assert_int_equal(v.length, 16);

	/* Another vendor's: its length only. */
	snap_(e, 0x8086, 0x1041, 0);
	vcap_(e, 0x40, 20, 2, 4);
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, one_(e, 0x40, PCI_CAP_ID_VNDR), &v), 0);
	assert_false(v.virtio);
	assert_int_equal(v.length, 20);
}

/* A VPD image: name, read-only list with a checksum, read-write list, end. */
static unsigned vpd_image_(uint8_t *v)
{
	static const uint8_t head[] = {
		0x82, 5,   0, 'C', 'a', 'r', 'd', 0,   /* identifier string */
		0x90, 11,  0, 'P', 'N', 2,   '4', '2', /* read-only: part number, */
		'R',  'V', 3, 0,   0,	0,	       /* checksum and 2 reserved */
		0x91, 5,   0, 'R', 'W', 2,   0,	  0,   /* read-write: 2 bytes free */
		0x78,				       /* end */
	};
	uint8_t sum = 0;
	unsigned i;

	memcpy(v, head, sizeof(head));
	for (i = 0; i < 19; i++) /* up to and with RV's header */
		sum = (uint8_t)(sum + v[i]);
	v[19] = (uint8_t)-sum;
	return sizeof(head);
}

static void test_vpd_walk(void **state)
{
	uint8_t v[64];
	struct vdisc_pci_vpd_iter it = {0};
	struct vdisc_pci_vpd_item x;

	(void)state;
	it.vpd = v;
	it.size = vpd_image_(v);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.kind, VDISC_PCI_VPD_ID_STRING);
	assert_int_equal(x.len, 5);
	assert_memory_equal(x.data, "Card", 4);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.kind, VDISC_PCI_VPD_FIELDS);
	assert_false(x.read_write);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.kind, VDISC_PCI_VPD_FIELD);
	assert_memory_equal(x.keyword, "PN", 2);
	assert_string_equal(x.name, "Part number");
	assert_int_equal(x.format, VDISC_PCI_VPD_TEXT);
	assert_int_equal(x.len, 2);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.format, VDISC_PCI_VPD_CHECKSUM);
	assert_int_equal(x.len, 3);
	assert_true(x.checksum_ok);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.kind, VDISC_PCI_VPD_FIELDS);
	assert_true(x.read_write);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.format, VDISC_PCI_VPD_FREE);
	assert_true(x.read_write);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 1);
	assert_int_equal(x.kind, VDISC_PCI_VPD_END);
	assert_int_equal(vdisc_pci_vpd_next(&it, &x), 0);
}

static enum vdisc_pci_vpd_kind vpd_last_(const uint8_t *v, uint32_t size, bool *bad_sum)
{
	struct vdisc_pci_vpd_iter it = {0};
	struct vdisc_pci_vpd_item x, last = {0};

	it.vpd = v;
	it.size = size;
	*bad_sum = false;
	while (vdisc_pci_vpd_next(&it, &x)) {
		if (x.kind == VDISC_PCI_VPD_FIELD && x.format == VDISC_PCI_VPD_CHECKSUM)
			*bad_sum = !x.checksum_ok;
		last = x;
	}
	return last.kind;
}

/* Short, empty, corrupt and strange images end the walk cleanly, reading nothing beyond. */
static void test_vpd_broken(void **state)
{
	uint8_t v[64], *exact;
	unsigned n, cut;
	bool bad;

	(void)state;
	n = vpd_image_(v);
	for (cut = 1; cut < n; cut++) {
		exact = malloc(cut);
		assert_non_null(exact);
		memcpy(exact, v, cut);
		assert_int_equal(vpd_last_(exact, cut, &bad),
				 cut < 3 ? VDISC_PCI_VPD_UNREADABLE : VDISC_PCI_VPD_NO_END);
		free(exact);
	}
	assert_int_equal(vpd_last_(v, 0, &bad), VDISC_PCI_VPD_UNREADABLE);
	v[20] ^= 1; /* a reserved byte: not summed */
	assert_int_equal(vpd_last_(v, n, &bad), VDISC_PCI_VPD_END);
	assert_false(bad);
	v[14] ^= 1; /* a part number byte: summed */
	assert_int_equal(vpd_last_(v, n, &bad), VDISC_PCI_VPD_END);
	assert_true(bad);
	v[0] = 0x84; /* a large resource VPD does not define */
	assert_int_equal(vpd_last_(v, n, &bad), VDISC_PCI_VPD_UNKNOWN);
	v[0] = 0x82;
	v[2] = 0x80; /* a length past VPD's 32 KiB */
	assert_int_equal(vpd_last_(v, n, &bad), VDISC_PCI_VPD_NO_END);
}

/* Every decoder takes only its own standard capability. */
static void test_wrong_id(void **state)
{
	struct env_ *e = *state;
	const struct vdisc_pci_cap *cap;
	struct vdisc_pci_agp agp;
	struct vdisc_pci_slotid sid;
	struct vdisc_pci_pcix pcix;
	struct vdisc_pci_ht ht;
	struct vdisc_pci_dbg dbg;
	struct vdisc_pci_ssvid ssvid;
	struct vdisc_pci_sata sata;
	struct vdisc_pci_af af;
	struct vdisc_pci_ea ea;
	struct vdisc_pci_vndr vndr;

	snap_(e, 0x8086, 0x1234, 0);
	cap = one_(e, 0x40, PCI_CAP_ID_PM);
	assert_int_equal(vdisc_pci_decode_agp(&e->fn, cap, &agp), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_slotid(&e->fn, cap, &sid), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_pcix(&e->fn, cap, &pcix), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_ht(&e->fn, cap, &ht), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_dbg(&e->fn, cap, &dbg), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_ssvid(&e->fn, cap, &ssvid), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_sata(&e->fn, cap, &sata), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_af(&e->fn, cap, &af), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_ea(&e->fn, cap, &ea), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, cap, &vndr), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_vndr(&e->fn, NULL, &vndr), -VDISC_EINVAL);
}

#define T_(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_(test_pm_fields),
		T_(test_msi_reserved_counts),
		T_(test_agp),
		T_(test_small_caps),
		T_(test_sata_af),
		T_(test_pcix_device),
		T_(test_pcix_bridge),
		T_(test_ht_interfaces),
		T_(test_ht_blocks),
		T_(test_ea),
		T_(test_ea_bridge),
		T_(test_vendor),
		T_(test_wrong_id),
		cmocka_unit_test(test_vpd_walk),
		cmocka_unit_test(test_vpd_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
