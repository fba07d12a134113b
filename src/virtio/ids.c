/* SPDX-License-Identifier: MIT */
#include "../discover/vdisc_env.h"

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

struct virtio_id_name_ {
	uint32_t value;
	const char *name;
};

static const struct virtio_id_name_ virtio_ids_[] = {
	{1, "network"},
	{2, "block"},
	{3, "console"},
	{4, "entropy"},
	{5, "balloon"},
	{6, "iomemory"},
	{7, "rpmsg"},
	{8, "scsi"},
	{9, "9p"},
	{10, "wlan"},
	{11, "rproc-serial"},
	{12, "caif"},
	{13, "memory-balloon"},
	{16, "gpu"},
	{17, "rtc"},
	{18, "input"},
	{19, "socket"},
	{20, "crypto"},
	{21, "signal-distribution"},
	{22, "pstore"},
	{23, "iommu"},
	{24, "memory"},
	{25, "sound"},
	{26, "fs"},
	{27, "pmem"},
	{28, "rpmb"},
	{29, "mac80211-hwsim"},
	{30, "video-encoder"},
	{31, "video-decoder"},
	{32, "scmi"},
	{33, "nsm"},
	{34, "i2c"},
	{35, "watchdog"},
	{36, "can"},
	{38, "parameter-server"},
	{39, "audio-policy"},
	{40, "bluetooth"},
	{41, "gpio"},
	{42, "rdma"},
	{43, "camera"},
	{44, "ism"},
	{45, "spi"},
	{46, "tee"},
	{47, "cpu-balloon"},
	{48, "media"},
	{49, "usb"},
};

const char *vdisc_virtio_device_name(uint32_t device_id)
{
	size_t i;

	for (i = 0; i < VDISC_ARRAY_SIZE(virtio_ids_); i++)
		if (virtio_ids_[i].value == device_id)
			return virtio_ids_[i].name;
	return NULL;
}

size_t vdisc_virtio_device_ids(uint32_t *ids, size_t max)
{
	size_t i;

	for (i = 0; ids && i < max && i < VDISC_ARRAY_SIZE(virtio_ids_); i++)
		ids[i] = virtio_ids_[i].value;
	return VDISC_ARRAY_SIZE(virtio_ids_);
}
