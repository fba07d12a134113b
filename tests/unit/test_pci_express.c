/* SPDX-License-Identifier: MIT */
/*
 * vdisc_pci_decode_pcie on hand-built configuration spaces: each port type,
 * version 1 against 2, the register groups that stop past the snapshot, and
 * the header's BARs as the AtomicOp completer line needs them.  Offsets and
 * masks come from the kernel's <linux/pci_regs.h>.  Each snapshot is decoded
 * from a heap copy of exactly its size, so that a read past it is an
 * AddressSanitizer report in the sanitizer build.
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

static void w8_(struct env_ *e, unsigned off, uint8_t v)
{
	assert_true(off < e->size);
	e->img[off] = v;
}

static void w16_(struct env_ *e, unsigned off, uint16_t v)
{
	w8_(e, off, (uint8_t)v);
	w8_(e, off + 1, (uint8_t)(v >> 8));
}

static void w32_(struct env_ *e, unsigned off, uint32_t v)
{
	w16_(e, off, (uint16_t)v);
	w16_(e, off + 2, (uint16_t)(v >> 16));
}

/* A snapshot of @size bytes with one PCI Express capability at @at: @flags is its
 * capabilities register (version | type << 4 | ...). */
static void space_(struct env_ *e, uint16_t size, uint8_t header_type, unsigned at, uint16_t flags)
{
	memset(e->img, 0, sizeof(e->img));
	e->size = size;
	w16_(e, PCI_VENDOR_ID, 0x8086);
	w16_(e, PCI_DEVICE_ID, 0x1234);
	w8_(e, PCI_HEADER_TYPE, header_type);
	w16_(e, PCI_STATUS, PCI_STATUS_CAP_LIST);
	w8_(e, PCI_CAPABILITY_LIST, (uint8_t)at);
	w8_(e, at + PCI_CAP_LIST_ID, PCI_CAP_ID_EXP);
	w16_(e, at + PCI_EXP_FLAGS, flags);
}

/* Fill every byte of the capability after its flags that the snapshot has with @byte. */
static void fill_(struct env_ *e, unsigned at, uint8_t byte)
{
	unsigned i;

	for (i = at + PCI_EXP_DEVCAP; i < at + PCI_EXP_SLTSTA2 + 2 && i < e->size; i++)
		e->img[i] = byte;
}

static int decode_at_(struct env_ *e, uint8_t dev, uint8_t fn, unsigned at, struct vdisc_pcie *x)
{
	struct vdisc_pci_addr addr = {0, 0, dev, fn};
	const struct vdisc_pci_cap *cap;

	free(e->exact);
	e->exact = malloc(e->size);
	assert_non_null(e->exact);
	memcpy(e->exact, e->img, e->size);
	vdisc_arena_init(&e->arena, e->buf, sizeof(e->buf));
	assert_int_equal(vdisc_pci_decode(e->exact, e->size, addr, &e->arena, &e->fn), 0);
	for (cap = e->fn.caps; cap && cap->offset != at; cap = cap->next)
		;
	assert_non_null(cap);
	memset(x, 0x5a, sizeof(*x)); /* the decoder must clear what it does not read */
	return vdisc_pci_decode_pcie(&e->fn, cap, x);
}

static uint16_t flags_(unsigned version, unsigned type, bool slot, unsigned irq)
{
	return (uint16_t)(version | type << 4 | (slot ? PCI_EXP_FLAGS_SLOT : 0) | irq << 9);
}

