/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include <vdisc/virtio.h>

/*
 * Feature bit names (virtio 1.4 cs01, a superset of 1.3): the spec's macro
 * name less its VIRTIO_F_ or VIRTIO_<DEV>_F_ prefix, so "SEG_MAX" is
 * VIRTIO_BLK_F_SEG_MAX and can be looked up in the spec as it stands.
 *
 * The spec splits the bits (2.2 "Feature Bits"): 24..40 and 43 are
 * device-independent (chapter 6 "Reserved Feature Bits"); 0..23, 41, 42
 * and 50..127 belong to the device type; the rest are reserved.  41 is
 * claimed twice: ADMIN_VQ is still listed there among the reserved bits,
 * while the device range took 41 and 42 in for virtio-net's legacy
 * GUEST_RSC4/GUEST_RSC6.  A device-independent name is looked up first, so
 * 41 reads ADMIN_VQ on every device: a modern device offering it means the
 * admin queue, and RSC4 lived only in an old Windows-certification patch.
 * GUEST_RSC4 is therefore left out of the net table; RSC6 (42) is in it.
 *
 * Legacy bits whose names the spec keeps in its "Legacy Interface: Feature
 * bits" sections are included under those names, marked "legacy".
 * Tables are in bit order; all are small, so the search is linear.
 */

struct virtio_feature_name_ {
	uint8_t value;
	const char *name;
};

/* One bit a line, so that each can be held against the spec: clang-format would pack them. */
/* clang-format off */

/* Device-independent (chapter 6).  Bit 30 is the spec's UNUSED (QEMU's BAD_FEATURE): no name. */
static const struct virtio_feature_name_ virtio_common_[] = {
	{24, "NOTIFY_ON_EMPTY"}, /* legacy */
	{27, "ANY_LAYOUT"},      /* legacy: implied by VERSION_1 */
	{28, "INDIRECT_DESC"},   /* RING_INDIRECT_DESC in 0.9.5, and in Linux */
	{29, "EVENT_IDX"},       /* likewise RING_EVENT_IDX */
	{32, "VERSION_1"},
	{33, "ACCESS_PLATFORM"}, /* IOMMU_PLATFORM in the 1.1 drafts */
	{34, "RING_PACKED"},
	{35, "IN_ORDER"},
	{36, "ORDER_PLATFORM"},
	{37, "SR_IOV"},
	{38, "NOTIFICATION_DATA"},
	{39, "NOTIF_CONFIG_DATA"},
	{40, "RING_RESET"},
	{41, "ADMIN_VQ"},
	{43, "SUSPEND"},
};

/* 5.1.3 */
static const struct virtio_feature_name_ virtio_net_[] = {
	{0, "CSUM"},
	{1, "GUEST_CSUM"},
	{2, "CTRL_GUEST_OFFLOADS"},
	{3, "MTU"},
	{5, "MAC"},
	{6, "GSO"}, /* legacy */
	{7, "GUEST_TSO4"},
	{8, "GUEST_TSO6"},
	{9, "GUEST_ECN"},
	{10, "GUEST_UFO"},
	{11, "HOST_TSO4"},
	{12, "HOST_TSO6"},
	{13, "HOST_ECN"},
	{14, "HOST_UFO"},
	{15, "MRG_RXBUF"},
	{16, "STATUS"},
	{17, "CTRL_VQ"},
	{18, "CTRL_RX"},
	{19, "CTRL_VLAN"},
	{20, "CTRL_RX_EXTRA"},
	{21, "GUEST_ANNOUNCE"},
	{22, "MQ"},
	{23, "CTRL_MAC_ADDR"},
	{42, "GUEST_RSC6"}, /* legacy; 41, GUEST_RSC4, reads ADMIN_VQ (see above) */
	{50, "DEVICE_STATS"},
	{51, "HASH_TUNNEL"},
	{52, "VQ_NOTF_COAL"},
	{53, "NOTF_COAL"},
	{54, "GUEST_USO4"},
	{55, "GUEST_USO6"},
	{56, "HOST_USO"},
	{57, "HASH_REPORT"},
	{59, "GUEST_HDRLEN"},
	{60, "RSS"},
	{61, "RSC_EXT"},
	{62, "STANDBY"},
	{63, "SPEED_DUPLEX"},
	{64, "RSS_CONTEXT"},
	{65, "GUEST_UDP_TUNNEL_GSO"},
	{66, "GUEST_UDP_TUNNEL_GSO_CSUM"},
	{67, "HOST_UDP_TUNNEL_GSO"},
	{68, "HOST_UDP_TUNNEL_GSO_CSUM"},
	{69, "OUT_NET_HEADER"},
	{70, "IPSEC"},
};

