/* SPDX-License-Identifier: MIT */
/*
 * The virtio tables (device types, feature bits, status bits, virtio-pci
 * structure types), checked against a list on this machine written
 * independently of ours: the kernel's uapi headers <linux/virtio_*.h>
 * (Debian linux-libc-dev).  Every "#define PREFIX_NAME number" there must
 * be in our tables under the same name, less the prefix; where the kernel
 * and the spec spell a name differently we follow the spec, and the
 * exceptions_[] list below says so.  Names only we have (newer spec text
 * than the installed kernel headers, as a rule) are printed as notes.  A
 * header that is not installed skips its test.
 *
 * usage: test_virtio_tables [include-dir]   (default /usr/include)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <vdisc/virtio.h>

#define MAX_DEFINES_ 256
#define MAX_BITS_ (32 * VDISC_VIRTIO_FEATURE_WORDS)

static char default_dir_[] = "/usr/include";

struct define_ {
	const char *prefix; /* "VIRTIO_NET_F_" */
	char name[64];	    /* without the prefix: "MQ" */
	unsigned long value;
};

struct define_list_ {
	struct define_ d[MAX_DEFINES_];
	size_t n;
};

/*
 * Where the kernel's suffix is not the spec's: {prefix, kernel, ours}.
 * An ours of NULL marks a kernel define that is no id or bit of the spec's,
 * which we leave unnamed on purpose.
 */
struct exception_ {
	const char *prefix;
	const char *kernel;
	const char *ours;
};

static const struct exception_ exceptions_[] = {
	/* Kernel ids without a spec assignment: the spec's registry skips 37. */
	{"VIRTIO_ID_", "DMABUF", NULL},
	/* The spec calls bit 6 DEVICE_NEEDS_RESET. */
	{"VIRTIO_CONFIG_S_", "NEEDS_RESET", "DEVICE_NEEDS_RESET"},
	/* Bit 33's 1.1-draft name, which older kernels define as a number. */
	{"VIRTIO_F_", "IOMMU_PLATFORM", "ACCESS_PLATFORM"},
	/* Spec: VIRTIO_BALLOON_F_PAGE_REPORTING. */
	{"VIRTIO_BALLOON_F_", "REPORTING", "PAGE_REPORTING"},
	/*
	 * Not feature bits (newer kernels): where the UDP tunnel features
	 * (65, 66) sit in the 64-bit VIRTIO_NET_CTRL_GUEST_OFFLOADS mask.
	 */
	{"VIRTIO_NET_F_", "GUEST_UDP_TUNNEL_GSO_MAPPED", NULL},
	{"VIRTIO_NET_F_", "GUEST_UDP_TUNNEL_GSO_CSUM_MAPPED", NULL},
	/* Our cfg_type names are lowercase; this one keeps its suffix. */
	{"VIRTIO_PCI_CAP_", "PCI_CFG", "pci-cfg"},
};

static const struct exception_ *find_exception(const char *prefix, const char *kernel)
{
	size_t i;

	for (i = 0; i < sizeof(exceptions_) / sizeof(exceptions_[0]); i++)
		if (strcmp(exceptions_[i].prefix, prefix) == 0 &&
		    strcmp(exceptions_[i].kernel, kernel) == 0)
			return &exceptions_[i];
	return NULL;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static bool is_ident(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9');
}

/*
 * "#define VIRTIO_NET_F_MQ 22 ..." with @prefix "VIRTIO_NET_F_": "MQ" and 22.
 * Aliases (#define VIRTIO_BLK_F_WCE VIRTIO_BLK_F_FLUSH) and expressions
 * are not numbers and return false.
 */
static bool parse_define(const char *line, const char *prefix, struct define_ *out)
{
	const char *p = skip_blanks(line);
	const char *start;
	char *end;
	size_t len;

	if (*p != '#')
		return false;
	p = skip_blanks(p + 1);
	if (strncmp(p, "define", 6) != 0)
		return false;
	p = skip_blanks(p + 6);
	if (strncmp(p, prefix, strlen(prefix)) != 0)
		return false;
	start = p + strlen(prefix);
	for (p = start; is_ident(*p); p++)
		;
	len = (size_t)(p - start);
	if (len == 0 || len >= sizeof(out->name) || (*p != ' ' && *p != '\t'))
		return false;
	out->prefix = prefix;
	memcpy(out->name, start, len);
	out->name[len] = '\0';
	p = skip_blanks(p);
	if (*p < '0' || *p > '9')
		return false;
	out->value = strtoul(p, &end, 0);
	return *end == '\0' || *end == '\n' || *end == ' ' || *end == '\t' || *end == '/';
}

/*
 * Adds the @prefix defines of @dir/linux/@header to @out; false (the test
 * skips) if the header is not installed.
 */
static bool read_defines(const char *dir, const char *header, const char *prefix,
			 struct define_list_ *out)
{
	char path[512], line[512];
	struct define_ d;
	FILE *f;

	snprintf(path, sizeof(path), "%s/linux/%s", dir, header);
	f = fopen(path, "r");
	if (!f) {
		print_message("note: %s not found, skipping\n", path);
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!parse_define(line, prefix, &d))
			continue;
		assert_true(out->n < MAX_DEFINES_);
		out->d[out->n++] = d;
	}
	fclose(f);
	return true;
}