/* An endpoint, version 2, function 0: every field it has, decoded. */
static void test_endpoint_v2(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;
	const unsigned at = 0x40;

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, at, flags_(2, PCI_EXP_TYPE_ENDPOINT, false, 3));
	w32_(e, PCI_BASE_ADDRESS_2, PCI_BASE_ADDRESS_MEM_TYPE_64 | 0xfe000000u);
	/* MaxPayload 512, phantom 1, L0s code 6, L1 code 5, ext tag, FLR, 25 * 0.1 W. */
	w32_(e, at + PCI_EXP_DEVCAP,
	     2 | 1 << 3 | PCI_EXP_DEVCAP_EXT_TAG | 6 << 6 | 5 << 9 | PCI_EXP_DEVCAP_FLR | 25 << 18 |
		     1u << 26);
	w16_(e, at + PCI_EXP_DEVCTL, PCI_EXP_DEVCTL_PAYLOAD_256B | PCI_EXP_DEVCTL_READRQ_4096B);
	w16_(e, at + PCI_EXP_DEVSTA, PCI_EXP_DEVSTA_URD);
	w32_(e, at + PCI_EXP_LNKCAP,
	     PCI_EXP_LNKCAP_SLS_16_0GB | 8 << 4 | PCI_EXP_LNKCAP_ASPM_L1 | 4 << 12 | 6 << 15 |
		     7u << 24);
	w16_(e, at + PCI_EXP_LNKCTL, PCI_EXP_LNKCTL_ASPM_L1 | PCI_EXP_LNKCTL_RCB);
	w16_(e, at + PCI_EXP_LNKSTA, PCI_EXP_LNKSTA_CLS_8_0GB | PCI_EXP_LNKSTA_NLW_X4);
	w32_(e, at + PCI_EXP_DEVCAP2, PCI_EXP_DEVCAP2_LTR | 0xf);
	w16_(e, at + PCI_EXP_DEVCTL2, PCI_EXP_DEVCTL2_LTR_EN | 5);
	w32_(e, at + PCI_EXP_LNKCAP2,
	     PCI_EXP_LNKCAP2_SLS_2_5GB | PCI_EXP_LNKCAP2_SLS_5_0GB | PCI_EXP_LNKCAP2_SLS_8_0GB |
		     PCI_EXP_LNKCAP2_SLS_16_0GB);
	w16_(e, at + PCI_EXP_LNKCTL2, PCI_EXP_LNKCTL2_TLS_16_0GT);
	w16_(e, at + PCI_EXP_LNKSTA2, 0x0003);
	w16_(e, at + PCI_EXP_SLTCTL2, 0xffff); /* not the endpoint's: never read */
	assert_int_equal(decode_at_(e, 0, 0, at, &x), 0);

	assert_int_equal(x.version, 2);
	assert_int_equal(x.port_type, PCI_EXP_TYPE_ENDPOINT);
	assert_int_equal(x.interrupt_message, 3);
	assert_true(x.has_link && x.has_v2 && x.has_link2 && x.has_mem_bar);
	assert_false(x.has_slot || x.has_root);
	assert_true(x.regs_read && x.regs2_read);
	assert_int_equal(x.max_payload_code, 2);
	assert_int_equal(x.max_payload, 512);
	assert_int_equal(x.payload, 256);
	assert_int_equal(x.read_request_code, 5);
	assert_int_equal(x.read_request, 4096);
	assert_int_equal(x.dev_l0s_latency, 6);
	assert_int_equal(x.dev_l1_latency, 5);
	assert_int_equal(x.dev_power_value, 25);
	assert_int_equal(x.dev_power_scale, 1);
	assert_int_equal(vdisc_pcie_power_limit_mw(x.dev_power_value, x.dev_power_scale), 2500);
	assert_int_equal(x.devsta, PCI_EXP_DEVSTA_URD);
	assert_int_equal(x.link_max_speed, 4);
	assert_string_equal(vdisc_pcie_speed_name(x.link_max_speed), "16GT/s");
	assert_int_equal(x.link_max_width, 8);
	assert_int_equal(x.link_speed, 3);
	assert_int_equal(x.link_width, 4);
	assert_int_equal(x.port_number, 7);
	assert_int_equal(x.aspm_support, 2);
	assert_int_equal(x.aspm_control, 2);
	assert_int_equal(x.link_l0s_exit, 4);
	assert_int_equal(x.link_l1_exit, 6);
	assert_int_equal(x.lnkctl, PCI_EXP_LNKCTL_ASPM_L1 | PCI_EXP_LNKCTL_RCB);
	assert_int_equal(x.devcap2, PCI_EXP_DEVCAP2_LTR | 0xf);
	assert_int_equal(x.devctl2, PCI_EXP_DEVCTL2_LTR_EN | 5);
	assert_int_equal(x.speeds_vector, 0x0f);
	assert_int_equal(x.target_speed, 4);
	assert_int_equal(x.lnksta2, 3);
	assert_int_equal(x.sltctl2, 0);
	assert_int_equal(x.sltcap, 0);
	assert_int_equal(x.rtsta, 0);
}