/* 5.2.3.  FLUSH (9) was also called WCE in the legacy interface; the spec's name wins. */
static const struct virtio_feature_name_ virtio_blk_[] = {
	{0, "BARRIER"}, /* legacy */
	{1, "SIZE_MAX"},
	{2, "SEG_MAX"},
	{4, "GEOMETRY"},
	{5, "RO"},
	{6, "BLK_SIZE"},
	{7, "SCSI"}, /* legacy */
	{9, "FLUSH"},
	{10, "TOPOLOGY"},
	{11, "CONFIG_WCE"},
	{12, "MQ"},
	{13, "DISCARD"},
	{14, "WRITE_ZEROES"},
	{15, "LIFETIME"},
	{16, "SECURE_ERASE"},
	{17, "ZONED"},
};

static const struct virtio_feature_name_ virtio_console_[] = {
	{0, "SIZE"},
	{1, "MULTIPORT"},
	{2, "EMERG_WRITE"},
};

/* The traditional balloon (id 5); it has no legacy-only bits. */
static const struct virtio_feature_name_ virtio_balloon_[] = {
	{0, "MUST_TELL_HOST"},
	{1, "STATS_VQ"},
	{2, "DEFLATE_ON_OOM"},
	{3, "FREE_PAGE_HINT"},
	{4, "PAGE_POISON"},
	{5, "PAGE_REPORTING"}, /* Linux: VIRTIO_BALLOON_F_REPORTING */
};

static const struct virtio_feature_name_ virtio_scsi_[] = {
	{0, "INOUT"},
	{1, "HOTPLUG"},
	{2, "CHANGE"},
	{3, "T10_PI"},
};

/*
 * The spec does not describe the 9P transport; its one feature bit is
 * named as in Linux and QEMU (VIRTIO_9P_MOUNT_TAG, without an _F_).
 */
static const struct virtio_feature_name_ virtio_9p_[] = {
	{0, "MOUNT_TAG"},
};

static const struct virtio_feature_name_ virtio_gpu_[] = {
	{0, "VIRGL"},
	{1, "EDID"},
	{2, "RESOURCE_UUID"},
	{3, "RESOURCE_BLOB"},
	{4, "CONTEXT_INIT"},
	{5, "BLOB_ALIGNMENT"},
};

static const struct virtio_feature_name_ virtio_rtc_[] = {
	{0, "ALARM"},
};

static const struct virtio_feature_name_ virtio_vsock_[] = {
	{0, "STREAM"},
	{1, "SEQPACKET"},
	{2, "NO_IMPLIED_STREAM"},
};

static const struct virtio_feature_name_ virtio_crypto_[] = {
	{0, "REVISION_1"},
	{1, "CIPHER_STATELESS_MODE"},
	{2, "HASH_STATELESS_MODE"},
	{3, "MAC_STATELESS_MODE"},
	{4, "AEAD_STATELESS_MODE"},
	{5, "AKCIPHER_STATELESS_MODE"},
};

static const struct virtio_feature_name_ virtio_iommu_[] = {
	{0, "INPUT_RANGE"},
	{1, "DOMAIN_RANGE"},
	{2, "MAP_UNMAP"},
	{3, "BYPASS"},
	{4, "PROBE"},
	{5, "MMIO"},
	{6, "BYPASS_CONFIG"},
};

