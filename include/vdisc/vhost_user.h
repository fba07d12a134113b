/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VHOST_USER_H
#define VDISC_VHOST_USER_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The vhost-user protocol's numbers (QEMU's docs/interop/vhost-user.rst,
 * "Message Specification" and "Front-end message types"), defined once for
 * the hosted transport, its tests and its tools.  Numbers only: no types, no
 * functions.  Every field is in the host's byte order (the protocol runs over
 * a local UNIX socket); offsets are in bytes from the start of the header or
 * of the payload.  vhost-user is not a Linux uapi header: the names are
 * vdisc's own, the Linux or QEMU name in a comment where they differ.
 */

/* ---- Message header: u32 request, u32 flags, u32 size (of the payload) ---- */
#define VDISC_VHOST_USER_HDR_OFF_REQUEST 0u
#define VDISC_VHOST_USER_HDR_OFF_FLAGS 4u
#define VDISC_VHOST_USER_HDR_OFF_SIZE 8u
#define VDISC_VHOST_USER_HDR_SIZE 12u /* the payload follows at once */

/* Header flags: the version in bits 0-1, then REPLY and NEED_REPLY (REPLY_ACK). */
#define VDISC_VHOST_USER_FLAG_VERSION_MASK 0x3u
#define VDISC_VHOST_USER_VERSION 1u /* the only version there is */
#define VDISC_VHOST_USER_FLAG_REPLY 0x4u
#define VDISC_VHOST_USER_FLAG_NEED_REPLY 0x8u

/* At most this many file descriptors ride on one message (SCM_RIGHTS). */
#define VDISC_VHOST_USER_MAX_FDS 8u

/* ---- Front-end requests (front-end to back-end) ---- */
#define VDISC_VHOST_USER_GET_FEATURES 1u
#define VDISC_VHOST_USER_SET_FEATURES 2u
#define VDISC_VHOST_USER_SET_OWNER 3u
#define VDISC_VHOST_USER_RESET_OWNER 4u
#define VDISC_VHOST_USER_SET_MEM_TABLE 5u
#define VDISC_VHOST_USER_SET_LOG_BASE 6u
#define VDISC_VHOST_USER_SET_LOG_FD 7u
#define VDISC_VHOST_USER_SET_VRING_NUM 8u
#define VDISC_VHOST_USER_SET_VRING_ADDR 9u
#define VDISC_VHOST_USER_SET_VRING_BASE 10u
#define VDISC_VHOST_USER_GET_VRING_BASE 11u
#define VDISC_VHOST_USER_SET_VRING_KICK 12u
#define VDISC_VHOST_USER_SET_VRING_CALL 13u
#define VDISC_VHOST_USER_SET_VRING_ERR 14u
#define VDISC_VHOST_USER_GET_PROTOCOL_FEATURES 15u
#define VDISC_VHOST_USER_SET_PROTOCOL_FEATURES 16u
#define VDISC_VHOST_USER_GET_QUEUE_NUM 17u
#define VDISC_VHOST_USER_SET_VRING_ENABLE 18u
#define VDISC_VHOST_USER_SEND_RARP 19u
#define VDISC_VHOST_USER_NET_SET_MTU 20u
#define VDISC_VHOST_USER_SET_BACKEND_REQ_FD 21u /* formerly SET_SLAVE_REQ_FD */
#define VDISC_VHOST_USER_IOTLB_MSG 22u
#define VDISC_VHOST_USER_SET_VRING_ENDIAN 23u
#define VDISC_VHOST_USER_GET_CONFIG 24u
#define VDISC_VHOST_USER_SET_CONFIG 25u
#define VDISC_VHOST_USER_CREATE_CRYPTO_SESSION 26u
#define VDISC_VHOST_USER_CLOSE_CRYPTO_SESSION 27u
#define VDISC_VHOST_USER_POSTCOPY_ADVISE 28u
#define VDISC_VHOST_USER_POSTCOPY_LISTEN 29u
#define VDISC_VHOST_USER_POSTCOPY_END 30u
#define VDISC_VHOST_USER_GET_INFLIGHT_FD 31u
#define VDISC_VHOST_USER_SET_INFLIGHT_FD 32u
#define VDISC_VHOST_USER_GPU_SET_SOCKET 33u
#define VDISC_VHOST_USER_RESET_DEVICE 34u
#define VDISC_VHOST_USER_VRING_KICK 35u /* with INBAND_NOTIFICATIONS */
#define VDISC_VHOST_USER_GET_MAX_MEM_SLOTS 36u
#define VDISC_VHOST_USER_ADD_MEM_REG 37u
#define VDISC_VHOST_USER_REM_MEM_REG 38u
#define VDISC_VHOST_USER_SET_STATUS 39u
#define VDISC_VHOST_USER_GET_STATUS 40u