static bool list_has(const struct define_list_ *l, unsigned long value)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->d[i].value == value)
			return true;
	return false;
}

/*
 * The name we must give the kernel's define @d: its suffix, or what the
 * exceptions say.  Sets *@skip for a define we leave unnamed on purpose.
 */
static const char *expected_name(const struct define_ *d, bool *skip)
{
	const struct exception_ *e = find_exception(d->prefix, d->name);

	*skip = e && !e->ours;
	if (e) {
		print_message("exception: %s%s = %lu is ours \"%s\"\n", d->prefix, d->name,
			      d->value, e->ours ? e->ours : "(none: no id or bit of the spec's)");
		return e->ours;
	}
	return d->name;
}

/*
 * Our name for every define in @l equals @expected; returns the number of
 * mismatches (each printed).  @ours looks a value up in our tables.
 */
typedef const char *ours_fn_(const void *ctx, unsigned long value);

static unsigned compare_defines(const struct define_list_ *l, ours_fn_ *ours, const void *ctx)
{
	unsigned bad = 0;
	size_t i;

	for (i = 0; i < l->n; i++) {
		bool skip;
		const char *want = expected_name(&l->d[i], &skip);
		const char *got = ours(ctx, l->d[i].value);

		if (skip)
			continue;
		if (!got || strcmp(got, want) != 0) {
			print_message("mismatch: %s%s = %lu: ours \"%s\"\n", l->d[i].prefix,
				      l->d[i].name, l->d[i].value, got ? got : "(none)");
			bad++;
		}
	}
	return bad;
}

/* Device types: every kernel VIRTIO_ID_* has a name (any name: ours are spoken forms). */
static void test_kernel_ids(void **state)
{
	struct define_list_ l = {.n = 0};
	uint32_t ids[256];
	size_t n, i;
	unsigned missing = 0, extra = 0;

	if (!read_defines(*state, "virtio_ids.h", "VIRTIO_ID_", &l))
		skip();
	for (i = 0; i < l.n; i++) {
		bool skip_it;

		expected_name(&l.d[i], &skip_it);
		if (skip_it) {
			assert_null(vdisc_virtio_device_name((uint32_t)l.d[i].value));
			continue;
		}
		if (!vdisc_virtio_device_name((uint32_t)l.d[i].value)) {
			print_message("missing: VIRTIO_ID_%s = %lu has no name\n", l.d[i].name,
				      l.d[i].value);
			missing++;
		}
	}
	n = vdisc_virtio_device_ids(ids, sizeof(ids) / sizeof(ids[0]));
	assert_true(n <= sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < n; i++) {
		if (!list_has(&l, ids[i])) {
			print_message("note: device %u \"%s\" is no VIRTIO_ID_* in the header\n",
				      (unsigned)ids[i], vdisc_virtio_device_name(ids[i]));
			extra++;
		}
	}
	print_message("VIRTIO_ID_: %zu in the header, %zu here; %u missing here, %u only here\n",
		      l.n, n, missing, extra);
	assert_true(l.n >= 10); /* next to none: the parser is wrong, not the table */
	assert_int_equal(missing, 0);
}

