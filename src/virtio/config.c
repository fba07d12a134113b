/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/error.h>
#include <vdisc/virtio.h>

/*
 * Device configuration layouts (virtio 1.4 cs01, each device's "Device
 * configuration layout", 5.x.4), decoded field by field.
 *
 * A layout is a table of fixed fields in struct order; two devices need
 * code as well: 9P, whose tag is as long as its tag_len field says, and
 * input, whose strings appear only after a write to select/subsel.
 *
 * Access widths follow 4.1.3.1 (PCI) and 4.2.2.2 (MMIO): each field is
 * read with its natural width, byte arrays a byte at a time, and a 64-bit
 * field as two aligned 32-bit reads, low half first, as both transports
 * require.  A field that changes between the two halves (a resized disk's
 * capacity) can read torn (2.5.1); the ops have no hook for the
 * configuration generation, so a caller who cares reads twice.
 *
 * The device is not trusted: every length it gives (9P's tag_len,
 * input's size) is clamped to the field's room and to ops->size, and a
 * field that does not fit ops->size is left out rather than failing.
 */

#define CFG_ALWAYS_ 0xff /* no feature gate */
#define CFG_FIELD_MAX_ ((uint16_t)sizeof(((struct vdisc_virtio_field *)0)->bytes))

struct virtio_cfg_field_ {
	const char *name;
	uint16_t offset;
	uint8_t len; /* 1, 2, 4 or 8 for a UINT; the array's size otherwise */
	uint8_t kind;
	uint8_t feature;    /* valid when this bit is offered (CFG_ALWAYS_: always) ... */
	uint8_t feature_or; /* ... or this one (CFG_ALWAYS_: no second bit) */
};

#define U_ VDISC_VIRTIO_FIELD_UINT
#define B_ VDISC_VIRTIO_FIELD_BYTES
#define S_ VDISC_VIRTIO_FIELD_STRING
#define A_ CFG_ALWAYS_

/* One field a line, in struct order, so that each can be held against the spec. */
/* clang-format off */

/* 5.1.4: mac is always there but meaningful only with MAC. */
static const struct virtio_cfg_field_ virtio_cfg_net_[] = {
	{"mac",                              0,  6, B_, VDISC_VIRTIO_NET_F_MAC,          A_},
	{"status",                           6,  2, U_, VDISC_VIRTIO_NET_F_STATUS,       A_},
	{"max_virtqueue_pairs",              8,  2, U_, VDISC_VIRTIO_NET_F_MQ,           VDISC_VIRTIO_NET_F_RSS},
	{"mtu",                              10, 2, U_, VDISC_VIRTIO_NET_F_MTU,          A_},
	{"speed",                            12, 4, U_, VDISC_VIRTIO_NET_F_SPEED_DUPLEX, A_},
	{"duplex",                           16, 1, U_, VDISC_VIRTIO_NET_F_SPEED_DUPLEX, A_},
	{"rss_max_key_size",                 17, 1, U_, VDISC_VIRTIO_NET_F_RSS,          VDISC_VIRTIO_NET_F_HASH_REPORT},
	{"rss_max_indirection_table_length", 18, 2, U_, VDISC_VIRTIO_NET_F_RSS,          A_},
	{"supported_hash_types",             20, 4, U_, VDISC_VIRTIO_NET_F_RSS,          VDISC_VIRTIO_NET_F_HASH_REPORT},
	{"supported_tunnel_types",           24, 4, U_, VDISC_VIRTIO_NET_F_HASH_TUNNEL,  A_},
};