/* Functions other than 0 of an endpoint: Link Capabilities/Control 2 are function 0's. */
static void test_endpoint_other_function(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0x40, flags_(2, PCI_EXP_TYPE_LEG_END, false, 0));
	fill_(e, 0x40, 0xff);
	assert_int_equal(decode_at_(e, 0, 1, 0x40, &x), 0);
	assert_true(x.has_link);
	assert_false(x.has_link2);
	assert_int_equal(x.lnkcap2, 0);
	assert_int_equal(x.lnkctl2, 0);
	assert_int_equal(x.lnksta2, 0xffff);
	assert_int_equal(x.speeds_vector, 0);
	/* Device 2, function 0 is another device's function 0 but not this link's either. */
	assert_int_equal(decode_at_(e, 2, 0, 0x40, &x), 0);
	assert_false(x.has_link2);
	/* A switch port at function 1 keeps them. */
	w16_(e, 0x40 + PCI_EXP_FLAGS, flags_(2, PCI_EXP_TYPE_UPSTREAM, false, 0));
	assert_int_equal(decode_at_(e, 0, 1, 0x40, &x), 0);
	assert_true(x.has_link2);
	assert_int_equal(x.lnkcap2, 0xffffffffu);
}

/* A root port with a slot: slot, root and slot 2 registers. */
static void test_root_port_slot(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;
	const unsigned at = 0x60;

	space_(e, 4096, PCI_HEADER_TYPE_BRIDGE, at, flags_(2, PCI_EXP_TYPE_ROOT_PORT, true, 0));
	w32_(e, at + PCI_EXP_SLTCAP,
	     PCI_EXP_SLTCAP_HPC | PCI_EXP_SLTCAP_HPS | 0xf4 << 7 | 0u << 15 | 12u << 19);
	w16_(e, at + PCI_EXP_SLTCTL, PCI_EXP_SLTCTL_ATTN_IND_OFF | PCI_EXP_SLTCTL_PWR_IND_ON);
	w16_(e, at + PCI_EXP_SLTSTA, PCI_EXP_SLTSTA_PDS);
	w16_(e, at + PCI_EXP_RTCTL, PCI_EXP_RTCTL_PMEIE);
	w16_(e, at + PCI_EXP_RTCAP, PCI_EXP_RTCAP_CRSVIS);
	w32_(e, at + PCI_EXP_RTSTA, PCI_EXP_RTSTA_PME | 0x0100);
	w32_(e, at + PCI_EXP_SLTCAP2, PCI_EXP_SLTCAP2_IBPD);
	w16_(e, at + PCI_EXP_SLTSTA2, 0x1234);
	assert_int_equal(decode_at_(e, 0x1c, 0, at, &x), 0);
	assert_true(x.has_link && x.has_slot && x.has_root && x.has_v2 && x.has_link2);
	assert_false(x.has_mem_bar);
	assert_int_equal(x.slot_number, 12);
	assert_int_equal(x.slot_power_value, 0xf4);
	assert_int_equal(x.slot_power_scale, 0);
	assert_int_equal(vdisc_pcie_power_limit_mw(x.slot_power_value, x.slot_power_scale), 350000);
	assert_int_equal(x.sltctl, PCI_EXP_SLTCTL_ATTN_IND_OFF | PCI_EXP_SLTCTL_PWR_IND_ON);
	assert_int_equal(x.sltsta, PCI_EXP_SLTSTA_PDS);
	assert_int_equal(x.rtctl, PCI_EXP_RTCTL_PMEIE);
	assert_int_equal(x.rtcap, PCI_EXP_RTCAP_CRSVIS);
	assert_int_equal(x.rtsta, PCI_EXP_RTSTA_PME | 0x0100);
	assert_int_equal(x.sltcap2, PCI_EXP_SLTCAP2_IBPD);
	assert_int_equal(x.sltsta2, 0x1234);
	assert_string_equal(vdisc_pcie_port_type_name(x.port_type), "Root Port");
}

