/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/*
 * vdisc virtio features: feature words named bit by bit, given on the
 * command line or read from every virtio device of this machine.
 */

#define VIRTIO_SYSFS "/sys/bus/virtio/devices"

/* virtio 1.3, 6: bits 0-23 and 50-127 belong to the device type, the rest to the transport and
 * the negotiation. */
static bool features_cli_device_bit(unsigned bit)
{
	return bit < 24 || (bit >= 50 && bit < 128);
}

/* Without --type: the device-independent names, and which set bits a type would name. */
static void features_cli_untyped(json_object *arr, const struct vdisc_virtio_features *f)
{
	json_object *o, *need = json_object_new_array();
	struct vdisc_virtio_features common = *f;
	unsigned bit, n = 0;

	for (bit = 0; bit < 32u * f->nwords; bit++)
		if (vdisc_virtio_has(f, bit) && features_cli_device_bit(bit)) {
			json_object_array_add(need, json_object_new_uint64(bit));
			common.word[bit / 32] &= ~(1u << (bit % 32));
		}
	n = (unsigned)json_object_array_length(need);
	if (!arr) {
		fputs("device-independent: ", stdout);
		virtio_print_features(stdout, 0, &common);
		putchar('\n');
		if (n) {
			fputs("  device-specific (name them with --type TYPE):", stdout);
			for (bit = 0; bit < n; bit++)
				printf(" bit%d",
				       json_object_get_int(json_object_array_get_idx(need, bit)));
			putchar('\n');
		}
		json_object_put(need);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "device_type", NULL);
	json_object_object_add(o, "device_type_name", NULL);
	json_object_object_add(o, "features", virtio_json_features(0, f));
	json_object_object_add(o, "bits", virtio_json_feature_bits(0, f));
	json_object_object_add(o, "device_specific_bits", need);
	json_object_array_add(arr, o);
}

static void features_cli_emit(json_object *arr, const char *what, uint32_t type,
			      const struct vdisc_virtio_features *f,
			      const struct vdisc_virtio_sysfs_dev *d)
{
	char tbuf[32], hex[64];
	json_object *o;
	size_t used = 0;
	unsigned i;

	if (!arr) {
		printf("%s%s%s: ", what, what[0] ? " " : "",
		       virtio_type_text(type, tbuf, sizeof(tbuf)));
		virtio_print_features(stdout, type, f);
		if (d && d->has_status) {
			fputs("\n  status: ", stdout);
			virtio_print_status(stdout, d->status);
		}
		if (d)
			printf("\n  driver: %s, transport device: %s",
			       d->driver[0] ? d->driver : "none", d->parent[0] ? d->parent : "?");
		putchar('\n');
		return;
	}
	o = json_object_new_object();
	if (what[0])
		json_object_object_add(o, "name", json_object_new_string(what));
	json_object_object_add(o, "device_type", json_object_new_uint64(type));
	json_object_object_add(o, "device_type_name",
			       vdisc_virtio_device_name(type)
				       ? json_object_new_string(vdisc_virtio_device_name(type))
				       : NULL);
	/* The raw words too, so a program can check our reading bit for bit. */
	used += (size_t)snprintf(hex, sizeof(hex), "0x");
	for (i = f->nwords; i-- > 0 && used < sizeof(hex);)
		used += (size_t)snprintf(hex + used, sizeof(hex) - used, "%08" PRIx32, f->word[i]);
	json_object_object_add(o, "raw", json_object_new_string(hex));
	json_object_object_add(o, "features", virtio_json_features(type, f));
	json_object_object_add(o, "bits", virtio_json_feature_bits(type, f));
	if (d) {
		json_object_object_add(o, "status",
				       d->has_status ? virtio_json_status(d->status) : NULL);
		json_object_object_add(o, "driver",
				       d->driver[0] ? json_object_new_string(d->driver) : NULL);
		json_object_object_add(o, "transport_device",
				       d->parent[0] ? json_object_new_string(d->parent) : NULL);
	}
	json_object_array_add(arr, o);
}

static int features_cli_sysfs(const struct virtio_options *opt)
{
	const char *root = opt->sysfs_root ? opt->sysfs_root : VIRTIO_SYSFS;
	struct vdisc_virtio_sysfs_dev *devs;
	json_object *arr = opt->json ? json_object_new_array() : NULL;
	size_t n, i;
	int err = vdisc_virtio_sysfs_list(root, &devs, &n), os = errno;

	if (err) {
		if (arr)
			json_object_put(arr);
		cli_error("%s: %s (no virtio bus here)", root, strerror(os));
		/* the machine's own bus missing is "not here"; a root the user named, unreadable */
		return opt->sysfs_root ? cli_exit_for_errno(os) : VDISC_EXIT_UNAVAILABLE;
	}
	for (i = 0; i < n; i++)
		if (devs[i].has_features)
			features_cli_emit(arr, devs[i].name, devs[i].device_id, &devs[i].negotiated,
					  &devs[i]);
	free(devs);
	if (arr)
		cli_json_print(stdout, arr);
	else if (n == 0)
		printf("no virtio devices on this machine\n");
	return VDISC_EXIT_OK;
}

int virtio_cmd_features(const struct virtio_options *opt)
{
	struct vdisc_virtio_features f = {{0}, 0};
	json_object *arr;
	uint32_t type;
	int i;

	if (opt->sysfs)
		return features_cli_sysfs(opt);
	if (opt->type && virtio_parse_type(opt->type, &type) != 0) {
		cli_error("--type %s: not a number or a type name (see 'vdisc virtio types')",
			  opt->type);
		return VDISC_EXIT_USAGE;
	}
	if (opt->bits && !vdisc_virtio_sysfs_parse_features(opt->bits, &f)) {
		cli_error("--bits %s: not a string of 0 and 1 of at most %d bits", opt->bits,
			  32 * VDISC_VIRTIO_FEATURE_WORDS);
		return VDISC_EXIT_USAGE;
	}
	for (i = 0; !opt->bits && i < opt->nwords; i++)
		if (virtio_parse_word(opt->words[i], (unsigned)i, &f) != 0) {
			cli_error("%s: not a 64-bit hexadecimal feature word (at most %d words)",
				  opt->words[i], VDISC_VIRTIO_FEATURE_WORDS / 2);
			return VDISC_EXIT_USAGE;
		}
	if (!opt->bits && opt->nwords == 0) {
		cli_error("features: give a feature word (HEX...), --bits or --sysfs");
		return VDISC_EXIT_USAGE;
	}
	arr = opt->json ? json_object_new_array() : NULL;
	if (opt->type)
		features_cli_emit(arr, "", type, &f, NULL);
	else
		features_cli_untyped(arr, &f);
	if (arr)
		cli_json_print(stdout, arr);
	return VDISC_EXIT_OK;
}