static const char *status_of_mask(const void *ctx, unsigned long mask)
{
	unsigned bit;

	(void)ctx;
	for (bit = 0; bit < 8; bit++)
		if (mask == 1ul << bit)
			return vdisc_virtio_status_name(bit);
	return NULL;
}

/* Status: the kernel defines masks (VIRTIO_CONFIG_S_DRIVER_OK 4), we key by bit. */
static void test_kernel_status(void **state)
{
	struct define_list_ l = {.n = 0};
	unsigned bit, extra = 0;

	if (!read_defines(*state, "virtio_config.h", "VIRTIO_CONFIG_S_", &l))
		skip();
	assert_true(l.n >= 6);
	assert_int_equal(compare_defines(&l, status_of_mask, NULL), 0);
	for (bit = 0; bit < 8; bit++) {
		if (vdisc_virtio_status_name(bit) && !list_has(&l, 1ul << bit)) {
			print_message("note: status bit %u \"%s\" is not in the header\n", bit,
				      vdisc_virtio_status_name(bit));
			extra++;
		}
	}
	print_message("VIRTIO_CONFIG_S_: %zu in the header, %u only here\n", l.n, extra);
}

static const char *feature_of(const void *ctx, unsigned long bit)
{
	const uint32_t *device_id = ctx;

	return bit < MAX_BITS_ ? vdisc_virtio_feature_name(*device_id, (unsigned)bit) : NULL;
}

/* A device's own bits: its names minus those every device has (device 0 has none of its own). */
static const char *own_feature(uint32_t device_id, unsigned bit)
{
	const char *name = vdisc_virtio_feature_name(device_id, bit);

	return name && name != vdisc_virtio_feature_name(0, bit) ? name : NULL;
}

/* The device-independent bits are spread over two headers; every device's are in one. */
struct feature_header_ {
	uint32_t device_id; /* 0: the device-independent bits */
	const char *header, *prefix;
	size_t min_defines; /* fewer parsed (Linux 4.19 has these): the parser is broken */
	const char *header2, *prefix2;
};

static const struct feature_header_ feature_headers_[] = {
	{0, "virtio_config.h", "VIRTIO_F_", 6, "virtio_ring.h", "VIRTIO_RING_F_"},
	{1, "virtio_net.h", "VIRTIO_NET_F_", 20, NULL, NULL},
	{2, "virtio_blk.h", "VIRTIO_BLK_F_", 10, NULL, NULL},
	{3, "virtio_console.h", "VIRTIO_CONSOLE_F_", 3, NULL, NULL},
	{4, "virtio_rng.h", "VIRTIO_RNG_F_", 0, NULL, NULL},
	{5, "virtio_balloon.h", "VIRTIO_BALLOON_F_", 2, NULL, NULL},
	{8, "virtio_scsi.h", "VIRTIO_SCSI_F_", 4, NULL, NULL},
	{9, "virtio_9p.h", "VIRTIO_9P_", 1, NULL, NULL},
	{16, "virtio_gpu.h", "VIRTIO_GPU_F_", 1, NULL, NULL},
	{17, "virtio_rtc.h", "VIRTIO_RTC_F_", 0, NULL, NULL},
	{18, "virtio_input.h", "VIRTIO_INPUT_F_", 0, NULL, NULL},
	{19, "virtio_vsock.h", "VIRTIO_VSOCK_F_", 0, NULL, NULL},
	{20, "virtio_crypto.h", "VIRTIO_CRYPTO_F_", 0, NULL, NULL},
	{23, "virtio_iommu.h", "VIRTIO_IOMMU_F_", 5, NULL, NULL},
	{24, "virtio_mem.h", "VIRTIO_MEM_F_", 1, NULL, NULL},
	{25, "virtio_snd.h", "VIRTIO_SND_F_", 0, NULL, NULL},
	{26, "virtio_fs.h", "VIRTIO_FS_F_", 0, NULL, NULL},
	{27, "virtio_pmem.h", "VIRTIO_PMEM_F_", 0, NULL, NULL},
	{32, "virtio_scmi.h", "VIRTIO_SCMI_F_", 2, NULL, NULL},
	{34, "virtio_i2c.h", "VIRTIO_I2C_F_", 1, NULL, NULL},
	{40, "virtio_bt.h", "VIRTIO_BT_F_", 3, NULL, NULL},
	{41, "virtio_gpio.h", "VIRTIO_GPIO_F_", 1, NULL, NULL},
};