/* The slot flag counts only on ports below which a slot can sit. */
static void test_slot_flag_by_type(void **state)
{
	static const struct {
		uint8_t type;
		bool slot;
	} cases[] = {
		{PCI_EXP_TYPE_DOWNSTREAM, true}, {PCI_EXP_TYPE_PCIE_BRIDGE, true},
		{PCI_EXP_TYPE_ROOT_PORT, true},	 {PCI_EXP_TYPE_UPSTREAM, false},
		{PCI_EXP_TYPE_ENDPOINT, false},	 {PCI_EXP_TYPE_PCI_BRIDGE, false},
		{PCI_EXP_TYPE_RC_END, false},	 {PCI_EXP_TYPE_RC_EC, false},
	};
	struct env_ *e = *state;
	struct vdisc_pcie x;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0x40, flags_(2, cases[i].type, true, 0));
		fill_(e, 0x40, 0xa5);
		assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
		assert_true(x.slot_implemented);
		assert_int_equal(x.has_slot, cases[i].slot);
		assert_int_equal(x.sltcap, cases[i].slot ? 0xa5a5a5a5u : 0);
		assert_int_equal(x.sltsta2, cases[i].slot ? 0xa5a5 : 0);
	}
	/* Without the flag a downstream port has no slot registers. */
	space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0x40, flags_(2, PCI_EXP_TYPE_DOWNSTREAM, false, 0));
	fill_(e, 0x40, 0xa5);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_false(x.has_slot);
	assert_int_equal(x.sltcap, 0);
}

/* Root complex integrated endpoints and event collectors have no link; collectors have the
 * root registers. */
static void test_root_complex_types(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0x40, flags_(2, PCI_EXP_TYPE_RC_END, false, 0));
	fill_(e, 0x40, 0xff);
	assert_int_equal(decode_at_(e, 0, 3, 0x40, &x), 0);
	assert_false(x.has_link || x.has_link2 || x.has_root || x.has_slot);
	assert_int_equal(x.lnkcap, 0);
	assert_int_equal(x.link_width, 0);
	assert_int_equal(x.lnksta2, 0);
	assert_int_equal(x.devcap2, 0xffffffffu);
	/* Reserved size codes keep their code; the byte counts stop at 4096. */
	assert_int_equal(x.max_payload_code, 7);
	assert_int_equal(x.max_payload, 4096);

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0x40, flags_(1, PCI_EXP_TYPE_RC_EC, false, 0));
	fill_(e, 0x40, 0xff);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_true(x.has_root);
	assert_false(x.has_link);
	assert_int_equal(x.rtsta, 0xffffffffu);
	assert_null(vdisc_pcie_port_type_name(2));
	assert_null(vdisc_pcie_port_type_name(0xb));
	assert_string_equal(vdisc_pcie_port_type_name(PCI_EXP_TYPE_RC_EC),
			    "Root Complex Event Collector");
}

/* Version 1: no "2" registers, whatever the bytes after it hold. */
static void test_version1(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0x40, flags_(1, PCI_EXP_TYPE_DOWNSTREAM, true, 0));
	fill_(e, 0x40, 0x11);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_true(x.regs_read && x.has_slot);
	assert_false(x.has_v2 || x.regs2_read);
	assert_int_equal(x.sltcap, 0x11111111u);
	assert_int_equal(x.devcap2 | x.lnkcap2 | x.lnksta2 | x.sltcap2, 0);
	assert_int_equal(x.target_speed, 0);
}

/* Register groups past the end of a 256-byte snapshot: each is read whole or not at all. */
static void test_truncated(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	/* A root port's version 1 registers run to 0xe0 + 0x24: one group too far. */
	space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0xe0, flags_(2, PCI_EXP_TYPE_ROOT_PORT, false, 9));
	fill_(e, 0xe0, 0xff);
	assert_int_equal(decode_at_(e, 0, 0, 0xe0, &x), -VDISC_ERANGE);
	assert_int_equal(x.port_type, PCI_EXP_TYPE_ROOT_PORT);
	assert_int_equal(x.interrupt_message, 9);
	assert_true(x.has_root);
	assert_false(x.regs_read || x.regs2_read);
	assert_int_equal(x.devcap | x.lnkcap | x.rtsta, 0);

	/* An endpoint at 0xe0: version 1 registers fit (0xe4..0xf4), the "2" ones do not. */
	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0xe0, flags_(2, PCI_EXP_TYPE_ENDPOINT, false, 0));
	fill_(e, 0xe0, 0xff);
	assert_int_equal(decode_at_(e, 0, 0, 0xe0, &x), -VDISC_ERANGE);
	assert_true(x.regs_read);
	assert_false(x.regs2_read);
	assert_int_equal(x.lnkcap, 0xffffffffu);
	assert_int_equal(x.devcap2 | x.lnksta2, 0);

	/* At 0xc8 the "2" registers end at 0xfc: all there. */
	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0xc8, flags_(2, PCI_EXP_TYPE_ENDPOINT, false, 0));
	fill_(e, 0xc8, 0xff);
	assert_int_equal(decode_at_(e, 0, 0, 0xc8, &x), 0);
	assert_true(x.regs2_read);
	assert_int_equal(x.lnksta2, 0xffff);

	/* A slot adds 8 bytes to each group: at 0xc8 a downstream port's slot 2 runs past. */
	space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0xc8, flags_(2, PCI_EXP_TYPE_DOWNSTREAM, true, 0));
	fill_(e, 0xc8, 0xff);
	assert_int_equal(decode_at_(e, 0, 0, 0xc8, &x), -VDISC_ERANGE);
	assert_true(x.regs_read);
	assert_false(x.regs2_read);
}

