/* SPDX-License-Identifier: MIT */
/*
 * virtio-pci identification and structure decoding on hand-built
 * configuration spaces, hostile ones included: structures outside their
 * BAR, in a BAR that does not exist, zero-length, wrapping 32-bit
 * arithmetic, capabilities too short to be virtio ones, too many of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vdisc/vdisc.h>

struct space {
	uint8_t b[256];
	uint8_t next; /* where the next capability goes */
	uint8_t *last_next;
};

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void space_init(struct space *s, uint16_t vendor, uint16_t device, uint16_t subsystem)
{
	memset(s, 0, sizeof(*s));
	put16(s->b, vendor);
	put16(s->b + 2, device);
	put16(s->b + 6, 0x0010);	/* capability list */
	put32(s->b + 0x20, 0x0000000c); /* BAR4: 64-bit prefetchable memory at 0 */
	put16(s->b + 0x2e, subsystem);
	s->next = 0x40;
	s->last_next = &s->b[0x34];
}

/* A vendor capability: cap_len bytes, cfg_type, bar, then offset/length (and extra words). */
static void add_cap(struct space *s, uint8_t len, uint8_t cfg_type, uint8_t bar, uint32_t offset,
		    uint32_t length, uint32_t extra0, uint32_t extra1)
{
	uint8_t *c = &s->b[s->next];

	*s->last_next = s->next;
	c[0] = 0x09;
	c[2] = len;
	c[3] = cfg_type;
	c[4] = bar;
	put32(c + 8, offset);
	put32(c + 12, length);
	put32(c + 16, extra0);
	put32(c + 20, extra1);
	s->last_next = &c[1];
	s->next = (uint8_t)(s->next + (len < 16 ? 16 : (len + 3) & ~3u));
}

static unsigned char arena_buf[1 << 16];

static void decode(const struct space *s, struct vdisc_pci_function *fn, uint64_t bar4_size)
{
	struct vdisc_arena arena;
	struct vdisc_pci_addr a = {0, 0, 3, 0};
	unsigned i;

	vdisc_arena_init(&arena, arena_buf, sizeof(arena_buf));
	assert_int_equal(vdisc_pci_decode(s->b, sizeof(s->b), a, &arena, fn), 0);
	for (i = 0; i < fn->nbars; i++)
		if (fn->bars[i].index == 4 && bar4_size) {
			fn->bars[i].size = bar4_size;
			fn->bars[i].has_size = true;
		}
}

static void test_modern_layout(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;

	(void)state;
	space_init(&s, 0x1af4, 0x1042, 0x1100);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0x0000, 0x38, 0, 0);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1, 0, 0);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_DEVICE, 4, 0x2000, 0x1000, 0, 0);
	add_cap(&s, 20, VDISC_VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000, 4, 0);
	add_cap(&s, 20, VDISC_VIRTIO_PCI_CAP_PCI_CFG, 0, 0, 0, 0, 0);
	add_cap(&s, 24, VDISC_VIRTIO_PCI_CAP_SHARED_MEMORY, 4, 0x0, 0x0, 0x1,
		0x0); /* offset 4 GiB */
	decode(&s, &fn, 0x4000);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_MODERN);
	assert_int_equal(v.device_type, 2);
	assert_int_equal(v.ncaps, 6);
	assert_true(v.caps[0].in_bar && v.caps[0].bar_known);
	assert_int_equal(v.caps[3].notify_off_multiplier, 4);
	assert_true(v.caps[4].in_bar); /* a window in config space: no BAR to check */
	/* Shared memory's 64-bit offset (4 GiB) lies far outside a 16 KiB BAR. */
	assert_int_equal(v.caps[5].offset, 0x100000000ull);
	assert_false(v.caps[5].in_bar);
	assert_string_equal(vdisc_virtio_pci_cap_name(v.caps[3].cfg_type), "notify");
}

