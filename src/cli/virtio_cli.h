/* SPDX-License-Identifier: MIT */
#ifndef VDISC_VIRTIO_CLI_H
#define VDISC_VIRTIO_CLI_H

#include <stdio.h>

#include <vdisc/vdisc.h>

#include "hosted/virtio_sysfs.h"

struct json_object;

/* virtio_names.c */
void virtio_print_features(FILE *out, uint32_t device_type, const struct vdisc_virtio_features *f);
void virtio_print_status(FILE *out, uint32_t status);
struct json_object *virtio_json_features(uint32_t device_type,
					 const struct vdisc_virtio_features *f);
struct json_object *virtio_json_status(uint32_t status);
const char *virtio_type_text(uint32_t type, char *buf, size_t len);
const char *virtio_pci_kind_name(enum vdisc_virtio_pci_kind kind);

/* virtio_mmio_cli.c */
int virtio_mmio_probe_print(uint64_t base, uint64_t size, struct json_object *arr, bool quiet);
int virtio_window_error(const char *what, int err);
int virtio_print_config(FILE *out, struct json_object *obj, uint32_t type,
			const struct vdisc_virtio_features *features,
			const struct vdisc_virtio_config_ops *ops);

#endif
