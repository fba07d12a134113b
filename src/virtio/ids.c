/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

#include "../discover/names.h"

#include <vdisc/virtio.h>

/*
 * Virtio device types: every id the spec's registry assigns (virtio 1.4
 * cs01, chapter "Device Types", a superset of 1.3).  Id 0 (reserved,
 * invalid) has no name, nor have 14, 15 and 37, which the spec leaves
 * unassigned: Linux's <linux/virtio_ids.h> calls 37 "dmabuf", the spec
 * does not, so neither do we.
 *
 * The names are what a person says, not the spec's table text: short,
 * lowercase, one word where one is enough ("network", "block", "entropy",
 * "fs"), words joined by '-' where not ("video-decoder").  They go into
 * listings and JSON as they stand, so they never contain a blank.  Where
 * the spec's wording would collide or mislead the choice is noted:
 *  - 5 is the traditional balloon everyone calls "balloon"; 13 is the
 *    spec's later "memory balloon", hence "memory-balloon";
 *  - 24, the spec's "memory device" (virtio-mem), is "memory";
 *  - 17 is "rtc" as the current spec names it (earlier "timer/clock",
 *    Linux's VIRTIO_ID_CLOCK);
 *  - 10 "wlan" and 29 "mac80211-hwsim" keep apart the two mac80211 ids;
 *  - 33, NitroSecureModule, is "nsm" as AWS abbreviates it.
 * Many ids (rpmsg, CAIF, pstore, watchdog, ...) are only reserved, their
 * devices unspecified; they have names all the same, so that a listing
 * says what a device claims to be.
 */

static const struct vdisc_name_ virtio_ids_[] = {
	{VDISC_VIRTIO_ID_NET, "network"},
	{VDISC_VIRTIO_ID_BLOCK, "block"},
	{VDISC_VIRTIO_ID_CONSOLE, "console"},
	{VDISC_VIRTIO_ID_ENTROPY, "entropy"},
	{VDISC_VIRTIO_ID_BALLOON, "balloon"},
	{VDISC_VIRTIO_ID_IOMEMORY, "iomemory"},
	{VDISC_VIRTIO_ID_RPMSG, "rpmsg"},
	{VDISC_VIRTIO_ID_SCSI, "scsi"},
	{VDISC_VIRTIO_ID_9P, "9p"},
	{VDISC_VIRTIO_ID_WLAN, "wlan"},
	{VDISC_VIRTIO_ID_RPROC_SERIAL, "rproc-serial"},
	{VDISC_VIRTIO_ID_CAIF, "caif"},
	{VDISC_VIRTIO_ID_MEMORY_BALLOON, "memory-balloon"},
	{VDISC_VIRTIO_ID_GPU, "gpu"},
	{VDISC_VIRTIO_ID_RTC, "rtc"},
	{VDISC_VIRTIO_ID_INPUT, "input"},
	{VDISC_VIRTIO_ID_VSOCK, "socket"},
	{VDISC_VIRTIO_ID_CRYPTO, "crypto"},
	{VDISC_VIRTIO_ID_SIGNAL_DISTRIBUTION, "signal-distribution"},
	{VDISC_VIRTIO_ID_PSTORE, "pstore"},
	{VDISC_VIRTIO_ID_IOMMU, "iommu"},
	{VDISC_VIRTIO_ID_MEM, "memory"},
	{VDISC_VIRTIO_ID_SOUND, "sound"},
	{VDISC_VIRTIO_ID_FS, "fs"},
	{VDISC_VIRTIO_ID_PMEM, "pmem"},
	{VDISC_VIRTIO_ID_RPMB, "rpmb"},
	{VDISC_VIRTIO_ID_MAC80211_HWSIM, "mac80211-hwsim"},
	{VDISC_VIRTIO_ID_VIDEO_ENCODER, "video-encoder"},
	{VDISC_VIRTIO_ID_VIDEO_DECODER, "video-decoder"},
	{VDISC_VIRTIO_ID_SCMI, "scmi"},
	{VDISC_VIRTIO_ID_NSM, "nsm"},
	{VDISC_VIRTIO_ID_I2C, "i2c"},
	{VDISC_VIRTIO_ID_WATCHDOG, "watchdog"},
	{VDISC_VIRTIO_ID_CAN, "can"},
	{VDISC_VIRTIO_ID_PARAMETER_SERVER, "parameter-server"},
	{VDISC_VIRTIO_ID_AUDIO_POLICY, "audio-policy"},
	{VDISC_VIRTIO_ID_BLUETOOTH, "bluetooth"},
	{VDISC_VIRTIO_ID_GPIO, "gpio"},
	{VDISC_VIRTIO_ID_RDMA, "rdma"},
	{VDISC_VIRTIO_ID_CAMERA, "camera"},
	{VDISC_VIRTIO_ID_ISM, "ism"},
	{VDISC_VIRTIO_ID_SPI, "spi"},
	{VDISC_VIRTIO_ID_TEE, "tee"},
	{VDISC_VIRTIO_ID_CPU_BALLOON, "cpu-balloon"},
	{VDISC_VIRTIO_ID_MEDIA, "media"},
	{VDISC_VIRTIO_ID_USB, "usb"},
};

const char *vdisc_virtio_device_name(uint32_t device_id)
{
	return vdisc_name_find_(virtio_ids_, VDISC_ARRAY_SIZE(virtio_ids_), device_id);
}

size_t vdisc_virtio_device_ids(uint32_t *ids, size_t max)
{
	size_t i;

	for (i = 0; ids && i < max && i < VDISC_ARRAY_SIZE(virtio_ids_); i++)
		ids[i] = virtio_ids_[i].value;
	return VDISC_ARRAY_SIZE(virtio_ids_);
}
