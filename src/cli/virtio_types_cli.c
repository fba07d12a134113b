/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <json-c/json.h>

#include "cli.h"
#include "virtio_cli.h"

/* vdisc virtio types: the device id table with each type's virtio-pci ids. */

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
			json_object_array_add(arr, o);
		} else {
			printf("%3" PRIu32 "  %-24s pci %04x:%04x\n", ids[i], name,
			       VDISC_VIRTIO_PCI_VENDOR, VDISC_VIRTIO_PCI_MODERN_BASE + ids[i]);
		}
	}
	if (arr)
		cli_json_print(stdout, arr);
	return VDISC_EXIT_OK;
}