/* One header's bits against ours; returns false if it is not installed. */
static bool check_feature_header(const char *dir, const struct feature_header_ *h, unsigned *bad)
{
	struct define_list_ l = {.n = 0};
	unsigned bit, extra = 0;

	if (!read_defines(dir, h->header, h->prefix, &l))
		return false;
	if (h->header2)
		read_defines(dir, h->header2, h->prefix2, &l);
	assert_true(l.n >= h->min_defines);
	*bad += compare_defines(&l, feature_of, &h->device_id);
	for (bit = 0; bit < MAX_BITS_; bit++) {
		const char *name = h->device_id ? own_feature(h->device_id, bit)
						: vdisc_virtio_feature_name(0, bit);

		if (name && !list_has(&l, bit)) {
			print_message("note: %s bit %u \"%s\" is not in %s%s%s\n",
				      h->device_id ? vdisc_virtio_device_name(h->device_id)
						   : "device-independent",
				      bit, name, h->header, h->header2 ? " or " : "",
				      h->header2 ? h->header2 : "");
			extra++;
		}
	}
	print_message("%s*: %zu in %s%s%s, %u only here\n", h->prefix, l.n, h->header,
		      h->header2 ? " and " : "", h->header2 ? h->header2 : "", extra);
	return true;
}

static void test_kernel_features(void **state)
{
	unsigned bad = 0, found = 0;
	size_t i;

	for (i = 0; i < sizeof(feature_headers_) / sizeof(feature_headers_[0]); i++)
		found += check_feature_header(*state, &feature_headers_[i], &bad);
	if (!found)
		skip();
	assert_int_equal(bad, 0);
}

/* The device-independent bits read the same on every device type. */
static void test_common_everywhere(void **state)
{
	uint32_t ids[256];
	size_t n, i;
	unsigned bit;

	(void)state;
	n = vdisc_virtio_device_ids(ids, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < n; i++)
		for (bit = 24; bit <= 43; bit++)
			if (vdisc_virtio_feature_name(0, bit))
				assert_string_equal(vdisc_virtio_feature_name(ids[i], bit),
						    vdisc_virtio_feature_name(0, bit));
}

static const char *cap_of(const void *ctx, unsigned long cfg_type)
{
	(void)ctx;
	return cfg_type <= 0xff ? vdisc_virtio_pci_cap_name((uint8_t)cfg_type) : NULL;
}

/*
 * virtio_pci.h's VIRTIO_PCI_CAP_*_CFG: "SHARED_MEMORY_CFG" is ours
 * "shared-memory".  The same prefix also names the capability's field
 * offsets (VIRTIO_PCI_CAP_BAR ...), which lack the _CFG.
 */
static void test_kernel_pci_caps(void **state)
{
	struct define_list_ all = {.n = 0}, l = {.n = 0};
	unsigned type, extra = 0;
	size_t i, j;

	if (!read_defines(*state, "virtio_pci.h", "VIRTIO_PCI_CAP_", &all))
		skip();
	for (i = 0; i < all.n; i++) {
		struct define_ *d = &all.d[i];
		size_t len = strlen(d->name);

		if (len <= 4 || strcmp(d->name + len - 4, "_CFG") != 0)
			continue;
		if (find_exception("VIRTIO_PCI_CAP_", d->name)) {
			l.d[l.n++] = *d;
			continue;
		}
		d->prefix = "cfg_type "; /* the name is now ours, lowercase */
		d->name[len - 4] = '\0';
		for (j = 0; d->name[j]; j++)
			d->name[j] = d->name[j] == '_' ? '-'
				     : (d->name[j] >= 'A' && d->name[j] <= 'Z')
					     ? (char)(d->name[j] - 'A' + 'a')
					     : d->name[j];
		l.d[l.n++] = *d;
	}
	assert_true(l.n >= 5);
	assert_int_equal(compare_defines(&l, cap_of, NULL), 0);
	for (type = 0; type <= 0xff; type++) {
		if (vdisc_virtio_pci_cap_name((uint8_t)type) && !list_has(&l, type)) {
			print_message("note: cfg_type %u \"%s\" is not in the header\n", type,
				      vdisc_virtio_pci_cap_name((uint8_t)type));
			extra++;
		}
	}
	print_message("VIRTIO_PCI_CAP_*_CFG: %zu in the header, %u only here\n", l.n, extra);
}