static void test_not_express(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;
	struct vdisc_pci_cap cap = {.offset = 0x40, .id = PCI_CAP_ID_MSI};

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0x40, flags_(2, PCI_EXP_TYPE_ENDPOINT, false, 0));
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, &cap, &x), -VDISC_EINVAL);
	cap.id = PCI_CAP_ID_EXP;
	cap.extended = true;
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, &cap, &x), -VDISC_EINVAL);
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, NULL, &x), -VDISC_EINVAL);
	/* A capability claimed past the snapshot (a caller's mistake) is refused, not read. */
	cap.extended = false;
	cap.offset = 0xfe;
	assert_int_equal(vdisc_pci_decode_pcie(&e->fn, &cap, &x), -VDISC_EINVAL);
}

/* Memory BARs as the header holds them: empty, all-ones, I/O and a 64-bit BAR with no room
 * for its upper half do not count. */
static void test_memory_bars(void **state)
{
	struct env_ *e = *state;
	struct vdisc_pcie x;

	space_(e, 256, PCI_HEADER_TYPE_NORMAL, 0x40, flags_(2, PCI_EXP_TYPE_ENDPOINT, false, 0));
	w32_(e, PCI_BASE_ADDRESS_0, 0xe001);
	w32_(e, PCI_BASE_ADDRESS_1, 0xffffffffu);
	w32_(e, PCI_BASE_ADDRESS_5, PCI_BASE_ADDRESS_MEM_TYPE_64 | 0xf0000000u);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_false(x.has_mem_bar);
	/* A 64-bit BAR whose address is zero still counts: its type bits make it non-zero. */
	w32_(e, PCI_BASE_ADDRESS_4, PCI_BASE_ADDRESS_MEM_TYPE_64);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_true(x.has_mem_bar);

	/* A bridge has two BARs; what sits at BAR 2's offset is its bus numbers. */
	space_(e, 256, PCI_HEADER_TYPE_BRIDGE, 0x40, flags_(2, PCI_EXP_TYPE_UPSTREAM, false, 0));
	w32_(e, PCI_PRIMARY_BUS, 0x00020100);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_false(x.has_mem_bar);
	w32_(e, PCI_BASE_ADDRESS_1, 0xfe000000u);
	assert_int_equal(decode_at_(e, 0, 0, 0x40, &x), 0);
	assert_true(x.has_mem_bar);
}

static void test_power_and_speed_names(void **state)
{
	(void)state;
	assert_int_equal(vdisc_pcie_power_limit_mw(0xff, 0), UINT32_MAX);
	assert_int_equal(vdisc_pcie_power_limit_mw(0xf0, 0), 250000);
	assert_int_equal(vdisc_pcie_power_limit_mw(0xfe, 0), 600000);
	assert_int_equal(vdisc_pcie_power_limit_mw(0xef, 0), 239000);
	assert_int_equal(vdisc_pcie_power_limit_mw(0xff, 1), 25500);
	assert_int_equal(vdisc_pcie_power_limit_mw(0xff, 3), 255);
	assert_int_equal(vdisc_pcie_power_limit_mw(75, 2), 750);
	assert_int_equal(vdisc_pcie_power_limit_mw(0, 0), 0);
	assert_string_equal(vdisc_pcie_speed_name(1), "2.5GT/s");
	assert_string_equal(vdisc_pcie_speed_name(5), "32GT/s");
	assert_string_equal(vdisc_pcie_speed_name(6), "64GT/s");
	assert_null(vdisc_pcie_speed_name(0));
	assert_null(vdisc_pcie_speed_name(7));
	assert_null(vdisc_pcie_speed_name(255));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_endpoint_v2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_endpoint_other_function, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_port_slot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slot_flag_by_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_complex_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_express, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memory_bars, setup, teardown),
		cmocka_unit_test(test_power_and_speed_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
