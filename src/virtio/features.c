/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include "../discover/names.h"

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

/* An entry whose name is its constant's: F_(BLK, SEG_MAX) is VDISC_VIRTIO_BLK_F_SEG_MAX, "SEG_MAX".
 */
#define F_(dev, bit)                               \
	{                                          \
		VDISC_VIRTIO_##dev##_F_##bit, #bit \
	}
#define COMMON_(bit)                       \
	{                                  \
		VDISC_VIRTIO_F_##bit, #bit \
	}

/* One bit a line, so that each can be held against the spec: clang-format would pack them. */
/* clang-format off */

/* Device-independent (chapter 6).  Bit 30 is the spec's UNUSED (QEMU's BAD_FEATURE): no name. */
static const struct vdisc_name_ virtio_common_[] = {
	COMMON_(NOTIFY_ON_EMPTY), /* legacy */
	COMMON_(ANY_LAYOUT),      /* legacy: implied by VERSION_1 */
	COMMON_(INDIRECT_DESC),   /* RING_INDIRECT_DESC in 0.9.5, and in Linux */
	COMMON_(EVENT_IDX),       /* likewise RING_EVENT_IDX */
	COMMON_(VERSION_1),
	COMMON_(ACCESS_PLATFORM), /* IOMMU_PLATFORM in the 1.1 drafts */
	COMMON_(RING_PACKED),
	COMMON_(IN_ORDER),
	COMMON_(ORDER_PLATFORM),
	COMMON_(SR_IOV),
	COMMON_(NOTIFICATION_DATA),
	COMMON_(NOTIF_CONFIG_DATA),
	COMMON_(RING_RESET),
	COMMON_(ADMIN_VQ),
	COMMON_(SUSPEND),
};

/* 5.1.3 */
static const struct vdisc_name_ virtio_net_[] = {
	F_(NET, CSUM),
	F_(NET, GUEST_CSUM),
	F_(NET, CTRL_GUEST_OFFLOADS),
	F_(NET, MTU),
	F_(NET, MAC),
	F_(NET, GSO), /* legacy */
	F_(NET, GUEST_TSO4),
	F_(NET, GUEST_TSO6),
	F_(NET, GUEST_ECN),
	F_(NET, GUEST_UFO),
	F_(NET, HOST_TSO4),
	F_(NET, HOST_TSO6),
	F_(NET, HOST_ECN),
	F_(NET, HOST_UFO),
	F_(NET, MRG_RXBUF),
	F_(NET, STATUS),
	F_(NET, CTRL_VQ),
	F_(NET, CTRL_RX),
	F_(NET, CTRL_VLAN),
	F_(NET, CTRL_RX_EXTRA),
	F_(NET, GUEST_ANNOUNCE),
	F_(NET, MQ),
	F_(NET, CTRL_MAC_ADDR),
	F_(NET, GUEST_RSC6), /* legacy; 41, GUEST_RSC4, reads ADMIN_VQ (see above) */
	F_(NET, DEVICE_STATS),
	F_(NET, HASH_TUNNEL),
	F_(NET, VQ_NOTF_COAL),
	F_(NET, NOTF_COAL),
	F_(NET, GUEST_USO4),
	F_(NET, GUEST_USO6),
	F_(NET, HOST_USO),
	F_(NET, HASH_REPORT),
	F_(NET, GUEST_HDRLEN),
	F_(NET, RSS),
	F_(NET, RSC_EXT),
	F_(NET, STANDBY),
	F_(NET, SPEED_DUPLEX),
	F_(NET, RSS_CONTEXT),
	F_(NET, GUEST_UDP_TUNNEL_GSO),
	F_(NET, GUEST_UDP_TUNNEL_GSO_CSUM),
	F_(NET, HOST_UDP_TUNNEL_GSO),
	F_(NET, HOST_UDP_TUNNEL_GSO_CSUM),
	F_(NET, OUT_NET_HEADER),
	F_(NET, IPSEC),
};

/* 5.2.3.  FLUSH (9) was also called WCE in the legacy interface; the spec's name wins. */
static const struct vdisc_name_ virtio_blk_[] = {
	F_(BLK, BARRIER), /* legacy */
	F_(BLK, SIZE_MAX),
	F_(BLK, SEG_MAX),
	F_(BLK, GEOMETRY),
	F_(BLK, RO),
	F_(BLK, BLK_SIZE),
	F_(BLK, SCSI), /* legacy */
	F_(BLK, FLUSH),
	F_(BLK, TOPOLOGY),
	F_(BLK, CONFIG_WCE),
	F_(BLK, MQ),
	F_(BLK, DISCARD),
	F_(BLK, WRITE_ZEROES),
	F_(BLK, LIFETIME),
	F_(BLK, SECURE_ERASE),
	F_(BLK, ZONED),
};

static const struct vdisc_name_ virtio_console_[] = {
	F_(CONSOLE, SIZE),
	F_(CONSOLE, MULTIPORT),
	F_(CONSOLE, EMERG_WRITE),
};

/* The traditional balloon (id 5); it has no legacy-only bits. */
static const struct vdisc_name_ virtio_balloon_[] = {
	F_(BALLOON, MUST_TELL_HOST),
	F_(BALLOON, STATS_VQ),
	F_(BALLOON, DEFLATE_ON_OOM),
	F_(BALLOON, FREE_PAGE_HINT),
	F_(BALLOON, PAGE_POISON),
	F_(BALLOON, PAGE_REPORTING), /* Linux: VIRTIO_BALLOON_F_REPORTING */
};

