/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>
#include <string.h>

#include "cli.h"
#include "virtio_cli.h"

/* vdisc virtio types: the device id table with each type's virtio-pci ids and aliases. */

/*
 * Transitional PCI device ids (virtio 1.3, 4.1.2.3): the legacy drivers' ids, kept by
 * transitional devices; not 0x1000 + type, and only these seven types have one.
 */
static const struct {
	uint32_t type;
	uint16_t pci_id;
} types_cli_transitional[] = {
	{VDISC_VIRTIO_ID_NET, 0x1000},	   {VDISC_VIRTIO_ID_BLOCK, 0x1001},
	{VDISC_VIRTIO_ID_BALLOON, 0x1002}, {VDISC_VIRTIO_ID_CONSOLE, 0x1003},
	{VDISC_VIRTIO_ID_SCSI, 0x1004},	   {VDISC_VIRTIO_ID_ENTROPY, 0x1005},
	{VDISC_VIRTIO_ID_9P, 0x1009},
};

/* The transitional id of @type, or 0 where it has none. */
static uint16_t types_cli_legacy_id(uint32_t type)
{
	size_t i;

	for (i = 0; i < sizeof(types_cli_transitional) / sizeof(types_cli_transitional[0]); i++)
		if (types_cli_transitional[i].type == type)
			return types_cli_transitional[i].pci_id;
	return 0;
}

static json_object *types_cli_aliases(uint32_t type)
{
	json_object *arr = json_object_new_array();
	const char *alias;
	size_t i;

	for (i = 0; (alias = virtio_type_alias(type, i)) != NULL; i++)
		json_object_array_add(arr, json_object_new_string(alias));
	return arr;
}

static void types_cli_line(uint32_t type, const char *name)
{
	uint16_t legacy = types_cli_legacy_id(type);
	const char *alias;
	char ids[64];
	size_t i;

	snprintf(ids, sizeof(ids), "pci %04x:%04x", VDISC_VIRTIO_PCI_VENDOR,
		 VDISC_VIRTIO_PCI_MODERN_BASE + type);
	if (legacy)
		snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), ", transitional %04x:%04x",
			 VDISC_VIRTIO_PCI_VENDOR, legacy);
	printf("%3" PRIu32 "  %-24s %s", type, name, ids);
	for (i = 0; (alias = virtio_type_alias(type, i)) != NULL; i++)
		printf("%*s%s", i ? 0 : (int)(38 - strlen(ids)), i ? ", " : "  alias ", alias);
	putchar('\n');
}

int virtio_cmd_types(const struct virtio_options *opt)
{
	uint32_t ids[256];
	size_t n = vdisc_virtio_device_ids(ids, 256), i;
	json_object *arr = opt->json ? json_object_new_array() : NULL;

	if (n > 256)
		n = 256;
	for (i = 0; i < n; i++) {
		const char *name = vdisc_virtio_device_name(ids[i]);

		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_uint64(ids[i]));
			json_object_object_add(o, "name", json_object_new_string(name));
			json_object_object_add(
				o, "pci_modern_device_id",
				json_object_new_uint64(VDISC_VIRTIO_PCI_MODERN_BASE + ids[i]));
			json_object_object_add(
				o, "pci_transitional_device_id",
				types_cli_legacy_id(ids[i])
					? json_object_new_uint64(types_cli_legacy_id(ids[i]))
					: NULL);
			json_object_object_add(o, "aliases", types_cli_aliases(ids[i]));
			json_object_array_add(arr, o);
		} else {
			types_cli_line(ids[i], name);
		}
	}
	if (arr)
		cli_json_print(stdout, arr);
	return VDISC_EXIT_OK;
}