/* The names the CLI leans on, the spec's fixed points, and the fallbacks. */
static void test_examples(void **state)
{
	uint32_t ids[4] = {0};

	(void)state;
	assert_string_equal(vdisc_virtio_device_name(1), "network");
	assert_string_equal(vdisc_virtio_device_name(2), "block");
	assert_string_equal(vdisc_virtio_device_name(9), "9p");
	assert_string_equal(vdisc_virtio_device_name(26), "fs");
	assert_null(vdisc_virtio_device_name(0));
	assert_null(vdisc_virtio_device_name(14));
	assert_null(vdisc_virtio_device_name(37));
	assert_null(vdisc_virtio_device_name(0x1041)); /* a PCI device id, not a type */
	assert_true(vdisc_virtio_device_ids(NULL, 0) >= 45);
	assert_int_equal(vdisc_virtio_device_ids(ids, 2), vdisc_virtio_device_ids(NULL, 0));
	assert_int_equal(ids[0], 1);
	assert_int_equal(ids[1], 2);
	assert_int_equal(ids[2], 0); /* @max respected */

	assert_string_equal(vdisc_virtio_feature_name(2, 2), "SEG_MAX");
	assert_string_equal(vdisc_virtio_feature_name(2, 9), "FLUSH");
	assert_string_equal(vdisc_virtio_feature_name(2, 0), "BARRIER");
	assert_string_equal(vdisc_virtio_feature_name(1, 1), "GUEST_CSUM");
	assert_string_equal(vdisc_virtio_feature_name(1, 22), "MQ");
	assert_string_equal(vdisc_virtio_feature_name(1, 6), "GSO");
	assert_string_equal(vdisc_virtio_feature_name(1, 63), "SPEED_DUPLEX");
	assert_string_equal(vdisc_virtio_feature_name(1, 70), "IPSEC");
	assert_string_equal(vdisc_virtio_feature_name(1, 41), "ADMIN_VQ"); /* not GUEST_RSC4 */
	assert_string_equal(vdisc_virtio_feature_name(1, 42), "GUEST_RSC6");
	assert_string_equal(vdisc_virtio_feature_name(2, 32), "VERSION_1");
	assert_string_equal(vdisc_virtio_feature_name(12345, 28), "INDIRECT_DESC");
	assert_string_equal(vdisc_virtio_feature_name(0, 43), "SUSPEND");
	assert_null(vdisc_virtio_feature_name(0, 0)); /* no device: no device bits */
	assert_null(vdisc_virtio_feature_name(4, 0)); /* entropy has none */
	assert_null(vdisc_virtio_feature_name(1, 4));
	assert_null(vdisc_virtio_feature_name(1, 30)); /* the spec's UNUSED */
	assert_null(vdisc_virtio_feature_name(1, 127));
	assert_null(vdisc_virtio_feature_name(1, 128));
	assert_null(vdisc_virtio_feature_name(1, ~0u));

	assert_string_equal(vdisc_virtio_status_name(0), "ACKNOWLEDGE");
	assert_string_equal(vdisc_virtio_status_name(3), "FEATURES_OK");
	assert_string_equal(vdisc_virtio_status_name(6), "DEVICE_NEEDS_RESET");
	assert_string_equal(vdisc_virtio_status_name(7), "FAILED");
	assert_null(vdisc_virtio_status_name(5));
	assert_null(vdisc_virtio_status_name(8));

	assert_string_equal(vdisc_virtio_pci_cap_name(VDISC_VIRTIO_PCI_CAP_COMMON), "common");
	assert_string_equal(vdisc_virtio_pci_cap_name(VDISC_VIRTIO_PCI_CAP_PCI_CFG), "pci-cfg");
	assert_string_equal(vdisc_virtio_pci_cap_name(VDISC_VIRTIO_PCI_CAP_VENDOR), "vendor");
	assert_null(vdisc_virtio_pci_cap_name(0));
	assert_null(vdisc_virtio_pci_cap_name(6));
	assert_null(vdisc_virtio_pci_cap_name(0xff));
}