/* 5.2.4 */
static const struct virtio_cfg_field_ virtio_cfg_blk_[] = {
	{"capacity",                      0,  8, U_, A_,                              A_},
	{"size_max",                      8,  4, U_, VDISC_VIRTIO_BLK_F_SIZE_MAX,     A_},
	{"seg_max",                       12, 4, U_, VDISC_VIRTIO_BLK_F_SEG_MAX,      A_},
	{"geometry.cylinders",            16, 2, U_, VDISC_VIRTIO_BLK_F_GEOMETRY,     A_},
	{"geometry.heads",                18, 1, U_, VDISC_VIRTIO_BLK_F_GEOMETRY,     A_},
	{"geometry.sectors",              19, 1, U_, VDISC_VIRTIO_BLK_F_GEOMETRY,     A_},
	{"blk_size",                      20, 4, U_, VDISC_VIRTIO_BLK_F_BLK_SIZE,     A_},
	{"topology.physical_block_exp",   24, 1, U_, VDISC_VIRTIO_BLK_F_TOPOLOGY,     A_},
	{"topology.alignment_offset",     25, 1, U_, VDISC_VIRTIO_BLK_F_TOPOLOGY,     A_},
	{"topology.min_io_size",          26, 2, U_, VDISC_VIRTIO_BLK_F_TOPOLOGY,     A_},
	{"topology.opt_io_size",          28, 4, U_, VDISC_VIRTIO_BLK_F_TOPOLOGY,     A_},
	{"writeback",                     32, 1, U_, VDISC_VIRTIO_BLK_F_CONFIG_WCE,   A_},
	{"num_queues",                    34, 2, U_, VDISC_VIRTIO_BLK_F_MQ,           A_},
	{"max_discard_sectors",           36, 4, U_, VDISC_VIRTIO_BLK_F_DISCARD,      A_},
	{"max_discard_seg",               40, 4, U_, VDISC_VIRTIO_BLK_F_DISCARD,      A_},
	{"discard_sector_alignment",      44, 4, U_, VDISC_VIRTIO_BLK_F_DISCARD,      A_},
	{"max_write_zeroes_sectors",      48, 4, U_, VDISC_VIRTIO_BLK_F_WRITE_ZEROES, A_},
	{"max_write_zeroes_seg",          52, 4, U_, VDISC_VIRTIO_BLK_F_WRITE_ZEROES, A_},
	{"write_zeroes_may_unmap",        56, 1, U_, VDISC_VIRTIO_BLK_F_WRITE_ZEROES, A_},
	{"max_secure_erase_sectors",      60, 4, U_, VDISC_VIRTIO_BLK_F_SECURE_ERASE, A_},
	{"max_secure_erase_seg",          64, 4, U_, VDISC_VIRTIO_BLK_F_SECURE_ERASE, A_},
	{"secure_erase_sector_alignment", 68, 4, U_, VDISC_VIRTIO_BLK_F_SECURE_ERASE, A_},
	{"zoned.zone_sectors",            72, 4, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
	{"zoned.max_open_zones",          76, 4, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
	{"zoned.max_active_zones",        80, 4, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
	{"zoned.max_append_sectors",      84, 4, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
	{"zoned.write_granularity",       88, 4, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
	{"zoned.model",                   92, 1, U_, VDISC_VIRTIO_BLK_F_ZONED,        A_},
};

/* 5.3.4: emerg_wr is the driver's to write; the spec gives reading it no effect. */
static const struct virtio_cfg_field_ virtio_cfg_console_[] = {
	{"cols",         0, 2, U_, VDISC_VIRTIO_CONSOLE_F_SIZE,        A_},
	{"rows",         2, 2, U_, VDISC_VIRTIO_CONSOLE_F_SIZE,        A_},
	{"max_nr_ports", 4, 4, U_, VDISC_VIRTIO_CONSOLE_F_MULTIPORT,   A_},
	{"emerg_wr",     8, 4, U_, VDISC_VIRTIO_CONSOLE_F_EMERG_WRITE, A_},
};

/* 5.5.4 */
static const struct virtio_cfg_field_ virtio_cfg_balloon_[] = {
	{"num_pages",             0,  4, U_, A_,                                    A_},
	{"actual",                4,  4, U_, A_,                                    A_},
	{"free_page_hint_cmd_id", 8,  4, U_, VDISC_VIRTIO_BALLOON_F_FREE_PAGE_HINT, A_},
	{"poison_val",            12, 4, U_, VDISC_VIRTIO_BALLOON_F_PAGE_POISON,    A_},
};

/* 5.6.4: all always there. */
static const struct virtio_cfg_field_ virtio_cfg_scsi_[] = {
	{"num_queues",      0,  4, U_, A_, A_},
	{"seg_max",         4,  4, U_, A_, A_},
	{"max_sectors",     8,  4, U_, A_, A_},
	{"cmd_per_lun",     12, 4, U_, A_, A_},
	{"event_info_size", 16, 4, U_, A_, A_},
	{"sense_size",      20, 4, U_, A_, A_},
	{"cdb_size",        24, 4, U_, A_, A_},
	{"max_channel",     28, 2, U_, A_, A_},
	{"max_target",      30, 2, U_, A_, A_},
	{"max_lun",         32, 4, U_, A_, A_},
};

/* 5.7.4 */
static const struct virtio_cfg_field_ virtio_cfg_gpu_[] = {
	{"events_read",    0,  4, U_, A_,                                A_},
	{"events_clear",   4,  4, U_, A_,                                A_},
	{"num_scanouts",   8,  4, U_, A_,                                A_},
	{"num_capsets",    12, 4, U_, A_,                                A_},
	{"blob_alignment", 16, 4, U_, VDISC_VIRTIO_GPU_F_BLOB_ALIGNMENT, A_},
};

/* 5.10.4 */
static const struct virtio_cfg_field_ virtio_cfg_vsock_[] = {
	{"guest_cid", 0, 8, U_, A_, A_},
};

/* 5.9.5 */
static const struct virtio_cfg_field_ virtio_cfg_crypto_[] = {
	{"status",             0,  4, U_, A_, A_},
	{"max_dataqueues",     4,  4, U_, A_, A_},
	{"crypto_services",    8,  4, U_, A_, A_},
	{"cipher_algo_l",      12, 4, U_, A_, A_},
	{"cipher_algo_h",      16, 4, U_, A_, A_},
	{"hash_algo",          20, 4, U_, A_, A_},
	{"mac_algo_l",         24, 4, U_, A_, A_},
	{"mac_algo_h",         28, 4, U_, A_, A_},
	{"aead_algo",          32, 4, U_, A_, A_},
	{"max_cipher_key_len", 36, 4, U_, A_, A_},
	{"max_auth_key_len",   40, 4, U_, A_, A_},
	{"akcipher_algo",      44, 4, U_, A_, A_},
	{"max_size",           48, 8, U_, A_, A_},
};

/* 5.13.4 */
static const struct virtio_cfg_field_ virtio_cfg_iommu_[] = {
	{"page_size_mask",     0,  8, U_, A_,                                 A_},
	{"input_range.start",  8,  8, U_, VDISC_VIRTIO_IOMMU_F_INPUT_RANGE,   A_},
	{"input_range.end",    16, 8, U_, VDISC_VIRTIO_IOMMU_F_INPUT_RANGE,   A_},
	{"domain_range.start", 24, 4, U_, VDISC_VIRTIO_IOMMU_F_DOMAIN_RANGE,  A_},
	{"domain_range.end",   28, 4, U_, VDISC_VIRTIO_IOMMU_F_DOMAIN_RANGE,  A_},
	{"probe_size",         32, 4, U_, VDISC_VIRTIO_IOMMU_F_PROBE,         A_},
	{"bypass",             36, 1, U_, VDISC_VIRTIO_IOMMU_F_BYPASS_CONFIG, A_},
};

/* 5.15.4: node_id means nothing without ACPI_PXM. */
static const struct virtio_cfg_field_ virtio_cfg_mem_[] = {
	{"block_size",         0,  8, U_, A_,                          A_},
	{"node_id",            8,  2, U_, VDISC_VIRTIO_MEM_F_ACPI_PXM, A_},
	{"addr",               16, 8, U_, A_,                          A_},
	{"region_size",        24, 8, U_, A_,                          A_},
	{"usable_region_size", 32, 8, U_, A_,                          A_},
	{"plugged_size",       40, 8, U_, A_,                          A_},
	{"requested_size",     48, 8, U_, A_,                          A_},
};

/* 5.14.4 */
static const struct virtio_cfg_field_ virtio_cfg_sound_[] = {
	{"jacks",    0,  4, U_, A_,                      A_},
	{"streams",  4,  4, U_, A_,                      A_},
	{"chmaps",   8,  4, U_, A_,                      A_},
	{"controls", 12, 4, U_, VDISC_VIRTIO_SND_F_CTLS, A_},
};

/* 5.11.4: tag is NUL-padded, and not terminated when it fills the field. */
static const struct virtio_cfg_field_ virtio_cfg_fs_[] = {
	{"tag",                0,  36, S_, A_,                             A_},
	{"num_request_queues", 36, 4,  U_, A_,                             A_},
	{"notify_buf_size",    40, 4,  U_, VDISC_VIRTIO_FS_F_NOTIFICATION, A_},
};

/*
 * 5.19.4: start and size are zero when SHMEM_REGION is negotiated; that
 * the device offers it says nothing about a driver's choice, so both are
 * always shown.
 */
static const struct virtio_cfg_field_ virtio_cfg_pmem_[] = {
	{"start", 0, 8, U_, A_, A_},
	{"size",  8, 8, U_, A_, A_},
};

/* 5.12.4 */
static const struct virtio_cfg_field_ virtio_cfg_rpmb_[] = {
	{"capacity",   0, 1, U_, A_, A_},
	{"max_wr_cnt", 1, 1, U_, A_, A_},
	{"max_rd_cnt", 2, 1, U_, A_, A_},
};

/* 5.20.4 */
static const struct virtio_cfg_field_ virtio_cfg_can_[] = {
	{"status", 0, 2, U_, A_, A_},
};

/* 5.18.4 */
static const struct virtio_cfg_field_ virtio_cfg_gpio_[] = {
	{"ngpio",           0, 2, U_, A_, A_},
	{"gpio_names_size", 4, 4, U_, A_, A_},
};

/* 5.21.4 */
static const struct virtio_cfg_field_ virtio_cfg_spi_[] = {
	{"cs_max_number",       0,  1, U_, A_, A_},
	{"cs_change_supported", 1,  1, U_, A_, A_},
	{"tx_nbits_supported",  2,  1, U_, A_, A_},
	{"rx_nbits_supported",  3,  1, U_, A_, A_},
	{"bits_per_word_mask",  4,  4, U_, A_, A_},
	{"mode_func_supported", 8,  4, U_, A_, A_},
	{"max_freq_hz",         12, 4, U_, A_, A_},
	{"max_word_delay_ns",   16, 4, U_, A_, A_},
	{"max_cs_setup_ns",     20, 4, U_, A_, A_},
	{"max_cs_hold_ns",      24, 4, U_, A_, A_},
	{"max_cs_inactive_ns",  28, 4, U_, A_, A_},
};

/* 5.22.4: card is NUL-terminated unless it fills the field. */
static const struct virtio_cfg_field_ virtio_cfg_media_[] = {
	{"device_caps", 0, 4,  U_, A_, A_},
	{"device_type", 4, 4,  U_, A_, A_},
	{"card",        8, 32, S_, A_, A_},
};

/* clang-format on */

#undef U_
#undef B_
#undef S_
#undef A_

struct virtio_cfg_walk_ {
	const struct vdisc_virtio_features *offered; /* NULL: none known */
	const struct vdisc_virtio_config_ops *ops;
	int (*visit)(void *arg, const struct vdisc_virtio_field *field);
	void *arg;
	struct vdisc_virtio_field field; /* the one being reported */
};

static bool virtio_cfg_has_(const struct virtio_cfg_walk_ *w, uint8_t bit)
{
	return bit != CFG_ALWAYS_ && w->offered && vdisc_virtio_has(w->offered, bit);
}

static bool virtio_cfg_valid_(const struct virtio_cfg_walk_ *w, const struct virtio_cfg_field_ *f)
{
	return f->feature == CFG_ALWAYS_ || virtio_cfg_has_(w, f->feature) ||
	       virtio_cfg_has_(w, f->feature_or);
}

/* Bytes at @offset that ops->size leaves readable, up to @want. */
static unsigned virtio_cfg_room_(const struct virtio_cfg_walk_ *w, unsigned offset, unsigned want)
{
	unsigned size = w->ops->size;

	if (size == 0)
		return want;
	if (offset >= size)
		return 0;
	return size - offset < want ? size - offset : want;
}

static int virtio_cfg_read_(const struct virtio_cfg_walk_ *w, unsigned offset, unsigned width,
			    uint64_t *value)
{
	uint64_t v = 0;
	int err = w->ops->read(w->ops->ctx, (uint16_t)offset, width, &v);

	/* Keep only the bytes asked for, whatever the backend left above them. */
	*value = width >= 8 ? v : v & ((UINT64_C(1) << (8 * width)) - 1);
	return err;
}

static int virtio_cfg_read_uint_(const struct virtio_cfg_walk_ *w, unsigned offset, unsigned width,
				 uint64_t *value)
{
	uint64_t lo, hi;
	int err;

	if (width != 8)
		return virtio_cfg_read_(w, offset, width, value);
	err = virtio_cfg_read_(w, offset, 4, &lo);
	if (!err)
		err = virtio_cfg_read_(w, offset + 4, 4, &hi);
	if (!err)
		*value = hi << 32 | lo;
	return err;
}

/* Read @len bytes into w->field; a STRING ends at its first NUL, if any. */
static int virtio_cfg_read_bytes_(struct virtio_cfg_walk_ *w, unsigned offset, unsigned len)
{
	struct vdisc_virtio_field *field = &w->field;
	const uint8_t *nul;
	uint64_t v;
	unsigned i;
	int err;

	for (i = 0; i < len; i++) {
		err = virtio_cfg_read_(w, offset + i, 1, &v);
		if (err)
			return err;
		field->bytes[i] = (uint8_t)v;
	}
	field->len = (uint16_t)len;
	if (field->kind == VDISC_VIRTIO_FIELD_STRING) {
		nul = memchr(field->bytes, 0, len);
		if (nul)
			field->len = (uint16_t)(nul - field->bytes);
	}
	return 0;
}

static void virtio_cfg_begin_(struct virtio_cfg_walk_ *w, const char *name, uint8_t kind,
			      unsigned offset)
{
	memset(&w->field, 0, sizeof(w->field));
	w->field.name = name;
	w->field.kind = (enum vdisc_virtio_field_kind)kind;
	w->field.offset = (uint16_t)offset;
}

/* Report a UINT: read, then visit. */
static int virtio_cfg_uint_(struct virtio_cfg_walk_ *w, const char *name, unsigned offset,
			    unsigned width)
{
	int err;

	virtio_cfg_begin_(w, name, VDISC_VIRTIO_FIELD_UINT, offset);
	w->field.width = (uint8_t)width;
	err = virtio_cfg_read_uint_(w, offset, width, &w->field.value);
	return err ? err : w->visit(w->arg, &w->field);
}

/* Report a byte array or string of @len bytes: read, then visit. */
static int virtio_cfg_array_(struct virtio_cfg_walk_ *w, const char *name, uint8_t kind,
			     unsigned offset, unsigned len)
{
	int err;

	virtio_cfg_begin_(w, name, kind, offset);
	err = virtio_cfg_read_bytes_(w, offset, len);
	return err ? err : w->visit(w->arg, &w->field);
}

static int virtio_cfg_table_(struct virtio_cfg_walk_ *w, const struct virtio_cfg_field_ *t,
			     size_t n)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		if (!virtio_cfg_valid_(w, &t[i]) ||
		    virtio_cfg_room_(w, t[i].offset, t[i].len) < t[i].len)
			continue;
		if (t[i].kind == VDISC_VIRTIO_FIELD_UINT)
			err = virtio_cfg_uint_(w, t[i].name, t[i].offset, t[i].len);
		else
			err = virtio_cfg_array_(w, t[i].name, t[i].kind, t[i].offset, t[i].len);
		if (err)
			return err;
	}
	return 0;
}

/*
 * 9P (not in the spec; Linux's and QEMU's struct virtio_9p_config): le16
 * tag_len, then that many bytes of tag, unterminated.  A tag longer than
 * the field's 128 bytes, or than ops->size leaves, is shown cut short.
 */
static int virtio_cfg_9p_(struct virtio_cfg_walk_ *w)
{
	uint64_t tag_len;
	int err;

	if (!virtio_cfg_has_(w, VDISC_VIRTIO_9P_F_MOUNT_TAG) ||
	    virtio_cfg_room_(w, VDISC_VIRTIO_9P_CFG_TAG_LEN, 2) < 2)
		return 0;
	err = virtio_cfg_uint_(w, "tag_len", VDISC_VIRTIO_9P_CFG_TAG_LEN, 2);
	if (err)
		return err;
	tag_len = w->field.value < CFG_FIELD_MAX_ ? w->field.value : CFG_FIELD_MAX_;
	return virtio_cfg_array_(w, "tag", VDISC_VIRTIO_FIELD_STRING, VDISC_VIRTIO_9P_CFG_TAG,
				 virtio_cfg_room_(w, VDISC_VIRTIO_9P_CFG_TAG, (unsigned)tag_len));
}

/*
 * Input (5.8.4): select and subsel choose what the union u shows, and
 * size says how many of its bytes are valid.  Point the window at @select
 * and return in @avail the bytes of u that may be read: the device's size,
 * clamped to u's 128 bytes and to ops->size.
 */
static int virtio_cfg_input_select_(struct virtio_cfg_walk_ *w, uint8_t select, unsigned *avail)
{
	const struct vdisc_virtio_config_ops *ops = w->ops;
	uint64_t size;
	int err;

	*avail = 0;
	err = ops->write(ops->ctx, VDISC_VIRTIO_INPUT_CFG_SELECT, 1, select);
	if (!err)
		err = ops->write(ops->ctx, VDISC_VIRTIO_INPUT_CFG_SUBSEL, 1, 0);
	if (!err)
		err = virtio_cfg_read_(w, VDISC_VIRTIO_INPUT_CFG_SIZE, 1, &size);
	if (err)
		return err;
	if (size > VDISC_VIRTIO_INPUT_U_BYTES)
		size = VDISC_VIRTIO_INPUT_U_BYTES;
	*avail = virtio_cfg_room_(w, VDISC_VIRTIO_INPUT_CFG_U, (unsigned)size);
	return 0;
}

/* The device's name or serial: a string without a terminator (size 0: none, not shown). */
static int virtio_cfg_input_string_(struct virtio_cfg_walk_ *w, uint8_t select, const char *name)
{
	unsigned avail;
	int err = virtio_cfg_input_select_(w, select, &avail);

	if (err || avail == 0)
		return err;
	return virtio_cfg_array_(w, name, VDISC_VIRTIO_FIELD_STRING, VDISC_VIRTIO_INPUT_CFG_U,
				 avail);
}

/* struct virtio_input_devids: four le16, shown only when all of them are there. */
static int virtio_cfg_input_devids_(struct virtio_cfg_walk_ *w)
{
	static const char *const names[] = {"devids.bustype", "devids.vendor", "devids.product",
					    "devids.version"};
	unsigned avail, i;
	int err = virtio_cfg_input_select_(w, VDISC_VIRTIO_INPUT_SEL_ID_DEVIDS, &avail);

	if (err || avail < 2 * VDISC_ARRAY_SIZE(names))
		return err;
	for (i = 0; i < VDISC_ARRAY_SIZE(names) && !err; i++)
		err = virtio_cfg_uint_(w, names[i], VDISC_VIRTIO_INPUT_CFG_U + 2 * i, 2);
	return err;
}

/*
 * Reading input's identity means writing select and subsel, which a
 * driver bound to the device may be using at that moment: this is why the
 * CLI decodes input only on a device without a driver.  Without ops->write
 * nothing is shown.  select is put back to UNSET (0) afterwards, also
 * after an error or a visit that stopped the walk; the first error wins.
 */
static int virtio_cfg_input_(struct virtio_cfg_walk_ *w)
{
	const struct vdisc_virtio_config_ops *ops = w->ops;
	int err, restore;

	if (!ops->write || virtio_cfg_room_(w, 0, VDISC_VIRTIO_INPUT_CFG_SIZE + 1) <
				   VDISC_VIRTIO_INPUT_CFG_SIZE + 1)
		return 0;
	err = virtio_cfg_input_string_(w, VDISC_VIRTIO_INPUT_SEL_ID_NAME, "name");
	if (!err)
		err = virtio_cfg_input_string_(w, VDISC_VIRTIO_INPUT_SEL_ID_SERIAL, "serial");
	if (!err)
		err = virtio_cfg_input_devids_(w);
	restore = ops->write(ops->ctx, VDISC_VIRTIO_INPUT_CFG_SELECT, 1,
			     VDISC_VIRTIO_INPUT_SEL_UNSET);
	return err ? err : restore;
}

struct virtio_cfg_layout_ {
	uint32_t device_id;
	const struct virtio_cfg_field_ *fields;
	size_t nfields;
	int (*decode)(struct virtio_cfg_walk_ *w); /* instead of a table */
};

/* clang-format off */
#define VIRTIO_CFG_TABLE_(id, t) {(id), (t), VDISC_ARRAY_SIZE(t), NULL}
#define VIRTIO_CFG_CODE_(id, fn) {(id), NULL, 0, (fn)}
#define VIRTIO_CFG_EMPTY_(id) {(id), NULL, 0, NULL}
/* clang-format on */

/* Entropy, RTC, SCMI and I2C define no configuration fields (5.4, 5.23, 5.17, 5.16). */
static const struct virtio_cfg_layout_ virtio_cfg_layouts_[] = {
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_NET, virtio_cfg_net_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_BLOCK, virtio_cfg_blk_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_CONSOLE, virtio_cfg_console_),
	VIRTIO_CFG_EMPTY_(VDISC_VIRTIO_ID_ENTROPY),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_BALLOON, virtio_cfg_balloon_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_SCSI, virtio_cfg_scsi_),
	VIRTIO_CFG_CODE_(VDISC_VIRTIO_ID_9P, virtio_cfg_9p_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_GPU, virtio_cfg_gpu_),
	VIRTIO_CFG_EMPTY_(VDISC_VIRTIO_ID_RTC),
	VIRTIO_CFG_CODE_(VDISC_VIRTIO_ID_INPUT, virtio_cfg_input_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_VSOCK, virtio_cfg_vsock_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_CRYPTO, virtio_cfg_crypto_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_IOMMU, virtio_cfg_iommu_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_MEM, virtio_cfg_mem_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_SOUND, virtio_cfg_sound_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_FS, virtio_cfg_fs_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_PMEM, virtio_cfg_pmem_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_RPMB, virtio_cfg_rpmb_),
	VIRTIO_CFG_EMPTY_(VDISC_VIRTIO_ID_SCMI),
	VIRTIO_CFG_EMPTY_(VDISC_VIRTIO_ID_I2C),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_CAN, virtio_cfg_can_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_GPIO, virtio_cfg_gpio_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_SPI, virtio_cfg_spi_),
	VIRTIO_CFG_TABLE_(VDISC_VIRTIO_ID_MEDIA, virtio_cfg_media_),
};

int vdisc_virtio_config_decode(uint32_t device_type, const struct vdisc_virtio_features *offered,
			       const struct vdisc_virtio_config_ops *ops,
			       int (*visit)(void *arg, const struct vdisc_virtio_field *field),
			       void *arg)
{
	const struct virtio_cfg_layout_ *l = NULL;
	struct virtio_cfg_walk_ w;
	size_t i;

	if (!ops || !ops->read || !visit)
		return -VDISC_EINVAL;
	for (i = 0; i < VDISC_ARRAY_SIZE(virtio_cfg_layouts_) && !l; i++)
		if (virtio_cfg_layouts_[i].device_id == device_type)
			l = &virtio_cfg_layouts_[i];
	if (!l)
		return -VDISC_ENOTSUP;
	w.offered = offered;
	w.ops = ops;
	w.visit = visit;
	w.arg = arg;
	if (l->decode)
		return l->decode(&w);
	return virtio_cfg_table_(&w, l->fields, l->nfields);
}