/* ---- Protocol feature bits (GET/SET_PROTOCOL_FEATURES): bit numbers ---- */
#define VDISC_VHOST_USER_PROTOCOL_F_MQ 0u
#define VDISC_VHOST_USER_PROTOCOL_F_LOG_SHMFD 1u
#define VDISC_VHOST_USER_PROTOCOL_F_RARP 2u
#define VDISC_VHOST_USER_PROTOCOL_F_REPLY_ACK 3u
#define VDISC_VHOST_USER_PROTOCOL_F_NET_MTU 4u
#define VDISC_VHOST_USER_PROTOCOL_F_BACKEND_REQ 5u /* formerly SLAVE_REQ */
#define VDISC_VHOST_USER_PROTOCOL_F_CROSS_ENDIAN 6u
#define VDISC_VHOST_USER_PROTOCOL_F_CRYPTO_SESSION 7u
#define VDISC_VHOST_USER_PROTOCOL_F_PAGEFAULT 8u
#define VDISC_VHOST_USER_PROTOCOL_F_CONFIG 9u
#define VDISC_VHOST_USER_PROTOCOL_F_BACKEND_SEND_FD 10u /* formerly SLAVE_SEND_FD */
#define VDISC_VHOST_USER_PROTOCOL_F_HOST_NOTIFIER 11u
#define VDISC_VHOST_USER_PROTOCOL_F_INFLIGHT_SHMFD 12u
#define VDISC_VHOST_USER_PROTOCOL_F_RESET_DEVICE 13u
#define VDISC_VHOST_USER_PROTOCOL_F_INBAND_NOTIFICATIONS 14u
#define VDISC_VHOST_USER_PROTOCOL_F_CONFIGURE_MEM_SLOTS 15u
#define VDISC_VHOST_USER_PROTOCOL_F_STATUS 16u

/*
 * ---- Feature bits of GET/SET_FEATURES that are not virtio device features ----
 * The word GET_FEATURES returns mixes virtio's bits with these two of vhost's
 * own (the legacy-only bit 24 is VDISC_VIRTIO_F_NOTIFY_ON_EMPTY).
 */
#define VDISC_VHOST_USER_F_LOG_ALL 26u /* Linux's VHOST_F_LOG_ALL */
#define VDISC_VHOST_USER_F_PROTOCOL_FEATURES 30u

/* ---- Payloads ---- */
/* A u64 (features, the log base, a vring fd index in its low bits, a status). */
#define VDISC_VHOST_USER_U64_SIZE 8u

/* Vring index and flag in a SET_VRING_KICK/CALL/ERR u64: no fd follows (poll instead). */
#define VDISC_VHOST_USER_VRING_IDX_MASK 0xffu
#define VDISC_VHOST_USER_VRING_NOFD_MASK 0x100u

/* Vring state (SET_VRING_NUM/BASE, GET_VRING_BASE, SET_VRING_ENABLE): u32 index, u32 num. */
#define VDISC_VHOST_USER_STATE_OFF_INDEX 0u
#define VDISC_VHOST_USER_STATE_OFF_NUM 4u
#define VDISC_VHOST_USER_STATE_SIZE 8u
/* A packed ring's SET/GET_VRING_BASE num: the next avail slot (bits 0-14) and the driver's
 * wrap counter, the next used slot (bits 16-30) and the device's; a new ring: both 1. */
#define VDISC_VHOST_USER_PACKED_AVAIL_WRAP 0x00008000u
#define VDISC_VHOST_USER_PACKED_USED_WRAP 0x80000000u

/* Vring address (SET_VRING_ADDR): u32 index, u32 flags, u64 desc, used, avail, log. */
#define VDISC_VHOST_USER_ADDR_OFF_INDEX 0u
#define VDISC_VHOST_USER_ADDR_OFF_FLAGS 4u
#define VDISC_VHOST_USER_ADDR_OFF_DESC 8u
#define VDISC_VHOST_USER_ADDR_OFF_USED 16u
#define VDISC_VHOST_USER_ADDR_OFF_AVAIL 24u
#define VDISC_VHOST_USER_ADDR_OFF_LOG 32u
#define VDISC_VHOST_USER_ADDR_SIZE 40u
#define VDISC_VHOST_USER_ADDR_F_LOG 0u /* flags bit: the log address is valid */

/*
 * Memory table (SET_MEM_TABLE): u32 nregions, u32 padding, then nregions
 * regions of u64 guest address, size, user (front-end) address, mmap offset,
 * one fd per region.
 */
#define VDISC_VHOST_USER_MEM_OFF_NREGIONS 0u
#define VDISC_VHOST_USER_MEM_OFF_REGIONS 8u
#define VDISC_VHOST_USER_MEM_MAX_REGIONS 8u
#define VDISC_VHOST_USER_REGION_OFF_GUEST_ADDR 0u
#define VDISC_VHOST_USER_REGION_OFF_SIZE 8u
#define VDISC_VHOST_USER_REGION_OFF_USER_ADDR 16u
#define VDISC_VHOST_USER_REGION_OFF_MMAP_OFFSET 24u
#define VDISC_VHOST_USER_REGION_SIZE 32u

/* One region (ADD_MEM_REG, REM_MEM_REG): u64 padding, then a region. */
#define VDISC_VHOST_USER_MEM_REG_OFF_REGION 8u
#define VDISC_VHOST_USER_MEM_REG_SIZE 40u

/* Device configuration (GET/SET_CONFIG): u32 offset, u32 size, u32 flags, u8 payload[size]. */
#define VDISC_VHOST_USER_CONFIG_OFF_OFFSET 0u
#define VDISC_VHOST_USER_CONFIG_OFF_SIZE 4u
#define VDISC_VHOST_USER_CONFIG_OFF_FLAGS 8u
#define VDISC_VHOST_USER_CONFIG_HDR_SIZE 12u /* the configuration bytes follow */
/* The spec sets no bound; QEMU and libvhost-user refuse more (VHOST_USER_MAX_CONFIG_SIZE). */
#define VDISC_VHOST_USER_CONFIG_SPACE_MAX 256u

#ifdef __cplusplus
}
#endif

#endif