/* A device name: lowercase words joined by '-'.  Feature and status names: macro suffixes. */
static void assert_spoken(const char *name)
{
	const char *p;

	assert_true(name[0] != '\0' && name[0] != '-');
	for (p = name; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			    (*p == '-' && p[1] != '-' && p[1] != '\0'));
}

static void assert_macro(const char *name)
{
	const char *p;

	assert_true(name[0] != '\0' && name[0] != '_');
	for (p = name; *p; p++)
		assert_true((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    (*p == '_' && p[1] != '_' && p[1] != '\0'));
}

/*
 * Every name is well formed; ids are listed once, in increasing order;
 * device bits lie where the spec lets device types have bits (0..23, 41,
 * 42, 50..127), device-independent ones where it keeps them (24..49).
 */
static void test_tables_clean(void **state)
{
	uint32_t ids[256];
	size_t n, i;
	unsigned bit;

	(void)state;
	n = vdisc_virtio_device_ids(ids, sizeof(ids) / sizeof(ids[0]));
	for (i = 0; i < n; i++) {
		if (i)
			assert_true(ids[i] > ids[i - 1]);
		assert_spoken(vdisc_virtio_device_name(ids[i]));
		for (bit = 0; bit < MAX_BITS_; bit++) {
			const char *name = own_feature(ids[i], bit);
			const bool device_bit = bit <= 23 || bit == 41 || bit == 42 || bit >= 50;

			if (!name)
				continue;
			assert_macro(name);
			assert_true(device_bit);
		}
	}
	for (bit = 0; bit < MAX_BITS_; bit++) {
		if (vdisc_virtio_feature_name(0, bit)) {
			assert_macro(vdisc_virtio_feature_name(0, bit));
			assert_true(bit >= 24 && bit <= 49);
		}
	}
	for (bit = 0; bit < 8; bit++)
		if (vdisc_virtio_status_name(bit))
			assert_macro(vdisc_virtio_status_name(bit));
	for (bit = 0; bit <= 0xff; bit++)
		if (vdisc_virtio_pci_cap_name((uint8_t)bit))
			assert_spoken(vdisc_virtio_pci_cap_name((uint8_t)bit));
}

/* Counts for the record: how many names each device type has. */
static void test_counts(void **state)
{
	uint32_t ids[256];
	size_t n, i;
	unsigned bit, common = 0;

	(void)state;
	for (bit = 0; bit < MAX_BITS_; bit++)
		common += vdisc_virtio_feature_name(0, bit) != NULL;
	n = vdisc_virtio_device_ids(ids, sizeof(ids) / sizeof(ids[0]));
	print_message("%zu device types, %u device-independent feature bits\n", n, common);
	for (i = 0; i < n; i++) {
		unsigned own = 0;

		for (bit = 0; bit < MAX_BITS_; bit++)
			own += own_feature(ids[i], bit) != NULL;
		if (own)
			print_message("  %2u %-16s %u feature bits\n", (unsigned)ids[i],
				      vdisc_virtio_device_name(ids[i]), own);
	}
}

int main(int argc, char **argv)
{
	char *dir = argc > 1 ? argv[1] : default_dir_;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_tables_clean),
		cmocka_unit_test(test_common_everywhere),
		cmocka_unit_test(test_counts),
		cmocka_unit_test_prestate(test_kernel_ids, dir),
		cmocka_unit_test_prestate(test_kernel_status, dir),
		cmocka_unit_test_prestate(test_kernel_features, dir),
		cmocka_unit_test_prestate(test_kernel_pci_caps, dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
