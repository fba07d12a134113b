/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>

#include "cli.h"
#include "virtio_cli.h"

/* vdisc virtio types: the device id table with each type's virtio-pci ids and aliases. */

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
	const char *alias;
	size_t i;

	printf("%3" PRIu32 "  %-24s pci %04x:%04x", type, name, VDISC_VIRTIO_PCI_VENDOR,
	       VDISC_VIRTIO_PCI_MODERN_BASE + type);
	for (i = 0; (alias = virtio_type_alias(type, i)) != NULL; i++)
		printf("%s%s", i ? ", " : "  alias ", alias);
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