static const struct vdisc_name_ virtio_scsi_[] = {
	F_(SCSI, INOUT),
	F_(SCSI, HOTPLUG),
	F_(SCSI, CHANGE),
	F_(SCSI, T10_PI),
};

/*
 * The spec does not describe the 9P transport; its one feature bit is
 * named as in Linux and QEMU (VIRTIO_9P_MOUNT_TAG, without an _F_).
 */
static const struct vdisc_name_ virtio_9p_[] = {
	F_(9P, MOUNT_TAG),
};

static const struct vdisc_name_ virtio_gpu_[] = {
	F_(GPU, VIRGL),
	F_(GPU, EDID),
	F_(GPU, RESOURCE_UUID),
	F_(GPU, RESOURCE_BLOB),
	F_(GPU, CONTEXT_INIT),
	F_(GPU, BLOB_ALIGNMENT),
};

static const struct vdisc_name_ virtio_rtc_[] = {
	F_(RTC, ALARM),
};

static const struct vdisc_name_ virtio_vsock_[] = {
	F_(VSOCK, STREAM),
	F_(VSOCK, SEQPACKET),
	F_(VSOCK, NO_IMPLIED_STREAM),
};

static const struct vdisc_name_ virtio_crypto_[] = {
	F_(CRYPTO, REVISION_1),
	F_(CRYPTO, CIPHER_STATELESS_MODE),
	F_(CRYPTO, HASH_STATELESS_MODE),
	F_(CRYPTO, MAC_STATELESS_MODE),
	F_(CRYPTO, AEAD_STATELESS_MODE),
	F_(CRYPTO, AKCIPHER_STATELESS_MODE),
};

static const struct vdisc_name_ virtio_iommu_[] = {
	F_(IOMMU, INPUT_RANGE),
	F_(IOMMU, DOMAIN_RANGE),
	F_(IOMMU, MAP_UNMAP),
	F_(IOMMU, BYPASS),
	F_(IOMMU, PROBE),
	F_(IOMMU, MMIO),
	F_(IOMMU, BYPASS_CONFIG),
};

static const struct vdisc_name_ virtio_mem_[] = {
	F_(MEM, ACPI_PXM),
	F_(MEM, UNPLUGGED_INACCESSIBLE),
	F_(MEM, PERSISTENT_SUSPEND),
};

static const struct vdisc_name_ virtio_sound_[] = {
	F_(SND, CTLS),
};

static const struct vdisc_name_ virtio_fs_[] = {
	F_(FS, NOTIFICATION),
};

static const struct vdisc_name_ virtio_pmem_[] = {
	F_(PMEM, SHMEM_REGION),
};

static const struct vdisc_name_ virtio_scmi_[] = {
	F_(SCMI, P2A_CHANNELS),
	F_(SCMI, SHARED_MEMORY),
};

static const struct vdisc_name_ virtio_i2c_[] = {
	F_(I2C, ZERO_LENGTH_REQUEST),
};

static const struct vdisc_name_ virtio_can_[] = {
	F_(CAN, CAN_CLASSIC),
	F_(CAN, CAN_FD),
	F_(CAN, RTR_FRAMES),
	F_(CAN, LATE_TX_ACK),
};

/* Like 9P, Bluetooth is only reserved in the spec: these are Linux's names. */
static const struct vdisc_name_ virtio_bt_[] = {
	F_(BT, VND_HCI),
	F_(BT, MSFT_EXT),
	F_(BT, AOSP_EXT),
};

static const struct vdisc_name_ virtio_gpio_[] = {
	F_(GPIO, IRQ),
};

/*
 * Device types with feature bits, by device id.  Of the types the spec
 * describes, entropy, input, RPMB, SPI and media define none; the ids it
 * only reserves have none here, 9P and Bluetooth aside.
 */
struct virtio_device_features_ {
	uint32_t device_id;
	const struct vdisc_name_ *bits;
	size_t nbits;
};

#define VIRTIO_DEV_(id, table) {(id), (table), VDISC_ARRAY_SIZE(table)}

static const struct virtio_device_features_ virtio_devices_[] = {
	VIRTIO_DEV_(VDISC_VIRTIO_ID_NET, virtio_net_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_BLOCK, virtio_blk_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_CONSOLE, virtio_console_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_BALLOON, virtio_balloon_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_SCSI, virtio_scsi_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_9P, virtio_9p_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_GPU, virtio_gpu_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_RTC, virtio_rtc_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_VSOCK, virtio_vsock_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_CRYPTO, virtio_crypto_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_IOMMU, virtio_iommu_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_MEM, virtio_mem_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_SOUND, virtio_sound_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_FS, virtio_fs_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_PMEM, virtio_pmem_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_SCMI, virtio_scmi_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_I2C, virtio_i2c_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_CAN, virtio_can_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_BLUETOOTH, virtio_bt_),
	VIRTIO_DEV_(VDISC_VIRTIO_ID_GPIO, virtio_gpio_),
};
/* clang-format on */

const char *vdisc_virtio_feature_name(uint32_t device_id, unsigned bit)
{
	const char *name = vdisc_name_find_(virtio_common_, VDISC_ARRAY_SIZE(virtio_common_), bit);
	size_t i;

	if (name)
		return name;
	for (i = 0; i < VDISC_ARRAY_SIZE(virtio_devices_); i++)
		if (virtio_devices_[i].device_id == device_id)
			return vdisc_name_find_(virtio_devices_[i].bits, virtio_devices_[i].nbits,
						bit);
	return NULL;
}