static void test_hostile_regions(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;

	(void)state;
	space_init(&s, 0x1af4, 0x1041, 0);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0x3f00, 0x200, 0,
		0);							   /* runs past the end */
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_DEVICE, 3, 0x0, 0x100, 0, 0); /* BAR3 does not exist */
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_ISR, 4, 0xfffffff0u, 0x20, 0,
		0);							   /* would wrap 32 bits */
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_NOTIFY, 4, 0x100, 0x0, 0, 0); /* zero length */
	add_cap(&s, 8, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0x0, 0x38, 0, 0);   /* too short */
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_DEVICE, 9, 0x0, 0x10, 0, 0);  /* bar 9: no such */
	decode(&s, &fn, 0x4000);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_MODERN);
	assert_int_equal(v.device_type, 1);
	assert_int_equal(v.ncaps, 5); /* the short one is not a virtio capability */
	assert_false(v.caps[0].in_bar);
	assert_true(v.caps[0].bar_known);
	assert_false(v.caps[1].in_bar);
	assert_true(v.caps[1].bar_known);
	assert_false(v.caps[2].in_bar);
	/* Zero length fits anywhere: shown as it is (length 0) for a person to judge. */
	assert_true(v.caps[3].in_bar);
	assert_int_equal(v.caps[3].length, 0);
	assert_false(v.caps[4].in_bar);
}

/* A dump cannot size its BARs: the check is then not made, and says so. */
static void test_unsized_bar(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;

	(void)state;
	space_init(&s, 0x1af4, 0x1042, 0);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0xfff00000u, 0x38, 0, 0);
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_false(v.caps[0].bar_known);
	assert_true(v.caps[0].in_bar);
}

static void test_transitional_and_legacy(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;

	(void)state;
	space_init(&s, 0x1af4, 0x1001, 0x0002);
	add_cap(&s, 16, VDISC_VIRTIO_PCI_CAP_COMMON, 4, 0, 0x38, 0, 0);
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_TRANSITIONAL);
	assert_int_equal(v.device_type, 2); /* from the subsystem device id */

	space_init(&s, 0x1af4, 0x1005, 0x0004);
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_LEGACY);
	assert_int_equal(v.device_type, 4);
	assert_int_equal(v.ncaps, 0);
}

static void test_not_virtio(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;

	(void)state;
	space_init(&s, 0x8086, 0x1042, 0);
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_NONE);
	space_init(&s, 0x1af4, 0x1100, 0); /* ivshmem and friends: same vendor, not virtio */
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.kind, VDISC_VIRTIO_PCI_NONE);
	assert_int_equal(vdisc_virtio_pci_identify(NULL, &v), -VDISC_EINVAL);
}

/* Capabilities 8 bytes apart (overlapping, as a hostile device may lay them): 22 of them. */
static void test_too_many_caps(void **state)
{
	static struct space s;
	struct vdisc_pci_function fn;
	struct vdisc_virtio_pci v;
	unsigned at;

	(void)state;
	space_init(&s, 0x1af4, 0x1042, 0);
	s.b[0x34] = 0x40;
	for (at = 0x40; at <= 0xe8; at += 8) {
		s.b[at] = 0x09;
		s.b[at + 1] = (uint8_t)(at + 8 <= 0xe8 ? at + 8 : 0);
		s.b[at + 2] = 16;
		s.b[at + 3] = VDISC_VIRTIO_PCI_CAP_VENDOR;
		s.b[at + 4] = 4;
	}
	decode(&s, &fn, 0);
	assert_int_equal(vdisc_virtio_pci_identify(&fn, &v), 0);
	assert_int_equal(v.ncaps, VDISC_VIRTIO_PCI_MAX_CAPS);
	assert_true(v.truncated);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modern_layout),
		cmocka_unit_test(test_hostile_regions),
		cmocka_unit_test(test_unsized_bar),
		cmocka_unit_test(test_transitional_and_legacy),
		cmocka_unit_test(test_not_virtio),
		cmocka_unit_test(test_too_many_caps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