static const struct virtio_feature_name_ virtio_mem_[] = {
	{0, "ACPI_PXM"},
	{1, "UNPLUGGED_INACCESSIBLE"},
	{2, "PERSISTENT_SUSPEND"},
};

static const struct virtio_feature_name_ virtio_sound_[] = {
	{0, "CTLS"},
};

static const struct virtio_feature_name_ virtio_fs_[] = {
	{0, "NOTIFICATION"},
};

static const struct virtio_feature_name_ virtio_pmem_[] = {
	{0, "SHMEM_REGION"},
};

static const struct virtio_feature_name_ virtio_scmi_[] = {
	{0, "P2A_CHANNELS"},
	{1, "SHARED_MEMORY"},
};

static const struct virtio_feature_name_ virtio_i2c_[] = {
	{0, "ZERO_LENGTH_REQUEST"},
};

static const struct virtio_feature_name_ virtio_can_[] = {
	{0, "CAN_CLASSIC"},
	{1, "CAN_FD"},
	{2, "RTR_FRAMES"},
	{3, "LATE_TX_ACK"},
};

/* Like 9P, Bluetooth is only reserved in the spec: these are Linux's names. */
static const struct virtio_feature_name_ virtio_bt_[] = {
	{0, "VND_HCI"},
	{1, "MSFT_EXT"},
	{2, "AOSP_EXT"},
};

static const struct virtio_feature_name_ virtio_gpio_[] = {
	{0, "IRQ"},
};

/*
 * Device types with feature bits, by device id.  Of the types the spec
 * describes, entropy, input, RPMB, SPI and media define none; the ids it
 * only reserves have none here, 9P and Bluetooth aside.
 */
struct virtio_device_features_ {
	uint32_t device_id;
	const struct virtio_feature_name_ *bits;
	size_t nbits;
};

#define VIRTIO_DEV_(id, table) {(id), (table), VDISC_ARRAY_SIZE(table)}

static const struct virtio_device_features_ virtio_devices_[] = {
	VIRTIO_DEV_(1, virtio_net_),
	VIRTIO_DEV_(2, virtio_blk_),
	VIRTIO_DEV_(3, virtio_console_),
	VIRTIO_DEV_(5, virtio_balloon_),
	VIRTIO_DEV_(8, virtio_scsi_),
	VIRTIO_DEV_(9, virtio_9p_),
	VIRTIO_DEV_(16, virtio_gpu_),
	VIRTIO_DEV_(17, virtio_rtc_),
	VIRTIO_DEV_(19, virtio_vsock_),
	VIRTIO_DEV_(20, virtio_crypto_),
	VIRTIO_DEV_(23, virtio_iommu_),
	VIRTIO_DEV_(24, virtio_mem_),
	VIRTIO_DEV_(25, virtio_sound_),
	VIRTIO_DEV_(26, virtio_fs_),
	VIRTIO_DEV_(27, virtio_pmem_),
	VIRTIO_DEV_(32, virtio_scmi_),
	VIRTIO_DEV_(34, virtio_i2c_),
	VIRTIO_DEV_(36, virtio_can_),
	VIRTIO_DEV_(40, virtio_bt_),
	VIRTIO_DEV_(41, virtio_gpio_),
};
/* clang-format on */

static const char *virtio_feature_find_(const struct virtio_feature_name_ *table, size_t n,
					unsigned bit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].value == bit)
			return table[i].name;
	return NULL;
}

const char *vdisc_virtio_feature_name(uint32_t device_id, unsigned bit)
{
	const char *name =
		virtio_feature_find_(virtio_common_, VDISC_ARRAY_SIZE(virtio_common_), bit);
	size_t i;

	if (name)
		return name;
	for (i = 0; i < VDISC_ARRAY_SIZE(virtio_devices_); i++)
		if (virtio_devices_[i].device_id == device_id)
			return virtio_feature_find_(virtio_devices_[i].bits,
						    virtio_devices_[i].nbits, bit);
	return NULL;
}
