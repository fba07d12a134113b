/* SPDX-License-Identifier: MIT */
#include <json-c/json.h>

#include <vdisc/vhost_user.h>

#include "blk_cli.h"

/*
 * Names for what vhost-user adds to virtio: protocol feature bits, and the
 * bits of the GET_FEATURES word that are vhost's own, not the device's.
 * The names are vhost-user.rst's without their prefix.
 */

static const char *const blk_protocol_names[] = {
	[VDISC_VHOST_USER_PROTOCOL_F_MQ] = "MQ",
	[VDISC_VHOST_USER_PROTOCOL_F_LOG_SHMFD] = "LOG_SHMFD",
	[VDISC_VHOST_USER_PROTOCOL_F_RARP] = "RARP",
	[VDISC_VHOST_USER_PROTOCOL_F_REPLY_ACK] = "REPLY_ACK",
	[VDISC_VHOST_USER_PROTOCOL_F_NET_MTU] = "NET_MTU",
	[VDISC_VHOST_USER_PROTOCOL_F_BACKEND_REQ] = "BACKEND_REQ",
	[VDISC_VHOST_USER_PROTOCOL_F_CROSS_ENDIAN] = "CROSS_ENDIAN",
	[VDISC_VHOST_USER_PROTOCOL_F_CRYPTO_SESSION] = "CRYPTO_SESSION",
	[VDISC_VHOST_USER_PROTOCOL_F_PAGEFAULT] = "PAGEFAULT",
	[VDISC_VHOST_USER_PROTOCOL_F_CONFIG] = "CONFIG",
	[VDISC_VHOST_USER_PROTOCOL_F_BACKEND_SEND_FD] = "BACKEND_SEND_FD",
	[VDISC_VHOST_USER_PROTOCOL_F_HOST_NOTIFIER] = "HOST_NOTIFIER",
	[VDISC_VHOST_USER_PROTOCOL_F_INFLIGHT_SHMFD] = "INFLIGHT_SHMFD",
	[VDISC_VHOST_USER_PROTOCOL_F_RESET_DEVICE] = "RESET_DEVICE",
	[VDISC_VHOST_USER_PROTOCOL_F_INBAND_NOTIFICATIONS] = "INBAND_NOTIFICATIONS",
	[VDISC_VHOST_USER_PROTOCOL_F_CONFIGURE_MEM_SLOTS] = "CONFIGURE_MEM_SLOTS",
	[VDISC_VHOST_USER_PROTOCOL_F_STATUS] = "STATUS",
};

static const char *blk_protocol_name(unsigned bit, char *buf, size_t len)
{
	if (bit < sizeof(blk_protocol_names) / sizeof(blk_protocol_names[0]) &&
	    blk_protocol_names[bit])
		return blk_protocol_names[bit];
	snprintf(buf, len, "bit%u", bit);
	return buf;
}

void blk_print_protocol_features(FILE *out, uint64_t bits)
{
	char buf[16];
	unsigned bit;
	bool first = true;

	for (bit = 0; bit < 64; bit++) {
		if (!(bits >> bit & 1))
			continue;
		fprintf(out, "%s%s", first ? "" : " ", blk_protocol_name(bit, buf, sizeof(buf)));
		first = false;
	}
	if (first)
		fputs("(none)", out);
}

struct json_object *blk_json_protocol_features(uint64_t bits)
{
	struct json_object *arr = json_object_new_array();
	char buf[16];
	unsigned bit;

	for (bit = 0; bit < 64; bit++)
		if (bits >> bit & 1)
			json_object_array_add(arr, json_object_new_string(blk_protocol_name(
							   bit, buf, sizeof(buf))));
	return arr;
}

static const char *blk_vhost_bit_name(unsigned bit)
{
	switch (bit) {
	case VDISC_VHOST_USER_F_LOG_ALL:
		return "LOG_ALL";
	case VDISC_VHOST_USER_F_PROTOCOL_FEATURES:
		return "PROTOCOL_FEATURES";
	case VDISC_VIRTIO_F_NOTIFY_ON_EMPTY:
		return "NOTIFY_ON_EMPTY";
	default:
		return NULL;
	}
}

void blk_print_vhost_bits(FILE *out, uint64_t bits)
{
	unsigned bit;
	bool first = true;

	for (bit = 0; bit < 64; bit++) {
		if (!(bits >> bit & 1))
			continue;
		fprintf(out, "%s%s", first ? "" : " ",
			blk_vhost_bit_name(bit) ? blk_vhost_bit_name(bit) : "?");
		first = false;
	}
	if (first)
		fputs("(none)", out);
}

struct json_object *blk_json_vhost_bits(uint64_t bits)
{
	struct json_object *arr = json_object_new_array();
	unsigned bit;

	for (bit = 0; bit < 64; bit++)
		if (bits >> bit & 1 && blk_vhost_bit_name(bit))
			json_object_array_add(arr, json_object_new_string(blk_vhost_bit_name(bit)));
	return arr;
}
